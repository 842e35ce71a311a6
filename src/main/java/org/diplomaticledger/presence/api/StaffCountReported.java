package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** A source reported the headcount of a mission (or of the whole presence when missionId is null) on a date; it is the base counted staff are measured from. */
public record StaffCountReported(
        String presenceId,
        String missionId,
        StaffCategory category,
        int headcount,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
