package org.diplomaticledger.relations.api;

import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

import java.time.LocalDate;

/**
 * The relations between {@code stateA} and {@code stateB} (in alphabetical order, as in {@code relationsId}) moved
 * to {@code level}; {@code previousLevel} is null when the ledger knew no earlier level. Severing relations is
 * VCDR Art. 45, under which a third state may protect each side's interests ({@code protectingPowerOfA} protects
 * those of {@code stateA}). {@code cameoCode} is 161 (reduce or break diplomatic relations) when relations went down,
 * and null when they went up or stayed as high.
 */
public record RelationsLevelChanged(
        String relationsId,
        CountryCode stateA,
        CountryCode stateB,
        RelationsLevel level,
        RelationsLevel previousLevel,
        CountryCode initiatedBy,
        String reason,
        CountryCode protectingPowerOfA,
        CountryCode protectingPowerOfB,
        LocalDate effectiveDate,
        Provenance source,
        Integer cameoCode) implements LedgerEvent {
}
