package org.diplomaticledger.states.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.AdminCommand;
import org.diplomaticledger.shared.Provenance;

/**
 * Seeds the register of states: written by the ledger itself on its first start (states.StateSeed), and refused
 * once the register holds a seed. Only ADMIN may send it over HTTP.
 */
public record SeedStates(
        @NotBlank String seed,
        @NotEmpty List<@NotNull @Valid StateRegistered> states,
        LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements AdminCommand {

    @TargetAggregateIdentifier
    public String registerId() {
        return RegisterState.REGISTER_ID;
    }
}
