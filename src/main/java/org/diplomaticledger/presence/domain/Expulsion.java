package org.diplomaticledger.presence.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.diplomaticledger.shared.RuleViolation;

/**
 * An expulsion of a presence's staff and who is still due to leave under it: named persons, and a number of counted
 * staff. Immutable: each departure replaces it.
 */
record Expulsion(
        String expulsionId, LocalDate effectiveDate, LocalDate deadline, List<String> namedDue, int countedDue) {

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

    /** Counted staff leave under the expulsion only as many as it still has due to leave. */
    void requireCountedDue(int count) {
        if (count > countedDue) {
            throw new RuleViolation(
                    "more-than-expelled",
                    "count",
                    count + " departures under expulsion " + expulsionId + ", but only " + countedDue
                            + " counted staff are still due to leave");
        }
    }

    /**
     * A departure under an expulsion cannot take effect before the expulsion did: read in effective order (as time
     * travel reads the ledger) it would leave before it was told to, and be counted under no expulsion.
     */
    static void requireInEffectOn(Expulsion expulsion, LocalDate departure) {
        if (expulsion != null && expulsion.effectiveDate != null && departure.isBefore(expulsion.effectiveDate)) {
            throw new RuleViolation(
                    "departure-before-expulsion",
                    "effectiveDate",
                    "a departure under expulsion "
                            + expulsion.expulsionId + " cannot take effect on " + departure
                            + ", before the expulsion took effect on "
                            + expulsion.effectiveDate
                            + "; record a departure before it without the expulsion, or correct a date");
        }
    }
}
