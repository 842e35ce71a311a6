package org.diplomaticledger.projection;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.function.Function;

/**
 * Read-your-writes for every query: before answering, wait (bounded) until the projection has applied the events
 * up to the position the client names; answer with the position it reached in the header {@code X-Ledger-Position}.
 * If it does not get there in time the answer is 503 with Retry-After, never a state from before the client's write.
 */
@Component
public class Reads {

    public static final String POSITION_HEADER = "X-Ledger-Position";

    private final ProjectionPositions positions;
    private final ProjectionHandlers handlers;
    private final Duration maxWait;

    public Reads(ProjectionPositions positions, ProjectionHandlers handlers,
                 @Value("${ledger.projections.max-wait:PT10S}") Duration maxWait) {
        this.positions = positions;
        this.handlers = handlers;
        this.maxWait = maxWait;
    }

    /** Waits for the projection to reach the reader's position; the projection's position and active slot then. */
    public Snapshot await(String projection, ReadPosition read) {
        Slot slot = handlers.activeSlot(projection);
        if (read != null && read.atLeast() != null) {
            if (read.atLeast() < 0) {
                throw new QueryParameterException(ReadPosition.PARAMETER, "a ledger position is 0 or more");
            }
            if (!positions.await(projection, read.atLeast(), maxWait)) {
                throw new ProjectionBehind(projection, read.atLeast(), positions.position(projection), maxWait);
            }
            slot = handlers.activeSlot(projection);
        }
        return new Snapshot(projection, slot, positions.position(projection));
    }

    /** Answers {@code body} computed on the projection's state at or after the reader's position. */
    public <T> ResponseEntity<T> answer(String projection, ReadPosition read, Function<Snapshot, T> body) {
        Snapshot snapshot = await(projection, read);
        return ResponseEntity.ok().header(POSITION_HEADER, Long.toString(snapshot.position())).body(body.apply(snapshot));
    }

    /** The slot to read and the position it reflects. */
    public record Snapshot(String projection, Slot slot, long position) {
        public String slotCode() {
            return slot.code();
        }
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
}
