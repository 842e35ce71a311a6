package org.diplomaticledger.projection;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.states.api.StateAsThen;
import org.diplomaticledger.states.api.StateLineage;

/**
 * A state a list names over a span of days, with the states it continued (docs/states.md#succession): each day is
 * answered by one code, the predecessor's before the day of its continuation and the state's own from then on. A list
 * of {@code RU}'s expulsions over 1985–2000 holds those recorded under {@code SU} dated before 1991-12-25 and those
 * recorded under {@code RU} dated from then on. A chain is followed ({@code RS} → {@code CSXX} → {@code YU}), each
 * code for its own days.
 *
 * <p>A state that continued none (or no state named) is the plain condition, {@code column = ?}.
 */
public final class ContinuedStates {

    /** A day's placeholder, typed for PostgreSQL as {@link TimePoint}'s are; bind a {@link Date}. */
    private static final String DAY = "CAST(? AS DATE)";

    private static final ContinuedStates NONE = new ContinuedStates(null, List.of());

    private final CountryCode asked;
    private final List<StateAsThen> chain;

    private ContinuedStates(CountryCode asked, List<StateAsThen> chain) {
        this.asked = asked;
        this.chain = chain;
    }

    /** {@code asked} with the states it continues as the register knew them at the view's point; none for null. */
    public static ContinuedStates of(StateLineage lineage, ReadView view, CountryCode asked) {
        return asked == null
                ? NONE
                : new ContinuedStates(
                        asked, lineage.continued(asked, view.point().knownAt()));
    }

    /** {@code asked} as recorded, across no continuation ({@link #on} is then {@code column = ?}); none for null. */
    public static ContinuedStates asRecorded(CountryCode asked) {
        return asked == null ? NONE : new ContinuedStates(asked, List.of());
    }

    /** Whether the state named continued another: its list then holds the other's rows too. */
    public boolean continues() {
        return !chain.isEmpty();
    }

    /** The predecessor that answers for the state named on {@code day}, or empty for the state itself (or none). */
    public Optional<StateAsThen> asThen(LocalDate day) {
        return StateLineage.asThen(chain, day);
    }

    /**
     * {@code column} names the code that answers on the row's day ({@code day}, an SQL expression of the row): the
     * state itself from the day of its continuation (or when the row has no day), each predecessor on its days.
     */
    public Sql on(String column, String day) {
        if (chain.isEmpty()) {
            return Sql.of(column + " = ?", asked.value());
        }
        Sql sql = Sql.of(
                "((" + column + " = ? AND (" + day + " IS NULL OR " + day + " >= " + DAY + "))",
                asked.value(),
                Date.valueOf(chain.get(0).until()));
        for (int i = 0; i < chain.size(); i++) {
            StateAsThen then = chain.get(i);
            sql.add(
                    " OR (" + column + " = ? AND " + day + " < " + DAY,
                    then.code().value(),
                    Date.valueOf(then.until()));
            if (i + 1 < chain.size()) {
                sql.add(
                        " AND " + day + " >= " + DAY,
                        Date.valueOf(chain.get(i + 1).until()));
            }
            sql.add(")");
        }
        return sql.add(")");
    }

    /** {@link #on} for a state on either side of a row. */
    public Sql onEither(String columnA, String columnB, String day) {
        return Sql.of("(")
                .add(on(columnA, day))
                .add(" OR ")
                .add(on(columnB, day))
                .add(")");
    }

    /**
     * The mark of a row recorded under one of {@code codes} for a predecessor of a state named, the first of
     * {@code named} that has one; null for a row of the states named themselves.
     */
    public static StateAsThenView markOf(List<ContinuedStates> named, String... codes) {
        for (ContinuedStates states : named) {
            for (StateAsThen then : states.chain) {
                for (String code : codes) {
                    if (then.code().value().equals(code)) {
                        return StateAsThenView.of(then);
                    }
                }
            }
        }
        return null;
    }
}
