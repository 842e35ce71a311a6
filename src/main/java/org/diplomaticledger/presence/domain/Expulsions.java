package org.diplomaticledger.presence.domain;

import org.diplomaticledger.presence.api.DiplomatExpelled;
import org.diplomaticledger.presence.api.ExpelledPerson;
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

    boolean isRecorded(String expulsionId) {
        return byId.containsKey(expulsionId);
    }

    Expulsion get(String expulsionId) {
        return byId.get(expulsionId);
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

    boolean isPersonaNonGrata(String personId) {
        return personaNonGrata.contains(personId);
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
