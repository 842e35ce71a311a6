package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** The receiving state capped a presence or a mission, optionally per category (VCDR Art. 11); reductionOwed is how far the headcount stood above it. CAMEO 172. */
public record StaffCeilingImposed(
        String presenceId,
        String ceilingId,
        CountryCode imposedBy,
        String missionId,
        StaffCategory category,
        int limit,
        LocalDate complyBy,
        int headcountAtImposition,
        int reductionOwed,
        String replacesCeilingId,
        String reason,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
