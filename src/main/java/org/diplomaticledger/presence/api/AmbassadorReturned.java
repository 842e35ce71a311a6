package org.diplomaticledger.presence.api;

import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

import java.time.LocalDate;

/** A head of mission recalled for consultations returned to the post. */
public record AmbassadorReturned(
        String presenceId,
        String missionId,
        String personId,
        LocalDate effectiveDate,
        Provenance source) implements LedgerEvent {
}
