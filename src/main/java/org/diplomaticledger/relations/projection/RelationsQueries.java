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

    public Page<RelationsView> list(ReadView view, Filter filter, PageQuery page) {
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
     * that, the pair answering then (the predecessor's, following a chain) is read, marked {@code stateAsThen}. The
     * register's continuations are in memory ({@link StateLineage}): a pair of states that continued none is read as
     * recorded, at the cost of two look-ups.
     */
    public Optional<RelationsDetail> one(ReadView view, CountryCode a, CountryCode b) {
        List<StateAsThen> ofA = lineage.continued(a, view.point().knownAt());
        List<StateAsThen> ofB = lineage.continued(b, view.point().knownAt());
        if (ofA.isEmpty() && ofB.isEmpty()) {
            return recorded(view, a, b);
        }
        Optional<StateAsThen> thenA = StateLineage.asThen(ofA, view.asOf());
        Optional<StateAsThen> thenB = StateLineage.asThen(ofB, view.asOf());
        if (thenA.isEmpty() && thenB.isEmpty()) {
            return recorded(view, a, b).map(found -> found.after(earlier(view, a, b, ofA, ofB)));
        }
        Optional<RelationsDetail> detail = recorded(
                view,
                thenA.map(StateAsThen::code).orElse(a),
                thenB.map(StateAsThen::code).orElse(b));
        return thenA.or(() -> thenB)
                .map(then -> detail.map(found -> found.asThen(new StateAsThenView(
                        then.code().value(), then.name(), then.continuedBy().value(), then.until()))))
                .orElse(detail);
    }

    /**
     * The changes the pairs answering for {@code a} and {@code b} before their continuations made, oldest first: for
     * each span between two continuation days, the changes of the pair answering then, dated in that span, each marked
     * with the predecessor as it was then. The successor's own history follows them.
     */
    private List<RelationsChange> earlier(
            ReadView view, CountryCode a, CountryCode b, List<StateAsThen> ofA, List<StateAsThen> ofB) {
        java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>();
        ofA.forEach(state -> days.add(state.until()));
        ofB.forEach(state -> days.add(state.until()));
        List<RelationsChange> earlier = new java.util.ArrayList<>();
        LocalDate from = null;
        for (LocalDate until : days) {
            LocalDate day = until.minusDays(1);
            Optional<StateAsThen> thenA = StateLineage.asThen(ofA, day);
            Optional<StateAsThen> thenB = StateLineage.asThen(ofB, day);
            StateAsThen mark = thenA.or(() -> thenB).orElseThrow();
            StateAsThenView asThen = new StateAsThenView(
                    mark.code().value(), mark.name(), mark.continuedBy().value(), mark.until());
            LocalDate since = from;
            recorded(
                            view,
                            thenA.map(StateAsThen::code).orElse(a),
                            thenB.map(StateAsThen::code).orElse(b))
                    .ifPresent(pair -> pair.history().stream()
                            .filter(change -> change.effectiveDate().isBefore(until)
                                    && (since == null || !change.effectiveDate().isBefore(since)))
                            .forEach(change -> earlier.add(change.asThen(asThen))));
            from = until;
        }
        return earlier;
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
                CorrectionMark.parse(rs.getString("correction")));
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
