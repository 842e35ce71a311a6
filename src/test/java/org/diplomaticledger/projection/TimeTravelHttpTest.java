package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.awaitility.Awaitility;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A scripted history of Ecuador's presence in Bolivia, and of Uruguay's and Paraguay's in each other, with late facts, future dates, a
 * correction and a retraction, read at several points in effective time ({@code asOf}) and recorded time
 * ({@code knownAt}); every expected answer is worked out by hand in the comments.
 */
class TimeTravelHttpTest extends LedgerIntegrationTest {

    private static final String SRC = "\"source\": \"time travel test\"";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Test
    void staffingAnswersForAnyDayAsKnownAtAnyMoment() throws Exception {
        Instant beforeAll = Instant.now();
        send("OpenMission", """
                {"sendingState": "EC", "receivingState": "BO", "kind": "EMBASSY", "city": "La Paz", "effectiveDate": "2015-01-01", %s}""");
        send("RecordStaffCount", """
                {"sendingState": "EC", "receivingState": "BO", "headcount": 40, "effectiveDate": "2016-01-01", %s}""");
        Instant t1 = Instant.now();
        JsonNode fiftyFive = send("RecordStaffCount", """
                {"sendingState": "EC", "receivingState": "BO", "headcount": 55, "effectiveDate": "2017-06-01", %s}""");
        Instant t2 = Instant.now();
        // A late fact: recorded after the 2017-06-01 count, but it took effect before it.
        JsonNode late = send("RecordStaffCount", """
                {"sendingState": "EC", "receivingState": "BO", "headcount": 45, "effectiveDate": "2017-01-01", %s}""");
        Instant t3 = Instant.now();
        // A ceiling that takes effect next month.
        long position = send("ImposeStaffCeiling", """
                {"sendingState": "EC", "receivingState": "BO", "limit": 30, "ceilingId": "ec-bo-cap", "effectiveDate": "%s", %s}""".formatted(TODAY.plusDays(30), "%s"))
                .get("position")
                .asLong();
        Instant t4 = Instant.now();

        // "On t1, how many did the ledger show in Bolivia for 1 January 2018?" Only the 2016 count was recorded: 40.
        assertThat(total("asOf=2018-01-01&knownAt=" + t1, position)).isEqualTo(40);
        // By t2 the 2017-06-01 count of 55 was recorded.
        assertThat(total("asOf=2018-01-01&knownAt=" + t2, position)).isEqualTo(55);
        // For 1 March 2017: at t2 the ledger still showed the 2016 count; the late fact (45 from 2017-01-01) changes
        // the answer for that day from t3 on, and today.
        assertThat(total("asOf=2017-03-01&knownAt=" + t2, position)).isEqualTo(40);
        assertThat(total("asOf=2017-03-01&knownAt=" + t3, position)).isEqualTo(45);
        assertThat(total("asOf=2017-03-01", position)).isEqualTo(45);
        // But not the later answer: from 2017-06-01 on it is 55, whenever asked.
        assertThat(total("asOf=2018-01-01", position)).isEqualTo(55);
        // Before the first count the embassy was open with nobody counted; before anything was recorded, nothing.
        assertThat(total("asOf=2015-06-01", position)).isEqualTo(0);
        assertThat(get("/api/v1/presences/EC/BO?knownAt=" + beforeAll, position).status())
                .isEqualTo(404);

        // The ceiling: not in force today, in force from next month; known only from t4.
        Response today = get("/api/v1/presences/EC/BO", position);
        assertThat(today.json().at("/presence/ceilings")).isEmpty();
        assertThat(today.header(TimePoint.AS_OF_HEADER)).isEqualTo(TODAY.toString());
        Response nextMonth = get("/api/v1/presences/EC/BO?asOf=" + TODAY.plusDays(31), position);
        assertThat(nextMonth.json().at("/presence/ceilings/0/limit").asInt()).isEqualTo(30);
        assertThat(nextMonth.header(TimePoint.AS_OF_HEADER))
                .isEqualTo(TODAY.plusDays(31).toString());
        assertThat(get("/api/v1/presences/EC/BO?asOf=" + TODAY.plusDays(31) + "&knownAt=" + t3, position)
                        .json()
                        .at("/presence/ceilings"))
                .isEmpty();

        // A correction: the 2017-06-01 count was 60, not 55. Present and asOf answers take it; before it, the old view.
        long corrected = correct(fiftyFive.at("/events/0/eventId").asText(), Map.of("headcount", 60));
        Instant t5 = Instant.now();
        assertThat(total("asOf=2018-01-01", corrected)).isEqualTo(60);
        assertThat(total("asOf=2018-01-01&knownAt=" + t4, corrected)).isEqualTo(55);
        assertThat(total("asOf=2017-03-01", corrected)).isEqualTo(45);

        // A retraction: the late count of 45 should never have been recorded. 1 March 2017 is the 2016 count again.
        long retracted = retract(late.at("/events/0/eventId").asText());
        assertThat(total("asOf=2017-03-01", retracted)).isEqualTo(40);
        assertThat(total("asOf=2017-03-01&knownAt=" + t5, retracted)).isEqualTo(45);
        assertThat(total("asOf=2018-01-01", retracted)).isEqualTo(60);

        // The monthly headcount trend as known now and as known at t2 (before the late fact and the correction).
        JsonNode trend = json("/api/v1/trends/headcount?sending=EC&receiving=BO&from=2016-12&to=2017-07", retracted);
        assertThat(trend.toString()).contains("\"month\":\"2017-03\"");
    }

    @Test
    void expulsionsTalksAndHeadsOfMissionAtEitherSideOfTheirDates() {
        send("OpenMission", """
                {"sendingState": "PY", "receivingState": "UY", "kind": "EMBASSY", "city": "Montevideo", "effectiveDate": "2010-01-01", %s}""");
        send("RecordStaffCount", """
                {"sendingState": "PY", "receivingState": "UY", "headcount": 20, "effectiveDate": "2010-01-01", %s}""");
        Instant beforeExpulsions = Instant.now();
        // Uruguay expels five of Paraguay's staff, to leave by 8 March 2019; Paraguay answers on the 4th.
        send("ExpelDiplomat", """
                {"sendingState": "PY", "receivingState": "UY", "count": 5, "expulsionId": "uy-expels-5", "departureDeadline": "2019-03-08",
                 "effectiveDate": "2019-03-01", %s}""");
        send("OpenMission", """
                {"sendingState": "UY", "receivingState": "PY", "kind": "CONSULATE_GENERAL", "city": "Salto", "effectiveDate": "2012-01-01", %s}""");
        send("RecordStaffCount", """
                {"sendingState": "UY", "receivingState": "PY", "missionId": "UY-PY-CONSULATE-GENERAL-SALTO", "headcount": 10, "effectiveDate": "2012-01-01", %s}""");
        long position = send("ExpelDiplomat", """
                {"sendingState": "UY", "receivingState": "PY", "count": 5, "expulsionId": "py-expels-5", "answersExpulsionId": "uy-expels-5",
                 "departureDeadline": "2019-03-11", "effectiveDate": "2019-03-04", %s}""").get("position").asLong();

        // Before either: none. Between them: Uruguay's alone, not answered yet and not overdue.
        assertThat(json("/api/v1/expulsions?state=PY&asOf=2019-02-01", position)
                        .get("total")
                        .asInt())
                .isEqualTo(0);
        JsonNode second = json("/api/v1/expulsions/uy-expels-5?asOf=2019-03-02", position);
        assertThat(second.toString()).contains("\"overdue\":false");
        assertThat(second.at("/expulsion/answeredBy")).isEmpty();
        // After the answer (read on both presences at the same point): answered; after the deadline: overdue.
        JsonNode fifth = json("/api/v1/expulsions/uy-expels-5?asOf=2019-03-05", position);
        assertThat(fifth.at("/expulsion/answeredBy/0/expulsionId").asText()).isEqualTo("py-expels-5");
        assertThat(json("/api/v1/expulsions/uy-expels-5?asOf=2019-03-10", position)
                        .toString())
                .contains("\"overdue\":true");
        // As the ledger knew it before the expulsions were recorded: nothing, whatever the day.
        assertThat(json("/api/v1/expulsions?state=PY&asOf=2019-03-10&knownAt=" + beforeExpulsions, position)
                        .get("total")
                        .asInt())
                .isEqualTo(0);

        // Heads of mission: Paraguay's embassy in Montevideo exists from 2010.
        assertThat(json("/api/v1/heads-of-mission?sending=PY&asOf=2009-06-01", position)
                        .get("total")
                        .asInt())
                .isEqualTo(0);
        assertThat(json("/api/v1/heads-of-mission?sending=PY&asOf=2011-06-01", position)
                        .get("total")
                        .asInt())
                .isEqualTo(1);

        // Talks announced today for next month, postponed (as announced today) from next week on.
        Instant beforeTalks = Instant.now();
        send("ScheduleTalks", """
                {"talksId": "uy-py-round-1", "parties": ["UY", "PY"], "venue": {"city": "Lima", "country": "PE"}, "date": "%s",
                 "scope": "consular operations", "format": "OFFICIALS", "effectiveDate": "%s", %s}""".formatted(TODAY.plusDays(40), TODAY, "%s"));
        long talks = send("PostponeTalks", """
                {"talksId": "uy-py-round-1", "reason": "elections", "newDate": "%s", "effectiveDate": "%s", %s}""".formatted(TODAY.plusDays(70), TODAY.plusDays(7), "%s"))
                .get("position")
                .asLong();
        assertThat(get("/api/v1/talks/uy-py-round-1?asOf=" + TODAY.minusDays(1), talks)
                        .status())
                .isEqualTo(404);
        assertThat(get("/api/v1/talks/uy-py-round-1?knownAt=" + beforeTalks, talks)
                        .status())
                .isEqualTo(404);
        JsonNode now = json("/api/v1/talks/uy-py-round-1", talks);
        assertThat(now.toString()).contains("\"status\":\"SCHEDULED\"", "\"date\":\"" + TODAY.plusDays(40) + "\"");
        JsonNode nextWeek = json("/api/v1/talks/uy-py-round-1?asOf=" + TODAY.plusDays(8), talks);
        assertThat(nextWeek.toString()).contains("\"status\":\"POSTPONED\"", "\"date\":\"" + TODAY.plusDays(70) + "\"");
        assertThat(json("/api/v1/talks?state=UY&asOf=" + TODAY.plusDays(8) + "&status=POSTPONED", talks)
                        .get("total")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void badPointsAreRefusedNamingTheParameter() {
        Response asOf = ledger.get("analyst", "/api/v1/presences/EC/BO?asOf=2018-13-01");
        assertThat(asOf.status()).isEqualTo(400);
        assertThat(asOf.body()).contains("asOf");
        Response knownAt = ledger.get("analyst", "/api/v1/talks?knownAt=yesterday");
        assertThat(knownAt.status()).isEqualTo(400);
        assertThat(knownAt.body()).contains("knownAt");
        // A moment still to come is read as now, within the ledger's time (up to 100 years ahead); beyond it, 400.
        Response future = ledger.get("analyst", "/api/v1/talks?knownAt=2100-01-01T00:00:00Z");
        assertThat(future.status()).isEqualTo(200);
        assertThat(Instant.parse(future.header(TimePoint.KNOWN_AT_HEADER)))
                .isBefore(Instant.parse("2100-01-01T00:00:00Z"));
        Response tooFar = ledger.get("analyst", "/api/v1/talks?knownAt=2999-01-01T00:00:00Z");
        assertThat(tooFar.status()).isEqualTo(400);
        assertThat(tooFar.json().path("parameter").asText()).isEqualTo("knownAt");
    }

    private JsonNode send(String command, String json) {
        return ledger.accepted(command, json.contains("%s") ? json.formatted(SRC) : json);
    }

    /** A read of the client's own write, asked again after 503 projection-behind as Retry-After says (busy machines). */
    private Response get(String path, long atLeast) {
        Response[] last = new Response[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> (last[0] = ledger.get("analyst", path, atLeast)).status() != 503);
        return last[0];
    }

    private JsonNode json(String path, long atLeast) {
        Response response = get(path, atLeast);
        assertThat(response.status()).as(path + " answered " + response).isEqualTo(200);
        return response.json();
    }

    private int total(String point, long atLeast) {
        Response response = get("/api/v1/presences/EC/BO?" + point, atLeast);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().at("/presence/headcount/total").asInt();
    }

    /** Corrects the event through CorrectEntry; the ledger position of the correction. */
    private long correct(String eventId, Map<String, Object> changes) throws Exception {
        String corrections = new ObjectMapper().writeValueAsString(changes);
        return send("CorrectEntry", """
                {"eventId": "%s", "corrections": %s, "reason": "the source corrected its count", %%s}""".formatted(eventId, corrections))
                .get("position")
                .asLong();
    }

    /** Retracts the event through RetractEntry; the ledger position of the retraction. */
    private long retract(String eventId) {
        return send("RetractEntry", """
                {"eventId": "%s", "reason": "never reported", %%s}""".formatted(eventId)).get("position").asLong();
    }
}
