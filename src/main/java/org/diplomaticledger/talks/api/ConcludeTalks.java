package org.diplomaticledger.talks.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/**
 * Records how talks ended: the outcome, the parties' statement when there is one, and the follow-ups agreed
 * ("next round in Moscow", "working group on visas"). Absent follow-ups are read as none.
 */
public record ConcludeTalks(
        @TargetAggregateIdentifier @NotBlank @Pattern(regexp = TalksIds.PATTERN, message = TalksIds.MESSAGE)
        String talksId,

        @NotNull TalksOutcome outcome,
        @Size(max = 4000) String statement,
        @Size(max = 50) List<@NotBlank @Size(max = 500) String> followUps,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    public ConcludeTalks {
        followUps = TalksIds.copy(followUps);
    }
}
