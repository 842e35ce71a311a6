package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** A named member of staff left for good (VCDR Art. 10(1)(a)); with an expulsionId, under that expulsion, overdue when after its deadline. */
public record DiplomatDeparted(
        String presenceId,
        String missionId,
        String personId,
        StaffCategory category,
        String expulsionId,
        boolean overdue,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
