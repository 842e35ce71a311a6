package org.diplomaticledger.audit;

import org.axonframework.eventhandling.EventMessage;
import org.diplomaticledger.ledger.AppendInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the chain. Every append to the event store first locks the chain's head row, so that the positions the
 * database then gives the events follow the chain's order whatever the number of writers or nodes; once the events
 * are inserted, their links are computed from the rows as stored and written in one batch, and the head moves, all
 * in the appending transaction. Events stored before the chain existed are chained at startup.
 */
@Component
public class AuditChain implements AppendInterceptor, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AuditChain.class);
    static final int CHUNK = 1000;

    /** The chain's head: the last chained position, its link, how many links, and the end of the legacy events. */
    public record Head(long position, String link, long length, long legacyUntil) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    AuditChain(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public AfterAppend beforeAppend(List<? extends EventMessage<?>> events) {
        Head locked = lockHead();
        while (locked.position() < locked.legacyUntil()) {
            locked = chainLegacyChunk(locked);
        }
        Head head = locked;
        return ids -> link(head, ids);
    }

    /** Chains the events stored before the chain existed, a chunk per transaction, before the ledger serves. */
    @Override
    public void afterSingletonsInstantiated() {
        Head head = head();
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

    Head head() {
        return jdbc.queryForObject("SELECT head_index, link, length, legacy_until FROM audit_chain_head WHERE id = 1",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2).trim(), rs.getLong(3), rs.getLong(4)));
    }

    private Head lockHead() {
        return jdbc.queryForObject("SELECT head_index, link, length, legacy_until FROM audit_chain_head WHERE id = 1 FOR UPDATE",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2).trim(), rs.getLong(3), rs.getLong(4)));
    }

    private Head chainLegacyChunk(Head head) {
        List<StoredEvent> rows = jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry"
                        + " WHERE global_index > ? AND global_index <= ? ORDER BY global_index LIMIT " + CHUNK,
                (rs, n) -> StoredEvent.read(rs), head.position(), head.legacyUntil());
        if (rows.isEmpty()) {
            // The legacy events end before legacyUntil (the last ones were rolled back or never committed).
            jdbc.update("UPDATE audit_chain_head SET legacy_until = head_index WHERE id = 1");
            return new Head(head.position(), head.link(), head.length(), head.position());
        }
        return store(head, rows);
    }

    /** Links the events just inserted under the lock: the rows after the head that carry these ids, as stored. */
    private void link(Head head, List<String> eventIds) {
        Set<String> ours = new HashSet<>(eventIds);
        List<StoredEvent> rows = new ArrayList<>(eventIds.size());
        jdbc.query("SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry WHERE global_index > ? ORDER BY global_index",
                rs -> {
                    StoredEvent event = StoredEvent.read(rs);
                    // A row after the head that is not ours was put there around the ledger: it stays unchained, and
                    // verify reports it.
                    if (ours.contains(event.eventId())) {
                        rows.add(event);
                    }
                }, head.position());
        if (rows.size() != ours.size()) {
            throw new IllegalStateException("the audit chain found " + rows.size() + " of the " + ours.size()
                    + " events just appended");
        }
        store(head, rows);
    }

    private Head store(Head head, List<StoredEvent> rows) {
        List<Object[]> links = new ArrayList<>(rows.size());
        long previous = head.position();
        String link = head.link();
        for (StoredEvent event : rows) {
            link = ChainCodec.link(link, event);
            links.add(new Object[]{event.position(), previous, event.eventId(), ChainCodec.sha256Hex(event.payload()),
                    ChainCodec.sha256Hex(event.metaData()), link});
            previous = event.position();
        }
        jdbc.batchUpdate("INSERT INTO audit_chain (global_index, prev_index, event_identifier, payload_sha256, metadata_sha256, link)"
                + " VALUES (?, ?, ?, ?, ?, ?)", links);
        Head moved = new Head(previous, link, head.length() + rows.size(), head.legacyUntil());
        jdbc.update("UPDATE audit_chain_head SET head_index = ?, link = ?, length = ? WHERE id = 1",
                moved.position(), moved.link(), moved.length());
        return moved;
    }
}
