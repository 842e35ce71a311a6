package org.diplomaticledger.presence.projection;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.diplomaticledger.presence.api.PresenceIds;
import org.diplomaticledger.presence.projection.StaffingViews.CeilingSpan;
import org.diplomaticledger.presence.projection.StaffingViews.HeadcountPoint;
import org.diplomaticledger.presence.projection.StaffingViews.OpenMissionsPoint;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.SlotJdbc;
import org.diplomaticledger.projection.Sql;
import org.diplomaticledger.shared.CountryCode;
import org.springframework.stereotype.Component;

/**
 * Reads the staffing projection over time, for the trends and the dashboard's charts: a presence's headcount month by
 * month, its presence-wide ceilings while in force, a state's open missions year by year. Each reads the stored
 * versions valid on the days asked about, as the ledger knew them at the view's {@code knownAt}; what a presence
 * or mission is on one day is {@link StaffingQueries}'s.
 */
@Component
public class StaffingTrends {

    private final SlotJdbc jdbc;

    public StaffingTrends(SlotJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the projection knows the presence (a trend of one it does not know is not found). */
    public boolean knowsPresence(ReadView view, String presenceId) {
        Sql presence = Sql.of("SELECT COUNT(*) FROM staffing_presence WHERE ")
                .add(view.rows())
                .add(" AND presence_id = ?", presenceId);
        Long count = jdbc.queryForObject(presence, Long.class);
        return count != null && count > 0;
    }

    /**
     * Month by month, the presence's headcount at each month's end, or on the view's {@code asOf} for the month
     * that holds it (a trend read as of a day stops there: {@code to} is no later than that month): on each such day,
     * the version of the presence valid then, as the ledger knew it at the view's {@code knownAt}.
     */
    public List<HeadcountPoint> headcountTrend(ReadView view, String presenceId, YearMonth from, YearMonth to) {
        record Version(LocalDate from, LocalDate to, int headcount) {
            boolean covers(LocalDate day) {
                return !from.isAfter(day) && (to == null || to.isAfter(day));
            }
        }
        LocalDate before = from.minusMonths(1).atEndOfMonth();
        Sql presence = Sql.of("SELECT valid_from, ")
                .add(view.validTo(null))
                .add(", headcount FROM staffing_presence WHERE ")
                .add(view.knownRows(null))
                .add(
                        " AND presence_id = ? AND valid_from <= ? AND ",
                        presenceId,
                        java.sql.Date.valueOf(to.atEndOfMonth()))
                .add(view.validAfter(null, before))
                .add(" ORDER BY valid_from");
        List<Version> versions = jdbc.query(
                presence,
                (rs, i) ->
                        new Version(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class), rs.getInt(3)));
        // Named staff expelled whose deadline passed, departure not recorded: no longer counted from the deadline on
        // (VCDR Art. 9), as in the presence's own view. The stored headcount still holds them (the fold has no event on
        // the deadline), so each point takes them out as of its own day.
        record Gone(LocalDate from, LocalDate to, LocalDate deadline) {}
        Sql expelled = Sql.of("SELECT p.valid_from, ")
                .add(view.validTo("p"))
                .add(", (SELECT MIN(x.deadline) " + "FROM staffing_expulsion x WHERE x.slot = p.slot AND ")
                .add(view.known("x"))
                .add(
                        " AND x.presence_id = p.presence_id AND x.expulsion_id = p.expulsion_id) FROM staffing_person p WHERE ")
                .add(view.knownRows("p"))
                .add(
                        " AND p.presence_id = ? AND p.expulsion_id IS NOT NULL AND NOT p.departed AND p.valid_from <= ? AND ",
                        presenceId,
                        java.sql.Date.valueOf(to.atEndOfMonth()))
                .add(view.validAfter("p", before));
        List<Gone> gone = jdbc.query(
                expelled,
                (rs, i) -> new Gone(
                        rs.getObject(1, LocalDate.class),
                        rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class)));
        java.util.function.Function<LocalDate, Integer> on = day -> versions.stream()
                        .filter(v -> v.covers(day))
                        .findFirst()
                        .map(Version::headcount)
                        .orElse(0)
                - (int) gone.stream()
                        .filter(g -> g.deadline != null
                                && g.deadline.isBefore(day)
                                && !g.from.isAfter(day)
                                && (g.to == null || g.to.isAfter(day)))
                        .count();
        List<HeadcountPoint> points = new ArrayList<>();
        int headcount = on.apply(before);
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            int previous = headcount;
            LocalDate end = endOrAsOf(month.atEndOfMonth(), view);
            headcount = on.apply(end);
            points.add(new HeadcountPoint(
                    month,
                    end,
                    PresenceIds.sendingOf(presenceId),
                    PresenceIds.receivingOf(presenceId),
                    headcount,
                    headcount - previous));
        }
        return points;
    }

    /**
     * The presence-wide ceilings in force on any day, in effective order: each stored version of a ceiling while in
     * force, as the ledger knew it at the view's {@code knownAt} (its {@code asOf} does not cut the span), for a
     * chart of the headcount against its ceilings.
     */
    public List<CeilingSpan> ceilingHistory(ReadView view, String presenceId) {
        Sql ceilings = Sql.of("SELECT ceiling_id, category, staff_limit, valid_from, ")
                .add(view.validTo(null))
                .add(" FROM staffing_ceiling WHERE ")
                .add(view.knownRows(null))
                .add(
                        " AND presence_id = ? AND mission_id IS NULL AND in_force ORDER BY valid_from, ceiling_id",
                        presenceId);
        return jdbc.query(
                ceilings,
                (rs, i) -> new CeilingSpan(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class)));
    }

    /**
     * For each year-end from {@code from} to {@code to}, per receiving state, the sending state's missions open then:
     * the version of each mission valid on that day, as the ledger knew it at the view's {@code knownAt}, is OPEN
     * or SUSPENDED. Receiving states appear from the first year-end on which one of the missions there had opened.
     */
    public List<OpenMissionsPoint> openMissionsTrend(
            ReadView view, CountryCode sending, CountryCode receiving, int from, int to) {
        Sql sql = Sql.of("SELECT mission_id, receiving_state, status, valid_from, ")
                .add(view.validTo(null))
                .add(" FROM staffing_mission WHERE ")
                .add(view.knownRows(null))
                .add(
                        " AND sending_state = ? AND valid_from <= ? AND ",
                        sending.value(),
                        java.sql.Date.valueOf(LocalDate.of(to, 12, 31)))
                .add(view.validAfter(null, LocalDate.of(from, 12, 31)));
        if (receiving != null) {
            sql.add(" AND receiving_state = ?", receiving.value());
        }
        sql.add(" ORDER BY mission_id, valid_from");
        record Version(String missionId, String receiving, String status, LocalDate from, LocalDate to) {}
        List<Version> versions = jdbc.query(
                sql,
                (rs, i) -> new Version(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class)));
        List<OpenMissionsPoint> points = new ArrayList<>();
        for (int year = from; year <= to; year++) {
            LocalDate end = endOrAsOf(LocalDate.of(year, 12, 31), view);
            Map<String, List<String>> open = new TreeMap<>();
            for (Version version : versions) {
                if (!version.from.isAfter(end) && (version.to == null || version.to.isAfter(end))) {
                    List<String> missions = open.computeIfAbsent(version.receiving, k -> new ArrayList<>());
                    if (!version.status.equals("CLOSED")) {
                        missions.add(version.missionId);
                    }
                }
            }
            for (Map.Entry<String, List<String>> entry : open.entrySet()) {
                points.add(new OpenMissionsPoint(
                        year,
                        end,
                        sending.value(),
                        entry.getKey(),
                        entry.getValue().size(),
                        entry.getValue()));
            }
        }
        return points;
    }

    /** A trend's point on {@code end}, or on the view's asOf when that comes first (the world read as of that day). */
    private static LocalDate endOrAsOf(LocalDate end, ReadView view) {
        LocalDate asOf = view.asOf();
        return asOf != null && asOf.isBefore(end) ? asOf : end;
    }
}
