package org.diplomaticledger.presence.domain;

import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A presence's own recorded events, which the presence reads back only when its snapshot lacks what a rule needs: the
 * staff facts before the snapshot, for a fact back-filled into a presence with ceilings ({@link StaffTimeline}). A
 * port, so that the aggregate depends on no event store; the application gives it the ledger's store, an aggregate
 * fixture its own.
 */
@FunctionalInterface
public interface PresenceEvents {

    /** The presence's events in the order recorded, corrections applied. */
    Stream<? extends DomainEventMessage<?>> of(String presenceId);
}
