package org.diplomaticledger.presence.api;

import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

import java.time.LocalDate;

/** A suspended mission resumed its operations. */
public record MissionResumed(
        String presenceId,
        String missionId,
        String reason,
        LocalDate effectiveDate,
        Provenance source) implements LedgerEvent {
}
