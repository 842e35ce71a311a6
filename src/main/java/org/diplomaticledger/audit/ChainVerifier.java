package org.diplomaticledger.audit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Recomputes the chain from the stored rows, a chunk at a time (memory stays flat however long the ledger), walking
 * the events and the links side by side in position order, and names the first position where they disagree.
 */
@Component
public class ChainVerifier {

    /** Why the chain breaks at a position. */
    public enum Reason {
        /** The event's payload bytes are not those that were chained. */
        PAYLOAD_ALTERED,
        /** The event's metadata bytes are not those that were chained. */
        METADATA_ALTERED,
        /** Another stored field of the event (ids, sequence, timestamp, types) or its link was altered. */
        EVENT_ALTERED,
        /** An event that was chained is gone (with or without its link). */
        EVENT_MISSING,
        /** The position holds another event than the one chained there: events were moved or swapped. */
        ORDER_CHANGED,
        /** An event that was never chained: written around the ledger. */
        EVENT_UNCHAINED,
        /** The chain itself (links or head) was altered. */
        LINK_ALTERED,
        /** The chain holds, but not to the hash an auditor kept (or the ledger published) for this position. */
        DIGEST_MISMATCH,
        /** The chain ends before the position of a digest taken earlier: the ledger lost the events after its head. */
        TRUNCATED,
        /** The boundary of the events stored before the chain is not the one fixed or committed to by a digest. */
        LEGACY_BOUNDARY_MOVED;

        /** How the API, the health details and the logs name it: {@code payload-altered}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public record Break(long position, Reason reason, String detail) {}

    /**
     * The outcome: whether the chain holds up to {@code position}, how many events were checked, the link at that
     * position, and the first break if any.
     */
    public record Result(boolean valid, long events, long position, String hash, Break firstBreak) {}

    record Link(
            long position, long previous, String eventId, String payloadSha256, String metadataSha256, String link) {}

    /** The outcome of the last whole verification on this node, and when it ended. */
    public record Verification(Result result, java.time.Instant at) {}

    private final JdbcTemplate jdbc;
    private final AuditChain chain;
    private final ChainWitness witness;
    private volatile Verification last;

    ChainVerifier(JdbcTemplate jdbc, AuditChain chain, ChainWitness witness) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.witness = witness;
    }

    /** The chain's head as last committed. */
    public AuditChain.Head head() {
        return chain.head();
    }

    /**
     * Verifies the whole chain, up to the head as it is now, against its fixed legacy boundary, and against the
     * digest this node last published (so that a truncated or recomputed tail is found without a kept digest).
     */
    public Result verifyAll() {
        Result result = verifyWhole();
        last = new Verification(result, java.time.Instant.now());
        return result;
    }

    /** The last whole verification on this node since it started, if any (the metrics' last verify result). */
    public java.util.Optional<Verification> lastVerification() {
        return java.util.Optional.ofNullable(last);
    }

    private Result verifyWhole() {
        // The published digest first: it was taken from a head no later than the one read next, as the chain only
        // grows.
        SignedDigest published = witness.last().orElse(null);
        AuditChain.Head head = chain.head();
        long boundary = chain.legacyBoundary();
        if (head.legacyUntil() != boundary) {
            return broken(
                    new Result(true, 0, 0, ChainCodec.GENESIS, null),
                    Math.min(boundary, head.legacyUntil()) + 1,
                    Reason.LEGACY_BOUNDARY_MOVED,
                    "the boundary of the events stored before the chain is " + head.legacyUntil()
                            + " in the chain's head, but it was fixed at " + boundary);
        }
        Result result = walk(head.position());
        if (!result.valid()) {
            return result;
        }
        if (result.position() != head.position() || !result.hash().equals(head.link())) {
            return broken(
                    result,
                    head.position(),
                    head.position() > result.position() ? Reason.EVENT_MISSING : Reason.LINK_ALTERED,
                    "the chain ends at position " + result.position() + " but its head records position "
                            + head.position()
                            + (head.position() > result.position() ? ": the last events are gone" : ""));
        }
        Long stray = jdbc.queryForObject(
                "SELECT MIN(e.global_index) FROM domain_event_entry e WHERE e.global_index > ?"
                        + " AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.global_index = e.global_index)",
                Long.class,
                head.position());
        if (stray != null) {
            return broken(
                    result,
                    stray,
                    Reason.EVENT_UNCHAINED,
                    "the event at position " + stray + " has no link: it was written around the ledger");
        }
        Break disagreement = published == null ? null : chain.compare(head, published);
        if (disagreement != null) {
            return broken(result, disagreement.position(), disagreement.reason(), disagreement.detail());
        }
        return result;
    }

    /**
     * Whether the ledger up to {@code position} is what the kept {@code hash} was computed over, and (when the digest
     * carries it) whether the boundary of the legacy events is still {@code legacyUntil}.
     */
    public Result verifyDigest(long position, String hash, Long legacyUntil) {
        AuditChain.Head head = chain.head();
        if (legacyUntil != null && legacyUntil != chain.legacyBoundary()) {
            return broken(
                    new Result(true, 0, 0, ChainCodec.GENESIS, null),
                    Math.min(legacyUntil, chain.legacyBoundary()) + 1,
                    Reason.LEGACY_BOUNDARY_MOVED,
                    "the digest commits to legacy events up to position " + legacyUntil
                            + ", but the ledger's boundary is now " + chain.legacyBoundary() + ": it was moved");
        }
        if (position > head.position()) {
            Result upToHead = walk(head.position());
            if (!upToHead.valid()) {
                return upToHead;
            }
            return broken(
                    upToHead,
                    head.position() + 1,
                    Reason.TRUNCATED,
                    "the ledger lost events after position "
                            + head.position() + ": this digest names position " + position + " (" + hash
                            + "), but the chain now ends at "
                            + head.position() + " with " + head.length() + " events");
        }
        Result result = walk(position);
        if (!result.valid()) {
            return result;
        }
        if (result.position() != position) {
            return broken(
                    result,
                    result.position() + 1,
                    Reason.TRUNCATED,
                    "the ledger lost events after position "
                            + result.position() + ": this digest names position " + position
                            + ", which holds no chained event now"
                            + " (the chain up to it ends at " + result.position() + ")");
        }
        if (!result.hash().equals(hash)) {
            return broken(
                    result,
                    position,
                    Reason.DIGEST_MISMATCH,
                    "the ledger's chain up to position " + position + " ends in " + result.hash()
                            + ", not in the digest's hash: events up to it were rewritten");
        }
        return result;
    }

    private static Result broken(Result result, long position, Reason reason, String detail) {
        return new Result(
                false, result.events(), result.position(), result.hash(), new Break(position, reason, detail));
    }

    /** Walks events and links up to {@code upTo}; stops at the first break. */
    private Result walk(long upTo) {
        Cursor<StoredEvent> events = new Cursor<>(
                after -> jdbc.query(
                        "SELECT " + StoredEvent.COLUMNS
                                + " FROM domain_event_entry WHERE global_index > ? AND global_index <= ? ORDER BY global_index LIMIT "
                                + AuditChain.CHUNK,
                        (rs, n) -> StoredEvent.read(rs),
                        after,
                        upTo),
                StoredEvent::position);
        Cursor<Link> links = new Cursor<>(
                after -> jdbc.query(
                        "SELECT global_index, prev_index, event_identifier, payload_sha256,"
                                + " metadata_sha256, link FROM audit_chain WHERE global_index > ? AND global_index <= ? ORDER BY global_index LIMIT "
                                + AuditChain.CHUNK,
                        (rs, n) -> new Link(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getString(3).trim(),
                                rs.getString(4).trim(),
                                rs.getString(5).trim(),
                                rs.getString(6).trim()),
                        after,
                        upTo),
                Link::position);
        long count = 0;
        long previous = 0;
        String link = ChainCodec.GENESIS;
        while (events.peek() != null || links.peek() != null) {
            StoredEvent event = events.peek();
            Link stored = links.peek();
            long position = Math.min(
                    event == null ? Long.MAX_VALUE : event.position(),
                    stored == null ? Long.MAX_VALUE : stored.position());
            Result sofar = new Result(true, count, previous, link, null);
            if (stored == null || stored.position() != position) {
                return broken(
                        sofar,
                        position,
                        Reason.EVENT_UNCHAINED,
                        "the event at position " + position + " (" + event.eventId()
                                + ") has no link: it was written around the ledger, or its link was deleted");
            }
            if (stored.previous() > previous) {
                return broken(
                        sofar,
                        stored.previous(),
                        Reason.EVENT_MISSING,
                        "the event at position " + stored.previous() + " is gone with its link (the link at " + position
                                + " follows it)");
            }
            if (stored.previous() < previous) {
                return broken(
                        sofar,
                        position,
                        Reason.LINK_ALTERED,
                        "the link at position " + position + " says it follows position " + stored.previous()
                                + ", but the chain's previous event is at " + previous);
            }
            if (event == null || event.position() != position) {
                return broken(
                        sofar,
                        position,
                        Reason.EVENT_MISSING,
                        "the event chained at position " + position + " (" + stored.eventId() + ") is gone");
            }
            if (!event.eventId().equals(stored.eventId())) {
                return broken(
                        sofar,
                        position,
                        Reason.ORDER_CHANGED,
                        "position " + position + " holds event " + event.eventId() + " but the chain recorded event "
                                + stored.eventId() + " there: events were moved or swapped");
            }
            String computed = ChainCodec.link(link, event);
            if (!computed.equals(stored.link())) {
                if (!ChainCodec.sha256Hex(event.payload()).equals(stored.payloadSha256())) {
                    return broken(
                            sofar,
                            position,
                            Reason.PAYLOAD_ALTERED,
                            "the payload of event " + event.eventId() + " is not the one chained");
                }
                if (!ChainCodec.sha256Hex(event.metaData()).equals(stored.metadataSha256())) {
                    return broken(
                            sofar,
                            position,
                            Reason.METADATA_ALTERED,
                            "the metadata of event " + event.eventId()
                                    + " (actor, correlation id, command) is not the one chained");
                }
                return broken(
                        sofar,
                        position,
                        Reason.EVENT_ALTERED,
                        "event " + event.eventId() + " does not hash to its link:"
                                + " its aggregate, sequence number, timestamp or types were altered, or the link itself");
            }
            link = computed;
            previous = position;
            count++;
            events.next();
            links.next();
        }
        return new Result(true, count, previous, link, null);
    }

    /** Rows in position order, fetched a chunk at a time after the last one seen. */
    private static final class Cursor<T> {
        private final java.util.function.LongFunction<List<T>> fetch;
        private final java.util.function.ToLongFunction<T> position;
        private final Deque<T> buffer = new ArrayDeque<>();
        private long after;
        private boolean exhausted;

        Cursor(java.util.function.LongFunction<List<T>> fetch, java.util.function.ToLongFunction<T> position) {
            this.fetch = fetch;
            this.position = position;
        }

        T peek() {
            if (buffer.isEmpty() && !exhausted) {
                List<T> chunk = fetch.apply(after);
                if (chunk.size() < AuditChain.CHUNK) {
                    exhausted = true;
                }
                if (!chunk.isEmpty()) {
                    after = position.applyAsLong(chunk.get(chunk.size() - 1));
                    buffer.addAll(chunk);
                }
            }
            return buffer.peekFirst();
        }

        void next() {
            Objects.requireNonNull(buffer.pollFirst());
        }
    }
}
