package org.diplomaticledger.presence.domain;

import org.diplomaticledger.presence.api.StaffCategory;
import org.diplomaticledger.shared.RuleViolation;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The staff ceilings imposed on a presence, by id, lifted and replaced ones included (no longer in force). At most
 * one is in force per scope (a mission or the whole presence, a category or all). Immutable: each ceiling event, and
 * the closure of a mission, replaces it.
 */
record Ceilings(Map<String, Ceiling> byId) {

    static final Ceilings NONE = new Ceilings(Map.of());

    Ceilings {
        byId = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
    }

    /** A ceiling is recorded once under its id. */
    void requireUnrecorded(String ceilingId) {
        if (byId.containsKey(ceilingId)) {
            throw new RuleViolation("ceiling-already-recorded", "ceilingId", "ceiling " + ceilingId + " is already recorded");
        }
    }

    /**
     * The ceiling a lifting names, which must be in force: by its id, or else as the one in force on the scope (a
     * mission or the whole presence, a category or all).
     */
    Ceiling inForceToLift(String ceilingId, String missionId, StaffCategory category, String presenceId) {
        if (ceilingId != null) {
            Ceiling ceiling = byId.get(ceilingId);
            if (ceiling == null || !ceiling.inForce()) {
                throw new RuleViolation("no-ceiling-in-force", "ceilingId", "ceiling " + ceilingId
                        + (ceiling == null ? " is not recorded for " + presenceId : " is no longer in force"));
            }
            return ceiling;
        }
        Ceiling ceiling = inForceFor(missionId, category);
        if (ceiling == null) {
            throw new RuleViolation("no-ceiling-in-force", missionId != null ? "missionId" : "category",
                    "no ceiling is in force for " + Ceiling.describeScope(presenceId, missionId, category));
        }
        return ceiling;
    }

    /** The ceiling in force on exactly this scope, or null. */
    Ceiling inForceFor(String missionId, StaffCategory category) {
        for (Ceiling ceiling : byId.values()) {
            if (ceiling.isInForceFor(missionId, category)) {
                return ceiling;
            }
        }
        return null;
    }

    /**
     * One more named staff member of the category at the mission may not bring any scope above its ceiling (VCDR
     * Art. 11). The problem blames {@code category} when the ceiling caps that category only (another category
     * would have room), and {@code missionId} when it caps all staff of the mission or the presence.
     */
    void requireRoomFor(String personId, String missionId, StaffCategory category, LocalDate on, StaffBook staff,
                        String presenceId) {
        for (Ceiling ceiling : byId.values()) {
            if (ceiling.inForce() && !ceiling.since().isAfter(on) && ceiling.covers(missionId, category)) {
                int headcount = staff.headcount(ceiling.missionId(), ceiling.category());
                if (headcount + 1 > ceiling.limit()) {
                    throw new RuleViolation("ceiling-exceeded", ceiling.category() == null ? "missionId" : "category",
                            "accrediting " + personId + " would bring "
                            + ceiling.describeScope(presenceId) + " to " + (headcount + 1) + ", above the ceiling of "
                            + ceiling.limit() + " in force since " + ceiling.since() + " (VCDR Art. 11)");
                }
            }
        }
    }

    /** A new ceiling, in place of the one it replaces if any. */
    Ceilings imposed(Ceiling ceiling, String replacedId) {
        Map<String, Ceiling> changed = new LinkedHashMap<>(byId);
        if (replacedId != null) {
            changed.put(replacedId, byId.get(replacedId).lifted());
        }
        changed.put(ceiling.ceilingId(), ceiling);
        return new Ceilings(changed);
    }

    Ceilings lifted(String ceilingId) {
        Map<String, Ceiling> changed = new LinkedHashMap<>(byId);
        changed.put(ceilingId, byId.get(ceilingId).lifted());
        return new Ceilings(changed);
    }

    /** A closed mission's ceilings end with it. */
    Ceilings withoutMission(String missionId) {
        Map<String, Ceiling> changed = new LinkedHashMap<>(byId);
        changed.replaceAll((id, ceiling) -> missionId.equals(ceiling.missionId()) ? ceiling.lifted() : ceiling);
        return new Ceilings(changed);
    }
}
