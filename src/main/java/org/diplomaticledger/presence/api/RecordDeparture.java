package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.Ids;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/** Records the final departure of a named person, or of a number of counted staff, from a mission (VCDR Art. 10). */
public record RecordDeparture(
        @NotBlank @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN)
        String missionId,

        @Pattern(regexp = Ids.PATTERN) String personId,
        @Positive Integer count,
        StaffCategory category,
        @Pattern(regexp = Ids.PATTERN) String expulsionId,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    public RecordDeparture {
        if ((personId == null) == (count == null)) {
            throw new org.diplomaticledger.shared.InvalidValueException(
                    "personId, count: name the person who left, or the count of unnamed staff who left, not both");
        }
        if (personId != null && category != null) {
            throw new org.diplomaticledger.shared.InvalidValueException(
                    "category: a named person's category is known from the accreditation");
        }
        if (count != null && category == null) {
            category = StaffCategory.UNSPECIFIED;
        }
    }

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presenceOfMission(missionId);
    }
}
