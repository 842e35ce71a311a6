package org.diplomaticledger.projection;

import org.diplomaticledger.DiplomaticLedgerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --ledger.projections.rebuild=talks} rebuilds the talks board once the ledger has started. */
class RebuildOnStartTest {

    @TempDir
    Path dataDir;

    @Test
    void rebuildsTheNamedProjectionsOnStart() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                .profiles("test")
                .run("--ledger.data-dir=" + dataDir, "--server.port=0", "--ledger.demo.load=true",
                        "--ledger.projections.rebuild=talks")) {
            ProjectionRebuilder rebuilder = context.getBean(ProjectionRebuilder.class);
            RebuildStatus status = rebuilder.await("talks", Duration.ofMinutes(1)).orElseThrow();
            assertThat(status.state()).isEqualTo(RebuildStatus.State.SWITCHED);
            assertThat(status.identical()).isTrue();
            assertThat(status.done()).isEqualTo(context.getBean(ProjectionPositions.class).eventCount());
            assertThat(context.getBean(ProjectionHandlers.class).activeSlot("talks")).isEqualTo(Slot.B);
        }
    }
}
