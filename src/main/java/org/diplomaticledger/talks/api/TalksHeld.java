package org.diplomaticledger.talks.api;

import java.time.LocalDate;
import java.util.List;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/**
 * The parties met: talks took place from {@code heldOn} (the effective date) to {@code endDate} (when they lasted
 * more than one day) at {@code venue}. CAMEO 043 (host a visit) when the venue lies in one of the parties,
 * 044 (meet at a third location) when {@code thirdLocation} is true; negotiation itself is CAMEO 046.
 * {@code rescheduledImplicitly} is true when they were held on another date than the one scheduled and no
 * rescheduling was reported.
 */
public record TalksHeld(
        String talksId,
        List<CountryCode> parties,
        LocalDate heldOn,
        LocalDate endDate,
        Venue venue,
        boolean thirdLocation,
        LocalDate scheduledDate,
        boolean rescheduledImplicitly,
        String summary,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {

    public TalksHeld {
        parties = parties == null ? List.of() : List.copyOf(parties);
    }
}
