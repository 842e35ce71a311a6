package org.diplomaticledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Another writer (another ledger node, later) appends to an aggregate this node holds in its cache. The store's
 * sequence check refuses the stale write: 409 concurrent-write, nothing written, and the retry succeeds on the
 * fresh state. No update is ever lost or silently merged.
 */
class ConcurrentWriterHttpTest extends LedgerIntegrationTest {

    @Test
    void aWriteOnAStaleAggregateIsRefusedAndItsRetrySucceeds() {
        ledger.accepted("OpenMission", """
                {"sendingState": "GR", "receivingState": "CY", "kind": "EMBASSY", "city": "Nicosia", "source": "x"}""");
        ledger.accepted("RecordStaffChange", """
                {"missionId": "GR-CY-EMBASSY-NICOSIA", "category": "SERVICE", "change": 2, "source": "x"}""");
        // Another writer appends the aggregate's next event directly in the store.
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                                payload_type, payload_revision, payload, meta_data)
                SELECT 'other-writer-1', aggregate_identifier, sequence_number + 1, type, time_stamp,
                       payload_type, payload_revision, payload, meta_data
                FROM domain_event_entry WHERE aggregate_identifier = 'GR-CY' AND sequence_number = 1""");
        long before = eventCount();

        Response stale = ledger.command("clerk", "RecordStaffChange", """
                {"missionId": "GR-CY-EMBASSY-NICOSIA", "category": "SERVICE", "change": 1, "source": "x"}""");
        assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
        assertThat(stale.json().path("rule").asText()).isEqualTo("concurrent-write");
        assertThat(eventCount()).isEqualTo(before);

        JsonNode retried = ledger.accepted("RecordStaffChange", """
                {"missionId": "GR-CY-EMBASSY-NICOSIA", "category": "SERVICE", "change": 1, "source": "x"}""");
        assertThat(retried.path("events").get(0).path("sequenceNumber").asInt()).isEqualTo(3);
    }

    @Test
    void aTalksIdThatNamesAnotherKindOfRecordIsRefusedAsInput() {
        Response response = ledger.command("clerk", "NameDelegation", """
                {"talksId": "RU-US", "state": "RU", "head": {"name": "X", "diplomat": true}, "source": "x"}""");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("field").asText()).isEqualTo("talksId");
    }
}
