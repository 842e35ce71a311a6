package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** The receiving state gave its agrément (VCDR Art. 4); requestReported is false when the request never reached the ledger. */
public record AgrementGranted(
        String presenceId,
        String missionId,
        String personId,
        String name,
        boolean requestReported,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
