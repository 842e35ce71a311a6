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

/** One of the two dated steps of VCDR Art. 13: the copy of the credentials to the foreign ministry, or their presentation to the head of state. */
public record PresentCredentials(
        @NotBlank @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN) String missionId,
        @Pattern(regexp = Ids.PATTERN) String personId,
        @Size(max = 200) String name,
        @NotNull CredentialsStep step,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source) implements LedgerCommand {

    public PresentCredentials {
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
