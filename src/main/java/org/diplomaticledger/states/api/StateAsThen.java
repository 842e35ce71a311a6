package org.diplomaticledger.states.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.CountryCode;

/**
 * A state as it was before the day another continued it: its {@code code} and {@code name} then, the state that
 * continued it ({@code continuedBy}) and the day from which that state answers for it ({@code until}, exclusive).
 * The USSR is {@code SU} "Union of Soviet Socialist Republics" until 1991-12-25, continued by {@code RU}.
 */
public record StateAsThen(CountryCode code, String name, CountryCode continuedBy, LocalDate until) {

    /** Whether a read of the successor on that day answers with this state. */
    public boolean covers(LocalDate day) {
        return day.isBefore(until);
    }
}
