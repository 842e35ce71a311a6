package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** A head of mission recalled for consultations returned to the post. */
public record AmbassadorReturned(
        String presenceId, String missionId, String personId, LocalDate effectiveDate, Provenance source)
        implements LedgerEvent {}
