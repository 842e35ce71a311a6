package org.diplomaticledger.relations.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;

/**
 * The relations between {@code stateA} and {@code stateB} (in alphabetical order, as in {@code relationsId}) moved
 * to {@code level}; {@code previousLevel} is null when the ledger knew no earlier level. Severing relations is
 * VCDR Art. 45, under which a third state may protect each side's interests: {@code protectingPowers} names, for each
 * side whose protecting power is known, the state protected and the state protecting it. {@code cameoCode} is 161
 * (reduce or break diplomatic relations) when relations went down, and null when they went up or stayed as high.
 *
 * <p>Revision 2. Revision 1 had two positional fields, {@code protectingPowerOfA} and {@code protectingPowerOfB}, which
 * a reader could only attribute by knowing that the pair is sorted; events stored as revision 1 are upcast on reading
 * ({@code relations.upcasting.RelationsLevelChangedUpcaster}).
 */
@Revision("2")
public record RelationsLevelChanged(
        String relationsId,
        CountryCode stateA,
        CountryCode stateB,
        RelationsLevel level,
        RelationsLevel previousLevel,
        CountryCode initiatedBy,
        String reason,
        List<ProtectingPower> protectingPowers,
        LocalDate effectiveDate,
        Provenance source,
        Integer cameoCode)
        implements LedgerEvent {

    public RelationsLevelChanged {
        protectingPowers = protectingPowers == null ? List.of() : List.copyOf(protectingPowers);
    }

    /** The event with the protecting powers given per side, as revision 1 named them ({@code null} for none). */
    public RelationsLevelChanged(
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
            Integer cameoCode) {
        this(
                relationsId,
                stateA,
                stateB,
                level,
                previousLevel,
                initiatedBy,
                reason,
                powers(stateA, protectingPowerOfA, stateB, protectingPowerOfB),
                effectiveDate,
                source,
                cameoCode);
    }

    /** The state protecting {@code state}'s interests, or null when none is recorded. */
    public CountryCode protectingPowerOf(CountryCode state) {
        return protectingPowers.stream()
                .filter(p -> p.protectedState().equals(state))
                .map(ProtectingPower::power)
                .findFirst()
                .orElse(null);
    }

    private static List<ProtectingPower> powers(
            CountryCode stateA, CountryCode powerOfA, CountryCode stateB, CountryCode powerOfB) {
        List<ProtectingPower> powers = new ArrayList<>();
        if (powerOfA != null) {
            powers.add(new ProtectingPower(stateA, powerOfA));
        }
        if (powerOfB != null) {
            powers.add(new ProtectingPower(stateB, powerOfB));
        }
        return powers;
    }
}
