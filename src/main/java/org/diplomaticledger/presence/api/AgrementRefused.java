package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** The receiving state refused its agrément, with no reasons owed (VCDR Art. 4(2)). */
public record AgrementRefused(
        String presenceId,
        String missionId,
        String personId,
        String name,
        String reason,
        boolean requestReported,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
