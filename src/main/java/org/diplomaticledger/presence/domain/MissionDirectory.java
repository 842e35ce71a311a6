package org.diplomaticledger.presence.domain;

import java.time.LocalDate;
import java.util.Map;
import org.diplomaticledger.presence.api.MissionKind;
import org.diplomaticledger.presence.api.MissionStatus;
import org.diplomaticledger.shared.RuleViolation;

/**
 * Which of a presence's missions an id names. A mission keeps the id it was opened under when its rank changes: the
 * legation {@code US-JP-LEGATION-TOKYO} raised to an embassy keeps that id, so {@code US-JP-EMBASSY-TOKYO}, the id
 * of its present kind, names no mission. A command that uses such an id is refused with the id that does, and no
 * mission is opened under it while the raised one is open. A view on the {@link Presence}'s missions, which stay the
 * presence's entities: it changes none of them.
 */
final class MissionDirectory {

    private final Map<String, Mission> byId;

    MissionDirectory(Map<String, Mission> byId) {
        this.byId = byId;
    }

    /** The mission a command names, which must be recorded under that id. */
    Mission named(String missionId) {
        Mission mission = byId.get(missionId);
        if (mission == null) {
            Mission renamed = underAnotherId(missionId);
            throw new RuleViolation(
                    "unknown-mission",
                    "missionId",
                    "no mission " + missionId + " is recorded; "
                            + (renamed == null
                                    ? "open it first"
                                    : renamed.missionId() + " is " + renamed.describeKind()
                                            + " and keeps the id it was opened under"));
        }
        return mission;
    }

    /**
     * A mission is opened, or opened again, on a day it was not open and without making a later recorded fact of it
     * wrong ({@link Mission#requireOpenable}), and while none is open under the id as a raised one's present id.
     */
    void requireOpenable(String missionId, MissionKind kind, LocalDate on) {
        Mission existing = byId.get(missionId);
        if (existing != null) {
            existing.requireOpenable(kind, on);
        }
        Mission renamed = underAnotherId(missionId);
        if (renamed != null && renamed.status() != MissionStatus.CLOSED) {
            throw new RuleViolation(
                    "mission-already-open",
                    "city",
                    "mission " + renamed.missionId() + " is "
                            + renamed.describeKind() + " and "
                            + renamed.status().name().toLowerCase() + "; it keeps the id "
                            + "it was opened under");
        }
    }

    /**
     * The mission an id would name had it been opened as the kind it is now, when that is not its id: the legation
     * {@code US-JP-LEGATION-TOKYO}, raised to an embassy, for {@code US-JP-EMBASSY-TOKYO}. Null when none is.
     */
    private Mission underAnotherId(String missionId) {
        for (Mission mission : byId.values()) {
            if (!mission.missionId().equals(missionId) && mission.idAsItIsNow().equals(missionId)) {
                return mission;
            }
        }
        return null;
    }
}
