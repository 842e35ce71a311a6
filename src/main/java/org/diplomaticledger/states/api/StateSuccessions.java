package org.diplomaticledger.states.api;

import java.util.List;
import org.diplomaticledger.shared.CountryCode;

/**
 * The successions the register records that close a state's missions (docs/states.md#succession), for the write path:
 * a mission of an absorbed or dissolved state recorded after its succession is closed by it. Held in memory with the
 * register: asking about a state whose periods all run on costs nothing, since no succession can have ended it.
 */
public interface StateSuccessions {

    /**
     * The absorptions and dissolutions of {@code predecessor} recorded so far (within a write, those recorded before
     * it), earliest first; empty for a state no such succession ended.
     */
    List<StateSucceeded> closing(CountryCode predecessor);
}
