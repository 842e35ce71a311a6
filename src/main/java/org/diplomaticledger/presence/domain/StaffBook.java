package org.diplomaticledger.presence.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.diplomaticledger.presence.api.ExpelledPerson;
import org.diplomaticledger.presence.api.StaffCategory;
import org.diplomaticledger.shared.RuleViolation;

/**
 * Who is on a presence's staff, in effective time: each named person's career ({@link Careers}), and the headcount
 * and ceilings of the presence ({@link StaffTimeline}), which named and counted staff (a mission, or the presence as a
 * whole when a source gave only a total; a category, or UNSPECIFIED) fill.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class StaffBook {

    /** A named person on the staff; replaced, not changed, when the person departs or is expelled. */
    record Person(String missionId, String name, StaffCategory category, boolean departed, String expulsionId) {

        Person departedNow() {
            return new Person(missionId, name, category, true, expulsionId);
        }

        Person expelledBy(String expulsion) {
            return new Person(missionId, name, category, departed, expulsion);
        }
    }

    /** Each person's facts in effective time, which the rules on named persons judge by ({@link Careers}). */
    Careers careers = new Careers();
    /** The facts that change the headcount or the ceilings in force, which the ceilings' rules judge by. */
    StaffTimeline timeline = new StaffTimeline();

    /**
     * A recorded fact of a named person ({@code eventId}, {@code sequence}: the event's) placed in their career, and
     * an accreditation or a departure in the presence's headcount.
     */
    void record(
            String personId,
            Careers.PersonFact fact,
            Object event,
            String eventId,
            long sequence,
            LocalDate on,
            String presenceId) {
        careers.record(personId, eventId, event, on, sequence, fact, presenceId);
        if (fact.move() != Careers.Move.EXPELLED) {
            timeline.record(StaffTimeline.factOf(event, eventId, sequence), presenceId);
        }
    }

    /** A person is accredited at one mission at a time: not on the staff on the day, nor made so for a later fact. */
    void requireAccreditable(
            String personId, String missionId, String name, StaffCategory category, LocalDate on, String presenceId) {
        careers.requireFits(
                personId,
                "DiplomatAccredited",
                on,
                new Careers.PersonFact(Careers.Move.ACCREDITED, missionId, name, category, null),
                presenceId);
    }

    /**
     * A person leaving a mission on a day: who they were then, the expulsion of that stint (if any, whatever its
     * day), and the contradiction of a later recorded fact the departure would cause, left to settle
     * ({@link Careers#settle}) once the expulsion's own rules were checked.
     */
    record Departing(Person person, String stintExpulsion, RuleViolation contradiction) {}

    /** The person who leaves a mission on a day: on its staff then, and not departed already (thrown). */
    Departing departing(String personId, String missionId, LocalDate on) {
        RuleViolation contradiction = careers.judge(
                personId,
                "DiplomatDeparted",
                on,
                new Careers.PersonFact(Careers.Move.DEPARTED, missionId, null, null, null));
        return new Departing(careers.on(personId, on), careers.expulsionOfStintOn(personId, on), contradiction);
    }

    /** The persons an expulsion names on its day, as it records them, each {@link #expellable expellable}. */
    List<ExpelledPerson> expellable(
            List<String> personIds, String missionId, String expulsionId, LocalDate on, String presenceId) {
        List<ExpelledPerson> expelled = new ArrayList<>();
        for (int i = 0; i < personIds.size(); i++) {
            expelled.add(expellable(personIds, i, missionId, expulsionId, on, presenceId));
        }
        return expelled;
    }

    /**
     * The i-th person an expulsion names, as the expulsion records them: on the staff on its day (at its mission, if it
     * names one), not expelled already in that stint, and named once. The field of a refusal is {@code personIds[i]}.
     */
    private ExpelledPerson expellable(
            List<String> personIds, int i, String missionId, String expulsionId, LocalDate on, String presenceId) {
        String personId = personIds.get(i);
        try {
            careers.requireFits(
                    personId,
                    "DiplomatExpelled",
                    on,
                    new Careers.PersonFact(Careers.Move.EXPELLED, missionId, null, null, expulsionId),
                    presenceId);
        } catch (RuleViolation refused) {
            if ("contradicts-recorded-fact".equals(refused.rule())) {
                throw refused; // the expulsion's day is what a fact recorded for a later day contradicts
            }
            throw new RuleViolation(
                    refused.rule(),
                    "personIds[" + i + "]",
                    refused.getMessage() + ("not-accredited".equals(refused.rule()) ? " (" + presenceId + ")" : ""),
                    refused.details());
        }
        if (personIds.indexOf(personId) != i) {
            throw new RuleViolation("named-twice", "personIds[" + i + "]", personId + " is named twice");
        }
        Person person = careers.on(personId, on);
        return new ExpelledPerson(personId, person.name(), person.missionId(), person.category());
    }
}
