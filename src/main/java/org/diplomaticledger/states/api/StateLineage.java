package org.diplomaticledger.states.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.diplomaticledger.shared.CountryCode;

/**
 * The continuations the register records, for the reads (docs/states.md#succession): a read of a state on a day
 * before it continued another answers with the other, marked with the state as it was then. Held in memory, as the
 * register is: asking costs no query beyond the register's own catching up.
 */
public interface StateLineage {

    /**
     * The states {@code state} continues, nearest first, as the register knew them at {@code knownAt}: for {@code RU},
     * the USSR until 1991-12-25. A chain is followed ({@code RS} → {@code CSXX} → {@code YU} where recorded), each
     * entry's {@code until} no later than the one before. Empty for a state that continues none.
     */
    List<StateAsThen> continued(CountryCode state, Instant knownAt);

    /** The state that answers for {@code state} on {@code day}: one of {@link #continued}, or empty for itself. */
    default Optional<StateAsThen> asThen(CountryCode state, LocalDate day, Instant knownAt) {
        return asThen(continued(state, knownAt), day);
    }

    /** The entry of a chain ({@link #continued}) that answers on {@code day}, or empty for the state itself. */
    static Optional<StateAsThen> asThen(List<StateAsThen> chain, LocalDate day) {
        StateAsThen found = null;
        for (StateAsThen earlier : chain) {
            if (!earlier.covers(day)) {
                break;
            }
            found = earlier;
        }
        return Optional.ofNullable(found);
    }
}
