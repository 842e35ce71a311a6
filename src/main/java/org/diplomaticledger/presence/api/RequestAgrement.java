package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.Ids;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/**
 * The sending state asks the receiving state's agrément for the person it proposes as head of mission (VCDR Art. 4).
 * Without a {@code headClass}, the head proposed for a legation is an envoy and for an embassy an ambassador, by the
 * mission's kind on the effective date.
 */
public record RequestAgrement(
        @NotBlank @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN)
        String missionId,

        @Pattern(regexp = Ids.PATTERN) String personId,
        @NotBlank @Size(max = 200) String name,
        HeadOfMissionClass headClass,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    public RequestAgrement {
        personId = PresenceIds.person(personId, name);
    }

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presenceOfMission(missionId);
    }
}
