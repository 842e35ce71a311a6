package org.diplomaticledger.history.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.support.LedgerClient;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A scripted story of Bhutan's embassy in Mongolia (BT-MN, a pair no other test uses) and talks in Ulaanbaatar:
 * an expulsion's count is corrected and the next departure is judged on the corrected number; an accreditation is
 * retracted and the person can be accredited again; an accreditation a later expulsion depends on cannot be
 * retracted; bad corrections are refused, naming the field, and write nothing; and the histories list every event
 * with its corrections.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CorrectionsHttpTest extends LedgerIntegrationTest {

    private static final String MISSION = "BT-MN-EMBASSY-ULAANBAATAR";
    private static final String TALKS = "ulaanbaatar-corrections-2031";

    private static String expulsionEventId;
    private static String correctionEventId;
    private static long correctionPosition;
    private static String wangchukAccreditation;
    private static String dorjiAccreditation;
    private static String dorjiExpulsionEventId;

    private static String eventId(JsonNode receipt) {
        return receipt.path("events").get(0).path("eventId").asText();
    }

    @Test
    @Order(1)
    void theStoryIsRecorded() {
        ledger.accepted("OpenMission", """
                {"sendingState": "BT", "receivingState": "MN", "kind": "EMBASSY", "city": "Ulaanbaatar",
                 "effectiveDate": "2020-01-01", "source": "Bhutan MFA"}""");
        wangchukAccreditation = eventId(ledger.accepted("AccreditDiplomat", """
                {"missionId": "%s", "name": "Karma Wangchuk", "category": "DIPLOMATIC", "effectiveDate": "2020-02-01",
                 "source": "Bhutan MFA"}""".formatted(MISSION)));
        dorjiAccreditation = eventId(ledger.accepted("AccreditDiplomat", """
                {"missionId": "%s", "name": "Pema Dorji", "category": "DIPLOMATIC", "effectiveDate": "2020-02-01",
                 "source": "Bhutan MFA"}""".formatted(MISSION)));
        ledger.accepted("RecordStaffCount", """
                {"sendingState": "BT", "receivingState": "MN", "missionId": "%s", "headcount": 10,
                 "effectiveDate": "2020-03-01", "source": "Montsame"}""".formatted(MISSION));
        expulsionEventId = eventId(ledger.accepted("ExpelDiplomat", """
                {"missionId": "%s", "count": 5, "expulsionId": "mn-expels-5-2021", "departureDeadline": "2021-01-08",
                 "effectiveDate": "2021-01-01", "source": "Montsame"}""".formatted(MISSION)));
        dorjiExpulsionEventId = eventId(ledger.accepted("ExpelDiplomat", """
                {"missionId": "%s", "personIds": ["pema-dorji"], "expulsionId": "mn-expels-dorji-2021",
                 "departureDeadline": "2021-02-08", "effectiveDate": "2021-02-01", "source": "Montsame"}""".formatted(MISSION)));
        ledger.accepted("ScheduleTalks", """
                {"talksId": "%s", "parties": ["BT", "MN"], "venue": {"city": "Ulaanbaatar", "country": "MN"},
                 "date": "2031-05-01", "scope": "consular matters", "format": "OFFICIALS", "source": "Montsame"}""".formatted(TALKS));
    }

    @Test
    @Order(2)
    void aCorrectionIsRecordedInTheStreamOfTheAggregateThatOwnsTheEventAndAudited() {
        LedgerClient.Response response = ledger.command(
                "clerk",
                "CorrectEntry",
                """
                {"eventId": "%s", "corrections": {"count": 3}, "reason": "the agency said 3, not 5",
                 "source": {"text": "Montsame correction", "url": "https://example.org/correction"}}""".formatted(expulsionEventId),
                Map.of("X-Correlation-Id", "bt-mn-correction-1"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode receipt = response.json();
        assertThat(receipt.path("aggregateId").asText()).isEqualTo("BT-MN");
        assertThat(receipt.path("events")).hasSize(1);
        assertThat(receipt.path("events").get(0).path("type").asText()).isEqualTo("EntryCorrected");
        correctionEventId = eventId(receipt);
        correctionPosition = receipt.path("position").asLong();

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT payload, meta_data FROM domain_event_entry WHERE event_identifier = ?", correctionEventId);
        String payload = new String((byte[]) row.get("payload"));
        String metaData = new String((byte[]) row.get("meta_data"));
        assertThat(payload)
                .contains(
                        "\"eventId\":\"" + expulsionEventId + "\"",
                        "\"count\":3",
                        "\"effectiveDate\":\"2021-01-01\"",
                        "Montsame correction");
        assertThat(metaData)
                .contains(
                        "\"actor\":\"clerk\"",
                        "\"correlationId\":\"bt-mn-correction-1\"",
                        "\"command\":\"CorrectEntry\"",
                        "\"commandId\":\"" + receipt.path("commandId").asText() + "\"");
        // The original stays untouched.
        String original = new String(jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE event_identifier = ?", byte[].class, expulsionEventId));
        assertThat(original).contains("\"count\":5");
    }

    @Test
    @Order(3)
    void theNextCommandSeesTheCorrectedNumber() {
        LedgerClient.Response tooMany = ledger.command("clerk", "RecordDeparture", """
                {"missionId": "%s", "count": 4, "expulsionId": "mn-expels-5-2021", "effectiveDate": "2021-01-05",
                 "source": "Montsame"}""".formatted(MISSION));
        assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(409);
        assertThat(tooMany.json().path("rule").asText()).isEqualTo("more-than-expelled");
        assertThat(tooMany.json().path("detail").asText()).contains("only 3");
        ledger.accepted("RecordDeparture", """
                {"missionId": "%s", "count": 3, "expulsionId": "mn-expels-5-2021", "effectiveDate": "2021-01-05",
                 "source": "Montsame"}""".formatted(MISSION));
    }

    @Test
    @Order(4)
    void aRetractedAccreditationCanBeRecordedAgain() {
        LedgerClient.Response again = ledger.command("clerk", "AccreditDiplomat", """
                {"missionId": "%s", "name": "Karma Wangchuk", "category": "DIPLOMATIC", "source": "Bhutan MFA"}""".formatted(MISSION));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("rule").asText()).isEqualTo("already-accredited");

        JsonNode retraction = ledger.accepted("RetractEntry", """
                {"eventId": "%s", "reason": "reported in error: he never took up the post", "source": "Bhutan MFA"}""".formatted(wangchukAccreditation));
        assertThat(retraction.path("events").get(0).path("type").asText()).isEqualTo("EntryRetracted");

        ledger.accepted("AccreditDiplomat", """
                {"missionId": "%s", "name": "Karma Wangchuk", "category": "DIPLOMATIC", "effectiveDate": "2022-06-01",
                 "source": "Bhutan MFA"}""".formatted(MISSION));
    }

    @Test
    @Order(5)
    void aFactALaterEventDependsOnCannotBeRetracted() {
        long before = eventCount();
        LedgerClient.Response response = ledger.command("clerk", "RetractEntry", """
                {"eventId": "%s", "reason": "wrong", "source": "Bhutan MFA"}""".formatted(dorjiAccreditation));
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.json().path("rule").asText()).isEqualTo("entry-has-dependents");
        assertThat(response.json().path("field").asText()).isEqualTo("eventId");
        assertThat(response.json().path("detail").asText()).contains(dorjiExpulsionEventId);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void badCorrectionsAreRefusedNamingTheFieldAndWriteNothing() {
        long before = eventCount();
        record Case(String command, String body, int status, String field) {}
        List<Case> cases = List.of(
                new Case("CorrectEntry", """
                        {"eventId": "no-such-event", "corrections": {"count": 3}, "reason": "x", "source": "y"}""", 422, "eventId"),
                new Case("RetractEntry", """
                        {"eventId": "no-such-event", "reason": "x", "source": "y"}""", 422, "eventId"),
                new Case("CorrectEntry", """
                        {"eventId": "%s", "corrections": {"count": "many"}, "reason": "x", "source": "y"}""".formatted(expulsionEventId), 400, "corrections.count"),
                new Case("CorrectEntry", """
                        {"eventId": "%s", "corrections": {"colour": "red"}, "reason": "x", "source": "y"}""".formatted(expulsionEventId), 400, "corrections.colour"),
                new Case("CorrectEntry", """
                        {"eventId": "%s", "corrections": {"missionId": "BT-MN-EMBASSY-X"}, "reason": "x", "source": "y"}""".formatted(expulsionEventId), 409, "corrections.missionId"),
                new Case("CorrectEntry", """
                        {"eventId": "%s", "corrections": {"count": 3}, "reason": "x", "source": "y"}""".formatted(expulsionEventId), 409, "corrections"),
                new Case("CorrectEntry", """
                        {"eventId": "%s", "corrections": {}, "reason": "x", "source": "y"}""".formatted(expulsionEventId), 400, "corrections"),
                new Case("CorrectEntry", """
                        {"eventId": "%s", "corrections": {"count": 2}, "reason": "x", "source": "y"}""".formatted(correctionEventId), 409, "eventId"),
                new Case("CorrectEntry", """
                        {"eventId": "%s", "corrections": {"name": "K. Wangchuk"}, "reason": "x", "source": "y"}""".formatted(wangchukAccreditation), 409, "eventId"),
                new Case("RetractEntry", """
                        {"eventId": "%s", "source": "y"}""".formatted(expulsionEventId), 400, "reason"));
        List<String> seen = new ArrayList<>();
        for (Case c : cases) {
            LedgerClient.Response response = ledger.command("clerk", c.command(), c.body());
            assertThat(response.status()).as(c + " -> " + response).isEqualTo(c.status());
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().path("field").asText())
                    .as(c + " -> " + response)
                    .isEqualTo(c.field());
            seen.add(response.json().path("type").asText());
        }
        assertThat(seen)
                .contains(
                        "urn:diplomatic-ledger:problem:unknown-event",
                        "urn:diplomatic-ledger:problem:invalid-input",
                        "urn:diplomatic-ledger:problem:identity-not-correctable",
                        "urn:diplomatic-ledger:problem:correction-changes-nothing",
                        "urn:diplomatic-ledger:problem:entry-is-revision",
                        "urn:diplomatic-ledger:problem:entry-retracted");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    @Order(7)
    void inOneImportCommandsAfterARevisionOfTheSameRecordAreRefusedAndNothingIsWritten() {
        long before = eventCount();
        String ndjson = """
                {"command": "CorrectEntry", "payload": {"eventId": "%s", "corrections": {"departureDeadline": "2021-01-15"}, "reason": "a week more", "source": "Montsame"}}
                {"command": "RecordStaffChange", "payload": {"missionId": "%s", "change": 1, "source": "Montsame"}}
                """.formatted(expulsionEventId, MISSION);
        LedgerClient.Response response =
                ledger.post("clerk", "/api/v1/imports", "application/x-ndjson", ndjson, Map.of());
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.json().path("rule").asText()).isEqualTo("revised-in-this-write");
        assertThat(response.json().path("line").asInt()).isEqualTo(2);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    @Order(8)
    void thePresenceHistoryListsEveryEventWithItsCorrections() {
        LedgerClient.Response response = ledger.get("auditor", "/api/v1/presences/BTN/MN/history");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode history = response.json();
        assertThat(history.path("aggregateId").asText()).isEqualTo("BT-MN");
        List<String> types = new ArrayList<>();
        history.path("items").forEach(item -> types.add(item.path("type").asText()));
        assertThat(types)
                .containsExactly(
                        "MissionOpened",
                        "DiplomatAccredited",
                        "DiplomatAccredited",
                        "StaffCountReported",
                        "DiplomatExpelled",
                        "DiplomatExpelled",
                        "EntryCorrected",
                        "CountedStaffDeparted",
                        "EntryRetracted",
                        "DiplomatAccredited");
        assertThat(history.path("total").asLong()).isEqualTo(10);
        long previous = -1;
        for (JsonNode item : history.path("items")) {
            assertThat(item.path("position").asLong()).isGreaterThan(previous);
            previous = item.path("position").asLong();
            assertThat(item.path("actor").asText()).isEqualTo("clerk");
            assertThat(item.path("recordedAt").asText()).isNotBlank();
            assertThat(item.path("correlationId").asText()).isNotBlank();
        }

        JsonNode expulsion = history.path("items").get(4);
        assertThat(expulsion.path("eventId").asText()).isEqualTo(expulsionEventId);
        assertThat(expulsion.path("status").asText()).isEqualTo("CORRECTED");
        assertThat(expulsion.path("command").asText()).isEqualTo("ExpelDiplomat");
        assertThat(expulsion.path("effectiveDate").asText()).isEqualTo("2021-01-01");
        assertThat(expulsion.path("source").path("text").asText()).isEqualTo("Montsame");
        assertThat(expulsion.path("payload").path("count").asInt()).isEqualTo(5);
        assertThat(expulsion.path("current").path("count").asInt()).isEqualTo(3);
        JsonNode correction = expulsion.path("corrections").get(0);
        assertThat(correction.path("eventId").asText()).isEqualTo(correctionEventId);
        assertThat(correction.path("actor").asText()).isEqualTo("clerk");
        assertThat(correction.path("correlationId").asText()).isEqualTo("bt-mn-correction-1");
        assertThat(correction.path("reason").asText()).isEqualTo("the agency said 3, not 5");
        assertThat(correction.path("source").path("url").asText()).isEqualTo("https://example.org/correction");
        assertThat(correction.path("corrected").path("count").asInt()).isEqualTo(3);
        // The value shown now comes with the provenance of the correction that set it, the original beneath.
        assertThat(expulsion.path("current").path("source").path("text").asText())
                .isEqualTo("Montsame correction");
        assertThat(expulsion.path("current").path("source").path("url").asText())
                .isEqualTo("https://example.org/correction");
        JsonNode setBy = expulsion.path("currentSetBy");
        assertThat(setBy.path("eventId").asText()).isEqualTo(correctionEventId);
        assertThat(setBy.path("type").asText()).isEqualTo("EntryCorrected");
        assertThat(setBy.path("actor").asText()).isEqualTo("clerk");
        assertThat(setBy.path("source").path("text").asText()).isEqualTo("Montsame correction");
        assertThat(setBy.path("reason").asText()).isEqualTo("the agency said 3, not 5");
        JsonNode original = expulsion.path("original");
        assertThat(original.path("payload").path("count").asInt()).isEqualTo(5);
        assertThat(original.path("source").path("text").asText()).isEqualTo("Montsame");
        assertThat(original.path("actor").asText()).isEqualTo("clerk");
        // An event never corrected is its own provenance, and has no original beneath.
        JsonNode opened = history.path("items").get(0);
        assertThat(opened.path("currentSetBy").path("eventId").asText())
                .isEqualTo(opened.path("eventId").asText());
        assertThat(opened.path("currentSetBy").path("source").path("text").asText())
                .isEqualTo("Bhutan MFA");
        assertThat(opened.path("original").isMissingNode()
                        || opened.path("original").isNull())
                .isTrue();

        JsonNode retracted = history.path("items").get(1);
        assertThat(retracted.path("status").asText()).isEqualTo("RETRACTED");
        assertThat(retracted.path("current").isMissingNode()
                        || retracted.path("current").isNull())
                .isTrue();
        assertThat(retracted.path("corrections").get(0).path("reason").asText()).contains("never took up the post");

        JsonNode revision = history.path("items").get(6);
        assertThat(revision.path("status").asText()).isEqualTo("REVISION");
        assertThat(revision.path("revises").path("eventId").asText()).isEqualTo(expulsionEventId);
        assertThat(revision.path("command").asText()).isEqualTo("CorrectEntry");
    }

    @Test
    @Order(9)
    void theExpulsionViewShowsTheCorrectedCountUnderTheCorrectingSource() {
        LedgerClient.Response response =
                ledger.get("analyst", "/api/v1/expulsions/mn-expels-5-2021?atLeast=" + correctionPosition);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode expulsion = response.json().path("expulsion");
        assertThat(expulsion.path("count").asInt()).as(expulsion.toString()).isEqualTo(3);
        assertThat(expulsion.path("source").asText()).as(expulsion.toString()).isEqualTo("Montsame correction");
        assertThat(expulsion.path("sourceUrl").asText()).isEqualTo("https://example.org/correction");
    }

    @Test
    @Order(10)
    void theHistoryReadsAsCsvOneRowPerEventWithTheCurrentValuesProvenance() {
        LedgerClient.Response csv = ledger.getAccept("auditor", "/api/v1/presences/BT/MN/history", "text/csv");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0])
                .startsWith("position,eventId,type,sequenceNumber,effectiveDate,recordedAt,actor,source,sourceUrl,")
                .contains(
                        ",status,revises,currentSetByEventId,currentSetByType,currentSetByActor,",
                        ",currentSource,currentSourceUrl,reason,payload,current");
        JsonNode json = ledger.get("auditor", "/api/v1/presences/BT/MN/history").json();
        assertThat(lines).hasSize(1 + (int) json.path("total").asLong());
        String expulsion = java.util.Arrays.stream(lines)
                .filter(line -> line.contains(expulsionEventId + ",DiplomatExpelled"))
                .findFirst()
                .orElseThrow();
        assertThat(expulsion)
                .contains(
                        ",Montsame,",
                        ",CORRECTED,,",
                        correctionEventId + ",EntryCorrected,clerk,",
                        ",Montsame correction,https://example.org/correction,\"the agency said 3, not 5\",")
                .contains("\"\"count\"\":5", "\"\"count\"\":3");
        // Paged like the JSON, and a page size beyond the JSON's limit is fine for CSV.
        assertThat(ledger.getAccept("auditor", "/api/v1/presences/BT/MN/history?size=2", "text/csv")
                        .body()
                        .split("\r\n"))
                .hasSize(3);
        assertThat(ledger.getAccept("auditor", "/api/v1/presences/BT/MN/history?size=5000", "text/csv")
                        .status())
                .isEqualTo(200);
        assertThat(ledger.get("auditor", "/api/v1/presences/BT/MN/history?size=5000")
                        .status())
                .isEqualTo(400);
    }

    @Test
    @Order(10)
    void aCorrectionOfTheSourceItselfKeepsTheSourceItNames() {
        String opened = ledger.get("auditor", "/api/v1/presences/BT/MN/history")
                .json()
                .path("items")
                .get(0)
                .path("eventId")
                .asText();
        ledger.accepted("CorrectEntry", """
                {"eventId": "%s", "corrections": {"source": {"text": "Bhutan MFA gazette"}}, "reason": "the gazette, not a statement",
                 "source": "Bhutan MFA archivist"}""".formatted(opened));
        JsonNode entry = ledger.get("auditor", "/api/v1/presences/BT/MN/history")
                .json()
                .path("items")
                .get(0);
        assertThat(entry.path("status").asText()).isEqualTo("CORRECTED");
        assertThat(entry.path("current").path("source").path("text").asText()).isEqualTo("Bhutan MFA gazette");
        assertThat(entry.path("currentSetBy").path("source").path("text").asText())
                .isEqualTo("Bhutan MFA archivist");
        assertThat(entry.path("original").path("source").path("text").asText()).isEqualTo("Bhutan MFA");
    }

    @Test
    @Order(11)
    void theMissionHistoryIsPagedAndTheTalksHistoryShowsItsCorrections() {
        JsonNode first = ledger.get("auditor", "/api/v1/missions/" + MISSION + "/history?size=4")
                .json();
        assertThat(first.path("total").asLong()).isEqualTo(11);
        assertThat(first.path("items")).hasSize(4);
        JsonNode last = ledger.get("auditor", "/api/v1/missions/" + MISSION + "/history?size=4&page=2")
                .json();
        assertThat(last.path("items")).hasSize(3);
        assertThat(last.path("items").get(1).path("type").asText()).isEqualTo("DiplomatAccredited");
        assertThat(last.path("items").get(2).path("type").asText()).isEqualTo("EntryCorrected");

        String scheduled = ledger.get("auditor", "/api/v1/talks/" + TALKS + "/history")
                .json()
                .path("items")
                .get(0)
                .path("eventId")
                .asText();
        ledger.accepted("CorrectEntry", """
                {"eventId": "%s", "corrections": {"scope": "consular and visa matters"}, "reason": "fuller scope",
                 "source": "Montsame, fuller report"}""".formatted(scheduled));
        JsonNode talks =
                ledger.get("auditor", "/api/v1/talks/" + TALKS + "/history").json();
        assertThat(talks.path("items").get(0).path("status").asText()).isEqualTo("CORRECTED");
        assertThat(talks.path("items").get(0).path("current").path("scope").asText())
                .isEqualTo("consular and visa matters");
        assertThat(talks.path("items").get(0).path("payload").path("scope").asText())
                .isEqualTo("consular matters");
        assertThat(talks.path("items")
                        .get(0)
                        .path("current")
                        .path("source")
                        .path("text")
                        .asText())
                .isEqualTo("Montsame, fuller report");
    }

    @Test
    @Order(12)
    void talksWhoseSchedulingWasRetractedTakeNoMoreEventsAndKeepTheirId() {
        String talks = "ulaanbaatar-never-2031";
        String schedule = """
                {"talksId": "%s", "parties": ["BT", "MN"], "venue": {"city": "Ulaanbaatar", "country": "MN"},
                 "date": "2031-06-01", "scope": "trade", "format": "OFFICIALS", "source": "Montsame"}""".formatted(talks);
        String scheduled = eventId(ledger.accepted("ScheduleTalks", schedule));
        ledger.accepted("RetractEntry", """
                {"eventId": "%s", "reason": "no such talks were announced", "source": "Bhutan MFA"}""".formatted(scheduled));

        LedgerClient.Response postponed = ledger.command("clerk", "PostponeTalks", """
                {"talksId": "%s", "source": "Montsame"}""".formatted(talks));
        assertThat(postponed.status()).as(postponed.toString()).isEqualTo(409);
        assertThat(postponed.json().path("rule").asText()).isEqualTo("unknown-aggregate");
        // An id once used stays used, so that no reader of the ledger ever sees two schedulings of the same talks.
        LedgerClient.Response again = ledger.command("clerk", "ScheduleTalks", schedule);
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().path("rule").asText()).isEqualTo("talks-already-scheduled");
        assertThat(again.json().path("detail").asText()).contains("retracted");
    }

    @Test
    @Order(13)
    void historiesAreForAuditorsAndClerksAndAnswerUnknownIdsWith404() {
        assertThat(ledger.get("analyst", "/api/v1/presences/BT/MN/history").status())
                .isEqualTo(403);
        // A clerk finds there the event id a correction names, and corrects it.
        LedgerClient.Response clerk = ledger.get("clerk", "/api/v1/missions/" + MISSION + "/history");
        assertThat(clerk.status()).as(clerk.toString()).isEqualTo(200);
        String accreditation = null;
        for (JsonNode item : clerk.json().path("items")) {
            if (item.path("type").asText().equals("DiplomatAccredited")
                    && item.path("status").asText().equals("RECORDED")
                    && item.path("payload").path("name").asText().equals("Pema Dorji")) {
                accreditation = item.path("eventId").asText();
            }
        }
        assertThat(accreditation).isEqualTo(dorjiAccreditation);
        ledger.accepted("CorrectEntry", """
                {"eventId": "%s", "corrections": {"effectiveDate": "2020-02-03"}, "reason": "arrived on the 3rd",
                 "source": "Bhutan MFA"}""".formatted(accreditation));
        assertThat(ledger.get("integrator", "/api/v1/talks/" + TALKS + "/history")
                        .status())
                .isEqualTo(403);
        assertThat(ledger.get(null, "/api/v1/presences/BT/MN/history").status()).isEqualTo(401);
        for (String path : List.of(
                "/api/v1/presences/MN/BT/history",
                "/api/v1/missions/BT-MN-EMBASSY-NOWHERE/history",
                "/api/v1/talks/no-such-talks-2031/history",
                "/api/v1/talks/BT-MN/history")) {
            LedgerClient.Response response = ledger.get("auditor", path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        LedgerClient.Response bad = ledger.get("auditor", "/api/v1/presences/XX/MN/history");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(ledger.get("auditor", "/api/v1/presences/BT/MN/history?size=0")
                        .status())
                .isEqualTo(400);
    }
}
