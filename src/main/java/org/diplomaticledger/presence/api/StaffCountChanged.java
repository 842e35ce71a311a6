package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** A source reported a counted change of unnamed staff: arrivals (positive) or departures (negative). */
public record StaffCountChanged(
        String presenceId,
        String missionId,
        StaffCategory category,
        int change,
        String reason,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
