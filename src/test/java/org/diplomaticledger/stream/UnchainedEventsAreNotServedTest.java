package org.diplomaticledger.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A row written into the event table around the ledger (no link in the audit chain: verify flags it, the export
 * leaves it out) is never served to integrators: neither by event pages nor by the stream, whether it sits after the
 * chain's head or, once later events were chained, below it. Guyana (GY) and Trinidad and Tobago (TT) are this class's.
 */
class UnchainedEventsAreNotServedTest extends LedgerIntegrationTest {

    @Test
    void aRowForgedAfterTheChainsHeadReachesNeitherPagesNorTheStream() {
        long before = jdbc.queryForObject("SELECT head_index FROM audit_chain_head WHERE id = 1", Long.class);
        long genuine = ledger.accepted("OpenMission", """
                {"sendingState": "GY", "receivingState": "TT", "kind": "EMBASSY", "city": "Port of Spain", "source": "x"}""").path("position").asLong();
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                                payload_type, payload_revision, payload, meta_data)
                SELECT 'forged-after-head', 'GY-TT-FORGED', 0, type, time_stamp,
                       payload_type, payload_revision, payload, meta_data
                FROM domain_event_entry WHERE global_index = ?""", genuine);
        long forged = jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE event_identifier = 'forged-after-head'", Long.class);
        try {
            assertThat(forged).isGreaterThan(genuine);
            // After the head: the page ends at the chain's head, and says nothing is left to read.
            JsonNode page = ledger.get("integrator", "/api/v1/events?after=" + before + "&atLeast=" + genuine)
                    .json();
            assertThat(ids(page)).doesNotContain("forged-after-head").hasSize(1);
            assertThat(page.path("position").asLong()).isLessThan(forged);
            assertThat(page.path("more").asBoolean()).isFalse();

            // Below the head, once a later event is chained: passed by like an empty position, at once.
            long later =
                    ledger.accepted("RecordStaffCount", """
                    {"sendingState": "GY", "receivingState": "TT", "headcount": 7, "source": "x"}""").path("position").asLong();
            assertThat(later).isGreaterThan(forged);
            Response answered = ledger.get("integrator", "/api/v1/events?after=" + before + "&atLeast=" + later);
            assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
            assertThat(ids(answered.json())).doesNotContain("forged-after-head").hasSize(2);
            assertThat(ledger.get("auditor", "/api/v1/events?after=" + (forged - 1) + "&limit=1&atLeast=" + later)
                            .json()
                            .path("events")
                            .get(0)
                            .path("ledgerposition")
                            .asText())
                    .isEqualTo(Long.toString(later));

            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                HttpClient http = SseLines.client();
                try (SseLines stream =
                        SseLines.open(http, port, "integrator", "/api/v1/stream?after=" + before, null)) {
                    List<String> seen = new ArrayList<>();
                    while (!seen.contains(Long.toString(later))) {
                        SseLines.Message message = stream.next();
                        assertThat(message.data().getId()).isNotEqualTo("forged-after-head");
                        seen.add(message.id());
                    }
                    assertThat(seen).doesNotContain(Long.toString(forged));
                }
            });
        } finally {
            jdbc.update("DELETE FROM domain_event_entry WHERE event_identifier = 'forged-after-head'");
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("events").forEach(event -> ids.add(event.path("id").asText()));
        return ids;
    }
}
