package org.diplomaticledger.history;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Aggregates read their histories with corrections applied: the ledger's event store is a {@link CorrectedEventStore}. */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

    @Bean(destroyMethod = "shutDown")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine) {
        return new CorrectedEventStore(storageEngine);
    }
}
