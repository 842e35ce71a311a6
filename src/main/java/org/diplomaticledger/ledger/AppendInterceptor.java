package org.diplomaticledger.ledger;

import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;

/**
 * Sees every append to the event store, inside the appending transaction: before the events are inserted (to take
 * locks that must precede the allocation of their positions) and after (to write what belongs with them). Any
 * failure rolls the whole write back. The audit chain is the one implementation.
 */
public interface AppendInterceptor {

    /**
     * Called before the events are inserted; the returned action is called once they are inserted, in the same
     * transaction, with their identifiers in the order given.
     */
    AfterAppend beforeAppend(List<? extends EventMessage<?>> events);

    interface AfterAppend {
        /**
         * The events are inserted. Returns the positions the database gave them, by event id, if the action read
         * them (the writer answers with these rather than reading the rows again), or an empty map.
         */
        Map<String, Long> appended(List<String> eventIds);
    }
}
