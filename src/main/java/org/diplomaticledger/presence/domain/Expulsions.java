package org.diplomaticledger.presence.domain;

import org.diplomaticledger.presence.api.DiplomatExpelled;
import org.diplomaticledger.presence.api.ExpelledPerson;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.RuleViolation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expulsions of a presence's staff by id, and the persons they declared persona non grata (VCDR Art. 9), who
 * cannot be accredited there again. Immutable: each expulsion and each departure under one replaces it.
 */
record Expulsions(Map<String, Expulsion> byId, List<String> personaNonGrata) {

    static final Expulsions NONE = new Expulsions(Map.of(), List.of());

    Expulsions {
        byId = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
        personaNonGrata = List.copyOf(personaNonGrata);
    }

    /**
     * An expulsion is recorded once. One it answers is of the opposite direction, the staff of the other presence of
     * the two states, so it cannot be recorded here.
     */
    void requireNew(String expulsionId, String answersExpulsionId, String presenceId) {
        if (byId.containsKey(expulsionId)) {
            throw new RuleViolation("expulsion-already-recorded", "expulsionId",
                    "expulsion " + expulsionId + " is already recorded");
        }
        if (answersExpulsionId != null && byId.containsKey(answersExpulsionId)) {
            throw new RuleViolation("answer-in-same-direction", "answersExpulsionId", "expulsion "
                    + answersExpulsionId + " was also of " + presenceId + " staff; a reciprocal expulsion answers one "
                    + "in the opposite direction");
        }
    }

    /** The expulsion a command names, which must be recorded. */
    Expulsion recorded(String expulsionId, String presenceId) {
        Expulsion expulsion = byId.get(expulsionId);
        if (expulsion == null) {
            throw new RuleViolation("unknown-expulsion", "expulsionId",
                    "no expulsion " + expulsionId + " of " + presenceId + " staff is recorded");
        }
        return expulsion;
    }

    /** A person declared persona non grata is not accredited in the receiving state again (VCDR Art. 9). */
    void requireNotPersonaNonGrata(String personId, CountryCode receivingState) {
        if (personaNonGrata.contains(personId)) {
            throw new RuleViolation("persona-non-grata", "personId", personId + " was declared persona non grata by "
                    + receivingState + " and cannot be accredited there again (VCDR Art. 9)");
        }
    }

    /**
     * The expulsion a named person leaves under: the one the departure names ({@code named}, if any), which must be
     * the one that expelled them ({@code expelledBy}); else the one that expelled them, if any.
     */
    Expulsion leftUnder(Expulsion named, String personId, String expelledBy) {
        if (named == null) {
            return expelledBy == null ? null : byId.get(expelledBy);
        }
        if (!named.expulsionId().equals(expelledBy)) {
            throw new RuleViolation("not-expelled-by", "expulsionId",
                    personId + " was not expelled by " + named.expulsionId());
        }
        return named;
    }

    Expulsions expelled(DiplomatExpelled event) {
        List<String> named = new ArrayList<>();
        List<String> nonGrata = new ArrayList<>(personaNonGrata);
        for (ExpelledPerson person : event.persons()) {
            named.add(person.personId());
            if (!nonGrata.contains(person.personId())) {
                nonGrata.add(person.personId());
            }
        }
        return with(new Expulsion(event.expulsionId(), event.effectiveDate(), event.departureDeadline(), named,
                event.count() == null ? 0 : event.count()), nonGrata);
    }

    Expulsions departed(String expulsionId, String personId) {
        return with(byId.get(expulsionId).departed(personId), personaNonGrata);
    }

    Expulsions departed(String expulsionId, int count) {
        return with(byId.get(expulsionId).departed(count), personaNonGrata);
    }

    private Expulsions with(Expulsion expulsion, List<String> nonGrata) {
        Map<String, Expulsion> changed = new LinkedHashMap<>(byId);
        changed.put(expulsion.expulsionId(), expulsion);
        return new Expulsions(changed, nonGrata);
    }
}
