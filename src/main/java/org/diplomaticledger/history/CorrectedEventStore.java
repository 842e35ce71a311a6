package org.diplomaticledger.history;

import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.diplomaticledger.history.api.CorrectedHistory;
import org.diplomaticledger.shared.EventJson;

/**
 * The event store, whose aggregate histories read corrected: an aggregate is loaded from its events with
 * {@link CorrectedHistory} applied (a corrected event with its latest corrected payload, a retracted event left
 * out), so its rules judge the next command on the facts as corrected. Everything else (appending, the streams the
 * projections and the relay read) is Axon's embedded event store unchanged: those readers see every event as
 * recorded, corrections included, and apply them themselves.
 *
 * <p>The ledger does keep aggregate snapshots ({@code ledger.snapshots.threshold}, docs/deployment.md#snapshots):
 * an aggregate without corrections loads from its latest snapshot and the events after it. A snapshot folds the
 * events as they read when it was taken, so an aggregate with any correction or retraction in its history ignores
 * its snapshots and is loaded here from its whole, corrected history
 * ({@code LedgerConfiguration.correctedHistorySnapshotFilter}).
 */
class CorrectedEventStore extends EmbeddedEventStore {

    CorrectedEventStore(EventStorageEngine storageEngine) {
        super(EmbeddedEventStore.builder().storageEngine(storageEngine));
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return corrected(super.readEvents(aggregateIdentifier));
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return corrected(super.readEvents(aggregateIdentifier, firstSequenceNumber));
    }

    private static DomainEventStream corrected(DomainEventStream stream) {
        List<? extends DomainEventMessage<?>> events = stream.asStream().collect(Collectors.toList());
        return DomainEventStream.of(CorrectedHistory.apply(events, EventJson.mapper()));
    }
}
