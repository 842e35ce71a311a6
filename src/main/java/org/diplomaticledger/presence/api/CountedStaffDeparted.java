package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** A number of unnamed staff left; with an expulsionId, under that expulsion, overdue when after its deadline. */
public record CountedStaffDeparted(
        String presenceId,
        String missionId,
        StaffCategory category,
        int count,
        String expulsionId,
        boolean overdue,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
