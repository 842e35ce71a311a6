package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** A staff ceiling was lifted. */
public record StaffCeilingLifted(
        String presenceId,
        String ceilingId,
        String missionId,
        StaffCategory category,
        String reason,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
