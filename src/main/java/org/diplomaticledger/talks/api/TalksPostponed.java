package org.diplomaticledger.talks.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/**
 * Talks will not take place on {@code previousDate}; {@code newDate} is the later date a source gave, or
 * {@code null} when they were postponed without one. No treaty article or CAMEO code.
 */
public record TalksPostponed(
        String talksId,
        LocalDate previousDate,
        LocalDate newDate,
        String reason,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
