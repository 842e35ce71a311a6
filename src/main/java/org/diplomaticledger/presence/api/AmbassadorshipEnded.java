package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** A head of mission's functions ended (VCDR Art. 43). */
public record AmbassadorshipEnded(
        String presenceId, String missionId, String personId, String reason, LocalDate effectiveDate, Provenance source)
        implements LedgerEvent {}
