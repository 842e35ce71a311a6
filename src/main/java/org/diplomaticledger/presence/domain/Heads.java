package org.diplomaticledger.presence.domain;

import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.diplomaticledger.presence.api.CredentialsStep;
import org.diplomaticledger.presence.api.PresenceIds;
import org.diplomaticledger.presence.api.RecallKind;
import org.diplomaticledger.shared.RuleViolation;

/**
 * Who heads a mission, and what may happen next in each person's tenure: each person's latest tenure, the head who
 * took up functions and has not ended them, and the chargé d'affaires a.i. acting in the head's place. The rules of
 * a tenure (agrément, appointment, credentials, recall, return, end) stand here with the tenures they read; the
 * mission's own ({@link MissionHeads}: it must be open, of a kind that has a head) come first. Immutable:
 * {@link HeadsTimeline} folds the steps in effective order into the heads of each day.
 *
 * <p>A class rather than a record so that a step copies the tenures once, into a map no one changes afterwards: a
 * record's constructor would copy it again, and a fold copies it at every step of a mission's history.
 */
final class Heads {

    static final Heads NONE = new Heads(Collections.emptyMap(), null, null);

    /** Each person's latest tenure; made by one step and never changed afterwards. */
    private final Map<String, Headship> byPerson;
    /** The head in office (who took up functions and has not ended them), or null. */
    private final String current;
    /** The chargé d'affaires a.i. acting in the head's place, or null. */
    private final String chargeDAffaires;

    private Heads(Map<String, Headship> byPerson, String current, String chargeDAffaires) {
        this.byPerson = byPerson;
        this.current = current;
        this.chargeDAffaires = chargeDAffaires;
    }

    /** The head in office, or null. */
    String current() {
        return current;
    }

    /**
     * The person's tenure in progress: a blank one ({@link Headship#NONE}) if none is known or the last one ended,
     * since an ended headship belongs to an earlier tenure.
     */
    Headship currentTenure(String personId) {
        Headship head = byPerson.get(personId);
        return head == null || head.ended() ? Headship.NONE : head;
    }

    /**
     * Whether presenting credentials to the head of state starts the person's functions: it does unless the copy to
     * the foreign ministry started them already (VCDR Art. 13).
     */
    boolean functionsStartWithCredentials(String personId) {
        return currentTenure(personId).copyPresentedOn() == null;
    }

    /** The head in office whom a person taking up functions succeeds, if it is someone else. */
    String predecessorOf(String personId) {
        return current != null && !current.equals(personId) ? current : null;
    }

    // ---------------------------------------------------------------- agrément (VCDR Art. 4)

    /** Agrément is asked once in a tenure. */
    void requireAgrementRequestable(String personId) {
        Headship head = currentTenure(personId);
        if (head.agrement() == Headship.Agrement.REQUESTED) {
            throw new RuleViolation(
                    "agrement-already-requested",
                    "personId",
                    "agrément for " + personId + " was already requested on " + head.agrementSince());
        }
        if (head.agrement() == Headship.Agrement.GRANTED) {
            throw new RuleViolation(
                    "agrement-already-granted",
                    "personId",
                    "agrément for " + personId + " was already granted on " + head.agrementSince());
        }
        if (head.agrement() == Headship.Agrement.REFUSED) {
            throw new RuleViolation(
                    "agrement-already-refused",
                    "personId",
                    "agrément for " + personId + " was refused on " + head.agrementSince());
        }
    }

    /** Agrément is granted or refused once in a tenure; it may be granted without a recorded request. */
    void requireAgrementUndecided(String personId) {
        Headship head = currentTenure(personId);
        if (head.agrement() == Headship.Agrement.GRANTED) {
            throw new RuleViolation(
                    "agrement-already-granted",
                    "personId",
                    "agrément for " + personId + " was already granted on " + head.agrementSince());
        }
        if (head.agrement() == Headship.Agrement.REFUSED) {
            throw new RuleViolation(
                    "agrement-already-refused",
                    "personId",
                    "agrément for " + personId + " was already refused on " + head.agrementSince());
        }
    }

    /** Undecided, and the person not yet appointed: after the appointment it is too late to refuse. */
    void requireAgrementRefusable(String personId) {
        requireAgrementUndecided(personId);
        Headship head = currentTenure(personId);
        if (head.appointed()) {
            throw new RuleViolation(
                    "already-appointed",
                    "personId",
                    personId + " was already appointed on " + head.appointedOn()
                            + "; agrément can no longer be refused");
        }
    }

    // ---------------------------------------------------------------- appointment and credentials (VCDR Arts. 13, 14)

    /**
     * Not against a refused agrément (the latest tenure's, even an ended one), not twice in a tenure, and not after
     * the functions it leads to started: an ended head may be appointed again.
     */
    void requireAppointable(String personId, String missionId) {
        Headship head = byPerson.get(personId);
        if (head != null && head.agrement() == Headship.Agrement.REFUSED) {
            throw new RuleViolation(
                    "agrement-refused",
                    "personId",
                    PresenceIds.receivingOf(missionId) + " refused agrément for " + personId + " on "
                            + head.agrementSince() + " (VCDR Art. 4)");
        }
        if (head != null && head.appointed() && !head.ended()) {
            throw new RuleViolation(
                    "already-appointed", "personId", personId + " was already appointed on " + head.appointedOn());
        }
        // Taken up functions without an appointment on record: one is recorded only for a day before they started.
        if (head != null && head.functionsStarted() && !head.ended()) {
            throw new RuleViolation(
                    "already-in-functions",
                    "personId",
                    personId + " took up functions at " + missionId + " on " + head.functionsSince()
                            + "; an appointment is dated before that day");
        }
    }

    /**
     * Each step of credentials once, in a tenure that did not end and was not refused agrément; a copy only until
     * functions start, since the copy is the step that can start them first.
     */
    void requireCredentialsPresentable(String personId, CredentialsStep step, String missionId) {
        Headship head = byPerson.get(personId);
        if (head != null && head.agrement() == Headship.Agrement.REFUSED) {
            throw new RuleViolation(
                    "agrement-refused",
                    "personId",
                    "agrément for " + personId + " was refused on " + head.agrementSince());
        }
        if (head != null && head.ended()) {
            throw new RuleViolation(
                    "ambassadorship-ended",
                    "personId",
                    personId + "'s functions at " + missionId + " already ended on " + head.endedOn());
        }
        if (step == CredentialsStep.COPY_TO_FOREIGN_MINISTRY && head != null && head.functionsStarted()) {
            throw new RuleViolation(
                    "credentials-already-presented",
                    "step",
                    personId + " already took up functions on " + head.functionsSince());
        }
        if (step != CredentialsStep.COPY_TO_FOREIGN_MINISTRY && head != null && head.credentialsPresentedOn() != null) {
            throw new RuleViolation(
                    "credentials-already-presented",
                    "step",
                    personId + " already presented credentials to the head of state on "
                            + head.credentialsPresentedOn());
        }
    }

    // ---------------------------------------------------------------- recall, return, end of functions (VCDR Art. 43)

    void requireRecallable(String personId, String missionId) {
        Headship head = inOffice(personId, missionId);
        if (head.recall() != null) {
            throw new RuleViolation(
                    "already-recalled",
                    "personId",
                    personId + " was already recalled "
                            + head.recall().name().toLowerCase().replace('_', ' ') + " on " + head.recalledOn());
        }
    }

    /** Back from a recall for consultations; one recalled for good comes back only with a new appointment. */
    void requireReturnable(String personId, String missionId) {
        Headship head = inOffice(personId, missionId);
        if (head.recall() == null) {
            throw new RuleViolation("not-recalled", "personId", personId + " is not recalled");
        }
        if (head.recall() == RecallKind.FOR_GOOD) {
            throw new RuleViolation(
                    "recalled-for-good",
                    "personId",
                    personId + " was recalled for good on " + head.recalledOn() + "; a return needs a new appointment");
        }
    }

    /** The functions of someone appointed or in functions, once. */
    void requireEndable(String personId, String missionId) {
        Headship head = byPerson.get(personId);
        if (head == null || !(head.appointed() || head.functionsStarted())) {
            throw new RuleViolation("not-appointed", "personId", personId + " is not recorded as head of " + missionId);
        }
        if (head.ended()) {
            throw new RuleViolation(
                    "ambassadorship-already-ended",
                    "personId",
                    personId + "'s functions already ended on " + head.endedOn());
        }
    }

    /**
     * A chargé d'affaires ad interim acts only while the post is vacant or its head is recalled (VCDR Art. 19), and
     * is appointed once.
     */
    void requireChargeDAffairesAppointable(String personId, String missionId) {
        if (current != null && byPerson.get(current).recall() == null) {
            throw new RuleViolation(
                    "head-of-mission-present",
                    "missionId",
                    current + " heads "
                            + missionId + " since " + byPerson.get(current).functionsSince()
                            + "; a chargé d'affaires ad "
                            + "interim acts only while the post is vacant or the head cannot act (VCDR Art. 19)");
        }
        if (personId.equals(chargeDAffaires)) {
            throw new RuleViolation(
                    "already-charge-d-affaires", "personId", personId + " is already chargé d'affaires a.i.");
        }
    }

    /** Appointed or in functions, and not ended. */
    private Headship inOffice(String personId, String missionId) {
        Headship head = byPerson.get(personId);
        if (head == null || head.ended() || !(head.appointed() || head.functionsStarted())) {
            throw new RuleViolation(
                    "not-in-office",
                    "personId",
                    personId + " does not head " + missionId
                            + (head != null && head.ended() ? ": functions ended on " + head.endedOn() : ""));
        }
        return head;
    }

    // ---------------------------------------------------------------- the tenures as each event leaves them

    /** The person's headship as the change makes it, from a blank one if none is known. */
    Heads update(String personId, UnaryOperator<Headship> change) {
        return new Heads(
                changed(personId, change.apply(byPerson.getOrDefault(personId, Headship.NONE))),
                current,
                chargeDAffaires);
    }

    /** The person's current tenure as the change makes it; a fresh one, keeping only the name, if the last one ended. */
    Heads newTenure(String personId, String name, UnaryOperator<Headship> change) {
        Headship known = byPerson.get(personId);
        Headship start = known == null ? Headship.NONE : known.ended() ? Headship.NONE.named(known.name()) : known;
        return new Heads(changed(personId, change.apply(start.named(name))), current, chargeDAffaires);
    }

    /** The person takes up functions; a predecessor's functions end that day, and no chargé d'affaires acts any more. */
    Heads takenUpBy(String personId, String predecessor, LocalDate on) {
        return new Heads(
                predecessor == null
                        ? byPerson
                        : changed(predecessor, byPerson.get(predecessor).endedOn(on)),
                personId,
                null);
    }

    /** The person's functions ended: the post is vacant if they were the head in office. */
    Heads endedFor(String personId, LocalDate on) {
        Headship head = byPerson.getOrDefault(personId, Headship.NONE).endedOn(on);
        return new Heads(changed(personId, head), personId.equals(current) ? null : current, chargeDAffaires);
    }

    /** The recalled head is back: no chargé d'affaires acts any more. */
    Heads returned(String personId) {
        return update(personId, head -> head.recalled(null, null)).withChargeDAffaires(null);
    }

    Heads withChargeDAffaires(String personId) {
        return new Heads(byPerson, current, personId);
    }

    /** The tenures with one person's changed: the one copy a step makes. */
    private Map<String, Headship> changed(String personId, Headship head) {
        Map<String, Headship> changed = new HashMap<>(byPerson);
        changed.put(personId, head);
        return changed;
    }
}
