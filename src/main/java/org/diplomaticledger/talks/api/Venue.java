package org.diplomaticledger.talks.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Collection;
import org.diplomaticledger.shared.CountryCode;

/**
 * Where talks take place: a city in a state and, when a source names it, the place itself
 * ("Russian consulate-general", "Diriyah Palace").
 */
public record Venue(
        @NotBlank @Size(max = 100) String city,
        @NotNull CountryCode country,
        @Size(max = 200) String place) {

    /** True when the venue lies in none of the given states: a meeting at a third location (CAMEO 044). */
    public boolean isOutside(Collection<CountryCode> states) {
        return !states.contains(country);
    }
}
