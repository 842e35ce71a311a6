package org.diplomaticledger.talks.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/**
 * Talks were called off before they were held; {@code cancelledBy} is the state that called them off when a source
 * says so, and {@code scheduledDate} the date they had been set for. No treaty article; no CAMEO code of its own.
 */
public record TalksCancelled(
        String talksId,
        LocalDate scheduledDate,
        String reason,
        CountryCode cancelledBy,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
