package org.diplomaticledger.presence.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.presence.api.DiplomatExpelled;
import org.diplomaticledger.presence.api.ExpelledPerson;
import org.diplomaticledger.shared.RuleViolation;

/**
 * The expulsions of a presence's staff by id, with whom each named and who left under it. Whom they declared persona
 * non grata (VCDR Art. 9) the persons' careers keep, in effective time ({@link Careers}). Immutable: each expulsion and each departure under one replaces it.
 */
record Expulsions(Map<String, Expulsion> byId) {

    static final Expulsions NONE = new Expulsions(Map.of());

    Expulsions {
        byId = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
    }

    /**
     * An expulsion is recorded once. One it answers is of the opposite direction, the staff of the other presence of
     * the two states, so it cannot be recorded here.
     */
    void requireNew(String expulsionId, String answersExpulsionId, String presenceId) {
        if (byId.containsKey(expulsionId)) {
            throw new RuleViolation(
                    "expulsion-already-recorded", "expulsionId", "expulsion " + expulsionId + " is already recorded");
        }
        if (answersExpulsionId != null && byId.containsKey(answersExpulsionId)) {
            throw new RuleViolation(
                    "answer-in-same-direction",
                    "answersExpulsionId",
                    "expulsion "
                            + answersExpulsionId + " was also of " + presenceId
                            + " staff; a reciprocal expulsion answers one "
                            + "in the opposite direction");
        }
    }

    /** The expulsion a command names, which must be recorded. */
    Expulsion recorded(String expulsionId, String presenceId) {
        Expulsion expulsion = byId.get(expulsionId);
        if (expulsion == null) {
            throw new RuleViolation(
                    "unknown-expulsion",
                    "expulsionId",
                    "no expulsion " + expulsionId + " of " + presenceId + " staff is recorded");
        }
        return expulsion;
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
            throw new RuleViolation(
                    "not-expelled-by", "expulsionId", personId + " was not expelled by " + named.expulsionId());
        }
        return named;
    }

    Expulsions expelled(DiplomatExpelled event) {
        List<String> named = new ArrayList<>();
        for (ExpelledPerson person : event.persons()) {
            named.add(person.personId());
        }
        return with(new Expulsion(
                event.expulsionId(),
                event.effectiveDate(),
                event.departureDeadline(),
                named,
                event.count() == null ? 0 : event.count()));
    }

    Expulsions departed(String expulsionId, String personId) {
        return with(byId.get(expulsionId).departed(personId));
    }

    Expulsions departed(String expulsionId, int count) {
        return with(byId.get(expulsionId).departed(count));
    }

    private Expulsions with(Expulsion expulsion) {
        Map<String, Expulsion> changed = new LinkedHashMap<>(byId);
        changed.put(expulsion.expulsionId(), expulsion);
        return new Expulsions(changed);
    }
}
