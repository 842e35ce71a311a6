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
 * Records that talks took place, starting on the {@code effectiveDate}. Without a {@code venue} they are taken to have
 * been held where they were scheduled; {@code endDate} is for talks that lasted more than one day.
 */
public record RecordTalksHeld(
        @TargetAggregateIdentifier @NotBlank @Pattern(regexp = TalksIds.PATTERN, message = TalksIds.MESSAGE)
        String talksId,

        @Valid Venue venue,
        LocalDate endDate,
        @Size(max = 4000) String summary,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {}
