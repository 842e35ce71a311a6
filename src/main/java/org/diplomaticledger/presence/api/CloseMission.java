package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.EndsWithTheState;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/**
 * Closes a mission: the sending state's decision, or the receiving state withdrawing its consent with a deadline to
 * leave. It may be dated on the first day its sending or receiving state no longer existed ({@link EndsWithTheState}):
 * a succession's closures are ({@code STATE_SUCCESSION}).
 */
public record CloseMission(
        @NotBlank @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN)
        String missionId,

        @NotNull ClosureReason reason,
        CountryCode decidedBy,
        LocalDate deadline,
        @Size(max = 1000) String note,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand, EndsWithTheState {

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presenceOfMission(missionId);
    }
}
