package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.shared.Slugs;

import java.time.LocalDate;
import java.util.List;

/** Lifts a staff ceiling: the one named by ceilingId, or the one in force for the scope given. */
public record LiftStaffCeiling(
        CountryCode sendingState,
        CountryCode receivingState,
        @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN) String missionId,
        StaffCategory category,
        @Pattern(regexp = ID) String ceilingId,
        @Size(max = 1000) String reason,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source) implements LedgerCommand {

    static final String ID = "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$";

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
