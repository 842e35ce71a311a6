package org.diplomaticledger.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for every query: before answering, wait (bounded) until the projection has applied the events
 * up to the position the client names; answer with the position it reached in the header {@code X-Ledger-Position}.
 * If it does not get there in time the answer is 503 with Retry-After, never a state from before the client's write;
 * if an event at or before that position is parked (docs/projections/README.md), the answer is at once a 409 naming it.
 */
@Component
public class Reads {

    public static final String POSITION_HEADER = "X-Ledger-Position";

    private final ProjectionPositions positions;
    private final ProjectionHandlers handlers;
    private final ParkedEvents parked;
    private final Duration maxWait;
    private final Clock clock;

    public Reads(
            ProjectionPositions positions,
            ProjectionHandlers handlers,
            ParkedEvents parked,
            ProjectionsProperties properties,
            Clock clock) {
        this.positions = positions;
        this.handlers = handlers;
        this.parked = parked;
        this.maxWait = properties.maxWait();
        this.clock = clock;
    }

    /** The point the reader asked for: {@code asOf} today and {@code knownAt} now unless given; never later than now. */
    public TimePoint point(ReadPosition read) {
        Instant now = Instant.now(clock);
        LocalDate asOf = read == null || read.asOf() == null ? LocalDate.ofInstant(now, ZoneOffset.UTC) : read.asOf();
        boolean latest =
                read == null || read.knownAt() == null || read.knownAt().isAfter(now);
        return new TimePoint(asOf, latest ? now : read.knownAt(), latest);
    }

    /** Waits for the projection to reach the reader's position; the projection's position and active slot then. */
    public ReadView await(String projection, ReadPosition read) {
        Slot slot = handlers.activeSlot(projection);
        if (read != null && read.atLeast() != null) {
            if (read.atLeast() < 0) {
                throw new QueryParameterException(ReadPosition.PARAMETER, "a ledger position is 0 or more");
            }
            boolean reached = positions.await(projection, read.atLeast(), maxWait);
            // The processor's position passes a parked event without applying it (and gets past it at once): a
            // reader waiting for it, or for anything after it, is told so instead of being served or kept waiting.
            parked.blocking(projection, read.atLeast()).ifPresent(blocking -> {
                throw new ProjectionParked(projection, read.atLeast(), blocking);
            });
            if (!reached) {
                throw new ProjectionBehind(projection, read.atLeast(), positions.position(projection), maxWait);
            }
            slot = handlers.activeSlot(projection);
        }
        return new ReadView(projection, slot, positions.position(projection), point(read));
    }

    /** Answers {@code body} computed on the projection's state at or after the reader's position. */
    public <T> ResponseEntity<T> answer(String projection, ReadPosition read, Function<ReadView, T> body) {
        ReadView view = await(projection, read);
        return ResponseEntity.ok()
                .header(POSITION_HEADER, Long.toString(view.position()))
                .header(TimePoint.AS_OF_HEADER, view.point().asOf().toString())
                .header(TimePoint.KNOWN_AT_HEADER, view.point().knownAt().toString())
                .body(body.apply(view));
    }

    /** The projection did not reach the reader's position within the wait. */
    public static class ProjectionBehind extends RuntimeException {
        private final long retryAfterSeconds;

        public ProjectionBehind(String projection, long wanted, long reached, Duration waited) {
            super("projection " + projection + " reached position " + reached + ", not yet " + wanted + ", within "
                    + waited.toSeconds() + " s; ask again shortly");
            this.retryAfterSeconds = 1;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** The reader's position lies at or after an event the projection has parked: it cannot be reached until released. */
    public static class ProjectionParked extends RuntimeException {
        private final String projection;
        private final long wanted;
        private final ParkedEvents.Blocking blocking;

        public ProjectionParked(String projection, long wanted, ParkedEvents.Blocking blocking) {
            super(message(projection, wanted, blocking));
            this.projection = projection;
            this.wanted = wanted;
            this.blocking = blocking;
        }

        private static String message(String projection, long wanted, ParkedEvents.Blocking blocking) {
            ParkedEvent event = blocking.event();
            return "projection " + projection + " cannot reach position " + wanted + ": it parked event "
                    + event.eventId()
                    + " (" + event.type() + " of " + event.aggregateId() + ", position " + event.position() + ")"
                    + (event.error() == null
                            ? ", which waits behind an earlier parked event of its aggregate"
                            : " after its handler failed: " + event.error())
                    + (blocking.parkedBefore() > 1
                            ? "; " + blocking.parkedBefore() + " parked events lie at or before that position"
                            : "")
                    + ". Correct or retract the event, or retry: POST /api/v1/projections/" + projection
                    + "/parked/retry";
        }

        public String projection() {
            return projection;
        }

        public long wanted() {
            return wanted;
        }

        public ParkedEvents.Blocking blocking() {
            return blocking;
        }
    }
}
