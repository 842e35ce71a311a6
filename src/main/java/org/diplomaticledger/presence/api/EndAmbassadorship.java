package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.Ids;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.shared.Slugs;

import java.time.LocalDate;
import java.util.List;

/** A head of mission's functions end (VCDR Art. 43): notification, departure, or recall for good. */
public record EndAmbassadorship(
        @NotBlank @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN) String missionId,
        @Pattern(regexp = Ids.PATTERN) String personId,
        @Size(max = 200) String name,
        @Size(max = 1000) String reason,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source) implements LedgerCommand {

    public EndAmbassadorship {
        if (personId == null && name != null && !name.isBlank()) {
            personId = Slugs.lower(name);
        }
        requirePerson(personId);
    }

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presenceOfMission(missionId);
    }

    private static void requirePerson(String personId) {
        if (personId == null) {
            throw new org.diplomaticledger.shared.InvalidValueException("personId, name: name the person, by personId or by name");
        }
    }
}
