package org.diplomaticledger.projection;

import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far each projection has read the ledger, from its processor's stored tracking tokens, so that any ledger
 * node can answer, whichever node runs the processor.
 */
@Component
public class ProjectionPositions {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Object advanced = new Object();

    public ProjectionPositions(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The ledger's last position (0 when it is empty). */
    public long head() {
        Long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    /** The number of events in the ledger. */
    public long eventCount() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    /** The tokens of every segment of the processor; empty before it first ran. */
    List<TrackingToken> tokens(String processor) {
        return jdbc.query(
                "SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (rs, i) -> {
                    byte[] bytes = rs.getBytes(1);
                    String type = rs.getString(2);
                    if (bytes == null || type == null) {
                        return null;
                    }
                    TrackingToken token =
                            serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
                    return WrappedToken.unwrapLowerBound(token);
                },
                processor);
    }

    /** The last position the projection has read (0 before its first event); see {@link #reached} for a given one. */
    public long position(String projection) {
        List<TrackingToken> tokens = tokens(projection);
        if (tokens.isEmpty()) {
            return 0;
        }
        long position = Long.MAX_VALUE;
        for (TrackingToken token : tokens) {
            position = Math.min(position, token == null ? 0 : token.position().orElse(0));
        }
        return position;
    }

    /** Whether the projection has applied the event at {@code position} (and every event of its own before it). */
    public boolean reached(String projection, long position) {
        List<TrackingToken> tokens = tokens(projection);
        if (tokens.isEmpty()) {
            return position <= 0;
        }
        for (TrackingToken token : tokens) {
            if (token == null || token.position().orElse(-1) < position) {
                return false;
            }
            if (token instanceof GapAwareTrackingToken gapAware
                    && gapAware.getGaps().contains(position)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until the projection has applied the event at {@code position}, at most {@code timeout}.
     *
     * @return whether it did
     */
    public boolean await(String projection, long position, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(projection, position)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            // Woken as soon as a processor on this node commits a batch; the bounded wait covers processors
            // running on other ledger nodes.
            synchronized (advanced) {
                try {
                    advanced.wait(Math.max(1, Math.min(Duration.ofNanos(left).toMillis(), 50)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Called when a projection processor on this node has committed a batch: waiting readers look again. */
    void advanced() {
        synchronized (advanced) {
            advanced.notifyAll();
        }
    }
}
