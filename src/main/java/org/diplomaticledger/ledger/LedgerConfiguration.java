package org.diplomaticledger.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.diplomaticledger.shared.EventJson;
import org.diplomaticledger.shared.LedgerMetadata;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store: Axon's JDBC storage engine on the tables Flyway creates (never Axon's own DDL), Jackson for
 * events, a cache of aggregates so that a command does not replay its aggregate's whole history, and the metadata
 * every event inherits from its command.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.context.properties.EnableConfigurationProperties(LedgerProperties.class)
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

    /** How quickly a dead node's processor claims are taken over (see {@link ProcessorClaims}). */
    @Bean
    ProcessorClaims processorClaims(LedgerProperties properties) {
        LedgerProperties.Processors processors = properties.processors();
        return new ProcessorClaims(processors.claimTimeout(), processors.claimExtension(), processors.claimInterval());
    }

    /**
     * Where each event processor keeps its position, and which node holds each of its segments: a node claims a
     * segment by writing its id as the owner and keeps the claim by refreshing its timestamp; a node that stops
     * releases its claims, and claims a node left behind when it died are taken over by another node once they are
     * older than {@code ledger.processors.claim-timeout}. Node ids must differ between nodes; the default (process
     * id, host and a random suffix) does.
     */
    @Bean
    TokenStore tokenStore(
            ConnectionProvider connectionProvider,
            @Qualifier("serializer") Serializer serializer,
            TokenSchema tokenSchema,
            ProcessorClaims claims,
            LedgerProperties properties) {
        String nodeId = properties.nodeId();
        String node = nodeId.isBlank()
                ? java.lang.management.ManagementFactory.getRuntimeMXBean().getName() + "-"
                        + java.util.UUID.randomUUID().toString().substring(0, 8)
                : nodeId;
        return claims.tokenStore(connectionProvider, serializer, tokenSchema, node);
    }

    /**
     * Every pooled streaming processor (the projections, the Kafka relay, any added later) refreshes its claims and
     * looks for claims to take over as {@link ProcessorClaims} says; a processor's own settings come after these.
     */
    @Bean
    ConfigurerModule processorClaimSettings(ProcessorClaims claims) {
        return configurer -> configurer
                .eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration((config, builder) -> claims.applyTo(builder));
    }

    @Bean
    EventStorageEngine eventStorageEngine(
            EventSchema eventSchema,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer snapshotSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            ConnectionProvider connectionProvider,
            SnapshotFilter correctedHistorySnapshotFilter,
            TransactionManager transactionManager,
            LedgerProperties properties,
            ObjectProvider<EventUpcaster> upcasters,
            ObjectProvider<AppendInterceptor> interceptors) {
        int batchSize = properties.eventStore().batchSize();
        java.time.Duration gapTimeout = properties.eventStore().gapTimeout();
        int gapCleaningThreshold = properties.eventStore().gapCleaningThreshold();
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .dataType(byte[].class)
                // Events stored at an older revision are read as the current one (docs/contract.md); the rows stay.
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .snapshotFilter(snapshotsOfTheCurrentShape(snapshotSerializer).combine(correctedHistorySnapshotFilter))
                .batchSize(batchSize)
                // A position left empty by a rolled-back write stays a "gap" that readers re-check until it is older
                // than the timeout. Writes commit in milliseconds, so 20 s is ample, and cleaning gaps early keeps
                // readers' queries short where many writes were rolled back.
                .gapTimeout((int) gapTimeout.toMillis())
                .gapCleaningThreshold(gapCleaningThreshold)
                // The engine below makes this check itself, except while a large import is being written.
                .extendedGapCheckEnabled(false);
        // Every append passes the interceptors (the audit chain) in the appending transaction.
        return new InterceptedJdbcEventStorageEngine(
                builder, transactionManager, interceptors.orderedStream().toList());
    }

    /**
     * Aggregates stay in memory between commands ({@code ledger.aggregates.cache=soft}, the default: see
     * {@link SoftAggregateCache}); the store still rejects a stale write by its sequence (409 concurrent-write). With
     * several nodes behind a load balancer every node's cache goes stale whenever another node writes, so each such
     * write would be refused once: there set {@code none} and let snapshots bound the loading time instead.
     */
    @Bean
    Cache aggregateCache(LedgerProperties properties) {
        String kind = properties.aggregates().cache();
        Cache cache = switch (kind.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "soft" -> new SoftAggregateCache(properties.aggregates().cacheSize());
            case "weak" -> new WeakReferenceCache();
            case "none" -> NoCache.INSTANCE;
            default ->
                throw new IllegalStateException("ledger.aggregates.cache must be soft, weak or none, not " + kind);
        };
        // A large import keeps the aggregates it wrote until it ends (see ImportPinningCache).
        return new ImportPinningCache(cache);
    }

    /**
     * Snapshots are taken after the commit that triggers them, on a thread of their own: Axon's default runs the
     * snapshot in the committing thread (the request's, or the group-commit appender's, which every writer waits
     * on), where reading an aggregate's events and writing its snapshot added a load and a write to the commands
     * that happened to cross the threshold. A snapshot only shortens later loads, so when the queue is full one is
     * left out (the next crossing takes it).
     */
    @Bean
    org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean aggregateSnapshotter(
            SnapshotThread snapshotThread) {
        org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean factory =
                new org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean();
        factory.setExecutor(snapshotThread.executor);
        return factory;
    }

    /** The snapshots' thread; not an {@code Executor} bean, which would turn off Boot's application task executor. */
    static final class SnapshotThread implements org.springframework.beans.factory.DisposableBean {
        final java.util.concurrent.ThreadPoolExecutor executor = new java.util.concurrent.ThreadPoolExecutor(
                1,
                1,
                0,
                java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(1024),
                runnable -> {
                    Thread thread = new Thread(runnable, "ledger-snapshots");
                    thread.setDaemon(true);
                    return thread;
                },
                new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());

        @Override
        public void destroy() throws InterruptedException {
            executor.shutdown();
            executor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Bean
    SnapshotThread snapshotThread() {
        return new SnapshotThread();
    }

    /**
     * Every aggregate takes a snapshot once {@code ledger.snapshots.threshold} events were applied since it was
     * last loaded from its latest snapshot (0 turns snapshots off). Loading then reads that snapshot and only the
     * events after it.
     */
    @Bean
    SnapshotTriggerDefinition ledgerSnapshotTrigger(Snapshotter snapshotter, LedgerProperties properties) {
        int threshold = properties.snapshots().threshold();
        if (threshold < 0) {
            throw new IllegalStateException("ledger.snapshots.threshold must be 0 (off) or more, not " + threshold);
        }
        // None while a large import is being appended on this thread: its chunks' units of work commit before its
        // transaction does, and a snapshot taken then would read none of the import's events (a later crossing of
        // the threshold takes it).
        Snapshotter outsideImports = (aggregateType, aggregateIdentifier) -> {
            if (!LedgerImport.importing()) {
                snapshotter.scheduleSnapshot(aggregateType, aggregateIdentifier);
            }
        };
        return threshold == 0
                ? NoSnapshotTriggerDefinition.INSTANCE
                : new EventCountSnapshotTriggerDefinition(outsideImports, threshold);
    }

    /**
     * A snapshot is state folded from the events as they read when it was taken. A correction or retraction
     * changes how earlier events read, so once an aggregate has any, its snapshots are ignored and it loads from
     * its whole corrected history (which stays correct whichever way corrections are applied on load).
     */
    @Bean
    SnapshotFilter correctedHistorySnapshotFilter(CorrectedAggregates corrected) {
        return snapshot -> !corrected.has(snapshot.getAggregateIdentifier());
    }

    /**
     * A snapshot is an aggregate's fields as Jackson wrote them. When an aggregate's fields change shape, its class
     * takes a new {@code @Revision}; a snapshot written at another revision (or at none, before the first) is then
     * not read, and the aggregate loads from its events until the next snapshot is taken. Without this an old
     * snapshot would fail to deserialise, or worse, deserialise into wrong state. Axon builds this filter from
     * {@code @Revision} only for the storage engines it configures itself, not for this one.
     */
    static SnapshotFilter snapshotsOfTheCurrentShape(Serializer snapshotSerializer) {
        return snapshot -> {
            org.axonframework.serialization.SerializedType stored =
                    snapshot.getPayload().getType();
            Class<?> type = snapshotSerializer.classForType(stored);
            return !org.axonframework.serialization.UnknownSerializedType.class.equals(type)
                    && java.util.Objects.equals(
                            snapshotSerializer.typeForClass(type).getRevision(), stored.getRevision());
        };
    }

    /** Every event carries the actor, the request's correlation id and the command it came from. */
    @Bean
    CorrelationDataProvider ledgerCorrelationData() {
        return message -> {
            Map<String, Object> data = new HashMap<>();
            for (String key :
                    new String[] {LedgerMetadata.ACTOR, LedgerMetadata.CORRELATION_ID, LedgerMetadata.COMMAND}) {
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
