package org.diplomaticledger.presence.domain;

import java.time.LocalDate;
import java.util.Set;
import java.util.function.Function;
import org.diplomaticledger.presence.api.CredentialsStep;
import org.diplomaticledger.presence.api.RecallKind;
import org.diplomaticledger.shared.EffectiveTimeline;
import org.diplomaticledger.shared.EffectiveTimeline.Placed;
import org.diplomaticledger.shared.RuleViolation;

/**
 * The heads of a mission in effective time ({@link EffectiveTimeline}): every step of every tenure (agrément,
 * appointment, credentials, recall, return, end) and every chargé d'affaires a.i., by effective date. A step is judged
 * against the {@link Heads} as they stood on its own day, whatever was recorded first (an appointment in 1995 of
 * someone whose appointment of 2000 is recorded is refused: the later one would find them appointed already), and
 * who took up functions after whom is derived from the timeline, not from what a step's event said when it was
 * recorded: a head back-filled before a recorded one becomes that head's predecessor.
 */
record HeadsTimeline(EffectiveTimeline<HeadFact> facts) {

    static final HeadsTimeline NONE = new HeadsTimeline(EffectiveTimeline.empty());

    /** What a fact does to the mission's heads. */
    enum Step {
        AGREMENT_REQUESTED,
        AGREMENT_GRANTED,
        AGREMENT_REFUSED,
        APPOINTED,
        COPY_PRESENTED,
        CREDENTIALS_PRESENTED,
        RECALLED,
        RETURNED,
        ENDED,
        CHARGE_D_AFFAIRES_APPOINTED
    }

    /** What the rules read of a fact: whose step it is, the name it gives (or null), and a recall's kind. */
    record HeadFact(Step step, String personId, String name, RecallKind recall) {
        static HeadFact of(Step step, String personId, String name) {
            return new HeadFact(step, personId, name, null);
        }
    }

    /** A recorded step. */
    HeadsTimeline with(String eventId, Object event, LocalDate on, long sequence, HeadFact fact) {
        return new HeadsTimeline(
                facts.with(new Placed<>(eventId, event.getClass().getSimpleName(), on, sequence, fact)));
    }

    /** The heads on a day, after every step recorded for that day. */
    Heads on(LocalDate day, String missionId) {
        return facts.on(day, rules(missionId));
    }

    /**
     * A new step judged where it falls: refused by its own rule at once; a contradiction of a step recorded for a
     * later day refuses it too, or waits for the end of an open batch, where {@code atTheEnd} judges the heads as they
     * then stand.
     */
    void requireFits(
            String type, LocalDate on, HeadFact fact, String missionId, Function<Object, RuleViolation> atTheEnd) {
        facts.requireFits(
                Placed.candidate(type, on, fact),
                rules(missionId),
                type + " of " + fact.personId() + " at " + missionId + " on " + on,
                key(missionId),
                atTheEnd);
    }

    /** The first step that breaks a rule now and did not in {@code baseline}, for a batch judged as a whole. */
    RuleViolation newlyBroken(Set<String> baseline, String missionId) {
        return facts.newlyBroken(
                baseline, rules(missionId), "Taken as a whole, the batch of " + missionId + "'s heads");
    }

    /** A correction moving one of the steps (or a retraction: null), judged like a new step. */
    RuleViolation revised(String eventId, LocalDate movedTo, String missionId) {
        return facts.revised(eventId, movedTo, rules(missionId), "corrections.effectiveDate");
    }

    /** The key of the mission's heads in a batch judged as a whole (its life has the mission id). */
    static String key(String missionId) {
        return missionId + "#heads";
    }

    /** The rules of a tenure ({@link Heads}), naming the mission in their refusals. */
    static EffectiveTimeline.Rules<Heads, HeadFact> rules(String missionId) {
        return new HeadRules(missionId);
    }

    /** Equal for the same missionId, so that the timeline keeps its last record between commands. */
    private record HeadRules(String missionId) implements EffectiveTimeline.Rules<Heads, HeadFact> {
        @Override
        public Heads initial() {
            return Heads.NONE;
        }

        @Override
        public RuleViolation refusal(Heads before, Placed<HeadFact> placed) {
            HeadFact fact = placed.fact();
            String person = fact.personId();
            try {
                switch (fact.step()) {
                    case AGREMENT_REQUESTED -> before.requireAgrementRequestable(person);
                    case AGREMENT_GRANTED -> before.requireAgrementUndecided(person);
                    case AGREMENT_REFUSED -> before.requireAgrementRefusable(person);
                    case APPOINTED -> before.requireAppointable(person, missionId);
                    case COPY_PRESENTED ->
                        before.requireCredentialsPresentable(
                                person, CredentialsStep.COPY_TO_FOREIGN_MINISTRY, missionId);
                    case CREDENTIALS_PRESENTED ->
                        before.requireCredentialsPresentable(
                                person, CredentialsStep.PRESENTATION_TO_HEAD_OF_STATE, missionId);
                    case RECALLED -> before.requireRecallable(person, missionId);
                    case RETURNED -> before.requireReturnable(person, missionId);
                    case ENDED -> before.requireEndable(person, missionId);
                    case CHARGE_D_AFFAIRES_APPOINTED -> before.requireChargeDAffairesAppointable(person, missionId);
                }
                return null;
            } catch (RuleViolation refused) {
                return refused;
            }
        }

        @Override
        public Heads after(Heads before, Placed<HeadFact> placed) {
            HeadFact fact = placed.fact();
            String person = fact.personId();
            LocalDate on = placed.on();
            return switch (fact.step()) {
                case AGREMENT_REQUESTED ->
                    before.newTenure(person, fact.name(), head -> head.withAgrement(Headship.Agrement.REQUESTED, on));
                case AGREMENT_GRANTED ->
                    before.newTenure(person, fact.name(), head -> head.withAgrement(Headship.Agrement.GRANTED, on));
                case AGREMENT_REFUSED ->
                    before.newTenure(person, fact.name(), head -> head.withAgrement(Headship.Agrement.REFUSED, on));
                case APPOINTED -> before.newTenure(person, fact.name(), head -> head.appointedOn(on));
                case COPY_PRESENTED ->
                    before.update(person, head -> head.named(fact.name()).copyPresentedOn(on))
                            .takenUpBy(person, before.predecessorOf(person), on);
                case CREDENTIALS_PRESENTED -> {
                    Heads presented = before.update(
                            person, head -> head.named(fact.name()).credentialsPresentedOn(on));
                    yield before.functionsStartWithCredentials(person)
                            ? presented.takenUpBy(person, before.predecessorOf(person), on)
                            : presented;
                }
                case RECALLED -> before.update(person, head -> head.recalled(fact.recall(), on));
                case RETURNED -> before.returned(person);
                case ENDED -> before.endedFor(person, on);
                case CHARGE_D_AFFAIRES_APPOINTED -> before.withChargeDAffaires(person);
            };
        }
    }
}
