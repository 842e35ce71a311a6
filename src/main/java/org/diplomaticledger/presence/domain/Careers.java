package org.diplomaticledger.presence.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.diplomaticledger.presence.api.StaffCategory;
import org.diplomaticledger.shared.EffectiveTimeline;
import org.diplomaticledger.shared.EffectiveTimeline.Placed;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.shared.WholeBatch;

/**
 * Each named person's accreditations, departures and expulsions at a presence, in effective time
 * ({@link EffectiveTimeline}): a person is on the staff of one mission from an accreditation until a departure, and
 * may be expelled once while there. A new fact is judged on the person as they stood on its day, whatever was
 * recorded first (a departure in 1995 of someone recorded as accredited in 2000 is refused: they were not on the staff
 * then), and refused if a fact recorded for a later day would then break a rule (a departure back-filled before a
 * recorded expulsion of the same stint). Someone expelled is persona non grata from the expulsion's day on (VCDR
 * Art. 9): an accreditation back-filled before it stands, one after it does not. The rules that count heads read the
 * presence's {@link StaffTimeline}.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
final class Careers {

    /** What a fact does to the person. */
    enum Move {
        ACCREDITED,
        DEPARTED,
        EXPELLED
    }

    /**
     * What the rules read of a fact: the mission (the one accredited at or left; for an expulsion, the one it names,
     * or null), and for an accreditation the name and category, for an expulsion its id.
     */
    record PersonFact(Move move, String missionId, String name, StaffCategory category, String expulsionId) {}

    /** Each person's facts, by personId. */
    private Map<String, EffectiveTimeline<PersonFact>> byPerson = new LinkedHashMap<>();

    /** The person as they stood on a day, after every fact recorded for it: null if not accredited by then. */
    StaffBook.Person on(String personId, LocalDate day) {
        EffectiveTimeline<PersonFact> career = byPerson.get(personId);
        return career == null ? null : career.on(day, rules(personId));
    }

    /**
     * Judges a new fact of a person where it falls: refused at once by its own rule; a contradiction of a later
     * recorded fact refuses it too, or waits for the end of an open batch ({@link WholeBatch}).
     */
    void requireFits(String personId, String type, LocalDate on, PersonFact fact, String presenceId) {
        settle(judge(personId, type, on, fact), personId, presenceId);
    }

    /** A new fact's own rule, thrown; answers the contradiction it would cause, or null (see {@link #settle}). */
    RuleViolation judge(String personId, String type, LocalDate on, PersonFact fact) {
        return career(personId)
                .judge(Placed.candidate(type, on, fact), rules(personId), type + " of " + personId + " on " + on);
    }

    /** Refuses a contradiction {@link #judge} found, or leaves it to the end of an open batch. */
    void settle(RuleViolation contradiction, String personId, String presenceId) {
        if (contradiction != null
                && !WholeBatch.defer(
                        key(presenceId, personId),
                        career(personId).broken(rules(personId)),
                        baseline -> contradictionSince(personId, baseline))) {
            throw contradiction;
        }
    }

    /**
     * The expulsion of the stint the person was in on a day, even one recorded for a later day of that stint (so that
     * a departure dated before it is refused as such); null if none, or if they were not on the staff that day.
     */
    String expulsionOfStintOn(String personId, LocalDate day) {
        EffectiveTimeline.Rules<StaffBook.Person, PersonFact> rules = rules(personId);
        StaffBook.Person state = null;
        for (Placed<PersonFact> fact : career(personId).facts()) {
            if (fact.on().isAfter(day) && fact.fact().move() != Move.EXPELLED) {
                break; // the stint of that day ends with a later departure or accreditation
            }
            state = rules.after(state, fact);
        }
        return state == null || state.departed() ? null : state.expulsionId();
    }

    private EffectiveTimeline<PersonFact> career(String personId) {
        return byPerson.getOrDefault(personId, EffectiveTimeline.empty());
    }

    /** Records a fact of a person; answers the person as they stand after their last fact. */
    StaffBook.Person record(
            String personId,
            String eventId,
            Object event,
            LocalDate on,
            long sequence,
            PersonFact fact,
            String presenceId) {
        EffectiveTimeline<PersonFact> career = byPerson.getOrDefault(personId, EffectiveTimeline.empty())
                .with(new Placed<>(eventId, event.getClass().getSimpleName(), on, sequence, fact));
        byPerson.put(personId, career);
        WholeBatch.refresh(key(presenceId, personId), baseline -> contradictionSince(personId, baseline));
        return career.last(rules(personId));
    }

    /** A correction moving one of a person's facts (or a retraction: null), judged like a new fact; null if none's. */
    RuleViolation revised(String eventId, LocalDate movedTo) {
        for (Map.Entry<String, EffectiveTimeline<PersonFact>> career : byPerson.entrySet()) {
            RuleViolation wrong =
                    career.getValue().revised(eventId, movedTo, rules(career.getKey()), "corrections.effectiveDate");
            if (wrong != null) {
                return wrong;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private RuleViolation contradictionSince(String personId, Object baseline) {
        return byPerson.get(personId)
                .newlyBroken((Set<String>) baseline, rules(personId), "Taken as a whole, the batch of " + personId);
    }

    private static String key(String presenceId, String personId) {
        return presenceId + "/person/" + personId;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Careers that && byPerson.equals(that.byPerson);
    }

    @Override
    public int hashCode() {
        return byPerson.hashCode();
    }

    /** The rules of a person's career, naming them in their refusals; the field is {@code personId}. */
    static EffectiveTimeline.Rules<StaffBook.Person, PersonFact> rules(String personId) {
        return new CareerRules(personId);
    }

    /** Equal for the same personId, so that the timeline keeps its last record between commands. */
    private record CareerRules(String personId) implements EffectiveTimeline.Rules<StaffBook.Person, PersonFact> {
        @Override
        public StaffBook.Person initial() {
            return null;
        }

        @Override
        public RuleViolation refusal(StaffBook.Person before, Placed<PersonFact> placed) {
            PersonFact fact = placed.fact();
            LocalDate on = placed.on();
            boolean onStaff = before != null && !before.departed();
            return switch (fact.move()) {
                case ACCREDITED ->
                    onStaff
                            ? new RuleViolation(
                                    "already-accredited",
                                    "personId",
                                    personId + " is already accredited at " + before.missionId() + " on " + on)
                            : before != null && before.expulsionId() != null
                                    ? new RuleViolation(
                                            "persona-non-grata",
                                            "personId",
                                            personId + " was declared persona non grata by expulsion "
                                                    + before.expulsionId() + " before " + on
                                                    + " and cannot be accredited there again (VCDR Art. 9)")
                                    : null;
                case DEPARTED ->
                    before == null || !before.missionId().equals(fact.missionId())
                            ? new RuleViolation(
                                    "not-accredited",
                                    "personId",
                                    personId + " is not accredited at " + fact.missionId() + " on " + on)
                            : before.departed()
                                    ? new RuleViolation(
                                            "already-departed", "personId", personId + " has already departed by " + on)
                                    : null;
                case EXPELLED ->
                    !onStaff
                            ? new RuleViolation(
                                    "not-accredited",
                                    "personId",
                                    personId + " is not on the staff on " + on
                                            + (before == null ? "" : ": departed already"))
                            : fact.missionId() != null && !fact.missionId().equals(before.missionId())
                                    ? new RuleViolation(
                                            "not-at-mission",
                                            "personId",
                                            personId + " is accredited at " + before.missionId() + ", not at "
                                                    + fact.missionId() + ", on " + on)
                                    : before.expulsionId() != null
                                            ? new RuleViolation(
                                                    "already-expelled",
                                                    "personId",
                                                    personId + " was already expelled by " + before.expulsionId()
                                                            + " on " + on)
                                            : null;
            };
        }

        @Override
        public StaffBook.Person after(StaffBook.Person before, Placed<PersonFact> placed) {
            PersonFact fact = placed.fact();
            return switch (fact.move()) {
                case ACCREDITED -> new StaffBook.Person(fact.missionId(), fact.name(), fact.category(), false, null);
                case DEPARTED -> before == null ? null : before.departedNow();
                case EXPELLED -> before == null ? null : before.expelledBy(fact.expulsionId());
            };
        }
    }
}
