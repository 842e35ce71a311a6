package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.Ids;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/** Records a named member of a mission's staff, notified to the receiving state (VCDR Arts. 7, 10). */
public record AccreditDiplomat(
        @NotBlank @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN)
        String missionId,

        @Pattern(regexp = Ids.PATTERN) String personId,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 100) String rank,
        @NotNull StaffCategory category,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    public AccreditDiplomat {
        personId = PresenceIds.person(personId, name);
    }

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presenceOfMission(missionId);
    }
}
