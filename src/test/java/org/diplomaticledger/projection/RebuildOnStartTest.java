package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code --ledger.projections.rebuild=talks} rebuilds the talks board once the ledger has started; the ledger stopped
 * right after the switch stops cleanly, though the slot the switch released was still waiting to be cleared.
 */
class RebuildOnStartTest {

    @TempDir
    Path dataDir;

    @Test
    void rebuildsTheNamedProjectionsOnStart() throws Exception {
        ProjectionRebuilder rebuilder;
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger projectionLogs = (Logger) LoggerFactory.getLogger("org.diplomaticledger.projection");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                .profiles("test")
                .run(
                        "--ledger.data-dir=" + dataDir,
                        "--server.port=0",
                        "--ledger.demo.load=true",
                        "--ledger.projections.rebuild=talks")) {
            rebuilder = context.getBean(ProjectionRebuilder.class);
            RebuildStatus status =
                    rebuilder.await("talks", Duration.ofMinutes(1)).orElseThrow();
            assertThat(status.state()).isEqualTo(RebuildStatus.State.SWITCHED);
            assertThat(status.identical()).isTrue();
            assertThat(status.done())
                    .isEqualTo(context.getBean(ProjectionPositions.class).eventCount());
            assertThat(context.getBean(ProjectionHandlers.class).activeSlot("talks"))
                    .isEqualTo(Slot.B);
            logged.start();
            projectionLogs.addAppender(logged);
        }
        try {
            // Closed within the grace: slot A is left for the next rebuild, and when the grace is over nothing reaches
            // for the closed pool (which logged "Clearing slot A of projection talks failed", pool closed, before).
            assertThat(rebuilder.status("talks").orElseThrow().released())
                    .isEqualTo(new RebuildStatus.SlotRelease(Slot.A, 0, false));
            await("nothing logged at WARN once closed")
                    .during(SlotClearing.GRACE.plusSeconds(1))
                    .atMost(SlotClearing.GRACE.plusSeconds(5))
                    .until(() -> logged.list.stream()
                            .noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN)));
        } finally {
            projectionLogs.detachAppender(logged);
        }
    }
}
