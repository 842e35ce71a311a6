package org.diplomaticledger.relations.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/**
 * Records that the relations between two states changed level: downgraded, severed (VCDR Art. 45, with the third
 * states that protect each side's interests when known), restored or set to full. The order of the two states does
 * not matter; {@code protectingPowerOfA} protects the interests of {@code stateA}.
 */
public record ChangeRelationsLevel(
        @NotNull CountryCode stateA,
        @NotNull CountryCode stateB,
        @NotNull RelationsLevel level,
        CountryCode initiatedBy,
        @Size(max = 1000) String reason,
        CountryCode protectingPowerOfA,
        CountryCode protectingPowerOfB,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    /** The relations this command is about, e.g. {@code RELATIONS-RU-US}. */
    @TargetAggregateIdentifier
    public String relationsId() {
        return RelationsId.of(stateA, stateB);
    }
}
