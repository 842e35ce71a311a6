package org.diplomaticledger.relations.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.diplomaticledger.projection.ContinuedStates;
import org.diplomaticledger.projection.CorrectionMark;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.SlotJdbc;
import org.diplomaticledger.projection.Sql;
import org.diplomaticledger.projection.StateAsThenView;
import org.diplomaticledger.projection.Where;
import org.diplomaticledger.relations.api.RelationsId;
import org.diplomaticledger.relations.api.RelationsLevel;
import org.diplomaticledger.relations.projection.RelationsViews.*;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.states.api.StateAsThen;
import org.diplomaticledger.states.api.StateLineage;
import org.springframework.stereotype.Component;

/** Reads the relations projection. */
@Component
public class RelationsQueries {

    /** Filters of the relations list; every one optional. {@code a} and {@code b} together name one pair. */
    public record Filter(CountryCode state, CountryCode a, CountryCode b, List<String> levels) {}

    public static final Map<String, String> SORTABLE = Map.of(
            "relationsId",
            "relations_id",
            "stateA",
            "state_a",
            "stateB",
            "state_b",
            "level",
            "relations_level",
            "since",
            "level_since");
    public static final String DEFAULT_SORT = "relations_id";

    private final SlotJdbc jdbc;
    private final StateLineage lineage;

    public RelationsQueries(SlotJdbc jdbc, StateLineage lineage) {
        this.jdbc = jdbc;
        this.lineage = lineage;
    }

    /** The levels of a comma-separated parameter, checked against {@link RelationsLevel}. */
    public static List<String> levels(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return List.of();
        }
        List<String> levels = new ArrayList<>();
        for (String level : parameter.split(",")) {
            String upper = level.trim().toUpperCase(Locale.ROOT);
            if (Arrays.stream(RelationsLevel.values())
                    .noneMatch(known -> known.name().equals(upper))) {
                throw new QueryParameterException(
                        "level",
                        "one or more of "
                                + String.join(
                                        ", ",
                                        Arrays.stream(RelationsLevel.values())
                                                .map(Enum::name)
                                                .toList())
                                + ", not '" + level + "'");
            }
            levels.add(upper);
        }
        return levels;
    }

    /**
     * The pairs the filter names. Across continuations (docs/states.md#succession), as {@link #one} reads a pair: a
     * state named alone ({@code state}, or {@code a} or {@code b} alone) that continued another is listed, on the
     * view's day, with the pairs of the state answering then and, for each other state it has no pair with, the pair
     * of the state that answered before it, if any (a predecessor's pair carries on); each pair of a predecessor is
     * marked {@code stateAsThen}. The pairs of {@code RU} as of 1985 are the USSR's. A pair named by {@code a} and
     * {@code b} is the one {@link #one} answers with. States that continued none list as recorded.
     */
    public Page<RelationsView> list(ReadView view, Filter filter, PageQuery page) {
        if (filter.a() != null && filter.b() != null) {
            return pair(view, filter, page);
        }
        CountryCode named = filter.state() != null ? filter.state() : filter.a() != null ? filter.a() : filter.b();
        List<StateAsThen> chain = named == null
                ? List.of()
                : lineage.continued(named, view.point().knownAt());
        if (chain.isEmpty() || (filter.state() != null && (filter.a() != null || filter.b() != null))) {
            return listAsRecorded(view, filter, page);
        }
        // the codes that answer for the state on the view's day and before it, nearest first
        int first = StateLineage.asThen(chain, view.asOf()).map(chain::indexOf).orElse(-1);
        List<String> codes = new ArrayList<>();
        if (first < 0) {
            codes.add(named.value());
        }
        for (int i = Math.max(first, 0); i < chain.size(); i++) {
            codes.add(chain.get(i).code().value());
        }
        List<Sql> ranked = new ArrayList<>();
        for (int rank = 0; rank < codes.size(); rank++) {
            String code = codes.get(rank);
            ranked.add(Sql.of(
                            "SELECT p.*, " + rank + " AS code_rank, CASE WHEN p.state_a = ? THEN p.state_b "
                                    + "ELSE p.state_a END AS other_state FROM relations_pair p WHERE ",
                            code)
                    .add(view.rows("p"))
                    .add(" AND (p.state_a = ? OR p.state_b = ?)", code, code));
        }
        // of each other state, the pair of the nearest code that has one
        Sql nearest = Sql.of("SELECT * FROM (SELECT r.*, ROW_NUMBER() OVER (PARTITION BY r.other_state "
                        + "ORDER BY r.code_rank) AS nearest FROM (")
                .add(Sql.unionAll(ranked))
                .add(") r) n WHERE nearest = 1");
        if (!filter.levels().isEmpty()) {
            nearest.add(
                    " AND relations_level IN ("
                            + String.join(
                                    ",", Collections.nCopies(filter.levels().size(), "?")) + ")",
                    filter.levels().toArray());
        }
        Long total = jdbc.queryForObject(
                Sql.of("SELECT COUNT(*) FROM (").add(nearest).add(") c"), Long.class);
        List<RelationsView> items =
                jdbc.query(Sql.of("SELECT * FROM (").add(nearest).add(") c").add(page.sql()), (rs, i) -> relations(rs));
        List<ContinuedStates> continued = List.of(ContinuedStates.of(lineage, view, named));
        return new Page<>(items, page.page(), page.size(), total == null ? 0 : total, view.position())
                .map(row -> Optional.ofNullable(ContinuedStates.markOf(continued, row.stateA(), row.stateB()))
                        .map(row::asThen)
                        .orElse(row));
    }

    /** The pair {@code a} and {@code b} name, as {@link #one} answers it, if it is at a level asked and has the state. */
    private Page<RelationsView> pair(ReadView view, Filter filter, PageQuery page) {
        if (lineage.continued(filter.a(), view.point().knownAt()).isEmpty()
                && lineage.continued(filter.b(), view.point().knownAt()).isEmpty()) {
            return listAsRecorded(view, filter, page);
        }
        List<RelationsView> found = one(view, filter.a(), filter.b())
                .map(detail -> detail.stateAsThen() == null
                        ? detail.relations()
                        : detail.relations().asThen(detail.stateAsThen()))
                .filter(row -> filter.levels().isEmpty() || filter.levels().contains(row.level()))
                .filter(row -> filter.state() == null
                        || List.of(filter.a().value(), filter.b().value(), row.stateA(), row.stateB())
                                .contains(filter.state().value()))
                .stream()
                .toList();
        return new Page<>(
                page.page() == 0 ? found : List.of(), page.page(), page.size(), found.size(), view.position());
    }

    /** The pairs the filter names as recorded under its codes (the dashboard's overview, beside its presences). */
    public Page<RelationsView> listAsRecorded(ReadView view, Filter filter, PageQuery page) {
        CountryCode one = filter.a() != null ? filter.a() : filter.b();
        boolean pair = filter.a() != null && filter.b() != null;
        Where where = Where.slotOf(view)
                .either("state_a", "state_b", filter.state())
                .equal("relations_id", pair ? RelationsId.of(filter.a(), filter.b()) : null)
                .either("state_a", "state_b", pair ? null : one)
                .and(
                        !filter.levels().isEmpty(),
                        "relations_level IN ("
                                + String.join(
                                        ",",
                                        Collections.nCopies(
                                                Math.max(1, filter.levels().size()), "?")) + ")",
                        filter.levels().toArray());
        Long total = jdbc.queryForObject(where.select("SELECT COUNT(*) FROM relations_pair"), Long.class);
        List<RelationsView> items =
                jdbc.query(where.select("SELECT * FROM relations_pair").add(page.sql()), (rs, i) -> relations(rs));
        return new Page<>(items, page.page(), page.size(), total == null ? 0 : total, view.position());
    }

    /**
     * The pair (in either order) with its history of changes up to the view's day, or empty when unknown. Across
     * continuations (docs/states.md#succession): when either state continued another and the view's day is before
     * that, the pair answering then (the predecessor's, following a chain) is read, marked {@code stateAsThen}. Its
     * history is led by the changes the pairs answering before it made ({@link #spans}), each marked. When no change
     * of the pair answering on the day is recorded, the successor carries on the relations of the last pair before it
     * that has one: that pair is the answer, marked, with the history of those before it. The register's continuations
     * are in memory ({@link StateLineage}): a pair of states that continued none is read as recorded, at the cost of
     * two look-ups.
     */
    public Optional<RelationsDetail> one(ReadView view, CountryCode a, CountryCode b) {
        List<StateAsThen> ofA = lineage.continued(a, view.point().knownAt());
        List<StateAsThen> ofB = lineage.continued(b, view.point().knownAt());
        if (ofA.isEmpty() && ofB.isEmpty()) {
            return recorded(view, a, b);
        }
        Optional<StateAsThen> thenA = StateLineage.asThen(ofA, view.asOf());
        Optional<StateAsThen> thenB = StateLineage.asThen(ofB, view.asOf());
        Optional<StateAsThenView> mark = thenA.or(() -> thenB).map(StateAsThenView::of);
        Optional<RelationsDetail> detail = recorded(
                        view,
                        thenA.map(StateAsThen::code).orElse(a),
                        thenB.map(StateAsThen::code).orElse(b))
                .map(found -> mark.map(found::asThen).orElse(found));
        List<Span> spans = spans(view, a, b, ofA, ofB);
        if (detail.isEmpty()) {
            detail = carried(spans);
        }
        List<RelationsChange> earlier = spans.stream().flatMap(Span::changes).toList();
        return detail.map(found -> found.after(earlier));
    }

    /**
     * A pair that answered for {@code a} and {@code b} between two continuation days ({@code since} inclusive, null
     * for the first; {@code until} exclusive), marked with the predecessor as it was then, and its record.
     */
    private record Span(LocalDate since, LocalDate until, StateAsThenView mark, Optional<RelationsDetail> pair) {

        /** The pair's changes dated in the span, each marked. */
        java.util.stream.Stream<RelationsChange> changes() {
            return pair.stream()
                    .flatMap(found -> found.history().stream())
                    .filter(change -> change.effectiveDate().isBefore(until)
                            && (since == null || !change.effectiveDate().isBefore(since)))
                    .map(change -> change.asThen(mark));
        }
    }

    /**
     * The pairs that answered for {@code a} and {@code b} before the continuations up to the view's day, oldest
     * first: one for each span between two continuation days.
     */
    private List<Span> spans(
            ReadView view, CountryCode a, CountryCode b, List<StateAsThen> ofA, List<StateAsThen> ofB) {
        java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>();
        ofA.forEach(state -> days.add(state.until()));
        ofB.forEach(state -> days.add(state.until()));
        List<Span> spans = new ArrayList<>();
        LocalDate since = null;
        for (LocalDate until : days.headSet(view.asOf(), true)) {
            LocalDate day = until.minusDays(1);
            Optional<StateAsThen> thenA = StateLineage.asThen(ofA, day);
            Optional<StateAsThen> thenB = StateLineage.asThen(ofB, day);
            spans.add(new Span(
                    since,
                    until,
                    StateAsThenView.of(thenA.or(() -> thenB).orElseThrow()),
                    recorded(
                            view,
                            thenA.map(StateAsThen::code).orElse(a),
                            thenB.map(StateAsThen::code).orElse(b))));
            since = until;
        }
        return spans;
    }

    /** The last pair before the continuations that has a record, marked, its history left to the spans. */
    private static Optional<RelationsDetail> carried(List<Span> spans) {
        for (int i = spans.size() - 1; i >= 0; i--) {
            Span span = spans.get(i);
            if (span.pair().isPresent()) {
                return Optional.of(new RelationsDetail(span.pair().get().relations(), List.of()).asThen(span.mark()));
            }
        }
        return Optional.empty();
    }

    /** The pair as recorded under these two codes. */
    private Optional<RelationsDetail> recorded(ReadView view, CountryCode a, CountryCode b) {
        if (a.equals(b)) {
            return Optional.empty();
        }
        String id = RelationsId.of(a, b);
        Sql pair =
                Sql.of("SELECT * FROM relations_pair WHERE ").add(view.rows()).add(" AND relations_id = ?", id);
        List<RelationsView> found = jdbc.query(pair, (rs, i) -> relations(rs));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Sql changes = Sql.of("SELECT * FROM relations_change WHERE ")
                .add(view.rows())
                .add(" AND relations_id = ? ORDER BY effective_date, seq", id);
        List<RelationsChange> history = jdbc.query(
                changes,
                (rs, i) -> new RelationsChange(
                        rs.getInt("seq"),
                        rs.getObject("effective_date", LocalDate.class),
                        rs.getString("relations_level"),
                        rs.getString("previous_level"),
                        rs.getString("initiated_by"),
                        rs.getString("reason"),
                        powers(rs, found.get(0).stateA(), found.get(0).stateB()),
                        cameo(rs),
                        rs.getString("source"),
                        rs.getString("source_url"),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                        CorrectionMark.parse(rs.getString("correction")),
                        null));
        return Optional.of(new RelationsDetail(found.get(0), history));
    }

    private static RelationsView relations(ResultSet rs) throws SQLException {
        String a = rs.getString("state_a");
        String b = rs.getString("state_b");
        return new RelationsView(
                rs.getString("relations_id"),
                a,
                b,
                rs.getString("relations_level"),
                rs.getObject("level_since", LocalDate.class),
                rs.getString("previous_level"),
                rs.getString("initiated_by"),
                rs.getString("reason"),
                powers(rs, a, b),
                cameo(rs),
                rs.getString("source"),
                rs.getString("source_url"),
                rs.getInt("changes"),
                rs.getObject("last_recorded_at", OffsetDateTime.class).toInstant(),
                CorrectionMark.parse(rs.getString("correction")),
                null);
    }

    private static List<ProtectingPowerView> powers(ResultSet rs, String a, String b) throws SQLException {
        List<ProtectingPowerView> powers = new ArrayList<>(2);
        String ofA = rs.getString("protecting_power_of_a");
        String ofB = rs.getString("protecting_power_of_b");
        if (ofA != null) {
            powers.add(new ProtectingPowerView(a, ofA));
        }
        if (ofB != null) {
            powers.add(new ProtectingPowerView(b, ofB));
        }
        return powers;
    }

    private static Integer cameo(ResultSet rs) throws SQLException {
        int code = rs.getInt("cameo_code");
        return rs.wasNull() ? null : code;
    }
}
