package org.diplomaticledger.presence.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An expulsion of a presence's staff and who is still due to leave under it: named persons, and a number of counted
 * staff. Immutable: each departure replaces it.
 */
record Expulsion(String expulsionId, LocalDate effectiveDate, LocalDate deadline, List<String> namedDue,
                 int countedDue) {

    Expulsion {
        namedDue = List.copyOf(namedDue);
    }

    boolean isOverdueOn(LocalDate date) {
        return date.isAfter(deadline);
    }

    Expulsion departed(String personId) {
        List<String> stillDue = new ArrayList<>(namedDue);
        stillDue.remove(personId);
        return new Expulsion(expulsionId, effectiveDate, deadline, stillDue, countedDue);
    }

    Expulsion departed(int count) {
        return new Expulsion(expulsionId, effectiveDate, deadline, namedDue, Math.max(0, countedDue - count));
    }
}
