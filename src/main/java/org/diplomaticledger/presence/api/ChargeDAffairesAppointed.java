package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/** A chargé d'affaires ad interim took charge while the post was vacant or the head absent (VCDR Art. 19); actingForPersonId names the absent head, if any. */
public record ChargeDAffairesAppointed(
        String presenceId,
        String missionId,
        String personId,
        String name,
        String rank,
        String actingForPersonId,
        LocalDate effectiveDate,
        Provenance source)
        implements LedgerEvent {}
