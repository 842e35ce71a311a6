package org.diplomaticledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Bahamas (BS) and Jamaica (JM) are this class's. */
class IdempotencyRetentionTest extends LedgerIntegrationTest {

    private static final String CHANGE = """
            {"missionId": "BS-JM-EMBASSY-KINGSTON", "category": "SERVICE", "change": 1, "source": "x"}""";

    @Autowired
    IdempotencyRetention retention;

    @Test
    void forgetsAnswersOlderThanTheRetentionAndKeepsRecentOnes() {
        Timestamp old = Timestamp.from(Instant.now().minus(8, ChronoUnit.DAYS));
        Timestamp recent = Timestamp.from(Instant.now().minus(1, ChronoUnit.DAYS));
        // More expired answers than one purge batch holds (the test profile's is 2): the purge goes on until none is
        // left.
        for (int i = 0; i < 5; i++) {
            jdbc.update(
                    "INSERT INTO command_idempotency VALUES ('retention', ?, 'h', 200, '{}', ?)", "old-key-" + i, old);
        }
        jdbc.update("INSERT INTO command_idempotency VALUES ('retention', 'recent-key', 'h', 200, '{}', ?)", recent);

        assertThat(retention.forget()).isGreaterThanOrEqualTo(5);

        assertThat(jdbc.queryForList(
                        "SELECT idempotency_key FROM command_idempotency WHERE actor = 'retention'", String.class))
                .containsExactly("recent-key");
    }

    @Test
    void aKeyWhoseAnswerExpiredRunsItsRequestAgainWhileAFreshOneStillReplays() {
        ledger.accepted("OpenMission", """
                {"sendingState": "BS", "receivingState": "JM", "kind": "EMBASSY", "city": "Kingston", "source": "x"}""");
        Response expiring =
                ledger.command("clerk", "RecordStaffChange", CHANGE, Map.of("Idempotency-Key", "bs-jm-expiring"));
        Response fresh = ledger.command("clerk", "RecordStaffChange", CHANGE, Map.of("Idempotency-Key", "bs-jm-fresh"));
        assertThat(expiring.status()).as(expiring.toString()).isEqualTo(200);
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
        jdbc.update(
                "UPDATE command_idempotency SET recorded_at = ? WHERE idempotency_key = 'bs-jm-expiring'",
                Timestamp.from(Instant.now().minus(8, ChronoUnit.DAYS)));

        retention.forget();

        assertThat(jdbc.queryForList(
                        "SELECT idempotency_key FROM command_idempotency WHERE idempotency_key LIKE 'bs-jm-%'",
                        String.class))
                .containsExactly("bs-jm-fresh");
        long events = changes();
        Response again =
                ledger.command("clerk", "RecordStaffChange", CHANGE, Map.of("Idempotency-Key", "bs-jm-expiring"));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isNull();
        assertThat(again.json().path("events").get(0).path("eventId"))
                .isNotEqualTo(expiring.json().path("events").get(0).path("eventId"));
        assertThat(changes()).isEqualTo(events + 1);

        Response replayed =
                ledger.command("clerk", "RecordStaffChange", CHANGE, Map.of("Idempotency-Key", "bs-jm-fresh"));
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.json()).isEqualTo(fresh.json());
        assertThat(changes()).isEqualTo(events + 1);
    }

    private long changes() {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = 'BS-JM'", Long.class);
    }
}
