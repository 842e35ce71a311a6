package org.diplomaticledger.presence.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.*;
import org.diplomaticledger.projection.ContinuedStates;
import org.diplomaticledger.projection.CorrectionMark;
import org.diplomaticledger.projection.IndexKeys;
import org.diplomaticledger.projection.KeyVersion;
import org.diplomaticledger.projection.OneOf;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.SlotJdbc;
import org.diplomaticledger.projection.Sql;
import org.diplomaticledger.projection.Where;
import org.diplomaticledger.shared.CountryCode;
import org.springframework.stereotype.Component;

/** Reads the heads-of-mission projection. */
@Component
public class HeadsOfMissionQueries {

    /**
     * Filters of the missions list; every one optional. {@code vacant} true selects the {@link Post#VACANT} posts,
     * false the {@link Post#HEADED} ones (a closed mission is neither); {@code post} selects by the post's state.
     * {@code on} is the day open vacancies are measured to.
     */
    public record MissionFilter(
            CountryCode sending,
            CountryCode receiving,
            CountryCode state,
            String missionId,
            Boolean vacant,
            Post post,
            LocalDate on) {

        /** The post states the filter asks for, each a condition the rows must all meet (none: any post). */
        List<Post> posts() {
            List<Post> posts = new ArrayList<>(2);
            if (vacant != null) {
                posts.add(vacant ? Post.VACANT : Post.HEADED);
            }
            if (post != null) {
                posts.add(post);
            }
            return posts;
        }
    }

    /** Filters of the tenures list; every one optional; {@code from}/{@code to} bound the functions-start date. */
    public record TenureFilter(
            CountryCode sending, CountryCode receiving, String personId, LocalDate from, LocalDate to) {}

    public static final Map<String, String> MISSION_SORTABLE = sortable(
            "missionId",
            "mission_id",
            "sending",
            "sending_state",
            "receiving",
            "receiving_state",
            "since",
            "current_since",
            "name",
            "current_name");
    public static final String MISSION_DEFAULT_SORT = "mission_id";
    public static final Map<String, String> TENURE_SORTABLE = sortable(
            "missionId",
            "mission_id",
            "personId",
            "person_id",
            "name",
            "name",
            "appointedOn",
            "appointed_on",
            "functionsStartedOn",
            "functions_started_on",
            "endedOn",
            "ended_on",
            "sending",
            "sending_state",
            "receiving",
            "receiving_state");
    public static final String TENURE_DEFAULT_SORT = "mission_id, tenure_no";

    /** The missions of one sending state that ever had a post, by the index on {@code (slot, sending_state, mission_id)}. */
    private static final IndexKeys SENDING_MISSIONS =
            new IndexKeys("heads_of_mission_post", List.of("slot", "sending_state"), List.of("mission_id"));

    private final SlotJdbc jdbc;

    public HeadsOfMissionQueries(SlotJdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Page<MissionHeadView> missions(ReadView view, MissionFilter filter, PageQuery page) {
        Where where = Where.slotOf(view)
                .equal("sending_state", filter.sending())
                .equal("receiving_state", filter.receiving())
                .either("sending_state", "receiving_state", filter.state())
                .equal("mission_id", filter.missionId());
        for (Post post : filter.posts()) {
            where.and(true, postIs("", post), postValues(post));
        }
        List<String> missions = missionsOf(view, filter);
        if (missions != null) {
            // Each mission's post at the point in a few index probes ({@link ReadView#version}), with its head's
            // correction mark and the vacant and post filters in each probe (the probes already hold the mission
            // filters), and
            // the page taken over their union as it stands: H2 parses a derived table again for every plan it weighs,
            // which cost more than the read (and out of memory at 512 MB, nested).
            if (missions.isEmpty()) {
                return new Page<>(List.of(), page.page(), page.size(), 0, view.position());
            }
            KeyVersion post = view.versionOf(
                    "heads_of_mission_post", Sql.of("v.*, ").add(headCorrection(view, "v")), "mission_id");
            List<Sql> each = new ArrayList<>();
            for (String mission : missions) {
                Sql one = post.of(mission);
                for (Post state : filter.posts()) {
                    one.add(" AND " + postIs("v.", state), postValues(state));
                }
                each.add(one);
            }
            // one state's missions are few: all of them in the page's order, the page cut here (one query, not two)
            List<MissionHeadView> all =
                    jdbc.query(Sql.unionAll(each).add(page.orderSql()), (rs, i) -> mission(rs, filter.on()));
            return new Page<>(page.of(all), page.page(), page.size(), all.size(), view.position());
        }
        Long total = jdbc.queryForObject(where.select("SELECT COUNT(*) FROM heads_of_mission_post"), Long.class);
        Sql items = posts(view).add(where.select("")).add(page.sql());
        List<MissionHeadView> found = jdbc.query(items, (rs, i) -> mission(rs, filter.on()));
        return new Page<>(found, page.page(), page.size(), total == null ? 0 : total, view.position());
    }

    /**
     * The condition on a post's columns (named with {@code prefix}) that holds when the post is in this state, as
     * {@link Post#of} derives it; its values are {@link #postValues}.
     */
    private static String postIs(String prefix, Post post) {
        return switch (post) {
            case HEADED -> "(" + prefix + "vacant = ? AND " + prefix + "mission_status <> ?)";
            case VACANT -> "(" + prefix + "vacant = ? AND " + prefix + "mission_status <> ?)";
            case CLOSED -> prefix + "mission_status = ?";
        };
    }

    private static Object[] postValues(Post post) {
        return switch (post) {
            case HEADED -> new Object[] {false, "CLOSED"};
            case VACANT -> new Object[] {true, "CLOSED"};
            case CLOSED -> new Object[] {"CLOSED"};
        };
    }

    /**
     * The missions a filter of one mission or of one sending state alone (besides vacant and post) can only name, each found by one probe of
     * the index on {@code (slot, sending_state, mission_id)} after the one before: one probe per mission, not a read
     * of every version of their posts. Null for other filters, which read the posts' versions.
     */
    private List<String> missionsOf(ReadView view, MissionFilter filter) {
        if (filter.missionId() != null) {
            return filter.sending() == null && filter.receiving() == null && filter.state() == null
                    ? List.of(filter.missionId())
                    : null;
        }
        if (filter.sending() == null || filter.receiving() != null || filter.state() != null) {
            return null;
        }
        return SENDING_MISSIONS.under(jdbc, view, filter.sending().value()).stream()
                .map(key -> key.get(0))
                .toList();
    }

    /**
     * The posts with the correction mark of their head's tenure ({@code head_correction}), as a derived table whose
     * columns the filters name unqualified, as over the post table.
     */
    private static Sql posts(ReadView view) {
        return Sql.of("SELECT * FROM (SELECT p.*, ")
                .add(headCorrection(view, "p"))
                .add(" FROM heads_of_mission_post p) heads_of_mission_post");
    }

    /** The correction mark of the tenure of the head of the post {@code alias}, as the column {@code head_correction}. */
    private static Sql headCorrection(ReadView view, String alias) {
        return Sql.of("(SELECT t.correction FROM heads_of_mission_tenure t WHERE t.slot = " + alias + ".slot AND ")
                .add(view.valid("t"))
                .add(" AND t.mission_id = " + alias + ".mission_id AND t.tenure_no = " + alias
                        + ".head_tenure_no) AS head_correction");
    }

    public Optional<MissionHeadsDetail> mission(ReadView view, String missionId, LocalDate on) {
        Sql post = posts(view).add(" WHERE ").add(view.rows()).add(" AND mission_id = ?", missionId);
        List<MissionHeadView> found = jdbc.query(post, (rs, i) -> mission(rs, on));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<TenureView> tenures = tenures(
                view, Sql.of(" WHERE ").add(view.rows()).add(" AND mission_id = ?", missionId), " ORDER BY tenure_no");
        List<ChargeView> charges = new ArrayList<>();
        Map<Integer, List<ChargeView>> chargesByVacancy = new HashMap<>();
        Sql chargeRows = Sql.of("SELECT * FROM heads_of_mission_charge WHERE ")
                .add(view.rows())
                .add(" AND mission_id = ? ORDER BY seq", missionId);
        jdbc.query(chargeRows, rs -> {
            ChargeView charge = new ChargeView(
                    rs.getInt("seq"),
                    rs.getString("person_id"),
                    rs.getString("name"),
                    rs.getString("charge_rank"),
                    rs.getString("acting_for_person_id"),
                    rs.getObject("from_date", LocalDate.class),
                    rs.getObject("to_date", LocalDate.class),
                    rs.getString("ended_by"),
                    rs.getString("ended_by_person_id"));
            charges.add(charge);
            Integer vacancy = (Integer) rs.getObject("vacancy_seq");
            if (vacancy != null) {
                chargesByVacancy
                        .computeIfAbsent(vacancy, k -> new ArrayList<>())
                        .add(charge);
            }
        });
        Sql vacancyRows = Sql.of("SELECT * FROM heads_of_mission_vacancy WHERE ")
                .add(view.rows())
                .add(" AND mission_id = ? ORDER BY seq", missionId);
        List<VacancyView> vacancies = jdbc.query(vacancyRows, (rs, i) -> {
            LocalDate from = rs.getObject("from_date", LocalDate.class);
            LocalDate to = rs.getObject("to_date", LocalDate.class);
            int seq = rs.getInt("seq");
            return new VacancyView(
                    seq,
                    from,
                    to,
                    to == null,
                    ChronoUnit.DAYS.between(from, to == null ? on : to),
                    rs.getString("after_person_id"),
                    rs.getString("after_name"),
                    rs.getString("next_person_id"),
                    rs.getString("next_name"),
                    rs.getString("ended_by"),
                    chargesByVacancy.getOrDefault(seq, List.of()));
        });
        return Optional.of(new MissionHeadsDetail(found.get(0), tenures, charges, vacancies));
    }

    /**
     * The day a tenure is placed on across continuations (docs/states.md#succession): the day its head took up
     * functions, else was appointed, else the agrément was asked for, granted or refused.
     */
    private static final String TENURE_DAY = "COALESCE(functions_started_on, appointed_on, agrement_requested_on, "
            + "agrement_granted_on, agrement_refused_on)";

    public Page<TenureView> tenures(ReadView view, TenureFilter filter, PageQuery page) {
        return tenures(view, filter, null, null, page);
    }

    /**
     * The tenures, with the sending and receiving states matched across their continuations ({@code sending},
     * {@code receiving}; null for the plain match): a tenure begun before a continuation is matched against the
     * predecessor (the rows are not marked here: see {@link SuccessorReads#tenures}).
     */
    public Page<TenureView> tenures(
            ReadView view, TenureFilter filter, ContinuedStates sending, ContinuedStates receiving, PageQuery page) {
        Where where = Where.slotOf(view);
        state(where, "sending_state", filter.sending(), sending);
        state(where, "receiving_state", filter.receiving(), receiving);
        where.equal("person_id", filter.personId())
                .and(filter.from() != null, "functions_started_on >= ?", filter.from())
                .and(filter.to() != null, "functions_started_on <= ?", filter.to());
        Long total = jdbc.queryForObject(where.select("SELECT COUNT(*) FROM heads_of_mission_tenure"), Long.class);
        List<TenureView> items = tenures(view, where.select(""), page.sql());
        return new Page<>(items, page.page(), page.size(), total == null ? 0 : total, view.position());
    }

    /** {@code column} names {@code state}, or the code answering for it on the tenure's day when it continued one. */
    private static void state(Where where, String column, CountryCode state, ContinuedStates continued) {
        if (continued != null && continued.continues()) {
            Sql on = continued.on(column, TENURE_DAY);
            where.and(true, on.text(), on.args());
        } else {
            where.equal(column, state);
        }
    }

    private List<TenureView> tenures(ReadView view, Sql where, String tail) {
        Sql select = Sql.of("SELECT * FROM heads_of_mission_tenure").add(where).add(tail);
        List<TenureView> tenures = jdbc.query(select, (rs, i) -> tenure(rs));
        if (tenures.isEmpty()) {
            return tenures;
        }
        Map<String, List<RecallView>> recalls = new HashMap<>();
        List<String> missions =
                tenures.stream().map(TenureView::missionId).distinct().toList();
        // one probe of (slot, mission_id, …) per mission, not an IN list H2 reads the whole slot for
        Sql recallRows = OneOf.rows(
                        Sql.of("SELECT * FROM heads_of_mission_recall WHERE ").add(view.rows()), "mission_id", missions)
                .add(" ORDER BY mission_id, tenure_no, seq");
        jdbc.query(recallRows, rs -> {
            recalls.computeIfAbsent(rs.getString("mission_id") + "#" + rs.getInt("tenure_no"), k -> new ArrayList<>())
                    .add(new RecallView(
                            rs.getString("kind"),
                            rs.getObject("recalled_on", LocalDate.class),
                            rs.getString("reason"),
                            rs.getObject("returned_on", LocalDate.class)));
        });
        List<TenureView> result = new ArrayList<>(tenures.size());
        for (TenureView t : tenures) {
            result.add(new TenureView(
                    t.missionId(),
                    t.tenureNo(),
                    t.sendingState(),
                    t.receivingState(),
                    t.personId(),
                    t.name(),
                    t.headClass(),
                    t.status(),
                    t.agrement(),
                    t.agrementRequestedOn(),
                    t.agrementGrantedOn(),
                    t.agrementRefusedOn(),
                    t.requestReported(),
                    t.agrementReported(),
                    t.appointedOn(),
                    t.appointmentReported(),
                    t.copyPresentedOn(),
                    t.credentialsPresentedOn(),
                    t.functionsStartedOn(),
                    recalls.getOrDefault(t.missionId() + "#" + t.tenureNo(), List.of()),
                    t.endedOn(),
                    t.endedHow(),
                    t.endReason(),
                    t.successorPersonId(),
                    t.corrected(),
                    t.stateAsThen()));
        }
        return result;
    }

    private static TenureView tenure(ResultSet rs) throws SQLException {
        String agrement = rs.getString("agrement");
        LocalDate functions = rs.getObject("functions_started_on", LocalDate.class);
        String recall = rs.getString("recall_kind");
        String status;
        if (rs.getBoolean("ended")) {
            status = "ENDED";
        } else if (functions != null) {
            status = recall == null ? "IN_OFFICE" : "RECALLED_" + recall;
        } else if (agrement.equals("REFUSED")) {
            status = "AGREMENT_REFUSED";
        } else if (rs.getObject("appointed_on") != null) {
            status = recall == null ? "APPOINTED" : "RECALLED_" + recall;
        } else {
            status = "AGREMENT_" + agrement;
        }
        return new TenureView(
                rs.getString("mission_id"),
                rs.getInt("tenure_no"),
                rs.getString("sending_state"),
                rs.getString("receiving_state"),
                rs.getString("person_id"),
                rs.getString("name"),
                rs.getString("head_class"),
                status,
                agrement,
                rs.getObject("agrement_requested_on", LocalDate.class),
                rs.getObject("agrement_granted_on", LocalDate.class),
                rs.getObject("agrement_refused_on", LocalDate.class),
                (Boolean) rs.getObject("request_reported"),
                (Boolean) rs.getObject("agrement_reported"),
                rs.getObject("appointed_on", LocalDate.class),
                (Boolean) rs.getObject("appointment_reported"),
                rs.getObject("copy_presented_on", LocalDate.class),
                rs.getObject("credentials_presented_on", LocalDate.class),
                functions,
                List.of(),
                rs.getObject("ended_on", LocalDate.class),
                rs.getString("ended_how"),
                rs.getString("end_reason"),
                rs.getString("successor_person_id"),
                CorrectionMark.parse(rs.getString("correction")),
                null);
    }

    private static MissionHeadView mission(ResultSet rs, LocalDate on) throws SQLException {
        String personId = rs.getString("current_person_id");
        CurrentHead current = personId == null
                ? null
                : new CurrentHead(
                        personId,
                        rs.getString("current_name"),
                        rs.getString("current_class"),
                        rs.getObject("current_since", LocalDate.class),
                        rs.getString("current_status"));
        LocalDate vacantSince = rs.getObject("vacant_since", LocalDate.class);
        return new MissionHeadView(
                rs.getString("mission_id"),
                rs.getString("sending_state"),
                rs.getString("receiving_state"),
                rs.getString("kind"),
                rs.getString("city"),
                rs.getString("organisation"),
                rs.getString("mission_name"),
                rs.getString("mission_status"),
                rs.getObject("mission_status_since", LocalDate.class),
                current,
                rs.getString("acting_for_person_id"),
                Post.of(rs.getString("mission_status"), rs.getBoolean("vacant")),
                rs.getBoolean("vacant"),
                vacantSince,
                vacantSince == null ? null : ChronoUnit.DAYS.between(vacantSince, on),
                rs.getObject("last_recorded_at", OffsetDateTime.class).toInstant(),
                current == null || "ACTING".equals(current.status())
                        ? null
                        : CorrectionMark.parse(rs.getString("head_correction")));
    }

    private static Map<String, String> sortable(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
