package org.diplomaticledger.presence.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.presence.projection.StaffingViews.CeilingView;
import org.diplomaticledger.presence.projection.StaffingViews.ReportedHeadcount;
import org.diplomaticledger.presence.projection.StaffingViews.StaffCounts;
import org.diplomaticledger.projection.CorrectionMark;
import org.diplomaticledger.shared.Provenance;

/**
 * The stored rows of the staffing projection's missions, presences and ceilings as {@link StaffingQueries} reads
 * them, and what a view makes of one row alone: the status a mission shows on a day, ceilings against a headcount,
 * staff counts by category.
 */
final class StaffingRows {

    private StaffingRows() {}

    record MissionRow(
            String missionId,
            String presenceId,
            String sending,
            String receiving,
            String kind,
            String city,
            String organisation,
            String name,
            String status,
            LocalDate statusSince,
            LocalDate leaveBy,
            ReportedHeadcount reported,
            Provenance reportedSource,
            CorrectionMark reportedCorrected) {}

    record PresenceRow(
            String presenceId,
            String sending,
            String receiving,
            ReportedHeadcount reported,
            Provenance reportedSource,
            CorrectionMark reportedCorrected) {}

    record CeilingRow(
            String ceilingId,
            String presenceId,
            String missionId,
            String category,
            int limit,
            LocalDate since,
            LocalDate complyBy,
            String reason) {}

    static MissionRow missionRow(ResultSet rs) throws SQLException {
        return new MissionRow(
                rs.getString("mission_id"),
                rs.getString("presence_id"),
                rs.getString("sending_state"),
                rs.getString("receiving_state"),
                rs.getString("kind"),
                rs.getString("city"),
                rs.getString("organisation"),
                rs.getString("name"),
                rs.getString("status"),
                rs.getObject("status_since", LocalDate.class),
                rs.getObject("leave_by", LocalDate.class),
                reported(rs),
                reportedSource(rs),
                CorrectionMark.parse(rs.getString("reported_correction")));
    }

    static PresenceRow presenceRow(ResultSet rs) throws SQLException {
        return new PresenceRow(
                rs.getString("presence_id"),
                rs.getString("sending_state"),
                rs.getString("receiving_state"),
                reported(rs),
                reportedSource(rs),
                CorrectionMark.parse(rs.getString("reported_correction")));
    }

    /** The source of the reported headcount, as corrected; null when none is reported. */
    private static Provenance reportedSource(ResultSet rs) throws SQLException {
        String text = rs.getString("reported_source");
        return text == null ? null : new Provenance(text, rs.getString("reported_source_url"));
    }

    private static ReportedHeadcount reported(ResultSet rs) throws SQLException {
        LocalDate on = rs.getObject("reported_on", LocalDate.class);
        return on == null
                ? null
                : new ReportedHeadcount(rs.getInt("reported_headcount"), rs.getString("reported_category"), on);
    }

    static CeilingRow ceilingRow(ResultSet rs) throws SQLException {
        return new CeilingRow(
                rs.getString("ceiling_id"),
                rs.getString("presence_id"),
                rs.getString("mission_id"),
                rs.getString("category"),
                rs.getInt("staff_limit"),
                rs.getObject("since", LocalDate.class),
                rs.getObject("comply_by", LocalDate.class),
                rs.getString("reason"));
    }

    static List<CeilingView> ceilingViews(List<CeilingRow> rows, StaffCounts headcount, boolean known) {
        if (rows == null) {
            return List.of();
        }
        List<CeilingView> views = new ArrayList<>();
        for (CeilingRow row : rows) {
            int staff = headcount.of(row.category);
            views.add(new CeilingView(
                    row.ceilingId,
                    row.missionId,
                    row.category,
                    row.limit,
                    row.since,
                    row.complyBy,
                    known ? staff : null,
                    known && staff <= row.limit ? row.limit - staff : null,
                    known && staff > row.limit ? staff - row.limit : null,
                    row.reason,
                    known));
        }
        return views;
    }

    /** The status a mission view shows: a closure with a deadline to leave reads CLOSING until that day. */
    static final String CLOSING = "CLOSING";

    static String status(String stored, LocalDate leaveBy, LocalDate on) {
        return "CLOSED".equals(stored) && leaveBy != null && on.isBefore(leaveBy) ? CLOSING : stored;
    }

    static StaffCounts counts(Map<String, Integer> byCategory) {
        if (byCategory == null) {
            return StaffCounts.NONE;
        }
        int diplomatic = byCategory.getOrDefault("DIPLOMATIC", 0);
        int technical = byCategory.getOrDefault("ADMINISTRATIVE_TECHNICAL", 0);
        int service = byCategory.getOrDefault("SERVICE", 0);
        int localHire = byCategory.getOrDefault("LOCAL_HIRE", 0);
        int unspecified = byCategory.getOrDefault("UNSPECIFIED", 0);
        return new StaffCounts(
                diplomatic + technical + service + localHire + unspecified,
                diplomatic,
                technical,
                service,
                localHire,
                unspecified);
    }
}
