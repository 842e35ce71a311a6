package org.diplomaticledger.talks.api;

import java.time.LocalDate;
import java.time.LocalTime;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/**
 * Talks not yet held were moved to another date, time or venue; the event carries both the previous and the new
 * arrangement. {@code thirdLocation} describes the new venue. No CAMEO code of its own (the intent to meet, 036,
 * stands).
 */
public record TalksRescheduled(
        String talksId,
        LocalDate previousDate,
        LocalTime previousTime,
        Venue previousVenue,
        LocalDate date,
        LocalTime time,
        Venue venue,
        boolean thirdLocation,
        String reason,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
