package org.diplomaticledger.presence.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.shared.Provenance;

/**
 * Internal: an absorption or a dissolution recorded already closes a mission of its predecessor that a write has just
 * opened or resumed (docs/states.md#succession). The presence closes the mission on {@code effectiveDate}, the
 * succession's day, as a {@link CloseMission} with reason {@code STATE_SUCCESSION}, {@code note} and {@code source}
 * (the succession's), if the mission stands open or suspended on that day; a mission closed by then, or not yet
 * opened, is left as it is. Sent by the ledger, never by a client.
 */
public record CloseOnSuccession(String missionId, LocalDate effectiveDate, String note, Provenance source) {

    @TargetAggregateIdentifier
    public String presenceId() {
        return PresenceIds.presenceOfMission(missionId);
    }

    /** The closure the presence records when the mission stands open or suspended on the day. */
    public CloseMission closure() {
        return new CloseMission(missionId, ClosureReason.STATE_SUCCESSION, null, null, note, effectiveDate, source);
    }
}
