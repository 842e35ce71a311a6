package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/** Opens a mission of the sending state in the receiving state (VCDR Art. 2; a consular post, VCCR Art. 4). */
public record OpenMission(
        @NotNull CountryCode sendingState,
        @NotNull CountryCode receivingState,
        @NotNull MissionKind kind,
        @NotBlank @Size(max = 100) String city,
        @Size(max = 100) String organisation,
        @Size(max = 200) String name,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    public OpenMission {
        if (kind == MissionKind.PERMANENT_MISSION && (organisation == null || organisation.isBlank())) {
            throw new org.diplomaticledger.shared.InvalidValueException(
                    "organisation: a permanent mission is accredited to an organisation, e.g. \"UN\"");
        }
        if (kind != null && kind != MissionKind.PERMANENT_MISSION && organisation != null) {
            throw new org.diplomaticledger.shared.InvalidValueException(
                    "organisation: only a permanent mission names an organisation");
        }
    }

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presence(sendingState, receivingState);
    }

    /** The mission's id, derived from the states, the kind, the organisation and the city. */
    public String missionId() {
        return PresenceIds.mission(sendingState, receivingState, kind, city, organisation);
    }
}
