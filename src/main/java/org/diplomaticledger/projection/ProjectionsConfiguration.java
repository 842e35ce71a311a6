package org.diplomaticledger.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * Registers each {@link Projection} with Axon: one pooled streaming processor per projection, named after it,
 * reading the event store from its start, in batches whose rows and token commit together. A handler that fails
 * stops its batch (nothing is skipped); the processor retries it. Each committed batch wakes the readers waiting
 * for a position.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionsConfiguration {

    @Bean
    ProjectionHandlers projectionHandlers(List<Projection> projections, JdbcTemplate jdbc,
                                          ObjectProvider<EventStorageEngine> storageEngine,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          @Value("${ledger.projections.cached-events:20000}") int cachedEvents) {
        ObjectMapper eventMapper = eventSerializer instanceof JacksonSerializer jackson ? jackson.getObjectMapper() : new ObjectMapper();
        return new ProjectionHandlers(projections, jdbc, storageEngine::getObject, eventMapper, cachedEvents);
    }

    @Bean
    ConfigurerModule projectionProcessors(ProjectionHandlers handlers, ProjectionPositions positions,
                                          @Value("${ledger.projections.batch-size:100}") int batchSize) {
        return configurer -> {
            for (ProjectionHandlers.Live live : handlers.all()) {
                String name = live.projection().name();
                Object handler = live.handler();
                configurer.eventProcessing()
                        .registerEventHandler(config -> handler)
                        .assignHandlerInstancesMatching(name, Integer.MAX_VALUE, candidate -> candidate == handler)
                        .registerListenerInvocationErrorHandler(name, config -> PropagatingErrorHandler.instance())
                        .registerHandlerInterceptor(name, config -> (unitOfWork, chain) -> {
                            unitOfWork.afterCommit(committed -> positions.advanced());
                            return chain.proceed();
                        })
                        .registerPooledStreamingEventProcessor(name, org.axonframework.config.Configuration::eventStore,
                                (config, builder) -> builder
                                        .batchSize(batchSize)
                                        .initialSegmentCount(1)
                                        .initialToken(StreamableMessageSource::createTailToken));
            }
        };
    }
}
