package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/** Records a counted change of unnamed staff (arrivals positive, departures negative) that a source reported. */
public record RecordStaffChange(
        CountryCode sendingState,
        CountryCode receivingState,
        @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN) String missionId,
        StaffCategory category,
        @NotNull Integer change,
        @Size(max = 1000) String reason,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    public RecordStaffChange {
        if (category == null) {
            category = StaffCategory.UNSPECIFIED;
        }
        if (change != null && change == 0) {
            throw new org.diplomaticledger.shared.InvalidValueException("change: a change of zero records nothing");
        }
        PresenceIds.presenceOf(missionId, sendingState, receivingState);
    }

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presenceOf(missionId, sendingState, receivingState);
    }
}
