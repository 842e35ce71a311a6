package org.diplomaticledger.presence.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mission's facts judged in effective time over HTTP (issue 20, item 1): Belgium's legation in Kathmandu recorded
 * as opened in 1990, then its earlier life back-filled by an import judged as a whole. Afterwards the write side and
 * the reads agree on every day. The pair BE-NP is this class's own.
 */
class EffectiveTimeHttpTest extends LedgerIntegrationTest {

    private static final String MISSION = "BE-NP-EMBASSY-KATHMANDU";

    private static String open(String day) {
        return """
                {"command": "OpenMission", "payload": {"sendingState": "BE", "receivingState": "NP", "kind": "EMBASSY",
                 "city": "Kathmandu", "effectiveDate": "%s", "source": "archive"}}""".formatted(day).replace("\n", "");
    }

    private static String close(String day) {
        return """
                {"command": "CloseMission", "payload": {"missionId": "%s", "reason": "RELATIONS_SEVERED",
                 "effectiveDate": "%s", "source": "archive"}}""".formatted(MISSION, day).replace("\n", "");
    }

    private Response importLines(String... lines) {
        return ledger.post("clerk", "/api/v1/imports", "application/x-ndjson", String.join("\n", lines) + "\n", Map.of());
    }

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = 'BE-NP'", Long.class);
    }

    @Test
    void anEarlierLifeBackFilledAsAWholeIsAcceptedAndBothSidesThenAgree() {
        ledger.accepted("OpenMission", """
                {"sendingState": "BE", "receivingState": "NP", "kind": "EMBASSY", "city": "Kathmandu",
                 "effectiveDate": "1990-01-01", "source": "archive"}""");
        long before = events();

        // Alone, the opening of 1900 would leave the mission open when the recorded opening of 1990 comes.
        Response alone = importLines(open("1900-01-01"));
        assertThat(alone.status()).as(alone.toString()).isEqualTo(409);
        assertThat(alone.json().path("rule").asText()).isEqualTo("contradicts-recorded-fact");
        assertThat(alone.json().path("line").asInt()).isEqualTo(1);
        assertThat(alone.json().path("conflictingFact").path("effectiveDate").asText()).isEqualTo("1990-01-01");
        assertThat(alone.json().path("conflictingFact").path("rule").asText()).isEqualTo("mission-already-open");
        Response single = ledger.command("clerk", "CloseMission", """
                {"missionId": "%s", "reason": "RELATIONS_SEVERED", "effectiveDate": "1941-12-08", "source": "archive"}"""
                .formatted(MISSION));
        assertThat(single.json().path("rule").asText()).as(single.toString()).isEqualTo("mission-not-open");
        assertThat(events()).isEqualTo(before);

        // With its closure, the earlier life fits before the reopening of 1990.
        Response whole = importLines(open("1900-01-01"), close("1941-12-08"));
        assertThat(whole.status()).as(whole.toString()).isEqualTo(200);
        assertThat(events()).isEqualTo(before + 2);

        // The write side judges by that life: closed in 1950, open again in 2000.
        Response in1950 = ledger.command("clerk", "AccreditDiplomat", """
                {"missionId": "%s", "name": "A. Attaché", "category": "DIPLOMATIC", "effectiveDate": "1950-01-01",
                 "source": "archive"}""".formatted(MISSION));
        assertThat(in1950.status()).as(in1950.toString()).isEqualTo(409);
        assertThat(in1950.json().path("detail").asText()).contains("closed since 1941-12-08");
        long position = ledger.accepted("AccreditDiplomat", """
                {"missionId": "%s", "name": "A. Attaché", "category": "DIPLOMATIC", "effectiveDate": "2000-01-01",
                 "source": "archive"}""".formatted(MISSION)).path("position").asLong();

        // The reads fold the same life.
        assertThat(status("1920-06-01", position)).isEqualTo("OPEN");
        assertThat(status("1950-01-01", position)).isEqualTo("CLOSED");
        assertThat(status("2000-01-01", position)).isEqualTo("OPEN");
    }

    /** Norway's embassy in Kathmandu; the pair NO-NP is this test's own. */
    @Test
    void anEarlierStintOfAPersonBackFilledAsAWholeIsAccepted() {
        String embassy = "NO-NP-EMBASSY-KATHMANDU";
        ledger.accepted("OpenMission", """
                {"sendingState": "NO", "receivingState": "NP", "kind": "EMBASSY", "city": "Kathmandu",
                 "effectiveDate": "1990-01-01", "source": "archive"}""");
        ledger.accepted("AccreditDiplomat", """
                {"missionId": "%s", "personId": "lars-berg", "name": "Lars Berg", "category": "DIPLOMATIC",
                 "effectiveDate": "2000-01-01", "source": "archive"}""".formatted(embassy));
        String accredited = """
                {"command": "AccreditDiplomat", "payload": {"missionId": "%s", "personId": "lars-berg", "name": "Lars Berg",
                 "category": "DIPLOMATIC", "effectiveDate": "1995-01-01", "source": "archive"}}""".formatted(embassy)
                .replace("\n", "");
        String departed = """
                {"command": "RecordDeparture", "payload": {"missionId": "%s", "personId": "lars-berg",
                 "effectiveDate": "1998-06-30", "source": "archive"}}""".formatted(embassy).replace("\n", "");

        Response alone = importLines(accredited);
        assertThat(alone.status()).as(alone.toString()).isEqualTo(409);
        assertThat(alone.json().path("rule").asText()).isEqualTo("contradicts-recorded-fact");
        assertThat(alone.json().path("conflictingFact").path("rule").asText()).isEqualTo("already-accredited");

        Response whole = importLines(accredited, departed);
        assertThat(whole.status()).as(whole.toString()).isEqualTo(200);

        // A second departure inside that stint would leave the recorded one of 1998 departing someone gone.
        Response twice = ledger.command("clerk", "RecordDeparture", """
                {"missionId": "%s", "personId": "lars-berg", "effectiveDate": "1997-01-01", "source": "archive"}"""
                .formatted(embassy));
        assertThat(twice.json().path("rule").asText()).as(twice.toString()).isEqualTo("contradicts-recorded-fact");
        assertThat(twice.json().path("conflictingFact").path("rule").asText()).isEqualTo("already-departed");
    }

    private String status(String asOf, long atLeast) {
        Response read = ledger.get("analyst", "/api/v1/missions/" + MISSION + "?asOf=" + asOf, atLeast);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        JsonNode mission = read.json().path("mission");
        return mission.path("status").asText();
    }
}
