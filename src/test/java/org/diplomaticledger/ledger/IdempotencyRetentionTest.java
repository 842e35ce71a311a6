package org.diplomaticledger.ledger;

import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyRetentionTest extends LedgerIntegrationTest {

    @Autowired
    IdempotencyRetention retention;

    @Test
    void forgetsAnswersOlderThanTheRetentionAndKeepsRecentOnes() {
        Timestamp old = Timestamp.from(Instant.now().minus(8, ChronoUnit.DAYS));
        Timestamp recent = Timestamp.from(Instant.now().minus(1, ChronoUnit.DAYS));
        jdbc.update("INSERT INTO command_idempotency VALUES ('retention', 'old-key', 'h', 200, '{}', ?)", old);
        jdbc.update("INSERT INTO command_idempotency VALUES ('retention', 'recent-key', 'h', 200, '{}', ?)", recent);

        assertThat(retention.forget()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForList("SELECT idempotency_key FROM command_idempotency WHERE actor = 'retention'", String.class))
                .containsExactly("recent-key");
    }
}
