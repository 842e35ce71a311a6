package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** The sending state appointed a head of mission (VCDR Art. 14); agrementReported is false when no agrément was recorded for the person. */
public record AmbassadorAppointed(
        String presenceId,
        String missionId,
        String personId,
        String name,
        HeadOfMissionClass headClass,
        boolean agrementReported,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
