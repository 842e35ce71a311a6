package org.diplomaticledger.ledger;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.json.JacksonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.diplomaticledger.shared.EventJson;
import org.diplomaticledger.shared.LedgerMetadata;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The event store: Axon's JDBC storage engine on the tables Flyway creates (never Axon's own DDL), Jackson for
 * events, a cache of aggregates so that a command does not replay its aggregate's whole history, and the metadata
 * every event inherits from its command.
 */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The ledger's own JSON for events, apart from the web layer's: a setting made for HTTP answers must never
     * change how events are stored, or what was stored before could no longer be read. Dates as ISO strings, null
     * fields left out, unknown fields ignored when reading (so events written by a newer version still read).
     */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        ObjectMapper mapper = EventJson.newMapper();
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    /**
     * A unique-key violation on append means another writer stored the aggregate's next event first: SQLState
     * 23505 in both H2 and PostgreSQL, wherever it sits in the cause chain (batch inserts wrap it). Axon then
     * reports a ConcurrencyException, answered 409 concurrent-write, instead of a storage failure.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof java.sql.SQLException sql) {
                    for (java.sql.SQLException next = sql; next != null; next = next.getNextException()) {
                        if ("23505".equals(next.getSQLState())) {
                            return true;
                        }
                    }
                }
                if (cause.getCause() == cause) {
                    break;
                }
            }
            return false;
        };
    }

    /** The ledger's table and column names, snake_case so that they read the same in H2 and PostgreSQL. */
    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("token_timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(EventSchema eventSchema,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Serializer snapshotSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          @Value("${ledger.event-store.batch-size:500}") int batchSize,
                                          @Value("${ledger.event-store.gap-timeout:PT20S}") java.time.Duration gapTimeout,
                                          @Value("${ledger.event-store.gap-cleaning-threshold:100}") int gapCleaningThreshold,
                                          ObjectProvider<EventUpcaster> upcasters) {
        return JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .dataType(byte[].class)
                // Events stored at an older revision are read as the current one (docs/contract.md); the rows stay.
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .batchSize(batchSize)
                // A position left empty by a rolled-back write stays a "gap" that readers re-check until it is older
                // than the timeout. Writes commit in milliseconds, so 20 s is ample, and cleaning gaps early keeps
                // readers' queries short where many writes were rolled back.
                .gapTimeout((int) gapTimeout.toMillis())
                .gapCleaningThreshold(gapCleaningThreshold)
                .build();
    }

    /** Aggregates stay in memory between commands; the store still rejects a stale write by its sequence. */
    @Bean
    Cache aggregateCache() {
        return new WeakReferenceCache();
    }

    /** Every event carries the actor, the request's correlation id and the command it came from. */
    @Bean
    CorrelationDataProvider ledgerCorrelationData() {
        return message -> {
            Map<String, Object> data = new HashMap<>();
            for (String key : new String[]{LedgerMetadata.ACTOR, LedgerMetadata.CORRELATION_ID, LedgerMetadata.COMMAND}) {
                Object value = message.getMetaData().get(key);
                if (value != null) {
                    data.put(key, value);
                }
            }
            if (message.getMetaData().containsKey(LedgerMetadata.COMMAND)) {
                // A command sent on behalf of the client's command (a correction handed to the aggregate that owns
                // the corrected event) carries the client's command id, so its events belong to that command.
                Object commandId = message.getMetaData().get(LedgerMetadata.COMMAND_ID);
                data.put(LedgerMetadata.COMMAND_ID, commandId != null ? commandId : message.getIdentifier());
            }
            return data;
        };
    }

    @Bean
    AppliedEvents appliedEvents(EventStore eventStore) {
        AppliedEvents appliedEvents = new AppliedEvents();
        eventStore.registerDispatchInterceptor(appliedEvents);
        return appliedEvents;
    }
}
