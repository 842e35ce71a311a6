package org.diplomaticledger.projection;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code projections} health component: {@code DEGRADED} while any projection has parked events, else
 * {@code UP}, with each projection's position, lag and parked count as details. {@code DEGRADED} ranks between
 * {@code OUT_OF_SERVICE} and {@code UP} and answers HTTP 200 ({@code management.endpoint.health.status.*}): the node
 * still serves every read and keeps every projection current but for the parked events' aggregates, so it stays
 * in service; the liveness and readiness probes do not include this component.
 */
@Component
class ProjectionsHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "events are parked: see GET /api/v1/projections");

    private final ProjectionHandlers handlers;
    private final ProjectionPositions positions;
    private final ParkedEvents parked;

    ProjectionsHealthIndicator(ProjectionHandlers handlers, ProjectionPositions positions, ParkedEvents parked) {
        this.handlers = handlers;
        this.positions = positions;
        this.parked = parked;
    }

    @Override
    public Health health() {
        long head = positions.head();
        Map<String, Long> counts = parked.counts();
        Map<String, Object> details = new LinkedHashMap<>();
        long total = 0;
        for (ProjectionHandlers.Live live : handlers.all()) {
            String name = live.projection().name();
            long position = positions.position(name);
            long count = counts.getOrDefault(name, 0L);
            total += count;
            details.put(name, Map.of("position", position, "lag", Math.max(0, head - position), "parked", count));
        }
        details.put("head", head);
        details.put("parked", total);
        return Health.status(total > 0 ? DEGRADED : Status.UP)
                .withDetails(details)
                .build();
    }
}
