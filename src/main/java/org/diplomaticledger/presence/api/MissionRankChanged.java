package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/**
 * A legation was raised to an embassy, or an embassy lowered to a legation (VCDR Arts. 14, 15). The mission keeps its
 * id, its staff and its heads; from the effective date on it is of the new kind.
 */
public record MissionRankChanged(
        String presenceId,
        String missionId,
        MissionKind previousKind,
        MissionKind kind,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
