package org.diplomaticledger.ledger;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The aggregates that hold a correction or a retraction, kept in {@code corrected_aggregate} by the transaction that
 * appends their first one (V31 filled it from the events stored before). Their snapshots are ignored (see
 * {@code LedgerConfiguration.correctedHistorySnapshotFilter}): asking this table is a primary-key look-up, where
 * asking the events was a scan of the aggregate's whole stream on every load of a snapshot, which made each
 * command of a large import cost more the longer its presence's record (JFR at 320,000 events: four fifths of the
 * request threads' time). Being written in the appending transaction, it is right on every node.
 */
@Component
public class CorrectedAggregates implements AppendInterceptor {

    private final JdbcTemplate jdbc;

    public CorrectedAggregates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public AfterAppend beforeAppend(List<? extends EventMessage<?>> events) {
        Set<String> corrected = new LinkedHashSet<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain
                    && (event.getPayload() instanceof EntryCorrected || event.getPayload() instanceof EntryRetracted)) {
                corrected.add(domain.getAggregateIdentifier());
            }
        }
        if (corrected.isEmpty()) {
            return ids -> Map.of();
        }
        // After the insert, in the appending transaction; every append holds the audit chain's lock (AuditChain), so
        // two writers never add the same aggregate at once.
        return ids -> {
            for (String aggregate : corrected) {
                if (!has(aggregate)) {
                    jdbc.update("INSERT INTO corrected_aggregate (aggregate_identifier) VALUES (?)", aggregate);
                }
            }
            return Map.of();
        };
    }

    /** Whether the aggregate holds a correction or a retraction, as far as this transaction sees. */
    public boolean has(String aggregateIdentifier) {
        return !jdbc.queryForList(
                        "SELECT 1 FROM corrected_aggregate WHERE aggregate_identifier = ?",
                        Integer.class,
                        aggregateIdentifier)
                .isEmpty();
    }
}
