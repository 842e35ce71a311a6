package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.Ids;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/** One of the two dated steps of VCDR Art. 13: the copy of the credentials to the foreign ministry, or their presentation to the head of state. */
public record PresentCredentials(
        @NotBlank @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN)
        String missionId,

        @Pattern(regexp = Ids.PATTERN) String personId,
        @Size(max = 200) String name,
        @NotNull CredentialsStep step,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    public PresentCredentials {
        personId = PresenceIds.requiredPerson(personId, name);
    }

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presenceOfMission(missionId);
    }
}
