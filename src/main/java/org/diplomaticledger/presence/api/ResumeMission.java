package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/** Resumes a suspended mission's operations. */
public record ResumeMission(
        @NotBlank @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN)
        String missionId,

        @Size(max = 1000) String reason,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presenceOfMission(missionId);
    }
}
