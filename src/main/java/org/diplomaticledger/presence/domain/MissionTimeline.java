package org.diplomaticledger.presence.domain;

import java.time.LocalDate;
import java.util.Set;
import java.util.function.Function;
import org.diplomaticledger.presence.api.MissionKind;
import org.diplomaticledger.presence.api.MissionStatus;
import org.diplomaticledger.shared.EffectiveTimeline;
import org.diplomaticledger.shared.EffectiveTimeline.Placed;
import org.diplomaticledger.shared.RuleViolation;

/**
 * A mission's life in effective time ({@link EffectiveTimeline}): the facts that open, suspend, resume and close it
 * or change its rank, and the facts that need it open on their day (an accreditation, a step of a head of mission, a
 * ceiling on it). The rules judge a new fact against the mission as it stood on the fact's own day, whatever was
 * recorded first, and refuse a fact that would make one already recorded wrong (an opening in 1900 while the recorded
 * opening of 1990 stands: the mission would be open twice), naming that fact. So the write side reaches the timeline
 * the projections fold, in any order of recording.
 *
 * <p>Staff counts and departures are not kept here: they only need the mission opened by their day, which a fact
 * added later can never undo (an opening moves the first opening earlier, never later).
 */
record MissionTimeline(EffectiveTimeline<MissionFact> facts) {

    static final MissionTimeline NONE = new MissionTimeline(EffectiveTimeline.empty());

    /** What a fact does to the mission. */
    enum Change {
        OPENED,
        SUSPENDED,
        RESUMED,
        CLOSED,
        RANK_CHANGED
    }

    /** What a fact needs of the mission on its day. */
    enum Need {
        /** Open and not suspended: staff are accredited only then. */
        OPEN,
        /** Opened and not closed (a suspended mission is open in law): heads of mission taking up office, ceilings. */
        OPENED_NOT_CLOSED,
        /** Not closed: agrément, which a sending state may seek before its mission opens, but not for a closed one. */
        NOT_CLOSED
    }

    /**
     * What the rules read of a fact: a change of the mission's status or kind ({@code kind}: the kind it is opened as
     * or changed to), or a need of a fact that changes nothing.
     */
    record MissionFact(Change change, MissionKind kind, Need need) {
        static MissionFact changing(Change change, MissionKind kind) {
            return new MissionFact(change, kind, null);
        }

        static MissionFact needing(Need need) {
            return new MissionFact(null, null, need);
        }
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

    /** A recorded fact of the mission's life. */
    MissionTimeline with(String eventId, Object event, LocalDate on, long sequence, MissionFact fact) {
        return new MissionTimeline(
                facts.with(new Placed<>(eventId, event.getClass().getSimpleName(), on, sequence, fact)));
    }

    /** The mission on a day, after every fact recorded for that day. */
    Standing on(LocalDate day, String missionId) {
        return facts.on(day, rules(missionId));
    }

    /** The mission after its last fact in effective time. */
    Standing last(String missionId) {
        return facts.last(rules(missionId));
    }

    /** Staff are accredited only at a mission open (not suspended) on the day. */
    void requireOpen(String missionId, String action, LocalDate on) {
        Standing then = on(on, missionId);
        if (then.status() != MissionStatus.OPEN) {
            throw notOpen(missionId, action, on, then);
        }
    }

    /** A head of mission takes up office, or a ceiling is imposed, only at a mission opened and not closed that day. */
    Standing requireOpenedNotClosed(String missionId, String action, LocalDate on) {
        Standing then = on(on, missionId);
        if (!then.opened()) {
            throw notOpen(missionId, action, on, then);
        }
        return requireNotClosed(missionId, action, on);
    }

    /** Agrément is sought for a mission not closed that day (before it opens, too). */
    Standing requireNotClosed(String missionId, String action, LocalDate on) {
        Standing then = on(on, missionId);
        if (then.status() == MissionStatus.CLOSED) {
            throw notOpen(missionId, action, on, then);
        }
        return then;
    }

    private static RuleViolation notOpen(String missionId, String action, LocalDate on, Standing then) {
        return new RuleViolation(
                "mission-not-open",
                "missionId",
                "cannot " + action + " at " + missionId + " on " + on + ": it is " + then.describe());
    }

    /**
     * Staff counted, departing or expelled at the mission on a day it had been opened by (it may have closed since:
     * staff leave a closed mission); a fact dated before its first opening would place staff where there was none.
     */
    void requireOpenedBy(String missionId, LocalDate on) {
        if (!on(on, missionId).opened()) {
            Placed<MissionFact> first = facts.first("MissionOpened");
            throw new RuleViolation(
                    "mission-not-open",
                    "effectiveDate",
                    "mission " + missionId + " was not yet opened on " + on + ": it was first opened on "
                            + (first == null ? null : first.on()));
        }
    }

    /**
     * A new change of the mission, judged where it falls ({@link EffectiveTimeline#requireFits}); a contradiction
     * waits for the end of an open batch, where {@code atTheEnd} judges the mission as it then stands.
     */
    void requireFits(
            String type, LocalDate on, MissionFact fact, String missionId, Function<Object, RuleViolation> atTheEnd) {
        facts.requireFits(
                Placed.candidate(type, on, fact),
                rules(missionId),
                type + " of " + missionId + " on " + on,
                missionId,
                atTheEnd);
    }

    /** The first fact that breaks a rule now and did not in {@code baseline}, for a batch judged as a whole. */
    RuleViolation newlyBroken(Set<String> baseline, String missionId) {
        return facts.newlyBroken(baseline, rules(missionId), "Taken as a whole, the batch of " + missionId);
    }

    /** A correction moving one of the mission's facts (or a retraction: null), judged like a new fact. */
    RuleViolation revised(String eventId, LocalDate movedTo, String missionId) {
        return facts.revised(eventId, movedTo, rules(missionId), "corrections.effectiveDate");
    }

    /** The rules of a mission's life, naming it in their refusals. */
    static EffectiveTimeline.Rules<Standing, MissionFact> rules(String missionId) {
        return new MissionRules(missionId);
    }

    /** Equal for the same missionId, so that the timeline keeps its last record between commands. */
    private record MissionRules(String missionId) implements EffectiveTimeline.Rules<Standing, MissionFact> {
        @Override
        public Standing initial() {
            return Standing.NOT_OPENED;
        }

        @Override
        public RuleViolation refusal(Standing before, Placed<MissionFact> fact) {
            return fact.fact().change() != null
                    ? refusalOfChange(before, fact, missionId)
                    : refusalOfNeed(before, fact, missionId);
        }

        @Override
        public Standing after(Standing before, Placed<MissionFact> fact) {
            LocalDate on = fact.on();
            Change change = fact.fact().change();
            if (change == null) {
                return before;
            }
            return switch (change) {
                case OPENED -> new Standing(MissionStatus.OPEN, on, fact.fact().kind());
                case SUSPENDED -> new Standing(MissionStatus.SUSPENDED, on, before.kind());
                case RESUMED -> new Standing(MissionStatus.OPEN, on, before.kind());
                case CLOSED -> new Standing(MissionStatus.CLOSED, on, before.kind());
                case RANK_CHANGED ->
                    new Standing(before.status(), before.since(), fact.fact().kind());
            };
        }
    }

    private static RuleViolation refusalOfChange(Standing standing, Placed<MissionFact> fact, String missionId) {
        LocalDate on = fact.on();
        return switch (fact.fact().change()) {
            case OPENED ->
                standing.opened() && standing.status() != MissionStatus.CLOSED
                        ? new RuleViolation(
                                "mission-already-open",
                                "city",
                                "mission " + missionId + " is already " + standing.describe() + " on " + on)
                        : null;
            case SUSPENDED ->
                standing.status() != MissionStatus.OPEN
                        ? new RuleViolation(
                                "mission-not-open",
                                "missionId",
                                "mission " + missionId + " is " + standing.describe() + " on " + on
                                        + ", not open: only an open mission can be suspended")
                        : null;
            case RESUMED ->
                standing.status() != MissionStatus.SUSPENDED
                        ? new RuleViolation(
                                "mission-not-suspended",
                                "missionId",
                                "mission " + missionId + " is " + standing.describe() + " on " + on
                                        + ", not suspended: there is nothing to resume")
                        : null;
            case CLOSED ->
                !standing.opened()
                        ? new RuleViolation(
                                "mission-not-open",
                                "missionId",
                                "mission " + missionId + " is not yet opened on " + on + ": there is nothing to close")
                        : standing.status() == MissionStatus.CLOSED
                                ? new RuleViolation(
                                        "mission-already-closed",
                                        "missionId",
                                        "mission " + missionId + " is already closed since " + standing.since() + " on "
                                                + on)
                                : null;
            case RANK_CHANGED ->
                !standing.opened() || standing.status() == MissionStatus.CLOSED
                        ? new RuleViolation(
                                "mission-not-open",
                                "effectiveDate",
                                missionId + " was not open on " + on + ": it is " + standing.describe())
                        : !standing.kind().isLegationOrEmbassy()
                                ? new RuleViolation(
                                        "legation-or-embassy-only",
                                        "missionId",
                                        missionId + " is a " + standing.kind() + " on " + on
                                                + "; only a legation is raised to an embassy, and only an embassy lowered to a legation")
                                : standing.kind() == fact.fact().kind()
                                        ? new RuleViolation(
                                                "same-rank",
                                                "kind",
                                                missionId + " is already a "
                                                        + standing.kind().name().toLowerCase() + " on " + on)
                                        : null;
        };
    }

    private static RuleViolation refusalOfNeed(Standing standing, Placed<MissionFact> fact, String missionId) {
        boolean fits = switch (fact.fact().need()) {
            case OPEN -> standing.status() == MissionStatus.OPEN;
            case OPENED_NOT_CLOSED -> standing.opened() && standing.status() != MissionStatus.CLOSED;
            case NOT_CLOSED -> standing.status() != MissionStatus.CLOSED;
        };
        return fits
                ? null
                : new RuleViolation(
                        "mission-not-open",
                        "missionId",
                        "mission " + missionId + " is " + standing.describe() + " on " + fact.on());
    }
}
