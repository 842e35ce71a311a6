package org.diplomaticledger.states.api;

import java.util.List;
import java.util.Optional;
import org.diplomaticledger.shared.CountryCode;

/**
 * The successions the register records that close a state's missions (docs/states.md#succession), for the write path:
 * a mission of an absorbed or dissolved state recorded after its succession is closed by it, and a succession
 * retracted takes its closures with it. Held in memory with the
 * register: asking about a state whose periods all run on costs nothing, since no succession can have ended it.
 */
public interface StateSuccessions {

    /**
     * The absorptions and dissolutions of {@code predecessor} recorded so far (within a write, those recorded before
     * it), earliest first; empty for a state no such succession ended.
     */
    List<StateSucceeded> closing(CountryCode predecessor);

    /** The succession the event {@code eventId} recorded, if it is one and it stands (not retracted). */
    Optional<StateSucceeded> standing(String eventId);
}
