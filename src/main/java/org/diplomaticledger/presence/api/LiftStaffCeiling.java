package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.Ids;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/** Lifts a staff ceiling: the one named by ceilingId, or the one in force for the scope given. */
public record LiftStaffCeiling(
        CountryCode sendingState,
        CountryCode receivingState,
        @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN) String missionId,
        StaffCategory category,
        @Pattern(regexp = Ids.PATTERN) String ceilingId,
        @Size(max = 1000) String reason,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    public LiftStaffCeiling {
        if (category == StaffCategory.UNSPECIFIED) {
            category = null;
        }
        PresenceIds.presenceOf(missionId, sendingState, receivingState);
    }

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presenceOf(missionId, sendingState, receivingState);
    }
}
