package org.diplomaticledger.presence.domain;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Who heads a mission: each person's latest tenure, the head who took up functions and has not ended them, and the
 * chargé d'affaires a.i. acting in the head's place. Immutable: each event of a mission's heads replaces it.
 */
record Heads(Map<String, Headship> byPerson, String current, String chargeDAffaires) {

    static final Heads NONE = new Heads(Map.of(), null, null);

    Heads {
        byPerson = Collections.unmodifiableMap(new LinkedHashMap<>(byPerson));
    }

    Headship of(String personId) {
        return byPerson.get(personId);
    }

    /** The person's headship, unless it ended: an ended one belongs to an earlier tenure. */
    Headship currentTenure(String personId) {
        Headship head = byPerson.get(personId);
        return head == null || head.ended() ? null : head;
    }

    /** The person's headship as the change makes it, from a blank one if none is known. */
    Heads update(String personId, UnaryOperator<Headship> change) {
        Map<String, Headship> changed = new LinkedHashMap<>(byPerson);
        changed.put(personId, change.apply(byPerson.getOrDefault(personId, Headship.NONE)));
        return new Heads(changed, current, chargeDAffaires);
    }

    /** The person's current tenure as the change makes it; a fresh one, keeping only the name, if the last one ended. */
    Heads newTenure(String personId, String name, UnaryOperator<Headship> change) {
        Headship known = byPerson.get(personId);
        Headship start = known == null ? Headship.NONE : known.ended() ? Headship.NONE.named(known.name()) : known;
        Map<String, Headship> changed = new LinkedHashMap<>(byPerson);
        changed.put(personId, change.apply(start.named(name)));
        return new Heads(changed, current, chargeDAffaires);
    }

    /** The person takes up functions; a predecessor's functions end that day, and no chargé d'affaires acts any more. */
    Heads takenUpBy(String personId, String predecessor, LocalDate on) {
        Map<String, Headship> changed = new LinkedHashMap<>(byPerson);
        if (predecessor != null) {
            changed.put(predecessor, byPerson.get(predecessor).endedOn(on));
        }
        return new Heads(changed, personId, null);
    }

    /** The person's functions ended: the post is vacant if they were the head in office. */
    Heads endedFor(String personId, LocalDate on) {
        Heads ended = update(personId, head -> head.endedOn(on));
        return new Heads(ended.byPerson, personId.equals(current) ? null : current, chargeDAffaires);
    }

    /** The recalled head is back: no chargé d'affaires acts any more. */
    Heads returned(String personId) {
        return update(personId, head -> head.recalled(null, null)).withChargeDAffaires(null);
    }

    Heads withChargeDAffaires(String personId) {
        return new Heads(byPerson, current, personId);
    }
}
