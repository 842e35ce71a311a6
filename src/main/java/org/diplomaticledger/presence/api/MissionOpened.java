package org.diplomaticledger.presence.api;

import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

import java.time.LocalDate;

/** A mission was opened, or reopened after a closure (VCDR Art. 2; VCCR Art. 4). */
public record MissionOpened(
        String presenceId,
        String missionId,
        CountryCode sendingState,
        CountryCode receivingState,
        MissionKind kind,
        String city,
        String organisation,
        String name,
        boolean reopened,
        LocalDate effectiveDate,
        Provenance source) implements LedgerEvent {
}
