package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.Ids;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/** The sending state recalls its head of mission, for consultations or for good. */
public record RecallAmbassador(
        @NotBlank @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN)
        String missionId,

        @Pattern(regexp = Ids.PATTERN) String personId,
        @Size(max = 200) String name,
        @NotNull RecallKind kind,
        @Size(max = 1000) String reason,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    public RecallAmbassador {
        personId = PresenceIds.requiredPerson(personId, name);
    }

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presenceOfMission(missionId);
    }
}
