package org.diplomaticledger.talks.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalTime;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/**
 * Records that talks were moved to another date, time or venue. Without a {@code venue} the venue stays as it was;
 * without a {@code time} the new time is unknown.
 */
public record RescheduleTalks(
        @TargetAggregateIdentifier @NotBlank @Pattern(regexp = TalksIds.PATTERN, message = TalksIds.MESSAGE)
        String talksId,

        @NotNull LocalDate date,
        LocalTime time,
        @Valid Venue venue,
        @Size(max = 1000) String reason,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {}
