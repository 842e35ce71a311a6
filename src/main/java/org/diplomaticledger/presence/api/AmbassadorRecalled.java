package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** The sending state recalled its head of mission, for consultations or for good. */
public record AmbassadorRecalled(
        String presenceId,
        String missionId,
        String personId,
        RecallKind kind,
        String reason,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
