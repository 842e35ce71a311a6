package org.diplomaticledger.presence.domain;

import org.diplomaticledger.presence.api.MissionKind;
import org.diplomaticledger.presence.api.MissionStatus;
import org.diplomaticledger.shared.RuleViolation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mission's life in effective time: the facts that open, suspend, resume and close it or change its rank, and the
 * facts that need it open on their day (an accreditation, a step of a head of mission, a ceiling on it), each where it
 * falls by its effective date, then by the order it was recorded in. The rules judge a new fact against the mission as
 * it stood on the fact's own day, whatever was recorded first, and refuse a fact that would make one already recorded
 * wrong (an opening in 1900 while the recorded opening of 1990 stands: the mission would be open twice), naming that
 * fact. So the write side reaches the timeline the projections fold, in any order of recording.
 *
 * <p>Immutable: each event replaces it. Facts already recorded are placed as they are, never judged again: a history
 * recorded before these rules (or corrected since) may hold contradictions, and a new fact is refused only for those
 * it would add. Staff counts and departures are not kept here: they only need the mission opened by their day, which
 * a fact added later can never undo (an opening moves the first opening earlier, never later).
 */
record MissionTimeline(List<Step> steps, List<Use> uses) {

    static final MissionTimeline NONE = new MissionTimeline(List.of(), List.of());

    /** What a {@link Step} does to the mission. */
    enum Change {
        OPENED, SUSPENDED, RESUMED, CLOSED, RANK_CHANGED
    }

    /** What a {@link Use} needs of the mission on its day. */
    enum Need {
        /** Open and not suspended: staff are accredited only then. */
        OPEN,
        /** Opened and not closed (a suspended mission is open in law): heads of mission taking up office, ceilings. */
        OPENED_NOT_CLOSED,
        /** Not closed: agrément, which a sending state may seek before its mission opens, but not for a closed one. */
        NOT_CLOSED
    }

    /** Which recorded fact, for a refusal that names it. */
    record Fact(String eventId, String type, LocalDate on, long sequence) {
        /** A fact being judged, not yet recorded: after every recorded fact of its day. */
        static Fact candidate(String type, LocalDate on) {
            return new Fact(null, type, on, Long.MAX_VALUE);
        }

        /** The same fact, corrected to another day (it keeps its place among the facts of that day by recording). */
        Fact movedTo(LocalDate day) {
            return new Fact(eventId, type, day, sequence);
        }
    }

    /** A fact that changes the mission's status, or its kind ({@code kind}: the kind it is opened as or changed to). */
    record Step(Fact fact, Change change, MissionKind kind) {
    }

    /** A fact that needs the mission as {@code need} says on its day. */
    record Use(Fact fact, Need need) {
    }

    /**
     * Where the mission stands on a day: {@code status} null before it was ever opened; {@code since} the day of the
     * status, {@code kind} its kind then.
     */
    record Standing(MissionStatus status, LocalDate since, MissionKind kind) {
        static final Standing NOT_OPENED = new Standing(null, null, null);

        boolean opened() {
            return status != null;
        }

        String describe() {
            return status == null ? "not yet opened" : status.name().toLowerCase() + " since " + since;
        }
    }

    MissionTimeline {
        steps = List.copyOf(steps);
        uses = List.copyOf(uses);
    }

    private static final Comparator<Fact> IN_EFFECTIVE_ORDER =
            Comparator.comparing(Fact::on).thenComparingLong(Fact::sequence);

    MissionTimeline with(Step step) {
        List<Step> more = new ArrayList<>(steps);
        more.add(step);
        more.sort(Comparator.comparing(Step::fact, IN_EFFECTIVE_ORDER));
        return new MissionTimeline(more, uses);
    }

    MissionTimeline with(Use use) {
        List<Use> more = new ArrayList<>(uses);
        more.add(use);
        return new MissionTimeline(steps, more);
    }

    /** The mission on a day, after every step recorded for that day. */
    Standing on(LocalDate day) {
        return before(new Fact(null, null, day, Long.MAX_VALUE), steps);
    }

    /** The mission after its last step in effective time. */
    Standing last() {
        Standing standing = Standing.NOT_OPENED;
        for (Step step : steps) {
            standing = after(standing, step);
        }
        return standing;
    }

    /** Staff are accredited only at a mission open (not suspended) on the day. */
    void requireOpen(String missionId, String action, LocalDate on) {
        Standing then = on(on);
        if (then.status() != MissionStatus.OPEN) {
            throw new RuleViolation("mission-not-open", "missionId", "cannot " + action + " at " + missionId + " on "
                    + on + ": it is " + then.describe());
        }
    }

    /** A head of mission takes up office, or a ceiling is imposed, only at a mission opened and not closed that day. */
    Standing requireOpenedNotClosed(String missionId, String action, LocalDate on) {
        Standing then = on(on);
        if (!then.opened()) {
            throw new RuleViolation("mission-not-open", "missionId", "cannot " + action + " at " + missionId + " on "
                    + on + ": it is " + then.describe());
        }
        return requireNotClosed(missionId, action, on);
    }

    /** Agrément is sought for a mission not closed that day (before it opens, too). */
    Standing requireNotClosed(String missionId, String action, LocalDate on) {
        Standing then = on(on);
        if (then.status() == MissionStatus.CLOSED) {
            throw new RuleViolation("mission-not-open", "missionId", "cannot " + action + " at " + missionId + " on "
                    + on + ": it is " + then.describe());
        }
        return then;
    }

    /**
     * Staff counted, departing or expelled at the mission on a day it had been opened by (it may have closed since:
     * staff leave a closed mission); a fact dated before its first opening would place staff where there was none.
     */
    void requireOpenedBy(String missionId, LocalDate on) {
        if (!on(on).opened()) {
            throw new RuleViolation("mission-not-open", "effectiveDate", "mission " + missionId + " was not yet opened on "
                    + on + ": it was first opened on " + firstOpened());
        }
    }

    /** The day it was first opened, or null. */
    LocalDate firstOpened() {
        for (Step step : steps) {
            if (step.change() == Change.OPENED) {
                return step.fact().on();
            }
        }
        return null;
    }

    /**
     * A new step, judged where it falls: refused at once by its own rule if the mission on its day does not allow it;
     * otherwise answers the {@code contradicts-recorded-fact} violation it would cause by making a recorded step or
     * use wrong that was not, or null. (The caller throws that, or defers it to the end of a batch judged as a whole.)
     */
    RuleViolation judge(Step candidate, String missionId) {
        RuleViolation own = refusal(before(candidate.fact(), steps), candidate, missionId);
        if (own != null) {
            throw own;
        }
        List<Step> with = new ArrayList<>(steps);
        with.add(candidate);
        with.sort(Comparator.comparing(Step::fact, IN_EFFECTIVE_ORDER));
        Set<Fact> alreadyBroken = brokenFacts(missionId);
        for (Map.Entry<Fact, RuleViolation> wrong : broken(with, missionId).entrySet()) {
            if (wrong.getKey() != candidate.fact() && !alreadyBroken.contains(wrong.getKey())) {
                return contradiction(candidate.fact().type() + " of " + missionId + " on " + candidate.fact().on(),
                        wrong.getKey(), wrong.getValue());
            }
        }
        return null;
    }

    /** The facts of this timeline that break a rule where they stand (recorded so, or by facts added since). */
    Set<Fact> brokenFacts(String missionId) {
        return new HashSet<>(broken(steps, missionId).keySet());
    }

    /** The first fact that breaks a rule now and did not in {@code baseline} (see {@link #brokenFacts}), or null. */
    RuleViolation newlyBroken(Set<Fact> baseline, String missionId) {
        for (Map.Entry<Fact, RuleViolation> wrong : broken(steps, missionId).entrySet()) {
            if (!baseline.contains(wrong.getKey())) {
                return contradiction("Taken as a whole, the batch of " + missionId, wrong.getKey(), wrong.getValue());
            }
        }
        return null;
    }

    /** The recorded facts (steps and uses) the steps given would make wrong, in effective order, with why. */
    private Map<Fact, RuleViolation> broken(List<Step> inOrder, String missionId) {
        return broken(inOrder, uses, missionId);
    }

    private static Map<Fact, RuleViolation> broken(List<Step> inOrder, List<Use> uses, String missionId) {
        Map<Fact, RuleViolation> broken = new LinkedHashMap<>();
        Standing standing = Standing.NOT_OPENED;
        for (Step step : inOrder) {
            RuleViolation wrong = refusal(standing, step, missionId);
            if (wrong != null) {
                broken.put(step.fact(), wrong);
            }
            standing = after(standing, step);
        }
        for (Use use : uses) {
            RuleViolation wrong = refusal(before(use.fact(), inOrder), use, missionId);
            if (wrong != null) {
                broken.put(use.fact(), wrong);
            }
        }
        return broken;
    }

    /**
     * A correction that moves one of the mission's facts to another day ({@code movedTo}), or a retraction of it
     * ({@code movedTo} null): null when the mission's life still breaks no rule it did not break before; otherwise
     * the fact it would make wrong (the moved fact itself, by its own rule, or another, by
     * {@code contradicts-recorded-fact}). Null too when the event is not one of this mission's facts.
     */
    RuleViolation revised(String eventId, LocalDate movedTo, String missionId) {
        boolean mine = false;
        List<Step> newSteps = new ArrayList<>();
        for (Step step : steps) {
            if (eventId.equals(step.fact().eventId())) {
                mine = true;
                if (movedTo != null) {
                    newSteps.add(new Step(step.fact().movedTo(movedTo), step.change(), step.kind()));
                }
            } else {
                newSteps.add(step);
            }
        }
        List<Use> newUses = new ArrayList<>();
        for (Use use : uses) {
            if (eventId.equals(use.fact().eventId())) {
                mine = true;
                if (movedTo != null) {
                    newUses.add(new Use(use.fact().movedTo(movedTo), use.need()));
                }
            } else {
                newUses.add(use);
            }
        }
        if (!mine) {
            return null;
        }
        newSteps.sort(Comparator.comparing(Step::fact, IN_EFFECTIVE_ORDER));
        Set<String> alreadyBroken = new HashSet<>();
        broken(steps, missionId).keySet().forEach(fact -> alreadyBroken.add(fact.eventId()));
        String what = (movedTo == null ? "retracting event " + eventId : "moving event " + eventId + " to " + movedTo)
                + " of " + missionId;
        for (Map.Entry<Fact, RuleViolation> wrong : broken(newSteps, newUses, missionId).entrySet()) {
            Fact fact = wrong.getKey();
            if (alreadyBroken.contains(fact.eventId())) {
                continue;
            }
            RuleViolation why = wrong.getValue();
            if (eventId.equals(fact.eventId())) {
                return new RuleViolation(why.rule(), "corrections.effectiveDate", "corrected to " + movedTo + ", the "
                        + fact.type() + " " + eventId + " would break rule " + why.rule() + ": " + why.getMessage());
            }
            return contradiction(what, fact, why);
        }
        return null;
    }

    /** Why a step cannot follow the mission as it stands, or null. */
    static RuleViolation refusal(Standing standing, Step step, String missionId) {
        LocalDate on = step.fact().on();
        return switch (step.change()) {
            case OPENED -> standing.opened() && standing.status() != MissionStatus.CLOSED
                    ? new RuleViolation("mission-already-open", "city", "mission " + missionId + " is already "
                    + standing.describe() + " on " + on) : null;
            case SUSPENDED -> standing.status() != MissionStatus.OPEN
                    ? new RuleViolation("mission-not-open", "missionId", "mission " + missionId + " is "
                    + standing.describe() + " on " + on + ", not open: only an open mission can be suspended") : null;
            case RESUMED -> standing.status() != MissionStatus.SUSPENDED
                    ? new RuleViolation("mission-not-suspended", "missionId", "mission " + missionId + " is "
                    + standing.describe() + " on " + on + ", not suspended: there is nothing to resume") : null;
            case CLOSED -> !standing.opened()
                    ? new RuleViolation("mission-not-open", "missionId", "mission " + missionId + " is not yet opened on "
                    + on + ": there is nothing to close")
                    : standing.status() == MissionStatus.CLOSED
                    ? new RuleViolation("mission-already-closed", "missionId", "mission " + missionId
                    + " is already closed since " + standing.since() + " on " + on) : null;
            case RANK_CHANGED -> !standing.opened() || standing.status() == MissionStatus.CLOSED
                    ? new RuleViolation("mission-not-open", "effectiveDate", missionId + " was not open on " + on
                    + ": it is " + standing.describe())
                    : !standing.kind().isLegationOrEmbassy()
                    ? new RuleViolation("legation-or-embassy-only", "missionId", missionId + " is a " + standing.kind()
                    + " on " + on + "; only a legation is raised to an embassy, and only an embassy lowered to a legation")
                    : standing.kind() == step.kind()
                    ? new RuleViolation("same-rank", "kind", missionId + " is already a "
                    + standing.kind().name().toLowerCase() + " on " + on) : null;
        };
    }

    /** Why a use cannot be made of the mission as it stands, or null. */
    static RuleViolation refusal(Standing standing, Use use, String missionId) {
        boolean fits = switch (use.need()) {
            case OPEN -> standing.status() == MissionStatus.OPEN;
            case OPENED_NOT_CLOSED -> standing.opened() && standing.status() != MissionStatus.CLOSED;
            case NOT_CLOSED -> standing.status() != MissionStatus.CLOSED;
        };
        return fits ? null : new RuleViolation("mission-not-open", "missionId", "mission " + missionId + " is "
                + standing.describe() + " on " + use.fact().on());
    }

    private static Standing before(Fact fact, List<Step> inOrder) {
        Standing standing = Standing.NOT_OPENED;
        for (Step step : inOrder) {
            if (IN_EFFECTIVE_ORDER.compare(step.fact(), fact) >= 0) {
                break;
            }
            standing = after(standing, step);
        }
        return standing;
    }

    /** The mission after a step, whether or not the step was allowed (recorded history is placed as it is). */
    private static Standing after(Standing standing, Step step) {
        LocalDate on = step.fact().on();
        return switch (step.change()) {
            case OPENED -> new Standing(MissionStatus.OPEN, on, step.kind());
            case SUSPENDED -> new Standing(MissionStatus.SUSPENDED, on, standing.kind());
            case RESUMED -> new Standing(MissionStatus.OPEN, on, standing.kind());
            case CLOSED -> new Standing(MissionStatus.CLOSED, on, standing.kind());
            case RANK_CHANGED -> new Standing(standing.status(), standing.since(), step.kind());
        };
    }

    private static RuleViolation contradiction(String what, Fact recorded, RuleViolation why) {
        return new RuleViolation("contradicts-recorded-fact", "effectiveDate", what + " contradicts a fact recorded: "
                + "with it, the " + recorded.type() + " of " + recorded.on() + " (event " + recorded.eventId()
                + ") would break rule " + why.rule() + ": " + why.getMessage(), Map.of("conflictingFact", Map.of("eventId", recorded.eventId(), "type",
                recorded.type(), "effectiveDate", recorded.on().toString(), "rule", why.rule())));
    }
}
