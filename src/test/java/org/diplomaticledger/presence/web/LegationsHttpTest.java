package org.diplomaticledger.presence.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A legation raised to an embassy, through the real application: the United States' legation in Japan, opened in
 * 1859, became an embassy on 26 May 1906, when Luke E. Wright presented his letter of credence as ambassador with the
 * recall of the last minister, Lloyd Griscom (FRUS 1906, part 2, doc. 148). Griscom's dates here are the test's own.
 * The pairs US-JP and US-ES are this class's own.
 */
class LegationsHttpTest extends LedgerIntegrationTest {

    private static final String TOKYO = "US-JP-LEGATION-TOKYO";
    private static final String FRUS = """
            {"text": "FRUS 1906, part 2, doc. 148", "url": "https://history.state.gov/historicaldocuments/frus1906p2/d148"}""";

    private long send(String command, String json) {
        return ledger.accepted(command, json).path("position").asLong();
    }

    private JsonNode read(String path, long atLeast) {
        Response response = ledger.get("analyst", path, atLeast);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    void aLegationRaisedToAnEmbassyShowsItsKindAsOfTheDayAsked() {
        JsonNode opened = ledger.accepted("OpenMission", """
                {"sendingState": "US", "receivingState": "JP", "kind": "LEGATION", "city": "Tokyo",
                 "effectiveDate": "1859-07-01", "source": "the U.S. legation in Japan, 1859"}""");
        assertThat(opened.path("ids").path("missionId").asText()).isEqualTo(TOKYO);
        send("AppointAmbassador", """
                {"missionId": "%s", "name": "Lloyd Griscom", "effectiveDate": "1903-01-01", "source": "test"}""".formatted(TOKYO));
        send("PresentCredentials", """
                {"missionId": "%s", "personId": "lloyd-griscom", "step": "PRESENTATION_TO_HEAD_OF_STATE",
                 "effectiveDate": "1903-06-01", "source": "test"}""".formatted(TOKYO));
        send("AppointAmbassador", """
                {"missionId": "%s", "name": "Luke E. Wright", "headClass": "AMBASSADOR", "effectiveDate": "1906-01-25",
                 "source": "Men of Mark in America, vol. 2"}""".formatted(TOKYO));
        send("PresentCredentials", """
                {"missionId": "%s", "personId": "luke-e-wright", "step": "PRESENTATION_TO_HEAD_OF_STATE",
                 "effectiveDate": "1906-05-26", "source": %s}""".formatted(TOKYO, FRUS));
        JsonNode raised = ledger.accepted("ChangeMissionRank", """
                {"missionId": "%s", "kind": "EMBASSY", "effectiveDate": "1906-05-26", "source": %s}""".formatted(TOKYO, FRUS));
        assertThat(raised.path("ids").path("missionId").asText())
                .as("the mission keeps its id")
                .isEqualTo(TOKYO);
        assertThat(raised.path("events").get(0).path("type").asText()).isEqualTo("MissionRankChanged");
        long position = raised.path("position").asLong();
        Instant beforeTheRaise = Instant.parse(jdbc.queryForObject(
                        "SELECT time_stamp FROM domain_event_entry WHERE global_index = ?", String.class, position))
                .minusNanos(1000);

        // Missions and presences: the kind as of the day asked.
        JsonNode in1900 = read("/api/v1/presences/US/JP?asOf=1900-01-01", position);
        assertThat(in1900.path("missions").findValuesAsText("missionId")).containsExactly(TOKYO);
        assertThat(in1900.path("missions").get(0).path("kind").asText()).isEqualTo("LEGATION");
        assertThat(in1900.path("missions").get(0).path("status").asText()).isEqualTo("OPEN");
        JsonNode in1910 = read("/api/v1/presences/US/JP?asOf=1910-01-01", position);
        assertThat(in1910.path("missions").findValuesAsText("missionId")).containsExactly(TOKYO);
        assertThat(in1910.path("missions").get(0).path("kind").asText()).isEqualTo("EMBASSY");
        assertThat(in1910.path("missions").get(0).path("statusSince").asText())
                .as("its status did not change")
                .isEqualTo("1859-07-01");
        assertThat(read("/api/v1/missions/" + TOKYO + "?asOf=1906-05-25", position)
                        .path("mission")
                        .path("kind")
                        .asText())
                .isEqualTo("LEGATION");
        assertThat(read("/api/v1/missions/" + TOKYO + "?asOf=1906-05-26", position)
                        .path("mission")
                        .path("kind")
                        .asText())
                .isEqualTo("EMBASSY");
        assertThat(read("/api/v1/missions?state=JP&kind=LEGATION&asOf=1900-01-01", position)
                        .path("items")
                        .findValuesAsText("missionId"))
                .containsExactly(TOKYO);
        assertThat(read("/api/v1/missions?state=JP&kind=LEGATION&asOf=1910-01-01", position)
                        .path("items")
                        .size())
                .isZero();
        // Bitemporal: as the ledger stood before the raise was recorded, 1910 still showed a legation.
        assertThat(read("/api/v1/presences/US/JP?asOf=1910-01-01&knownAt=" + beforeTheRaise, position)
                        .path("missions")
                        .get(0)
                        .path("kind")
                        .asText())
                .isEqualTo("LEGATION");

        // Heads of mission: the post's kind as of the day, and each head's class as appointed.
        JsonNode post1900 = read("/api/v1/heads-of-mission?missionId=" + TOKYO + "&asOf=1900-01-01", position)
                .path("items")
                .get(0);
        assertThat(post1900.path("kind").asText()).isEqualTo("LEGATION");
        assertThat(post1900.path("vacant").asBoolean()).isTrue();
        JsonNode post1905 = read("/api/v1/heads-of-mission?missionId=" + TOKYO + "&asOf=1905-01-01", position)
                .path("items")
                .get(0);
        assertThat(post1905.path("kind").asText()).isEqualTo("LEGATION");
        assertThat(post1905.path("current").path("personId").asText()).isEqualTo("lloyd-griscom");
        assertThat(post1905.path("current").path("headClass").asText())
                .as("the head of a legation is an envoy")
                .isEqualTo("ENVOY");
        JsonNode post1910 = read("/api/v1/heads-of-mission?missionId=" + TOKYO + "&asOf=1910-01-01", position)
                .path("items")
                .get(0);
        assertThat(post1910.path("kind").asText()).isEqualTo("EMBASSY");
        assertThat(post1910.path("current").path("personId").asText()).isEqualTo("luke-e-wright");
        assertThat(post1910.path("current").path("headClass").asText()).isEqualTo("AMBASSADOR");
        assertThat(post1910.path("current").path("since").asText()).isEqualTo("1906-05-26");
        JsonNode detail = read("/api/v1/heads-of-mission/" + TOKYO + "?asOf=1910-01-01", position);
        assertThat(detail.path("mission").path("kind").asText()).isEqualTo("EMBASSY");
        assertThat(detail.path("tenures").findValuesAsText("headClass")).containsExactly("ENVOY", "AMBASSADOR");
        assertThat(detail.path("tenures").get(0).path("endedHow").asText()).isEqualTo("SUCCESSOR_TOOK_UP_FUNCTIONS");
    }

    @Test
    void theRaisedLegationKeepsItsIdAndRefusesWhatContradictsIt() {
        String madrid = "US-ES-LEGATION-MADRID";
        send("OpenMission", """
                {"sendingState": "US", "receivingState": "ES", "kind": "LEGATION", "city": "Madrid",
                 "effectiveDate": "1900-01-01", "source": "test"}""");
        send("ChangeMissionRank", """
                {"missionId": "%s", "kind": "EMBASSY", "effectiveDate": "1913-06-01", "source": "test"}""".formatted(madrid));

        Response again = ledger.command("clerk", "ChangeMissionRank", """
                {"missionId": "%s", "kind": "EMBASSY", "effectiveDate": "1920-01-01", "source": "test"}""".formatted(madrid));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().path("rule").asText()).isEqualTo("same-rank");
        assertThat(again.json().path("field").asText()).isEqualTo("kind");

        // Raised in 1910 too, the legation would already be an embassy when the recorded raise of 1913 came.
        Response earlier = ledger.command("clerk", "ChangeMissionRank", """
                {"missionId": "%s", "kind": "EMBASSY", "effectiveDate": "1910-01-01", "source": "test"}""".formatted(madrid));
        assertThat(earlier.status()).as(earlier.toString()).isEqualTo(409);
        assertThat(earlier.json().path("rule").asText()).isEqualTo("contradicts-recorded-fact");
        assertThat(earlier.json().path("field").asText()).isEqualTo("effectiveDate");
        assertThat(earlier.json().path("conflictingFact").path("type").asText()).isEqualTo("MissionRankChanged");
        assertThat(earlier.json().path("conflictingFact").path("effectiveDate").asText())
                .isEqualTo("1913-06-01");
        assertThat(earlier.json().path("conflictingFact").path("rule").asText()).isEqualTo("same-rank");
        assertThat(earlier.json().path("conflictingFact").path("eventId").asText())
                .isNotBlank();
        Response lowered = ledger.command("clerk", "ChangeMissionRank", """
                {"missionId": "%s", "kind": "LEGATION", "effectiveDate": "1910-01-01", "source": "test"}""".formatted(madrid));
        assertThat(lowered.json().path("rule").asText())
                .as("a legation in 1910")
                .isEqualTo("same-rank");

        Response consulate = ledger.command("clerk", "ChangeMissionRank", """
                {"missionId": "%s", "kind": "CONSULATE", "effectiveDate": "1920-01-01", "source": "test"}""".formatted(madrid));
        assertThat(consulate.status()).as(consulate.toString()).isEqualTo(409);
        assertThat(consulate.json().path("rule").asText()).isEqualTo("legation-or-embassy-only");

        Response twin = ledger.command("clerk", "OpenMission", """
                {"sendingState": "US", "receivingState": "ES", "kind": "EMBASSY", "city": "Madrid",
                 "effectiveDate": "1920-01-01", "source": "test"}""");
        assertThat(twin.status()).as(twin.toString()).isEqualTo(409);
        assertThat(twin.json().path("rule").asText()).isEqualTo("mission-already-open");

        Response byItsNewKind = ledger.command("clerk", "AccreditDiplomat", """
                {"missionId": "US-ES-EMBASSY-MADRID", "name": "A. Secretary", "category": "DIPLOMATIC",
                 "effectiveDate": "1920-01-01", "source": "test"}""");
        assertThat(byItsNewKind.status()).as(byItsNewKind.toString()).isEqualTo(409);
        assertThat(byItsNewKind.json().path("rule").asText()).isEqualTo("unknown-mission");
        assertThat(byItsNewKind.json().path("detail").asText()).contains(madrid + " is an embassy since 1913-06-01");
    }
}
