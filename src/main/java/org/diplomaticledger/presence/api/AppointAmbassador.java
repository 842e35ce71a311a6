package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.Ids;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/**
 * The sending state appoints a head of mission (VCDR Arts. 4, 14). Without a {@code headClass}, the head of a legation
 * is an envoy and any other head an ambassador, by the mission's kind on the effective date.
 */
public record AppointAmbassador(
        @NotBlank @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN)
        String missionId,

        @Pattern(regexp = Ids.PATTERN) String personId,
        @NotBlank @Size(max = 200) String name,
        HeadOfMissionClass headClass,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    public AppointAmbassador {
        personId = PresenceIds.person(personId, name);
    }

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presenceOfMission(missionId);
    }
}
