package org.diplomaticledger.talks.domain;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Set;
import java.util.function.Function;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.EffectiveTimeline;
import org.diplomaticledger.shared.EffectiveTimeline.Placed;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.talks.api.Venue;

/**
 * One round of talks in effective time ({@link EffectiveTimeline}): their announcement, then every reschedule,
 * postponement, cancellation, holding, conclusion and delegation by the day it happened. A report is judged on the
 * talks as they stood on its own day, whatever was recorded first (a cancellation dated before a recorded holding is
 * refused: the holding would then follow a cancellation), and refused when a report recorded for a later day would
 * then break a rule. The announcement opens the record: it stands before every other report, whatever their dates
 * (a delegation may be named, or talks held, before a source reports the announcement).
 */
record TalksTimeline(EffectiveTimeline<TalksFact> facts) {

    static final TalksTimeline NONE = new TalksTimeline(EffectiveTimeline.empty());

    /** What a report does to the talks. */
    enum Step {
        SCHEDULED,
        DELEGATION_NAMED,
        RESCHEDULED,
        POSTPONED,
        CANCELLED,
        HELD,
        CONCLUDED
    }

    /**
     * What the rules read of a report: for an announcement or a reschedule the date, time and venue set (a reschedule
     * that leaves the venue or time out keeps the day's); for a postponement the new date, if any; for a holding the
     * venue used, if reported.
     */
    record TalksFact(Step step, LocalDate date, LocalTime time, Venue venue, CountryCode state) {
        static TalksFact of(Step step) {
            return new TalksFact(step, null, null, null, null);
        }

        static TalksFact setting(Step step, LocalDate date, LocalTime time, Venue venue) {
            return new TalksFact(step, date, time, venue, null);
        }

        /** A delegation named by a party. */
        static TalksFact delegation(CountryCode state) {
            return new TalksFact(Step.DELEGATION_NAMED, null, null, null, state);
        }
    }

    /** The talks on a day: {@code status} null before their announcement is recorded. */
    record Standing(TalksStatus status, LocalDate date, LocalTime time, Venue venue, boolean held) {
        static final Standing NOT_SCHEDULED = new Standing(null, null, null, null, false);
    }

    /**
     * A recorded report. The announcement is placed before every other report, on the earliest day there is, so that
     * what its sources dated earlier still finds the talks.
     */
    TalksTimeline with(String eventId, Object event, LocalDate on, long sequence, TalksFact fact) {
        LocalDate placed = fact.step() == Step.SCHEDULED ? LocalDate.MIN : on;
        return new TalksTimeline(
                facts.with(new Placed<>(eventId, event.getClass().getSimpleName(), placed, sequence, fact)));
    }

    /** Whether the announcement is recorded (a retracted one is not: its events are no longer read). */
    boolean announced() {
        return facts.first("TalksScheduled") != null;
    }

    /** Whether the party named a delegation on or before a day. */
    boolean delegationNamedBy(CountryCode state, LocalDate day) {
        return facts.facts().stream()
                .anyMatch(fact -> fact.fact().step() == Step.DELEGATION_NAMED
                        && state.equals(fact.fact().state())
                        && !fact.on().isAfter(day));
    }

    /** The talks on a day, after every report recorded for that day. */
    Standing on(LocalDate day, String talksId) {
        return facts.on(day, rules(talksId));
    }

    /**
     * A new report judged where it falls: refused by its own rule at once; a contradiction of a report recorded for a
     * later day refuses it too, or waits for the end of an open batch, where {@code atTheEnd} judges the talks as
     * they then stand.
     */
    void requireFits(
            String type, LocalDate on, TalksFact fact, String talksId, Function<Object, RuleViolation> atTheEnd) {
        facts.requireFits(
                Placed.candidate(type, on, fact),
                rules(talksId),
                type + " of talks '" + talksId + "' on " + on,
                talksId,
                atTheEnd);
    }

    /** The first report that breaks a rule now and did not in {@code baseline}, for a batch judged as a whole. */
    RuleViolation newlyBroken(Set<String> baseline, String talksId) {
        return facts.newlyBroken(baseline, rules(talksId), "Taken as a whole, the batch of talks '" + talksId + "'");
    }

    /** A correction moving one of the reports (or a retraction: null), judged like a new report. */
    RuleViolation revised(String eventId, LocalDate movedTo, String talksId) {
        return facts.revised(eventId, movedTo, rules(talksId), "corrections.effectiveDate");
    }

    /** The rules of a round of talks, naming it in their refusals. */
    static EffectiveTimeline.Rules<Standing, TalksFact> rules(String talksId) {
        return new TalksRules(talksId);
    }

    /** Equal for the same talksId, so that the timeline keeps its last record between commands. */
    private record TalksRules(String talksId) implements EffectiveTimeline.Rules<Standing, TalksFact> {
        @Override
        public Standing initial() {
            return Standing.NOT_SCHEDULED;
        }

        @Override
        public RuleViolation refusal(Standing before, Placed<TalksFact> placed) {
            return TalksTimeline.refusal(before, placed, talksId);
        }

        @Override
        public Standing after(Standing before, Placed<TalksFact> placed) {
            TalksFact fact = placed.fact();
            return switch (fact.step()) {
                case SCHEDULED -> new Standing(TalksStatus.SCHEDULED, fact.date(), fact.time(), fact.venue(), false);
                case DELEGATION_NAMED -> before;
                case RESCHEDULED ->
                    new Standing(
                            TalksStatus.RESCHEDULED,
                            fact.date(),
                            fact.time() == null ? before.time() : fact.time(),
                            fact.venue() == null ? before.venue() : fact.venue(),
                            before.held());
                case POSTPONED ->
                    new Standing(
                            TalksStatus.POSTPONED,
                            fact.date() != null ? fact.date() : before.date(),
                            before.time(),
                            before.venue(),
                            before.held());
                case CANCELLED ->
                    new Standing(TalksStatus.CANCELLED, before.date(), before.time(), before.venue(), before.held());
                case HELD ->
                    new Standing(
                            before.status() == TalksStatus.CONCLUDED ? TalksStatus.CONCLUDED : TalksStatus.HELD,
                            before.date(),
                            before.time(),
                            fact.venue() == null ? before.venue() : fact.venue(),
                            true);
                case CONCLUDED ->
                    new Standing(TalksStatus.CONCLUDED, before.date(), before.time(), before.venue(), before.held());
            };
        }
    }

    private static RuleViolation refusal(Standing talks, Placed<TalksFact> placed, String talksId) {
        TalksFact fact = placed.fact();
        if (fact.step() == Step.SCHEDULED) {
            return null; // the aggregate's creation: one announcement per talksId
        }
        TalksStatus status = talks.status();
        if (status == null) {
            return null; // its announcement retracted: the talks hold nothing to judge a report against
        }
        boolean postponeOrMove = fact.step() == Step.RESCHEDULED || fact.step() == Step.POSTPONED;
        if (status == TalksStatus.CANCELLED && fact.step() == Step.CANCELLED) {
            return new RuleViolation(
                    "talks-already-cancelled",
                    "talksId",
                    "talks '" + talksId + "' are already cancelled on " + placed.on());
        }
        if (status == TalksStatus.CANCELLED) {
            return new RuleViolation(
                    "talks-cancelled",
                    "talksId",
                    "talks '" + talksId + "' were cancelled by " + placed.on() + "; they cannot " + what(fact.step()));
        }
        if (status == TalksStatus.CONCLUDED && fact.step() != Step.HELD) {
            return new RuleViolation(
                    "talks-already-concluded",
                    "talksId",
                    "talks '" + talksId + "' are already concluded on " + placed.on() + "; they cannot "
                            + what(fact.step()));
        }
        if (talks.held() && (postponeOrMove || fact.step() == Step.CANCELLED || fact.step() == Step.HELD)) {
            return new RuleViolation(
                    "talks-already-held",
                    "talksId",
                    "talks '" + talksId + "' are already recorded as held by " + placed.on() + "; they cannot "
                            + what(fact.step()));
        }
        if (fact.step() == Step.POSTPONED && status == TalksStatus.POSTPONED) {
            return new RuleViolation(
                    "talks-already-postponed",
                    "talksId",
                    "talks '" + talksId
                            + "' are already postponed from " + talks.date() + " on " + placed.on()
                            + "; reschedule them before postponing them again");
        }
        if (fact.step() == Step.POSTPONED && fact.date() != null && !fact.date().isAfter(talks.date())) {
            return new RuleViolation(
                    "postponement-not-later",
                    "newDate",
                    "talks '" + talksId + "' set for "
                            + talks.date() + " cannot be postponed to " + fact.date()
                            + ", which is not later; use RescheduleTalks to bring them forward");
        }
        if (fact.step() == Step.RESCHEDULED
                && status != TalksStatus.POSTPONED
                && fact.date().equals(talks.date())
                && (fact.venue() == null || fact.venue().equals(talks.venue()))
                && (fact.time() == null || fact.time().equals(talks.time()))) {
            // rescheduling postponed talks always changes something: they are on again, even on the old date
            return new RuleViolation(
                    "reschedule-changes-nothing",
                    "date",
                    "talks '" + talksId
                            + "' are already set for " + talks.date() + (talks.time() == null ? "" : " " + talks.time())
                            + " in " + describe(talks.venue()));
        }
        return null;
    }

    private static String what(Step step) {
        return switch (step) {
            case DELEGATION_NAMED -> "take delegations";
            case RESCHEDULED -> "be rescheduled";
            case POSTPONED -> "be postponed";
            case CANCELLED -> "be cancelled";
            case HELD -> "be held";
            case CONCLUDED -> "conclude again";
            case SCHEDULED -> "be announced again";
        };
    }

    static String describe(Venue venue) {
        return venue == null
                ? "an unknown place"
                : (venue.place() == null ? "" : venue.place() + ", ") + venue.city() + " (" + venue.country() + ")";
    }
}
