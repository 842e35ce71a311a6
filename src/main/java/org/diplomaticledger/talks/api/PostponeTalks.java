package org.diplomaticledger.talks.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/**
 * Records that talks will not take place on the date set, with the new date when a source gives one
 * ("postponed to next week") and none when it does not ("postponed indefinitely").
 */
public record PostponeTalks(
        @TargetAggregateIdentifier @NotBlank @Pattern(regexp = TalksIds.PATTERN, message = TalksIds.MESSAGE)
        String talksId,

        @Size(max = 1000) String reason,
        LocalDate newDate,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {}
