package org.diplomaticledger.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a rebuild of one projection stands, as {@link ProjectionRebuilder} moves it on; {@link #status()} is what
 * {@code GET /api/v1/projections/{name}} shows under {@code lastRebuild}.
 */
final class RebuildProgress {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);

    final String projection;
    final Slot into;
    final Instant startedAt = Instant.now();
    final long total;
    volatile long done;
    volatile long lastLog = System.nanoTime();
    volatile RebuildStatus.State state = RebuildStatus.State.RUNNING;
    volatile RebuildStatus.Step step = RebuildStatus.Step.CLEARING;
    /** When the replay began (after the slot was cleared), and ended: the rate counts only that. */
    volatile long replayStarted;

    volatile long replayEnded;
    volatile SlotClearing.Release released;
    volatile Instant finishedAt;
    volatile Map<String, RebuildStatus.TableCheck> tables;
    volatile String error;
    /** While the rebuild runs; it holds the rebuild's projector and all it keeps in memory. */
    volatile RebuildParking parking;
    /** What {@link #parking} reported when the rebuild ended (the projector is then let go). */
    volatile List<ParkedEvent> parkedAtEnd = List.of();

    volatile long waitingAtEnd;
    final CompletableFuture<Void> ended = new CompletableFuture<>();

    RebuildProgress(String projection, Slot into, long total) {
        this.projection = projection;
        this.into = into;
        this.total = total;
    }

    void replaying() {
        replayStarted = System.nanoTime();
        step = RebuildStatus.Step.REPLAYING;
    }

    void applied(int events, ProjectionPositions positions) {
        done += events;
        if (System.nanoTime() - lastLog > Duration.ofSeconds(5).toNanos()) {
            lastLog = System.nanoTime();
            RebuildStatus status = status();
            log.info(
                    "Rebuilding projection {}: {} of {} events, {} events/s, about {} s left",
                    projection,
                    status.done(),
                    status.total(),
                    Math.round(status.eventsPerSecond()),
                    status.secondsLeft());
        }
    }

    void finish(RebuildStatus.State state, String error) {
        RebuildParking finished = parking;
        if (finished != null) {
            // the status keeps what was parked, not the projector: its partitions and cached events stayed on the
            // heap until the next rebuild of the projection (at 1M events: 302 MB after GC once every projection
            // was rebuilt, 190 MB before)
            parkedAtEnd = finished.parked();
            waitingAtEnd = finished.waiting();
            parking = null;
        }
        this.error = error;
        if (replayEnded == 0) {
            replayEnded = System.nanoTime();
        }
        this.finishedAt = Instant.now();
        this.step = RebuildStatus.Step.ENDED;
        this.state = state;
        ended.complete(null);
    }

    RebuildStatus status() {
        RebuildParking running = parking;
        long start = replayStarted;
        long end = replayEnded != 0 ? replayEnded : System.nanoTime();
        double seconds = start == 0 ? 0 : Math.max(1e-3, (end - start) / 1e9);
        double rate = seconds == 0 ? 0 : done / seconds;
        long left = Math.max(0, Math.max(total, done) - done);
        Long secondsLeft = state == RebuildStatus.State.RUNNING && rate > 0 ? Math.round(left / rate) : null;
        SlotClearing.Release release = released;
        return new RebuildStatus(
                projection,
                state,
                step,
                into,
                startedAt,
                finishedAt,
                done,
                Math.max(total, done),
                rate,
                secondsLeft,
                tables,
                error,
                running == null ? parkedAtEnd : running.parked(),
                running == null ? waitingAtEnd : running.waiting(),
                release == null ? null : release.status());
    }
}
