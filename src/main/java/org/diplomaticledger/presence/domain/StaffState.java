package org.diplomaticledger.presence.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.presence.api.StaffCategory;
import org.diplomaticledger.presence.api.StaffTally;
import org.diplomaticledger.presence.domain.StaffTimeline.StaffFact;
import org.diplomaticledger.shared.RuleViolation;

/**
 * The presence at a point of its timeline: its staff counted, who of the named staff is on it (by personId), its
 * ceilings, and the rules the ceilings set ({@link #refusal}) and what each fact does to it ({@link #after}), which
 * {@link StaffTimeline} folds in effective order. Written to snapshots as its counted buckets, the named staff and
 * the ceilings.
 */
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class StaffState {
    final StaffTally tally;

    @JsonProperty
    final Map<String, StaffTally.Bucket> onStaff;
    /** Every ceiling imposed by then, by id; lifted, replaced and ended ones no longer in force. */
    @JsonProperty
    final Map<String, Ceiling> ceilings;

    private StaffState(StaffTally tally, Map<String, StaffTally.Bucket> onStaff, Map<String, Ceiling> ceilings) {
        this.tally = tally;
        this.onStaff = onStaff;
        this.ceilings = ceilings;
    }

    /** A counted bucket as a snapshot holds it. */
    record Counted(String missionId, StaffCategory category, int staff) {}

    @JsonCreator
    static StaffState of(
            @JsonProperty("counted") List<Counted> counted,
            @JsonProperty("onStaff") Map<String, StaffTally.Bucket> onStaff,
            @JsonProperty("ceilings") Map<String, Ceiling> ceilings) {
        StaffState state = new StaffState(new StaffTally(), new HashMap<>(onStaff), new LinkedHashMap<>(ceilings));
        counted.forEach(bucket -> state.tally.load(bucket.missionId(), bucket.category(), bucket.staff()));
        onStaff.values().forEach(bucket -> state.tally.named(bucket.missionId(), bucket.category(), 1));
        return state;
    }

    @JsonProperty("counted")
    List<Counted> counted() {
        return tally.counted().entrySet().stream()
                .map(bucket ->
                        new Counted(bucket.getKey().missionId(), bucket.getKey().category(), bucket.getValue()))
                .toList();
    }

    static StaffState initial() {
        return new StaffState(new StaffTally(), new HashMap<>(), new LinkedHashMap<>());
    }

    StaffState copy() {
        return new StaffState(tally.copy(), new HashMap<>(onStaff), new LinkedHashMap<>(ceilings));
    }

    /** The ceiling in force on exactly this scope (a mission or the presence, a category or all), or null. */
    Ceiling inForceFor(String missionId, StaffCategory category) {
        for (Ceiling ceiling : ceilings.values()) {
            if (ceiling.isInForceFor(missionId, category)) {
                return ceiling;
            }
        }
        return null;
    }

    int headcount(String missionId, StaffCategory category) {
        return tally.headcount(missionId, category);
    }

    /**
     * The ceiling a lifting on a day names, which must be in force then: by its id, or else as the one in force on
     * the scope (a mission or the whole presence, a category or all). {@code last} is the presence after its last
     * fact, which tells a ceiling imposed only later from one never imposed.
     */
    Ceiling inForceToLift(
            String ceilingId,
            String missionId,
            StaffCategory category,
            LocalDate on,
            StaffState last,
            String presenceId) {
        if (ceilingId != null) {
            Ceiling ceiling = ceilings.get(ceilingId);
            if (ceiling == null || !ceiling.inForce()) {
                throw new RuleViolation(
                        "no-ceiling-in-force",
                        "ceilingId",
                        "ceiling " + ceilingId
                                + (ceiling != null
                                        ? " is no longer in force on " + on
                                        : last.ceilings.containsKey(ceilingId)
                                                ? " is imposed only after " + on
                                                : " is not recorded for " + presenceId));
            }
            return ceiling;
        }
        Ceiling ceiling = inForceFor(missionId, category);
        if (ceiling == null) {
            throw new RuleViolation(
                    "no-ceiling-in-force",
                    missionId != null ? "missionId" : "category",
                    "no ceiling is in force for " + Ceiling.describeScope(presenceId, missionId, category) + " on "
                            + on);
        }
        return ceiling;
    }

    /**
     * Why a fact cannot follow the presence as it stands, or null. One more named staff member may not bring any
     * scope above the ceiling in force (VCDR Art. 11; the problem blames {@code category} when the ceiling caps that
     * category only, {@code missionId} when it caps all staff); a lifting names a ceiling in force.
     */
    static RuleViolation refusal(StaffState state, StaffFact fact, String presenceId) {
        switch (fact.kind()) {
            case ACCREDITED -> {
                if (state.onStaff.containsKey(fact.id())) {
                    return null; // refused as already-accredited by the person's career; a history may hold one
                }
                for (Ceiling ceiling : state.ceilings.values()) {
                    if (ceiling.inForce() && ceiling.covers(fact.missionId(), fact.category())) {
                        int headcount = state.headcount(ceiling.missionId(), ceiling.category());
                        if (headcount + 1 > ceiling.limit()) {
                            return new RuleViolation(
                                    "ceiling-exceeded",
                                    ceiling.category() == null ? "missionId" : "category",
                                    "accrediting " + fact.id() + " on " + fact.on() + " would bring "
                                            + ceiling.describeScope(presenceId) + " to " + (headcount + 1)
                                            + ", above the ceiling of " + ceiling.limit() + " in force since "
                                            + ceiling.since()
                                            + " (VCDR Art. 11)");
                        }
                    }
                }
                return null;
            }
            case CEILING_LIFTED -> {
                Ceiling ceiling = state.ceilings.get(fact.id());
                return ceiling != null && ceiling.inForce()
                        ? null
                        : new RuleViolation(
                                "no-ceiling-in-force",
                                "ceilingId",
                                "ceiling " + fact.id()
                                        + (ceiling == null
                                                ? " is not imposed on " + presenceId + " by " + fact.on()
                                                : " is no longer in force on " + fact.on()));
            }
            default -> {
                return null;
            }
        }
    }

    /** The presence after a fact, allowed or not (recorded history is placed as it is). Changes {@code state}. */
    static void after(StaffState state, StaffFact fact) {
        switch (fact.kind()) {
            case ACCREDITED -> {
                StaffTally.Bucket bucket = new StaffTally.Bucket(fact.missionId(), fact.category());
                StaffTally.Bucket before = state.onStaff.put(fact.id(), bucket);
                if (before != null) {
                    state.tally.named(before.missionId(), before.category(), -1);
                }
                state.tally.named(fact.missionId(), fact.category(), 1);
            }
            case DEPARTED -> {
                StaffTally.Bucket bucket = state.onStaff.remove(fact.id());
                if (bucket != null) {
                    state.tally.named(bucket.missionId(), bucket.category(), -1);
                }
            }
            case COUNTED -> state.tally.change(fact.missionId(), fact.category(), fact.number());
            case REPORTED -> state.tally.report(fact.missionId(), fact.category(), fact.number());
            case CEILING_IMPOSED -> {
                Ceiling replaced = state.inForceFor(fact.missionId(), fact.category());
                if (replaced != null) {
                    state.ceilings.put(replaced.ceilingId(), replaced.lifted());
                }
                state.ceilings.put(
                        fact.id(),
                        new Ceiling(fact.id(), fact.missionId(), fact.category(), fact.number(), fact.on(), true));
            }
            case CEILING_LIFTED -> {
                Ceiling ceiling = state.ceilings.get(fact.id());
                if (ceiling != null) {
                    state.ceilings.put(ceiling.ceilingId(), ceiling.lifted());
                }
            }
            case MISSION_CLOSED ->
                state.ceilings.replaceAll((id, ceiling) ->
                        ceiling.inForce() && fact.missionId().equals(ceiling.missionId()) ? ceiling.lifted() : ceiling);
        }
    }
}
