package org.diplomaticledger.ledger;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC storage engine, with every append wrapped by the {@link AppendInterceptor}s in one transaction:
 * whatever appends events (HTTP commands, imports, the demo loader, anything on the EventStore) passes here.
 *
 * <p>It also makes Axon's "extended gap check" itself (turned off in the builder): when the readers of the ledger's
 * tail find nothing in their next window of positions, Axon looks for the lowest position after it
 * ({@code SELECT MIN(global_index) ... WHERE global_index > ?}), so that a gap wider than a batch does not stop them.
 * While a large import is being written ({@link LedgerImport#importAll}), every position after the tail is an
 * uncommitted row of the import, which that query visits one by one to skip (H2's MVCC): a JDBC profile of a
 * 300,000-line import showed the event store's reader spending as much CPU in that query, polled after every
 * chunk, as the import itself, and the garbage it made took a third of the time in GC pauses. The check is skipped
 * while an import is written on this node (nothing can be committed after the tail meanwhile: the import holds the
 * audit chain's head); once it ended, the check runs as before.
 */
class InterceptedJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final TransactionManager transactionManager;
    private final List<AppendInterceptor> interceptors;

    InterceptedJdbcEventStorageEngine(
            Builder builder, TransactionManager transactionManager, List<AppendInterceptor> interceptors) {
        super(builder);
        this.transactionManager = transactionManager;
        this.interceptors = List.copyOf(interceptors);
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        List<? extends TrackedEventData<?>> found = super.fetchTrackedEvents(lastToken, batchSize);
        if (!found.isEmpty() || LedgerImport.importWriting()) {
            return found;
        }
        long index = lastToken == null ? -1 : ((GapAwareTrackingToken) lastToken).getIndex();
        Long next = transactionManager.fetchInTransaction(() -> JdbcUtils.executeQuery(
                getConnection(),
                connection -> fetchTrackedEvents(connection, index),
                resultSet -> JdbcUtils.nextAndExtract(resultSet, 1, Long.class),
                e -> new EventStoreException("Failed to read the position after " + index, e)));
        if (next == null || next - index <= batchSize) {
            return found;
        }
        // A gap wider than a batch: a window reaching the first position after it.
        return super.fetchTrackedEvents(lastToken, (int) Math.min(Integer.MAX_VALUE, next - index));
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty() || interceptors.isEmpty()) {
            super.appendEvents(events, serializer);
            return;
        }
        transactionManager.executeInTransaction(() -> {
            List<AppendInterceptor.AfterAppend> after = new ArrayList<>(interceptors.size());
            for (AppendInterceptor interceptor : interceptors) {
                after.add(interceptor.beforeAppend(events));
            }
            super.appendEvents(events, serializer);
            List<String> ids = events.stream().map(EventMessage::getIdentifier).toList();
            for (AppendInterceptor.AfterAppend action : after) {
                AppendedPositions.record(action.appended(ids));
            }
        });
    }
}
