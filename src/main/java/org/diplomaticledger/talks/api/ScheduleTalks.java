package org.diplomaticledger.talks.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/**
 * Records that two or more states announced talks: where, when, on what and in which format. Without a
 * {@code talksId} the ledger generates one. Absent lists are read as empty.
 */
public record ScheduleTalks(
        @TargetAggregateIdentifier @Pattern(regexp = TalksIds.PATTERN, message = TalksIds.MESSAGE)
        String talksId,

        @Size(max = 20) List<@NotNull CountryCode> parties,
        @NotNull @Valid Venue venue,
        @NotNull LocalDate date,
        LocalTime time,
        @Size(max = 200) String title,
        @NotBlank @Size(max = 500) String scope,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> excludedTopics,
        @NotNull TalksFormat format,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    public ScheduleTalks {
        if (talksId == null) {
            talksId = TalksIds.generate();
        }
        parties = TalksIds.copy(parties);
        excludedTopics = TalksIds.copy(excludedTopics);
    }
}
