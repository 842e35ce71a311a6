package org.diplomaticledger.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Registers each {@link Projection} with Axon: one pooled streaming processor per projection, named after it,
 * reading the event store from its start, in batches whose rows and token commit together. Each committed batch
 * wakes the readers waiting for a position.
 *
 * <p>A handler that fails on an event does not stop its projection: Axon's sequenced dead-letter queue (JDBC, table
 * {@code dead_letter_entry}) parks the event, and the later events of the same aggregate queue behind it, while the
 * projection goes on with every other aggregate. The handler runs each event in a savepoint ({@link IsolatedHandler})
 * so that a parked event leaves no writes behind. A correction or retraction of a parked event releases it once its
 * batch has committed ({@link ParkedEvents#release}); {@code POST /api/v1/projections/{name}/parked/retry} runs
 * them all again.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionsProperties.class)
class ProjectionsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProjectionsConfiguration.class);

    /** The diagnostics entry of a dead letter counting the retries that failed on it. */
    static final String RETRIES = "retries";

    @Bean
    ProjectionHandlers projectionHandlers(
            List<Projection> projections,
            JdbcTemplate jdbc,
            ObjectProvider<EventStorageEngine> storageEngine,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            ProjectionsProperties properties) {
        ObjectMapper eventMapper =
                eventSerializer instanceof JacksonSerializer jackson ? jackson.getObjectMapper() : new ObjectMapper();
        return new ProjectionHandlers(
                projections, jdbc, storageEngine::getObject, eventMapper, properties.cachedEvents());
    }

    /**
     * The dead-letter table's names, snake_case like the event store's. Also the schema Axon's Spring Boot
     * auto-configuration would use for any other processor given a dead-letter queue by properties.
     */
    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_identifier")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    @Bean
    ConfigurerModule projectionProcessors(
            ProjectionHandlers handlers,
            ProjectionPositions positions,
            ParkedEvents parked,
            ObjectProvider<EventStorageEngine> storageEngine,
            PlatformTransactionManager transactions,
            TransactionManager axonTransactions,
            ConnectionProvider connections,
            DeadLetterSchema deadLetterSchema,
            @Qualifier("serializer") Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            ProjectionsProperties properties) {
        int batchSize = properties.batchSize();
        int maxSequences = properties.parked().maxAggregates();
        int maxSequenceSize = properties.parked().maxPerAggregate();
        // The batches and the retries of parked events run in transactions that become savepoints inside an outer
        // one: a retry that fails again rolls back only that event's unit of work, so that Axon can keep it parked
        // (with its retry count up) and still commit the outer transaction. Without a surrounding transaction, as for
        // the processor's batches, this is an ordinary transaction.
        DefaultTransactionDefinition nested =
                new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);
        SpringTransactionManager nestedTransactions = new SpringTransactionManager(transactions, nested);
        PagedDeadLetterStatements statements =
                PagedDeadLetterStatements.create(deadLetterSchema, serializer, eventSerializer);
        return configurer -> {
            for (ProjectionHandlers.Live live : handlers.all()) {
                String name = live.projection().name();
                IsolatedHandler handler =
                        new IsolatedHandler(name, live.handler(), transactions, storageEngine::getObject);
                configurer
                        .eventProcessing()
                        .registerEventHandler(config -> handler)
                        .assignHandlerInstancesMatching(name, Integer.MAX_VALUE, candidate -> candidate == handler)
                        .registerDeadLetterQueue(
                                name,
                                config -> JdbcSequencedDeadLetterQueue.builder()
                                        .processingGroup(name)
                                        .connectionProvider(connections)
                                        .transactionManager(axonTransactions)
                                        .schema(deadLetterSchema)
                                        .statementFactory(statements)
                                        // Jackson for the parked events and their diagnostics and tokens, never
                                        // XStream.
                                        .genericSerializer(serializer)
                                        .eventSerializer(eventSerializer)
                                        .maxSequences(maxSequences)
                                        .maxSequenceSize(maxSequenceSize)
                                        .build())
                        // One sequence per aggregate: only the events of a parked event's own aggregate wait behind it.
                        .registerSequencingPolicy(name, config -> SequentialPerAggregatePolicy.instance())
                        .registerDeadLetterPolicy(name, config -> enqueuePolicy(name))
                        // Remembers which aggregates have parked events, so that every other event is handled without
                        // asking the table first.
                        .registerDeadLetteringEventHandlerInvokerConfiguration(
                                name, (config, builder) -> builder.enableSequenceIdentifierCache())
                        .registerTransactionManager(name, config -> nestedTransactions)
                        .registerHandlerInterceptor(name, config -> (unitOfWork, chain) -> {
                            unitOfWork.afterCommit(committed -> positions.advanced());
                            EventMessage<?> message = unitOfWork.getMessage();
                            String corrected = correctedEventId(message.getPayload());
                            if (corrected != null
                                    && message instanceof DomainEventMessage<?> domain
                                    && !unitOfWork.resources().containsKey(DeadLetter.class.getName())) {
                                String aggregate = domain.getAggregateIdentifier();
                                unitOfWork.afterCommit(committed -> parked.release(name, aggregate, corrected));
                            }
                            return chain.proceed();
                        })
                        .registerPooledStreamingEventProcessor(
                                name,
                                org.axonframework.config.Configuration::eventStore,
                                (config, builder) -> builder.batchSize(batchSize)
                                        .initialSegmentCount(1)
                                        .initialToken(StreamableMessageSource::createTailToken));
            }
        };
    }

    /** The event a correction or retraction names; null for any other payload. */
    private static String correctedEventId(Object payload) {
        if (payload instanceof EntryCorrected corrected) {
            return corrected.eventId();
        }
        return payload instanceof EntryRetracted retracted ? retracted.eventId() : null;
    }

    /** Parks every failure, counting in the letter's diagnostics how many retries failed on it. */
    private static EnqueuePolicy<EventMessage<?>> enqueuePolicy(String projection) {
        return (letter, cause) -> {
            Object previous = letter.diagnostics().get(RETRIES);
            int retries = previous instanceof Number number ? number.intValue() + 1 : 0;
            if (retries == 0) {
                log.warn(
                        "Projection {} parked event {} ({}) after its handler failed; the later events of its aggregate "
                                + "wait behind it, the rest of the projection goes on: {}",
                        projection,
                        letter.message().getIdentifier(),
                        letter.message().getPayloadType().getSimpleName(),
                        cause.toString());
            }
            return Decisions.enqueue(
                    ThrowableCause.truncated(cause),
                    failed -> failed.diagnostics().and(RETRIES, retries));
        };
    }
}
