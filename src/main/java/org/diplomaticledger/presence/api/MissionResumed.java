package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** A suspended mission resumed its operations. */
public record MissionResumed(
        String presenceId, String missionId, String reason, LocalDate effectiveDate, Provenance source)
        implements LedgerEvent {}
