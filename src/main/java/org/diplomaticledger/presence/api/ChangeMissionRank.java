package org.diplomaticledger.presence.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.*;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;

/**
 * Raises a legation to an embassy ({@code kind} EMBASSY), or lowers an embassy to a legation ({@code kind} LEGATION),
 * from the effective date: the states agreed on the class of the head of mission (VCDR Arts. 14, 15). The mission
 * keeps its id, which names it as it was opened ({@code US-JP-LEGATION-TOKYO} stays that), its staff and its heads.
 */
public record ChangeMissionRank(
        @NotBlank @Pattern(regexp = PresenceIds.MISSION_ID_PATTERN)
        String missionId,

        @NotNull MissionKind kind,
        @NotNull LocalDate effectiveDate,
        @NotNull @Valid Provenance source)
        implements LedgerCommand {

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presenceOfMission(missionId);
    }
}
