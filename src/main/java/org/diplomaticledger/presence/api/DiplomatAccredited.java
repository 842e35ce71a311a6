package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** A named member of staff was accredited to a mission and notified (VCDR Arts. 7, 10). */
public record DiplomatAccredited(
        String presenceId,
        String missionId,
        String personId,
        String name,
        String rank,
        StaffCategory category,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
