package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/** Records a headcount a source reported on a date, for one mission or for the whole presence, optionally per category. */
public record RecordStaffCount(
        CountryCode sendingState,
        CountryCode receivingState,
        @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN) String missionId,
        StaffCategory category,
        @NotNull @PositiveOrZero Integer headcount,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    public RecordStaffCount {
        if (category == null) {
            category = StaffCategory.UNSPECIFIED;
        }
        PresenceIds.presenceOf(missionId, sendingState, receivingState);
    }

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presenceOf(missionId, sendingState, receivingState);
    }
}
