package org.diplomaticledger.talks.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/**
 * Records who a party sends to the talks: the head of its delegation and the other members a source names.
 * Naming a state's delegation again replaces the earlier one. Absent members are read as none named.
 */
public record NameDelegation(
        @TargetAggregateIdentifier @NotBlank @Pattern(regexp = TalksIds.PATTERN, message = TalksIds.MESSAGE)
        String talksId,

        @NotNull CountryCode state,
        @NotNull @Valid DelegationMember head,
        @Size(max = 100) List<@NotNull @Valid DelegationMember> members,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    public NameDelegation {
        members = TalksIds.copy(members);
    }
}
