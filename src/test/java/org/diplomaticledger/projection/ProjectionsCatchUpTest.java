package org.diplomaticledger.projection;

import org.diplomaticledger.support.LedgerClient;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness tells the truth: the catch-up component is OUT_OF_SERVICE while a projection has not reached the head the
 * node saw at start, and says how far each is; UP once all have, and it stays UP. Driven on the real ledger with heads
 * of the test's choosing (a large catch-up at start would take a context of its own). Uses Comoros and Seychelles
 * (KM-SC), a pair no other test uses.
 */
class ProjectionsCatchUpTest extends LedgerIntegrationTest {

    @Autowired
    ProjectionHandlers handlers;
    @Autowired
    ProjectionPositions positions;

    @Test
    void outOfServiceUntilEveryProjectionHasReachedTheHeadSeenAtStart() {
        long position = ledger.accepted("OpenMission", """
                {"sendingState": "KM", "receivingState": "SC", "kind": "EMBASSY", "city": "Victoria", "source": "test"}""")
                .get("position").asLong();

        // A head far past anything written: every projection is behind, by the distance to it.
        long far = position + 1_000_000;
        Health behind = new ProjectionsCatchUpHealthIndicator(handlers, positions, far).health();
        assertThat(behind.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(behind.getDetails()).containsEntry("target", far);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Long>> projections = (Map<String, Map<String, Long>>) behind.getDetails().get("behind");
        assertThat(projections.keySet()).containsAll(handlers.all().stream().map(live -> live.projection().name()).toList());
        projections.values().forEach(far_ -> assertThat(far_.get("remaining")).isEqualTo(far - far_.get("position"))
                .isGreaterThanOrEqualTo(1_000_000 - 1));

        // The head of the write just made: UP once every projection has applied it, and then for good.
        ProjectionsCatchUpHealthIndicator started = new ProjectionsCatchUpHealthIndicator(handlers, positions, position);
        await().atMost(Duration.ofSeconds(30)).until(() -> started.health().getStatus().equals(Status.UP));
        handlers.all().forEach(live -> assertThat(positions.reached(live.projection().name(), position)).isTrue());
        assertThat(started.health().getDetails()).containsEntry("target", position);

        // The application's own: caught up (its head at start was the empty ledger's), in the readiness group, its
        // details for administrators only.
        LedgerClient.Response readiness = ledger.get("admin", "/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().at("/components/projectionsCatchUp/status").asText()).isEqualTo("UP");
        LedgerClient.Response anonymous = ledger.get(null, "/actuator/health/readiness");
        assertThat(anonymous.json().get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.json().has("components")).isFalse();
        assertThat(ledger.get(null, "/actuator/health/liveness").json().has("components")).isFalse();
    }
}
