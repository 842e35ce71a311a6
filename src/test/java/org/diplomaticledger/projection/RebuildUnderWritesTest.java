package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A rebuild while clerks keep writing: no event is lost or applied twice across the switch. Proof: once the writes
 * stop, a second rebuild from scratch equals, row for row, the slot the first one handed over to.
 */
class RebuildUnderWritesTest extends LedgerIntegrationTest {

    @Autowired
    ProjectionRebuilder rebuilder;

    @Autowired
    ProjectionPositions positions;

    @Test
    void noEventIsLostOrDoubledWhenARebuildSwitchesInUnderWrites() throws Exception {
        AtomicInteger written = new AtomicInteger();
        AtomicLong last = new AtomicLong();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 60; i++) {
                String id = "under-writes-" + i;
                last.accumulateAndGet(
                        ledger.accepted("ScheduleTalks", """
                        {"talksId": "%s", "parties": ["CL", "PE"], "venue": {"city": "Lima", "country": "PE"},
                         "date": "2024-02-01", "scope": "maritime boundary", "format": "OFFICIALS", "source": "x"}""".formatted(id))
                                .path("position")
                                .asLong(),
                        Math::max);
                ledger.accepted("RecordTalksHeld", """
                        {"talksId": "%s", "source": "x"}""".formatted(id));
                written.incrementAndGet();
            }
        });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> written.get() >= 10);
        rebuilder.start("talks");
        RebuildStatus first = rebuilder.await("talks", Duration.ofMinutes(2)).orElseThrow();
        writer.get();
        assertThat(first.state()).as(String.valueOf(first)).isEqualTo(RebuildStatus.State.SWITCHED);

        assertThat(positions.await("talks", positions.head(), Duration.ofSeconds(30)))
                .isTrue();
        rebuilder.start("talks");
        RebuildStatus second = rebuilder.await("talks", Duration.ofMinutes(2)).orElseThrow();
        assertThat(second.state()).isEqualTo(RebuildStatus.State.SWITCHED);
        assertThat(second.identical()).as(String.valueOf(second.tables())).isTrue();
        Long held = jdbc.queryForObject(
                "SELECT COUNT(*) FROM talks_board WHERE slot = ? AND talks_id LIKE 'under-writes-%' "
                        + "AND status = 'HELD'",
                Long.class, second.into().code());
        assertThat(held).isEqualTo(60);
        Long history = jdbc.queryForObject(
                "SELECT COUNT(*) FROM talks_status_history WHERE slot = ? AND talks_id LIKE 'under-writes-%'",
                Long.class, second.into().code());
        assertThat(history).isEqualTo(120);
    }
}
