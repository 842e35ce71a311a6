package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rolled-back writes leave holes in the ledger's positions. A rebuild over a ledger full of them still reads every
 * event once and equals the live projection; the live projection keeps up too.
 */
class RebuildWithGapsTest extends LedgerIntegrationTest {

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ProjectionRebuilder rebuilder;

    @Autowired
    ProjectionPositions positions;

    private void gaps(int count) {
        transactions.executeWithoutResult(tx -> {
            for (int i = 0; i < count; i++) {
                jdbc.update(
                        "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                                + "time_stamp, payload_type, payload) VALUES (?, 'gap', ?, 'Gap', '2025-01-01T00:00:00Z', 'Gap', ?)",
                        "gap-" + System.nanoTime() + "-" + i,
                        System.nanoTime() + i,
                        new byte[] {0});
            }
            tx.setRollbackOnly();
        });
    }

    @Test
    void aRebuildOverALedgerWithManyGapsReadsEveryEventAndEqualsTheLiveProjection() throws Exception {
        int rounds = 40;
        int gapsPerRound = Integer.getInteger("gapsPerRound", 50);
        int talksPerRound = 25;
        long last = 0;
        for (int round = 0; round < rounds; round++) {
            StringBuilder ndjson = new StringBuilder();
            for (int i = 0; i < talksPerRound; i++) {
                ndjson.append("""
                        {"command": "ScheduleTalks", "payload": {"talksId": "gaps-%d-%d", "parties": ["BR", "AR"], "venue": {"city": "Montevideo", "country": "UY"}, "date": "2024-01-01", "scope": "trade", "format": "OFFICIALS", "source": "x"}}
                        """.formatted(round, i));
            }
            Response imported =
                    ledger.post("clerk", "/api/v1/imports", "application/x-ndjson", ndjson.toString(), Map.of());
            assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
            last = imported.json().path("position").asLong();
            gaps(gapsPerRound);
        }
        assertThat(positions.await("talks", last, Duration.ofSeconds(60)))
                .as("live projection reached " + last)
                .isTrue();

        long started = System.nanoTime();
        rebuilder.start("talks");
        RebuildStatus status = rebuilder.await("talks", Duration.ofMinutes(3)).orElseThrow();
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(status.state()).as(String.valueOf(status)).isEqualTo(RebuildStatus.State.SWITCHED);
        assertThat(status.identical()).as(String.valueOf(status.tables())).isTrue();
        Long rows = jdbc.queryForObject(
                "SELECT COUNT(*) FROM talks_board WHERE slot = ? AND talks_id LIKE 'gaps-%'",
                Long.class, status.into().code());
        assertThat(rows).isEqualTo((long) rounds * talksPerRound);
        System.out.printf(
                "Rebuild over %d events with %d gaps: %.2f s, %.0f events/s%n",
                status.done(), rounds * gapsPerRound, seconds, status.eventsPerSecond());
    }
}
