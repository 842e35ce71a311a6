package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.Ids;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/** The receiving state declares named staff persona non grata, or orders a number of unnamed staff out, with a departure deadline (VCDR Art. 9). */
public record ExpelDiplomat(
        CountryCode sendingState,
        CountryCode receivingState,
        @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN) String missionId,
        List<@NotBlank @Pattern(regexp = Ids.PATTERN) String> personIds,
        @Positive Integer count,
        StaffCategory category,
        @NotNull LocalDate departureDeadline,
        @Pattern(regexp = Ids.PATTERN) String answersExpulsionId,
        @Pattern(regexp = Ids.PATTERN) String expulsionId,
        @Size(max = 1000) String reason,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    public ExpelDiplomat {
        personIds = personIds == null ? List.of() : List.copyOf(personIds);
        if (personIds.isEmpty() && count == null) {
            throw new org.diplomaticledger.shared.InvalidValueException(
                    "personIds, count: name the persons expelled, or give the count of unnamed staff expelled");
        }
        if (count != null && category == null) {
            category = StaffCategory.UNSPECIFIED;
        }
        if (expulsionId == null) {
            expulsionId = java.util.UUID.randomUUID().toString();
        }
        PresenceIds.presenceOf(missionId, sendingState, receivingState);
    }

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presenceOf(missionId, sendingState, receivingState);
    }
}
