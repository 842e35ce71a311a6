package org.diplomaticledger.presence.projection;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.diplomaticledger.presence.projection.ExpulsionLinks.Key;
import org.diplomaticledger.presence.projection.ExpulsionsViews.*;
import org.diplomaticledger.projection.ContinuedStates;
import org.diplomaticledger.projection.CorrectionMark;
import org.diplomaticledger.projection.KeyArrays;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.SlotJdbc;
import org.diplomaticledger.projection.Sql;
import org.diplomaticledger.shared.CountryCode;
import org.springframework.stereotype.Component;

/**
 * Reads the expulsions projection. Reciprocity is linked here, at query time, from the stored rows of the slot:
 * an expulsion answers the one its command named ({@code answersExpulsionId}), else — inferred — the most recent
 * expulsion in the opposite direction whose effective date is at least one and at most
 * {@code ledger.expulsions.reciprocity-window-days} (30) days earlier; ties go to the one recorded last, then to the
 * greater id. Linking when asked, not when handling, lets a late fact (an older expulsion recorded afterwards)
 * change the links, and keeps live rows and rebuilt rows the same.
 */
@Component
@org.springframework.boot.context.properties.EnableConfigurationProperties(ExpulsionsProperties.class)
public class ExpulsionsQueries {

    /** Filters of the expulsions list; every one optional but {@code on}, the day "overdue" is judged on. */
    public record Filter(
            CountryCode by,
            CountryCode against,
            CountryCode state,
            String missionId,
            LocalDate from,
            LocalDate to,
            Boolean answered,
            Boolean overdue,
            LocalDate on) {}

    /**
     * The states a list names ({@code by}, {@code against}, {@code state}), each with the states it continued
     * (docs/states.md#succession): each expulsion is matched against the code answering on its effective date.
     */
    public record Continued(ContinuedStates by, ContinuedStates against, ContinuedStates state) {

        /** The filter's states as recorded, across no continuation. */
        static Continued asRecorded(Filter filter) {
            return new Continued(
                    ContinuedStates.asRecorded(filter.by()),
                    ContinuedStates.asRecorded(filter.against()),
                    ContinuedStates.asRecorded(filter.state()));
        }

        /** Whether a state named continued another. */
        public boolean any() {
            return by.continues() || against.continues() || state.continues();
        }
    }

    public static final Map<String, String> SORTABLE;
    public static final String DEFAULT_SORT = "e.effective_date DESC, e.presence_id, e.expulsion_id";

    static {
        Map<String, String> sortable = new LinkedHashMap<>();
        sortable.put("effectiveDate", "e.effective_date");
        sortable.put("by", "e.declared_by");
        sortable.put("against", "e.against");
        sortable.put("count", "e.total_expelled");
        sortable.put("deadline", "e.departure_deadline");
        SORTABLE = Collections.unmodifiableMap(sortable);
    }

    private final SlotJdbc jdbc;
    private final int windowDays;
    private final ExpulsionLinks links;

    public ExpulsionsQueries(SlotJdbc jdbc, ExpulsionsProperties properties) {
        int windowDays = properties.reciprocityWindowDays();
        if (windowDays < 0) {
            throw new IllegalStateException(
                    "ledger.expulsions.reciprocity-window-days must be 0 or more, not " + windowDays);
        }
        this.jdbc = jdbc;
        this.windowDays = windowDays;
        this.links = new ExpulsionLinks(jdbc, windowDays);
    }

    public int windowDays() {
        return windowDays;
    }

    /**
     * The slot's expulsions ({@code ex}) and every reciprocity link ({@code lk}: expulsion x answers expulsion t).
     * An explicit link names an id; it resolves to that id in the opposite presence, else in another presence, else
     * stays unresolved (t_presence null). An inferred link is computed for expulsions that named none.
     */
    private Sql links(ReadView view) {
        return Sql.of("WITH ex AS (SELECT * FROM expulsions_expulsion WHERE ")
                .add(view.rows())
                .add("), "
                        + "lk AS (SELECT * FROM ("
                        + "SELECT x.presence_id AS x_presence, x.expulsion_id AS x_id, FALSE AS inferred, "
                        + "(SELECT y.presence_id FROM ex y WHERE y.expulsion_id = x.answers_id AND y.presence_id <> x.presence_id "
                        + "ORDER BY CASE WHEN y.presence_id = x.declared_by || '-' || x.against THEN 0 ELSE 1 END, y.presence_id "
                        + "FETCH FIRST 1 ROW ONLY) AS t_presence, x.answers_id AS t_id "
                        + "FROM ex x WHERE x.answers_id IS NOT NULL "
                        + "UNION ALL "
                        + "SELECT x.presence_id, x.expulsion_id, TRUE, x.declared_by || '-' || x.against, "
                        + "(SELECT y.expulsion_id FROM ex y WHERE y.presence_id = x.declared_by || '-' || x.against "
                        + "AND y.effective_date < x.effective_date "
                        + "AND y.effective_date >= x.effective_date - INTERVAL '" + windowDays + "' DAY "
                        + "ORDER BY y.effective_date DESC, y.recorded_at DESC, y.expulsion_id DESC FETCH FIRST 1 ROW ONLY) "
                        + "FROM ex x WHERE x.answers_id IS NULL) l WHERE t_id IS NOT NULL) ");
    }

    /**
     * The expulsions valid at the point that a read of one state or one declaring state can find through an index on
     * that state, so that it reads that state's expulsions, not the ledger's (the filter's own condition stays in the
     * outer query).
     */
    private static Sql expulsions(ReadView view, Filter filter) {
        Sql valid = valid(view);
        if (filter.state() != null) {
            String state = filter.state().value();
            return valid.add(" AND declared_by = ? UNION ALL ", state)
                    .add(valid(view).add(" AND against = ? AND declared_by <> ?", state, state));
        }
        if (filter.by() != null) {
            return valid.add(" AND declared_by = ?", filter.by().value());
        }
        if (filter.against() != null) {
            return valid.add(" AND against = ?", filter.against().value());
        }
        return valid;
    }

    /** The expulsions valid at the view's point. */
    private static Sql valid(ReadView view) {
        return Sql.of("SELECT * FROM expulsions_expulsion WHERE ").add(view.rows());
    }

    private static final String ANSWERED =
            "EXISTS (SELECT 1 FROM lk WHERE lk.t_presence = e.presence_id AND lk.t_id = e.expulsion_id)";
    private static final String OVERDUE = "(e.still_due > 0 AND e.departure_deadline < ?)";

    public Page<ExpulsionView> list(ReadView view, Filter filter, PageQuery page) {
        return list(view, filter, Continued.asRecorded(filter), page);
    }

    /**
     * The list, with the states named matched across their continuations ({@code continued}; the rows are not marked
     * here: see {@link SuccessorReads#expulsions}).
     */
    public Page<ExpulsionView> list(ReadView view, Filter filter, Continued continued, PageQuery page) {
        boolean carried = continued.any();
        Sql others = Sql.of("");
        if (filter.missionId() != null) {
            others.add(
                            " AND (e.mission_id = ? OR EXISTS (SELECT 1 FROM expulsions_person p WHERE p.slot = e.slot AND ",
                            filter.missionId())
                    .add(view.valid("p"))
                    .add(
                            " AND p.presence_id = e.presence_id AND p.expulsion_id = e.expulsion_id AND p.mission_id = ?))",
                            filter.missionId());
        }
        if (filter.from() != null) {
            others.add(" AND e.effective_date >= ?", Date.valueOf(filter.from()));
        }
        if (filter.to() != null) {
            others.add(" AND e.effective_date <= ?", Date.valueOf(filter.to()));
        }
        if (filter.answered() != null) {
            others.add((filter.answered() ? " AND " : " AND NOT ") + ANSWERED);
        }
        if (filter.overdue() != null) {
            others.add((filter.overdue() ? " AND " : " AND NOT ") + OVERDUE, Date.valueOf(filter.on()));
        }
        Sql count;
        Sql select;
        if (!carried && ExpulsionsInOrder.serves(filter, page)) {
            // one state's page in the default order: read in that order through its indexes, up to the page's end
            ExpulsionsInOrder sides = ExpulsionsInOrder.of(view, filter, others);
            count = sides.count();
            select = sides.page(page);
        } else {
            // each state named, or (carried) the code answering for it on the expulsion's day, its predecessors'
            // included: then read from the slot's valid rows, which only a successor's read of this kind costs
            Sql where = Sql.of(" WHERE 1 = 1");
            if (filter.by() != null) {
                where.add(" AND ").add(continued.by().on("e.declared_by", "e.effective_date"));
            }
            if (filter.against() != null) {
                where.add(" AND ").add(continued.against().on("e.against", "e.effective_date"));
            }
            if (filter.state() != null) {
                where.add(" AND ").add(continued.state().onEither("e.declared_by", "e.against", "e.effective_date"));
            }
            where.add(others);
            // Every link of the slot is worked out only when the filter asks about links; a page's own links are
            // worked out for its rows alone (complete), so a read costs its page, not the ledger's expulsions.
            java.util.function.Function<String, Sql> from = filter.answered() != null
                    ? columns -> links(view).add("SELECT " + columns + " FROM ex e")
                    : columns -> Sql.of("SELECT " + columns + " FROM (")
                            .add(carried ? valid(view) : expulsions(view, filter))
                            .add(") e");
            count = from.apply("COUNT(*)").add(where);
            select = from.apply("e.*").add(where).add(page.sql());
        }
        Long total = jdbc.queryForObject(count, Long.class);
        List<ExpulsionView> rows = jdbc.query(select, (rs, i) -> expulsion(rs, filter.on()));
        return new Page<>(complete(view, rows), page.page(), page.size(), total == null ? 0 : total, view.position());
    }

    /**
     * One expulsion by id, with its departures; {@code presenceId} chooses when the id was used in more than one
     * presence (ids are unique within a presence only).
     */
    public Optional<ExpulsionDetail> one(ReadView view, String expulsionId, String presenceId, LocalDate on) {
        Sql sql = Sql.of("SELECT * FROM expulsions_expulsion e WHERE ")
                .add(view.rows())
                .add(" AND expulsion_id = ?", expulsionId);
        if (presenceId != null) {
            sql.add(" AND presence_id = ?", presenceId);
        }
        sql.add(" ORDER BY presence_id");
        List<ExpulsionView> found = jdbc.query(sql, (rs, i) -> expulsion(rs, on));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.size() > 1) {
            throw new QueryParameterException(
                    "presenceId",
                    "expulsion " + expulsionId + " is recorded in the presences "
                            + String.join(
                                    ", ",
                                    found.stream()
                                            .map(ExpulsionView::presenceId)
                                            .toList()) + "; name one");
        }
        ExpulsionView expulsion = complete(view, found).get(0);
        Sql departureRows = Sql.of("SELECT * FROM expulsions_departure WHERE ")
                .add(view.rows())
                .add(" AND presence_id = ? AND expulsion_id = ? ORDER BY seq", expulsion.presenceId(), expulsionId);
        List<ExpulsionDepartureView> departures = jdbc.query(
                departureRows,
                (rs, i) -> new ExpulsionDepartureView(
                        rs.getInt("seq"),
                        rs.getString("person_id"),
                        rs.getInt("departed"),
                        rs.getString("category"),
                        rs.getString("mission_id"),
                        rs.getObject("effective_date", LocalDate.class),
                        rs.getBoolean("late"),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                        rs.getString("source")));
        return Optional.of(new ExpulsionDetail(expulsion, departures));
    }

    private static ExpulsionView expulsion(ResultSet rs, LocalDate on) throws SQLException {
        int stillDue = rs.getInt("still_due");
        LocalDate deadline = rs.getObject("departure_deadline", LocalDate.class);
        int namedDeparted = rs.getInt("named_departed");
        int countedDeparted = rs.getInt("counted_departed");
        return new ExpulsionView(
                rs.getString("expulsion_id"),
                rs.getString("presence_id"),
                rs.getString("declared_by"),
                rs.getString("against"),
                rs.getString("mission_id"),
                List.of(),
                rs.getInt("named_count"),
                (Integer) rs.getObject("counted"),
                rs.getString("counted_category"),
                rs.getInt("total_expelled"),
                rs.getObject("effective_date", LocalDate.class),
                deadline,
                namedDeparted,
                countedDeparted,
                namedDeparted + countedDeparted,
                stillDue,
                stillDue > 0 && deadline.isBefore(on),
                rs.getInt("late_departures"),
                rs.getObject("last_departure_on", LocalDate.class),
                null,
                List.of(),
                rs.getString("reason"),
                rs.getString("source"),
                rs.getString("source_url"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                CorrectionMark.parse(rs.getString("correction")),
                null);
    }

    /** Adds the named persons and both directions of reciprocity to a page of expulsions. */
    private List<ExpulsionView> complete(ReadView view, List<ExpulsionView> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Key, List<ExpelledPersonView>> persons = new HashMap<>();
        // one probe of (slot, presence_id, expulsion_id, …) per page row, in one statement H2 plans once
        // ({@link KeyArrays}): an IN list read every person of the slot on H2, a union is planned at every read
        Sql union = KeyArrays.select(
                        "p.*",
                        "expulsions_person",
                        "p",
                        List.of("presence_id", "expulsion_id"),
                        rows.stream()
                                .map(r -> List.of(r.presenceId(), r.expulsionId()))
                                .toList())
                .add(view.rows("p"))
                .add(" ORDER BY p.presence_id, p.expulsion_id, p.position");
        jdbc.query(union, rs -> {
            persons.computeIfAbsent(
                            new Key(rs.getString("presence_id"), rs.getString("expulsion_id")), k -> new ArrayList<>())
                    .add(new ExpelledPersonView(
                            rs.getString("person_id"),
                            rs.getString("name"),
                            rs.getString("mission_id"),
                            rs.getString("category"),
                            rs.getObject("departed_on", LocalDate.class),
                            rs.getBoolean("departed_late")));
        });

        ExpulsionLinks.Links reciprocity = links.of(view, rows);

        List<ExpulsionView> result = new ArrayList<>(rows.size());
        for (ExpulsionView e : rows) {
            Key key = new Key(e.presenceId(), e.expulsionId());
            result.add(new ExpulsionView(
                    e.expulsionId(),
                    e.presenceId(),
                    e.declaredBy(),
                    e.against(),
                    e.missionId(),
                    persons.getOrDefault(key, List.of()),
                    e.namedCount(),
                    e.count(),
                    e.category(),
                    e.totalExpelled(),
                    e.effectiveDate(),
                    e.departureDeadline(),
                    e.namedDeparted(),
                    e.countedDeparted(),
                    e.departed(),
                    e.stillDue(),
                    e.overdue(),
                    e.lateDepartures(),
                    e.lastDepartureOn(),
                    reciprocity.answers().get(key),
                    reciprocity.answeredBy().getOrDefault(key, List.of()),
                    e.reason(),
                    e.source(),
                    e.sourceUrl(),
                    e.recordedAt(),
                    e.corrected(),
                    e.stateAsThen()));
        }
        return result;
    }
}
