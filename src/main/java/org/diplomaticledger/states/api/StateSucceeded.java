package org.diplomaticledger.states.api;

import java.time.LocalDate;
import java.util.List;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/**
 * A state was succeeded on {@code effectiveDate}: by {@code kind} ({@link SuccessionKind}), the {@code predecessor}
 * by its {@code successors}, as {@code source} reports it. Recorded in the register (subject STATE-REGISTER).
 * Under absorption and dissolution the predecessor's missions that were not closed by then close on that day, each
 * as a {@code MissionClosed} of its presence, reason {@code STATE_SUCCESSION}, written in the same write. Under
 * continuation nothing else is written: the reads of the successor answer for the predecessor before that day.
 */
public record StateSucceeded(
        SuccessionKind kind,
        CountryCode predecessor,
        List<CountryCode> successors,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {

    public StateSucceeded {
        successors = successors == null ? List.of() : List.copyOf(successors);
    }

    /**
     * The succession in words, as the closures it makes name it in their note: {@code ABSORPTION of DD into DE on
     * 1990-10-03}.
     */
    public String describe() {
        return kind.name() + " of " + predecessor + " into "
                + String.join(", ", successors.stream().map(CountryCode::value).toList()) + " on " + effectiveDate;
    }
}
