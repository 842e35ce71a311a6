package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.Ids;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/** The receiving state caps the size of a presence or of one mission, optionally per category (VCDR Art. 11). */
public record ImposeStaffCeiling(
        CountryCode sendingState,
        CountryCode receivingState,
        @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN) String missionId,
        StaffCategory category,
        @NotNull @PositiveOrZero Integer limit,
        LocalDate complyBy,
        @Pattern(regexp = Ids.PATTERN) String ceilingId,
        @Size(max = 1000) String reason,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    public ImposeStaffCeiling {
        if (category == StaffCategory.UNSPECIFIED) {
            category = null;
        }
        if (ceilingId == null) {
            ceilingId = java.util.UUID.randomUUID().toString();
        }
        PresenceIds.presenceOf(missionId, sendingState, receivingState);
    }

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presenceOf(missionId, sendingState, receivingState);
    }
}
