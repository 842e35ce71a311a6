package org.diplomaticledger.history;

import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.diplomaticledger.history.api.RevisionRoute;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Aggregates read their histories with corrections applied: the ledger's event store is a {@link CorrectedEventStore}.
 * Corrections and retractions are judged here ({@link EntryRevisions}) and reach each aggregate type by the
 * {@link RevisionRoute} its capability registers.
 */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

    @Bean(destroyMethod = "shutDown")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine) {
        return new CorrectedEventStore(storageEngine);
    }

    @Bean
    EntryRevisions entryRevisions(
            JdbcTemplate jdbc,
            EmbeddedEventStore eventStore,
            CommandBus commandBus,
            @Qualifier("aggregateCache") Cache aggregateCache,
            List<RevisionRoute> routes) {
        EntryRevisions.Owners owners = eventId -> jdbc
                .query(
                        "SELECT aggregate_identifier, type FROM domain_event_entry WHERE event_identifier = ?",
                        (rs, row) -> new EntryRevisions.Owner(rs.getString(1), rs.getString(2)),
                        eventId)
                .stream()
                .findFirst();
        return new EntryRevisions(owners, eventStore, commandBus, aggregateCache, routes);
    }

    /**
     * Sees every command of a write: Axon's Spring Boot autoconfiguration registers each command handler interceptor
     * bean on the command bus (registering it here as well made it run twice per command).
     */
    @Bean
    RevisedInThisWrite revisedInThisWrite() {
        return new RevisedInThisWrite();
    }
}
