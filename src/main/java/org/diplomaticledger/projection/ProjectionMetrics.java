package org.diplomaticledger.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The projections' gauges (docs/operations.md): the ledger's head, and per projection ({@code projection} tag) its
 * position, its lag behind the head and its parked events. They are read from the tables any node shares (tracking
 * tokens, dead letters), so every node reports the same, whichever runs the processors.
 *
 * <p>One scrape reads every gauge: the values are read once per {@link #FRESH} and shared, rather than one query per
 * gauge (head, tokens and parked counts are three queries per projection otherwise).
 */
@Component
class ProjectionMetrics implements MeterBinder {

    static final Duration FRESH = Duration.ofSeconds(1);

    private final ProjectionHandlers handlers;
    private final ProjectionPositions positions;
    private final ParkedEvents parked;
    private final Clock clock;
    private Snapshot snapshot;

    ProjectionMetrics(ProjectionHandlers handlers, ProjectionPositions positions, ParkedEvents parked, Clock clock) {
        this.handlers = handlers;
        this.positions = positions;
        this.parked = parked;
        this.clock = clock;
    }

    /** The values of one moment: the head, and each projection's position and parked count. */
    record Snapshot(Instant at, long head, Map<String, Long> positions, Map<String, Long> parked) {
        long lag(String projection) {
            return Math.max(0, head - positions.getOrDefault(projection, 0L));
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ledger.events.head", this, metrics -> metrics.snapshot().head())
                .description("The ledger's last position (global index of its last event)")
                .register(registry);
        for (ProjectionHandlers.Live live : handlers.all()) {
            String name = live.projection().name();
            Gauge.builder(
                            "ledger.projection.position",
                            this,
                            metrics -> metrics.snapshot().positions().getOrDefault(name, 0L))
                    .tag("projection", name)
                    .description("The last ledger position the projection has read")
                    .register(registry);
            Gauge.builder(
                            "ledger.projection.lag",
                            this,
                            metrics -> metrics.snapshot().lag(name))
                    .tag("projection", name)
                    .description("Positions between the ledger's head and the projection")
                    .register(registry);
            Gauge.builder(
                            "ledger.projection.parked",
                            this,
                            metrics -> metrics.snapshot().parked().getOrDefault(name, 0L))
                    .tag("projection", name)
                    .description("Events the projection has parked (failed, or waiting behind one)")
                    .register(registry);
        }
    }

    synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        if (snapshot == null || !now.isBefore(snapshot.at().plus(FRESH))) {
            Map<String, Long> read = new HashMap<>();
            for (ProjectionHandlers.Live live : handlers.all()) {
                read.put(
                        live.projection().name(),
                        positions.position(live.projection().name()));
            }
            snapshot = new Snapshot(now, positions.head(), read, parked.counts());
        }
        return snapshot;
    }
}
