package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.diplomaticledger.support.LedgerClient;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;

/**
 * The catch-up component on the shared ledger: UP once every projection has applied the head it was given, and then
 * for good; the application's own is in the readiness group, with details for administrators only. A real catch-up at
 * start, OUT_OF_SERVICE and how far while it lasts, is {@link ReadinessDuringCatchUpTest}'s (a ledger of its own).
 * Uses Comoros and Seychelles (KM-SC), a pair no other test uses.
 */
class ProjectionsCatchUpTest extends LedgerIntegrationTest {

    @Autowired
    ProjectionHandlers handlers;

    @Autowired
    ProjectionPositions positions;

    @Test
    void upOnceEveryProjectionHasAppliedItsTargetAndForGood() {
        long position = ledger.accepted("OpenMission", """
                {"sendingState": "KM", "receivingState": "SC", "kind": "EMBASSY", "city": "Victoria", "source": "test"}""").get("position").asLong();

        // The head of the write just made: UP once every projection has applied it, and then for good.
        ProjectionsCatchUpHealthIndicator started =
                new ProjectionsCatchUpHealthIndicator(handlers, positions, position);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> started.health().getStatus().equals(Status.UP));
        handlers.all()
                .forEach(live -> assertThat(positions.reached(live.projection().name(), position))
                        .isTrue());
        assertThat(started.health().getDetails()).containsEntry("target", position);

        // The application's own: caught up (its head at start was the empty ledger's), in the readiness group, its
        // details for administrators only.
        LedgerClient.Response readiness = ledger.get("admin", "/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().at("/components/projectionsCatchUp/status").asText())
                .isEqualTo("UP");
        LedgerClient.Response anonymous = ledger.get(null, "/actuator/health/readiness");
        assertThat(anonymous.json().get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.json().has("components")).isFalse();
        assertThat(ledger.get(null, "/actuator/health/liveness").json().has("components"))
                .isFalse();
    }
}
