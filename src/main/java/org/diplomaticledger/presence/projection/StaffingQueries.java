package org.diplomaticledger.presence.projection;

import static org.diplomaticledger.presence.projection.StaffingRows.CLOSING;
import static org.diplomaticledger.presence.projection.StaffingRows.ceilingRow;
import static org.diplomaticledger.presence.projection.StaffingRows.ceilingViews;
import static org.diplomaticledger.presence.projection.StaffingRows.counts;
import static org.diplomaticledger.presence.projection.StaffingRows.missionRow;
import static org.diplomaticledger.presence.projection.StaffingRows.presenceRow;
import static org.diplomaticledger.presence.projection.StaffingRows.status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.diplomaticledger.presence.api.PresenceIds;
import org.diplomaticledger.presence.projection.StaffingRows.CeilingRow;
import org.diplomaticledger.presence.projection.StaffingRows.MissionRow;
import org.diplomaticledger.presence.projection.StaffingRows.PresenceRow;
import org.diplomaticledger.presence.projection.StaffingViews.*;
import org.diplomaticledger.projection.IndexKeys;
import org.diplomaticledger.projection.KeyVersion;
import org.diplomaticledger.projection.OneOf;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.ProjectionHandlers;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.SlotJdbc;
import org.diplomaticledger.projection.Sql;
import org.diplomaticledger.projection.Where;
import org.diplomaticledger.relations.api.RelationsId;
import org.diplomaticledger.shared.CountryCode;
import org.springframework.stereotype.Component;

/**
 * Reads the staffing projection as it stands at a view: missions and presences, listed or one with its staff and
 * expulsions. Named and counted staff, room and excess under ceilings and the expelled still due are put together at
 * query time from the stored rows; what is overdue depends on the day asked about ({@code on}), which is never stored.
 * The series over time are {@link StaffingTrends}'s.
 */
@Component
public class StaffingQueries {

    /** Filters of the missions list; every one optional. */
    public record MissionFilter(
            CountryCode sending, CountryCode receiving, CountryCode state, String kind, String status, String city) {}

    /** Filters of the presences list; every one optional. */
    public record PresenceFilter(CountryCode sending, CountryCode receiving, CountryCode state) {}

    public static final Map<String, String> MISSION_SORTABLE = Map.of(
            "missionId",
            "mission_id",
            "sending",
            "sending_state",
            "receiving",
            "receiving_state",
            "kind",
            "kind",
            "city",
            "city",
            "status",
            "status",
            "headcount",
            "headcount");
    public static final String MISSION_DEFAULT_SORT = "mission_id";
    public static final Map<String, String> PRESENCE_SORTABLE = Map.of(
            "presenceId",
            "presence_id",
            "sending",
            "sending_state",
            "receiving",
            "receiving_state",
            "headcount",
            "headcount");
    public static final String PRESENCE_DEFAULT_SORT = "presence_id";

    /** The presences that have versions in a slot, by the index on {@code (slot, presence_id, valid_from DESC)}. */
    private static final IndexKeys PRESENCES =
            new IndexKeys("staffing_presence", List.of("slot"), List.of("presence_id"));
    /** The most presences a list reads one by one (see {@link #presences(ReadView, PresenceFilter, PageQuery, LocalDate)}). */
    private static final int PROBED_PRESENCES = 400;

    /**
     * The projection that knows the level of relations between two states (relations.projection.RelationsProjection),
     * named and read by its table: a capability does not depend on another's projection classes (ArchitectureTest).
     */
    static final String RELATIONS_PROJECTION = "relations";

    private final SlotJdbc jdbc;
    private final ProjectionHandlers handlers;
    private final CountedStaff countedStaff;

    public StaffingQueries(SlotJdbc jdbc, ProjectionHandlers handlers) {
        this.jdbc = jdbc;
        this.handlers = handlers;
        this.countedStaff = new CountedStaff(jdbc);
    }

    // ---------------------------------------------------------------- missions

    public Page<MissionStaffingView> missions(ReadView view, MissionFilter filter, PageQuery page, LocalDate on) {
        boolean city = filter.city() != null && !filter.city().isBlank();
        Where where = Where.slotOf(view)
                .equal("sending_state", filter.sending())
                .equal("receiving_state", filter.receiving())
                .either("sending_state", "receiving_state", filter.state())
                .equal("kind", filter.kind())
                .equal("status", filter.status())
                .and(city, "LOWER(city) = ?", city ? filter.city().trim().toLowerCase(Locale.ROOT) : null);
        Long total = jdbc.queryForObject(where.select("SELECT COUNT(*) FROM staffing_mission"), Long.class);
        List<MissionRow> rows =
                jdbc.query(where.select("SELECT * FROM staffing_mission").add(page.sql()), (rs, i) -> missionRow(rs));
        return new Page<>(
                missionViews(view, rows, on, null),
                page.page(),
                page.size(),
                total == null ? 0 : total,
                view.position());
    }

    public Optional<MissionStaffingDetail> mission(ReadView view, String missionId, LocalDate on) {
        Sql mission =
                Sql.of("SELECT * FROM staffing_mission WHERE ").add(view.rows()).add(" AND mission_id = ?", missionId);
        List<MissionRow> rows = jdbc.query(mission, (rs, i) -> missionRow(rs));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        MissionRow row = rows.get(0);
        Sql persons = Sql.of("SELECT * FROM staffing_person WHERE ")
                .add(view.rows())
                .add(
                        " AND presence_id = ? AND mission_id = ? ORDER BY departed, accredited_on, person_id, tenure",
                        row.presenceId(),
                        missionId);
        List<StaffMemberView> staff = jdbc.query(
                persons,
                (rs, i) -> new StaffMemberView(
                        rs.getString("person_id"),
                        rs.getString("name"),
                        rs.getString("person_rank"),
                        rs.getString("category"),
                        rs.getObject("accredited_on", LocalDate.class),
                        rs.getString("expulsion_id"),
                        rs.getObject("departed_on", LocalDate.class)));
        List<MissionExpulsionView> expulsions = expulsions(view, row.presenceId(), missionId, on);
        return Optional.of(new MissionStaffingDetail(
                missionViews(view, List.of(row), on, null).get(0), staff, expulsions));
    }

    /**
     * The missions' views; {@code counted} is the counted staff of their presences when the caller has read it (null:
     * read here).
     */
    private List<MissionStaffingView> missionViews(
            ReadView view, List<MissionRow> rows, LocalDate on, CountedStaff.Counts counted) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> missionIds = rows.stream().map(MissionRow::missionId).toList();
        if (counted == null) {
            counted = countedStaff.of(
                    view, rows.stream().map(MissionRow::presenceId).distinct().toList());
        }
        StaffFigures figures = figures(view, "mission_id", missionIds, " AND in_force", CeilingRow::missionId, on);
        Map<String, Map<String, Integer>> named = figures.named();
        Map<String, List<CeilingRow>> ceilings = figures.ceilings();
        ExpelledTally expelled = figures.expelled();

        List<MissionStaffingView> views = new ArrayList<>();
        for (MissionRow row : rows) {
            StaffCounts namedCounts = counts(expelled.stillMembers(row.missionId(), named.get(row.missionId())));
            StaffCounts countedCounts = counts(counted.ofMission(row.missionId()));
            StaffCounts headcount = namedCounts.plus(countedCounts);
            ExpelledDue expelledDue = expelled.of(row.missionId());
            boolean known = named.containsKey(row.missionId()) || counted.ofMission(row.missionId()) != null;
            views.add(new MissionStaffingView(
                    row.missionId(),
                    row.presenceId(),
                    row.sending(),
                    row.receiving(),
                    row.kind(),
                    row.city(),
                    row.organisation(),
                    row.name(),
                    status(row.status(), row.leaveBy(), on),
                    row.statusSince(),
                    headcount,
                    namedCounts,
                    countedCounts,
                    row.reported(),
                    ceilingViews(ceilings.get(row.missionId()), headcount, known),
                    expelledDue,
                    row.leaveBy(),
                    known,
                    row.reportedSource(),
                    row.reportedCorrected(),
                    null));
        }
        return views;
    }

    // ---------------------------------------------------------------- presences

    /**
     * A list of presences, read one probe per presence: the presences of the slot are found in the index on
     * {@code (slot, presence_id, valid_from DESC)} one after another ({@link IndexKeys}), filtered by the states their
     * ids name ({@code RU-US}), and each read at the point by its own few probes ({@link ReadView#version}), all
     * in one query ordered as the page asks and cut here. So it reads a few index entries per presence, however long
     * their histories, and needs no index on the states (each would be written with every version). Above
     * {@link #PROBED_PRESENCES} presences after the filter (an unfiltered list of a large ledger; one state has at
     * most a few hundred) the versions of the slot valid at the point are read instead, counted and paged in SQL.
     * Both ways answer the same ({@code PresenceListTest}).
     */
    public Page<PresenceStaffingView> presences(ReadView view, PresenceFilter filter, PageQuery page, LocalDate on) {
        return presences(view, filter, page, on, PROBED_PRESENCES);
    }

    /** {@link #presences(ReadView, PresenceFilter, PageQuery, LocalDate)} probing at most {@code probed} presences. */
    Page<PresenceStaffingView> presences(
            ReadView view, PresenceFilter filter, PageQuery page, LocalDate on, int probed) {
        List<String> ids = PRESENCES.under(jdbc, view).stream()
                .map(key -> key.get(0))
                .filter(id -> matches(filter, id))
                .toList();
        if (ids.isEmpty()) {
            return new Page<>(List.of(), page.page(), page.size(), 0, view.position());
        }
        if (ids.size() <= probed) {
            KeyVersion presence = view.version("staffing_presence", "presence_id");
            List<PresenceRow> all = jdbc.query(
                    Sql.unionAll(ids.stream().map(presence::of).toList()).add(page.orderSql()),
                    (rs, i) -> presenceRow(rs));
            return new Page<>(
                    presenceViews(view, page.of(all), on, null, null),
                    page.page(),
                    page.size(),
                    all.size(),
                    view.position());
        }
        Where where = Where.slotOf(view)
                .equal("sending_state", filter.sending())
                .equal("receiving_state", filter.receiving())
                .either("sending_state", "receiving_state", filter.state());
        Long total = jdbc.queryForObject(where.select("SELECT COUNT(*) FROM staffing_presence"), Long.class);
        List<PresenceRow> rows =
                jdbc.query(where.select("SELECT * FROM staffing_presence").add(page.sql()), (rs, i) -> presenceRow(rs));
        return new Page<>(
                presenceViews(view, rows, on, null, null),
                page.page(),
                page.size(),
                total == null ? 0 : total,
                view.position());
    }

    /** The presences the state sends or receives in the view, found through the presences' index. */
    public List<String> presencesOf(ReadView view, CountryCode state) {
        PresenceFilter ofState = new PresenceFilter(null, null, state);
        return PRESENCES.under(jdbc, view).stream()
                .map(key -> key.get(0))
                .filter(id -> matches(ofState, id))
                .distinct()
                .sorted()
                .toList();
    }

    /**
     * The missions of {@code state}, sent or received, whose version valid on the view's {@code asOf} is not closed:
     * the missions a succession on that day closes. Found as the lists find presences, through the index on
     * {@code (slot, presence_id, …)}, then the missions of those presences only.
     */
    public List<String> missionsNotClosed(ReadView view, CountryCode state) {
        List<String> ids = presencesOf(view, state);
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc
                .query(
                        OneOf.rows(
                                Sql.of("SELECT mission_id FROM staffing_mission WHERE ")
                                        .add(view.rows())
                                        .add(" AND status <> 'CLOSED'"),
                                "presence_id",
                                ids),
                        (rs, i) -> rs.getString(1))
                .stream()
                .distinct()
                .sorted()
                .toList();
    }

    /** Whether the presence {@code SENDING-RECEIVING} passes the list's filters. */
    private static boolean matches(PresenceFilter filter, String presenceId) {
        String sending = PresenceIds.sendingOf(presenceId);
        String receiving = PresenceIds.receivingOf(presenceId);
        return (filter.sending() == null || filter.sending().value().equals(sending))
                && (filter.receiving() == null || filter.receiving().value().equals(receiving))
                && (filter.state() == null
                        || filter.state().value().equals(sending)
                        || filter.state().value().equals(receiving));
    }

    public Optional<PresenceStaffingDetail> presence(ReadView view, String presenceId, LocalDate on) {
        KeyVersion presence = view.version("staffing_presence", "presence_id");
        List<PresenceRow> rows = jdbc.query(presence.of(presenceId), (rs, i) -> presenceRow(rs));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Sql missionRows = Sql.of("SELECT * FROM staffing_mission WHERE ")
                .add(view.rows())
                .add(" AND presence_id = ? ORDER BY mission_id", presenceId);
        List<MissionRow> missions = jdbc.query(missionRows, (rs, i) -> missionRow(rs));
        // the presence's counted staff, read once for its missions and for itself
        CountedStaff.Counts counted = countedStaff.of(view, List.of(presenceId));
        List<MissionStaffingView> missionViews = missionViews(view, missions, on, counted);
        return Optional.of(new PresenceStaffingDetail(
                presenceViews(view, rows, on, missionViews, counted).get(0),
                missionViews,
                expulsions(view, presenceId, null, on)));
    }

    /** Named staff not departed, per group: 0 for a group whose staff all left (the group still makes a count known). */
    private static final String NOT_DEPARTED = "SUM(CASE WHEN departed THEN 0 ELSE 1 END)";

    /**
     * The presences' views; {@code missionViews} are their missions' views when the caller has them (null: read
     * here), whose ceilings the presences show beside their own, and {@code counted} their counted staff (null: read
     * here, once for the presences and their missions).
     */
    private List<PresenceStaffingView> presenceViews(
            ReadView view,
            List<PresenceRow> rows,
            LocalDate on,
            List<MissionStaffingView> missionViews,
            CountedStaff.Counts counted) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> presenceIds = rows.stream().map(PresenceRow::presenceId).toList();
        if (counted == null) {
            counted = countedStaff.of(view, presenceIds);
        }
        // each list of presences read one probe of (slot, presence_id, …) per presence (OneOf), as in missionViews
        List<MissionStaffingView> missions = missionViews;
        if (missions == null) {
            Sql missionRows = OneOf.rows(
                            Sql.of("SELECT * FROM staffing_mission WHERE ").add(view.rows()),
                            "presence_id",
                            presenceIds)
                    .add(" ORDER BY presence_id, mission_id");
            missions = missionViews(view, jdbc.query(missionRows, (rs, i) -> missionRow(rs)), on, counted);
        }
        Map<String, List<CeilingView>> missionCeilings = new HashMap<>();
        Map<String, int[]> statuses = new HashMap<>();
        for (MissionStaffingView mission : missions) {
            missionCeilings
                    .computeIfAbsent(mission.presenceId(), k -> new ArrayList<>())
                    .addAll(mission.ceilings());
            int[] count = statuses.computeIfAbsent(mission.presenceId(), k -> new int[4]);
            count[
                    switch (mission.status()) {
                        case "OPEN" -> 0;
                        case "SUSPENDED" -> 1;
                        case CLOSING -> 2;
                        default -> 3;
                    }]++;
        }

        StaffFigures figures = figures(
                view, "presence_id", presenceIds, " AND in_force AND mission_id IS NULL", CeilingRow::presenceId, on);
        Map<String, Map<String, Integer>> named = figures.named();
        Map<String, List<CeilingRow>> ceilings = figures.ceilings();
        ExpelledTally expelled = figures.expelled();

        Map<String, RelationsLevelView> relations = relations(view, rows);

        List<PresenceStaffingView> views = new ArrayList<>();
        for (PresenceRow row : rows) {
            StaffCounts namedCounts = counts(expelled.stillMembers(row.presenceId(), named.get(row.presenceId())));
            StaffCounts countedCounts = counts(counted.ofPresence(row.presenceId()));
            StaffCounts headcount = namedCounts.plus(countedCounts);
            int[] status = statuses.getOrDefault(row.presenceId(), new int[4]);
            boolean known = named.containsKey(row.presenceId()) || counted.ofPresence(row.presenceId()) != null;
            views.add(new PresenceStaffingView(
                    row.presenceId(),
                    row.sending(),
                    row.receiving(),
                    headcount,
                    namedCounts,
                    countedCounts,
                    counts(counted.presenceWide(row.presenceId())),
                    row.reported(),
                    ceilingViews(ceilings.get(row.presenceId()), headcount, known),
                    new MissionCounts(status[0], status[1], status[2], status[3]),
                    expelled.of(row.presenceId()),
                    relations.get(RelationsId.of(CountryCode.of(row.sending()), CountryCode.of(row.receiving()))),
                    known,
                    missionCeilings.getOrDefault(row.presenceId(), List.of()),
                    row.reportedSource(),
                    row.reportedCorrected(),
                    null));
        }
        return views;
    }

    /**
     * The level of relations between each presence's two states, by relations id, read from the relations
     * projection's active slot at the same {@code asOf} and {@code knownAt} as the staffing rows. The two projections
     * run in processors of their own: the relations may be at another ledger position than the staffing answer's
     * {@code X-Ledger-Position} (a reader's {@code atLeast} waits for staffing only).
     */
    private Map<String, RelationsLevelView> relations(ReadView view, List<PresenceRow> rows) {
        Optional<ProjectionHandlers.Live> live = handlers.find(RELATIONS_PROJECTION);
        if (live.isEmpty()) {
            return Map.of();
        }
        List<String> ids = rows.stream()
                .map(row -> RelationsId.of(CountryCode.of(row.sending()), CountryCode.of(row.receiving())))
                .distinct()
                .toList();
        ReadView other = view.in(RELATIONS_PROJECTION, live.get().slot().get());
        Map<String, RelationsLevelView> levels = new HashMap<>();
        jdbc.query(
                OneOf.rows(
                        Sql.of("SELECT relations_id, relations_level, level_since FROM relations_pair WHERE ")
                                .add(other.rows()),
                        "relations_id",
                        ids),
                rs -> {
                    levels.put(
                            rs.getString(1), new RelationsLevelView(rs.getString(2), rs.getObject(3, LocalDate.class)));
                });
        return levels;
    }

    /** The presence's expulsions (or those touching one mission: naming it, or expelling someone of its staff). */
    private List<MissionExpulsionView> expulsions(ReadView view, String presenceId, String missionId, LocalDate on) {
        Map<String, Integer> namedDue = new HashMap<>();
        List<String> touching = new ArrayList<>();
        jdbc.query(
                Sql.of("SELECT expulsion_id, mission_id, departed FROM staffing_person WHERE ")
                        .add(view.rows())
                        .add(" AND presence_id = ? AND expulsion_id IS NOT NULL", presenceId),
                rs -> {
                    if (missionId == null || missionId.equals(rs.getString(2))) {
                        touching.add(rs.getString(1));
                        if (!rs.getBoolean(3)) {
                            namedDue.merge(rs.getString(1), 1, Integer::sum);
                        }
                    }
                });
        List<MissionExpulsionView> views = new ArrayList<>();
        jdbc.query(
                Sql.of("SELECT * FROM staffing_expulsion WHERE ")
                        .add(view.rows())
                        .add(" AND presence_id = ? ORDER BY declared_on, expulsion_id", presenceId),
                rs -> {
                    String id = rs.getString("expulsion_id");
                    String expulsionMission = rs.getString("mission_id");
                    if (missionId != null && !missionId.equals(expulsionMission) && !touching.contains(id)) {
                        return;
                    }
                    int named = namedDue.getOrDefault(id, 0);
                    int countedDue =
                            missionId == null || missionId.equals(expulsionMission) ? rs.getInt("counted_due") : 0;
                    LocalDate deadline = rs.getObject("deadline", LocalDate.class);
                    views.add(new MissionExpulsionView(
                            id,
                            expulsionMission,
                            rs.getObject("declared_on", LocalDate.class),
                            deadline,
                            rs.getInt("named"),
                            named,
                            rs.getInt("counted"),
                            countedDue,
                            named + countedDue > 0 && deadline.isBefore(on),
                            rs.getString("answers_expulsion_id")));
                });
        return views;
    }

    /** What the rows of a list share, each by its key (a mission's or a presence's id). */
    private record StaffFigures(
            Map<String, Map<String, Integer>> named, Map<String, List<CeilingRow>> ceilings, ExpelledTally expelled) {}

    /**
     * The named staff by category, the ceilings in force ({@code ceilingFilter} narrows them) and the expelled staff
     * still due, of each of {@code ids} in the {@code key} column. Each is read one probe of (slot, key) per value
     * (OneOf): an IN list read every row of the slot on H2.
     */
    private StaffFigures figures(
            ReadView view,
            String key,
            List<String> ids,
            String ceilingFilter,
            java.util.function.Function<CeilingRow, String> ceilingKey,
            LocalDate on) {
        // every category of named staff each ever had (0 when all left): named staff make its headcount known
        Map<String, Map<String, Integer>> named = new HashMap<>();
        jdbc.query(
                OneOf.rows(
                        Sql.of("SELECT " + key + ", category, " + NOT_DEPARTED + " FROM staffing_person WHERE ")
                                .add(view.rows()),
                        key,
                        ids,
                        Sql.of(" GROUP BY " + key + ", category")),
                rs -> {
                    named.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
                });

        Map<String, List<CeilingRow>> ceilings = new HashMap<>();
        jdbc.query(
                OneOf.rows(
                                Sql.of("SELECT * FROM staffing_ceiling WHERE ")
                                        .add(view.rows())
                                        .add(ceilingFilter),
                                key,
                                ids)
                        .add(" ORDER BY since, ceiling_id"),
                rs -> {
                    CeilingRow ceiling = ceilingRow(rs);
                    ceilings.computeIfAbsent(ceilingKey.apply(ceiling), k -> new ArrayList<>())
                            .add(ceiling);
                });

        ExpelledTally expelled = new ExpelledTally(on);
        jdbc.query(
                OneOf.rows(
                        Sql.of("SELECT p." + key + ", x.deadline, p.category FROM staffing_person p "
                                        + "JOIN staffing_expulsion x ON x.slot = p.slot AND ")
                                .add(view.valid("x"))
                                .add(" AND x.presence_id = p.presence_id AND x.expulsion_id = p.expulsion_id WHERE ")
                                .add(view.rows("p"))
                                .add(" AND NOT p.departed"),
                        "p." + key,
                        ids),
                rs -> {
                    expelled.named(rs.getString(1), rs.getString(3), rs.getObject(2, LocalDate.class));
                });
        jdbc.query(
                OneOf.rows(
                        Sql.of("SELECT " + key + ", counted_due, deadline FROM staffing_expulsion WHERE ")
                                .add(view.rows())
                                .add(" AND counted_due > 0"),
                        key,
                        ids),
                rs -> {
                    expelled.counted(rs.getString(1), rs.getInt(2), rs.getObject(3, LocalDate.class));
                });
        return new StaffFigures(named, ceilings, expelled);
    }
}
