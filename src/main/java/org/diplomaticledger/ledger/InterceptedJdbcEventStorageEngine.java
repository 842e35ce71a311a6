package org.diplomaticledger.ledger;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.util.ArrayList;
import java.util.List;

/**
 * Axon's JDBC storage engine, with every append wrapped by the {@link AppendInterceptor}s in one transaction:
 * whatever appends events (HTTP commands, imports, the demo loader, anything on the EventStore) passes here.
 */
class InterceptedJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final TransactionManager transactionManager;
    private final List<AppendInterceptor> interceptors;

    InterceptedJdbcEventStorageEngine(Builder builder, TransactionManager transactionManager,
                                      List<AppendInterceptor> interceptors) {
        super(builder);
        this.transactionManager = transactionManager;
        this.interceptors = List.copyOf(interceptors);
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
