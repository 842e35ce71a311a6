package org.diplomaticledger.presence.projection;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.diplomaticledger.presence.projection.ExpulsionsQueries.Filter;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.Sql;

/**
 * A page of the expulsions of one state ({@code state}, {@code by} or {@code against}) in the list's default order,
 * newest first, read through the indexes that hold a side of a state in that order (V36:
 * {@code (slot, declared_by | against, effective_date DESC, presence_id, expulsion_id, …, validity)}): from the point's
 * day backwards, stopping at the page's last row, and counted from the index alone. Sorting the state's expulsions
 * valid at the point to keep a page of them cost the state's expulsions (5,000 at a million events), not the page's.
 *
 * <p>A state's expulsions are two sides that do not meet: those it declared ({@code declared_by}) and those against
 * its staff that it did not declare ({@code against}, {@code declared_by <>}). Each side is read in the page's order
 * up to the page's end, and the page is cut from the two in that order by the database (its collation orders the
 * presence ids, as it did when it sorted every row). The other filters (a mission, the dates, overdue) stay conditions
 * on each side's rows; {@code answered} needs every link of the slot and is read by {@link ExpulsionsQueries}.
 *
 * <p>The range {@code effective_date <= asOf} only narrows what the versions' validity already says: a version of an
 * expulsion starts on or after its effective date, because its row is made by the expulsion's own event, folded on its
 * effective date, and later events only change it from their own (later) days; a correction that moves the date
 * makes versions from the corrected day with the corrected date. {@code ExpulsionsInOrderHttpTest} reads such
 * histories at many points.
 */
final class ExpulsionsInOrder {

    /** The list's default order, {@link ExpulsionsQueries#DEFAULT_SORT}, over the union of the sides. */
    private static final String ORDER = " ORDER BY " + ExpulsionsQueries.DEFAULT_SORT;

    /**
     * One side: the state's column whose index holds it in order, and the query's conditions after the point's
     * ({@code FROM … WHERE …}), with their values.
     */
    private record Side(String column, Sql from) {}

    private final List<Side> sides;

    private ExpulsionsInOrder(List<Side> sides) {
        this.sides = sides;
    }

    /** Whether this reads the page: one state named, the default order, and no {@code answered} filter. */
    static boolean serves(Filter filter, PageQuery page) {
        return (filter.state() != null || filter.by() != null || filter.against() != null)
                && filter.answered() == null
                && page.orderBy().equals(ExpulsionsQueries.DEFAULT_SORT);
    }

    /**
     * The sides of the filter's state at the view's point, each with the filter's other conditions
     * ({@code others}: {@code " AND …"} on alias {@code e}).
     */
    static ExpulsionsInOrder of(ReadView view, Filter filter, Sql others) {
        if (!(filter.state() != null || filter.by() != null || filter.against() != null)) {
            throw new IllegalArgumentException("no state to read in order");
        }
        Sql rest = Sql.of("");
        List<Side> sides = new ArrayList<>();
        if (filter.state() != null) {
            String state = filter.state().value();
            sides.add(new Side("declared_by", Sql.of(" AND e.declared_by = ?", state)));
            sides.add(new Side("against", Sql.of(" AND e.against = ? AND e.declared_by <> ?", state, state)));
            if (filter.by() != null) {
                rest.add(" AND e.declared_by = ?", filter.by().value());
            }
            if (filter.against() != null) {
                rest.add(" AND e.against = ?", filter.against().value());
            }
        } else if (filter.by() != null) {
            sides.add(new Side(
                    "declared_by", Sql.of(" AND e.declared_by = ?", filter.by().value())));
            if (filter.against() != null) {
                rest.add(" AND e.against = ?", filter.against().value());
            }
        } else {
            sides.add(new Side(
                    "against", Sql.of(" AND e.against = ?", filter.against().value())));
        }
        List<Side> read = new ArrayList<>();
        for (Side side : sides) {
            read.add(new Side(
                    side.column(),
                    Sql.of(" FROM expulsions_expulsion e WHERE ")
                            .add(view.typedRows("e"))
                            .add(side.from())
                            .add(rest)
                            .add(" AND e.effective_date <= CAST(? AS DATE)", Date.valueOf(view.asOf()))
                            .add(others)));
        }
        return new ExpulsionsInOrder(read);
    }

    /** How many expulsions the sides hold: one count of each side's index entries. */
    Sql count() {
        Sql count = Sql.of("SELECT ");
        for (int i = 0; i < sides.size(); i++) {
            count.add(i == 0 ? "(" : " + (")
                    .add("SELECT COUNT(*)")
                    .add(sides.get(i).from())
                    .add(")");
        }
        return count;
    }

    /**
     * The page's rows ({@code e.*}): of each side, the rows in the page's order up to the page's end, in the order of
     * its index (the state's column and the slot, equal throughout, lead the order as they lead the index, which is
     * what lets the database read the index in order); then the page cut from them. The union is a derived table of
     * one {@code SELECT}, which H2 keeps planned in its query cache (it plans a bare union again at every read); one
     * side is cut as it is read.
     */
    Sql page(PageQuery page) {
        if (sides.size() == 1) {
            return inIndexOrder(sides.get(0)).add(page.fetchSql());
        }
        Sql union = Sql.of("SELECT e.* FROM (");
        for (int i = 0; i < sides.size(); i++) {
            union.add(i == 0 ? "(" : " UNION ALL (")
                    .add(inIndexOrder(sides.get(i)))
                    .add(" FETCH FIRST " + page.rowsThrough() + " ROWS ONLY)");
        }
        return union.add(") e" + ORDER + page.fetchSql());
    }

    private static Sql inIndexOrder(Side side) {
        return Sql.of("SELECT e.*")
                .add(side.from())
                .add(" ORDER BY e.slot, e." + side.column() + ", e.effective_date DESC, e.presence_id, e.expulsion_id");
    }
}
