package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** The sending state asked for agrément for its proposed head of mission (VCDR Art. 4). */
public record AgrementRequested(
        String presenceId,
        String missionId,
        String personId,
        String name,
        HeadOfMissionClass headClass,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
