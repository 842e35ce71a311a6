package org.diplomaticledger.presence;

import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.diplomaticledger.presence.domain.PresenceEvents;
import org.springframework.stereotype.Component;

/** The presence's events from the ledger's event store (corrections applied), from its first event on. */
@Component
class PresenceEventsFromStore implements PresenceEvents {

    private final EventStore store;

    PresenceEventsFromStore(EventStore store) {
        this.store = store;
    }

    @Override
    public Stream<? extends DomainEventMessage<?>> of(String presenceId) {
        return store.readEvents(presenceId, 0).asStream();
    }
}
