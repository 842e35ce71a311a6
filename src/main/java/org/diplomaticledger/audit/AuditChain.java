package org.diplomaticledger.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.diplomaticledger.ledger.AppendInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the chain. Every append to the event store first locks the chain's head row, so that the positions the
 * database then gives the events follow the chain's order whatever the number of writers or nodes; once the events
 * are inserted, their links are computed from the rows as stored and written in one batch, and the head moves, all
 * in the appending transaction. Events stored before the chain existed are chained at startup, up to a boundary fixed
 * once; a chain that disagrees with that boundary or with the digest this node last published is never chained
 * again: the ledger refuses to start.
 */
@Component
public class AuditChain implements AppendInterceptor, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AuditChain.class);
    static final int CHUNK = 1000;

    /** The chain's head: the last chained position, its link, how many links, and the end of the legacy events. */
    public record Head(long position, String link, long length, long legacyUntil) {}

    /** The chain disagrees with what the ledger fixed or published: it was truncated, rewritten or reset. */
    public static final class ChainTampered extends IllegalStateException {
        ChainTampered(String message) {
            super(message);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ChainWitness witness;

    AuditChain(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ChainWitness witness) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.witness = witness;
    }

    @Override
    public AfterAppend beforeAppend(List<? extends EventMessage<?>> events) {
        Head locked = lockHead();
        if (locked.position() < locked.legacyUntil()) {
            requireFixedBoundary(locked);
        }
        while (locked.position() < locked.legacyUntil()) {
            locked = chainLegacyChunk(locked);
        }
        Head head = locked;
        return ids -> link(head, ids);
    }

    /**
     * Checks the chain against its fixed legacy boundary and against the digest this node last published, and
     * refuses to start (and so to chain anything) when they disagree; then chains the events stored before the chain
     * existed, a chunk per transaction, before the ledger serves.
     */
    @Override
    public void afterSingletonsInstantiated() {
        Head head = head();
        requireFixedBoundary(head);
        witness.last().ifPresent(published -> {
            ChainVerifier.Break disagreement = compare(head, published);
            if (disagreement != null) {
                throw new ChainTampered(
                        "The audit chain was tampered with: " + disagreement.detail() + ". The ledger refuses to"
                                + " start rather than chain again what it had chained (that would adopt edited or forged rows)."
                                + " Restore the database from a backup that holds the chain up to position "
                                + published.position()
                                + ", or, once the loss is understood and recorded, move " + witness.file()
                                + " aside (docs/audit.md).");
            }
        });
        if (head.position() >= head.legacyUntil()) {
            return;
        }
        log.info("Chaining the events stored before the audit chain existed (positions up to {})", head.legacyUntil());
        long chained = 0;
        while (true) {
            Head after = transactions.execute(status -> {
                Head locked = lockHead();
                return locked.position() < locked.legacyUntil() ? chainLegacyChunk(locked) : null;
            });
            if (after == null) {
                break;
            }
            chained = after.length();
        }
        log.info("Chained {} earlier events", chained);
    }

    /** The boundary of the events stored before the chain existed, as V12 fixed it (see docs/audit.md). */
    public long legacyBoundary() {
        return jdbc.queryForObject("SELECT legacy_until FROM audit_chain_genesis WHERE id = 1", Long.class);
    }

    private void requireFixedBoundary(Head head) {
        long fixed = legacyBoundary();
        if (head.legacyUntil() != fixed) {
            throw new ChainTampered(
                    "The audit chain was tampered with: the boundary of the events stored before the chain"
                            + " (audit_chain_head.legacy_until) is " + head.legacyUntil() + ", but it was fixed at "
                            + fixed
                            + " (audit_chain_genesis); chaining the positions after " + fixed
                            + " as legacy events would adopt rows"
                            + " that were edited or written around the ledger. The ledger refuses to start: restore the database"
                            + " from a backup (docs/audit.md).");
        }
    }

    /**
     * Where {@code head} disagrees with a digest this ledger published before, or null: a chain shorter than the
     * digest lost events after its head (truncated, or reset); one whose link at the digest's position is another was
     * rewritten; another legacy boundary was moved.
     */
    ChainVerifier.Break compare(Head head, SignedDigest published) {
        String when = "the digest this ledger published at " + published.time() + " (position " + published.position()
                + ", " + published.events() + " events, legacy until " + published.legacyUntil() + ")";
        if (head.position() < published.position() || head.length() < published.events()) {
            return new ChainVerifier.Break(
                    head.position() + 1,
                    ChainVerifier.Reason.TRUNCATED,
                    "the ledger lost events after"
                            + " position " + head.position() + ": its chain ends there with " + head.length()
                            + " events, but " + when
                            + " already held more");
        }
        if (head.legacyUntil() != published.legacyUntil()) {
            return new ChainVerifier.Break(
                    Math.min(head.legacyUntil(), published.legacyUntil()) + 1,
                    ChainVerifier.Reason.LEGACY_BOUNDARY_MOVED,
                    "the boundary of the events stored before the chain is " + head.legacyUntil() + ", not "
                            + published.legacyUntil() + " as in " + when);
        }
        if (published.position() > 0) {
            List<String> link = jdbc.queryForList(
                    "SELECT link FROM audit_chain WHERE global_index = ?", String.class, published.position());
            if (link.isEmpty() || !link.get(0).trim().equals(published.hash())) {
                return new ChainVerifier.Break(
                        published.position(),
                        ChainVerifier.Reason.DIGEST_MISMATCH,
                        "the chain at position " + published.position() + " no longer ends in the hash of " + when
                                + ": events up to it were rewritten");
            }
        }
        return null;
    }

    Head head() {
        return jdbc.queryForObject(
                "SELECT head_index, link, length, legacy_until FROM audit_chain_head WHERE id = 1",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2).trim(), rs.getLong(3), rs.getLong(4)));
    }

    private Head lockHead() {
        return jdbc.queryForObject(
                "SELECT head_index, link, length, legacy_until FROM audit_chain_head WHERE id = 1 FOR UPDATE",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2).trim(), rs.getLong(3), rs.getLong(4)));
    }

    private Head chainLegacyChunk(Head head) {
        List<StoredEvent> rows = jdbc.query(
                "SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry"
                        + " WHERE global_index > ? AND global_index <= ? ORDER BY global_index LIMIT " + CHUNK,
                (rs, n) -> StoredEvent.read(rs),
                head.position(),
                head.legacyUntil());
        if (rows.isEmpty()) {
            // The legacy events end before legacyUntil (the last ones were rolled back or never committed): the
            // boundary is fixed where they end, in both places, once.
            jdbc.update("UPDATE audit_chain_head SET legacy_until = head_index WHERE id = 1");
            jdbc.update("UPDATE audit_chain_genesis SET legacy_until = ? WHERE id = 1", head.position());
            return new Head(head.position(), head.link(), head.length(), head.position());
        }
        return store(head, rows);
    }

    /**
     * Links the events just inserted under the lock: the rows after the head that carry these ids, as stored.
     * Returns their positions by event id, which the writer answers with.
     */
    private Map<String, Long> link(Head head, List<String> eventIds) {
        Set<String> ours = new HashSet<>(eventIds);
        List<StoredEvent> rows = new ArrayList<>(eventIds.size());
        jdbc.query(
                "SELECT " + StoredEvent.COLUMNS
                        + " FROM domain_event_entry WHERE global_index > ? ORDER BY global_index",
                rs -> {
                    StoredEvent event = StoredEvent.read(rs);
                    // A row after the head that is not ours was put there around the ledger: it stays unchained, and
                    // verify reports it.
                    if (ours.contains(event.eventId())) {
                        rows.add(event);
                    }
                },
                head.position());
        if (rows.size() != ours.size()) {
            throw new IllegalStateException(
                    "the audit chain found " + rows.size() + " of the " + ours.size() + " events just appended");
        }
        store(head, rows);
        Map<String, Long> positions = new HashMap<>(rows.size() * 2);
        for (StoredEvent row : rows) {
            positions.put(row.eventId(), row.position());
        }
        return positions;
    }

    private Head store(Head head, List<StoredEvent> rows) {
        List<Object[]> links = new ArrayList<>(rows.size());
        long previous = head.position();
        String link = head.link();
        for (StoredEvent event : rows) {
            link = ChainCodec.link(link, event);
            links.add(new Object[] {
                event.position(),
                previous,
                event.eventId(),
                ChainCodec.sha256Hex(event.payload()),
                ChainCodec.sha256Hex(event.metaData()),
                link
            });
            previous = event.position();
        }
        jdbc.batchUpdate(
                "INSERT INTO audit_chain (global_index, prev_index, event_identifier, payload_sha256, metadata_sha256, link)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                links);
        Head moved = new Head(previous, link, head.length() + rows.size(), head.legacyUntil());
        jdbc.update(
                "UPDATE audit_chain_head SET head_index = ?, link = ?, length = ? WHERE id = 1",
                moved.position(),
                moved.link(),
                moved.length());
        return moved;
    }
}
