package org.diplomaticledger.projection;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code projectionsCatchUp} health component, part of the readiness group: {@code OUT_OF_SERVICE} from the start
 * until every projection has applied the events the ledger held when this node started (the head it saw then), so
 * that a load balancer sends no reads to a node whose projections would not yet know what the ledger knows. The
 * details say how far each projection is ({@code position}, {@code remaining}) and how far it has to go
 * ({@code target}). Once caught up it stays {@code UP}: a lag under load later is the {@code projections} component's
 * and the metrics' to report (a read that needs a position waits for it, {@code ?atLeast=}), not a reason to take the
 * node out of service. Liveness does not include it.
 */
@Component
class ProjectionsCatchUpHealthIndicator implements HealthIndicator {

    private final ProjectionHandlers handlers;
    private final ProjectionPositions positions;
    private final long target;
    private volatile boolean caughtUp;

    @Autowired
    ProjectionsCatchUpHealthIndicator(ProjectionHandlers handlers, ProjectionPositions positions) {
        this(handlers, positions, positions.head());
    }

    /** With the position every projection must reach, the head at start for the application's own. */
    ProjectionsCatchUpHealthIndicator(ProjectionHandlers handlers, ProjectionPositions positions, long target) {
        this.handlers = handlers;
        this.positions = positions;
        this.target = target;
    }

    @Override
    public Health health() {
        if (caughtUp) {
            return Health.up().withDetail("target", target).build();
        }
        Map<String, Object> behind = new LinkedHashMap<>();
        for (ProjectionHandlers.Live live : handlers.all()) {
            String name = live.projection().name();
            if (!positions.reached(name, target)) {
                long position = positions.position(name);
                behind.put(name, Map.of("position", position, "remaining", Math.max(0, target - position)));
            }
        }
        if (behind.isEmpty()) {
            caughtUp = true;
            return Health.up().withDetail("target", target).build();
        }
        return Health.outOfService()
                .withDetail("target", target)
                .withDetail("behind", behind)
                .build();
    }
}
