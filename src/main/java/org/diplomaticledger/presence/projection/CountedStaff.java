package org.diplomaticledger.presence.projection;

import org.diplomaticledger.projection.IndexKeys;
import org.diplomaticledger.projection.KeyVersion;
import org.diplomaticledger.projection.OneOf;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.Sql;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counted (unnamed) staff of presences at a point: the versions of their buckets ({@code staffing_bucket}: one per
 * presence, mission key and category, the mission key {@link StaffingProjection#PRESENCE_WIDE} for staff counted for
 * the whole presence) valid there, read once per answer and tallied by mission, by presence and presence-wide.
 */
final class CountedStaff {

    /** A presence's buckets, {mission key, category}, by the index on {@code (slot, presence_id, mission_key, category, …)}. */
    private static final IndexKeys BUCKET_KEYS = new IndexKeys("staffing_bucket", List.of("slot", "presence_id"),
            List.of("mission_key", "category"));

    private final JdbcTemplate jdbc;

    CountedStaff(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The counted staff of the presences valid at the snapshot's point. For one presence, the one version of each of
     * its buckets (the whole presence or one of its missions, by category) through the index, whatever the length of
     * its history ({@link Reads.Snapshot#version}); for several, their versions, one presence at a time ({@link OneOf}).
     */
    Counts of(Reads.Snapshot snapshot, List<String> presenceIds) {
        Counts counts = new Counts();
        if (presenceIds.size() != 1) {
            Sql all = OneOf.rows(Sql.of("SELECT * FROM staffing_bucket WHERE ").add(snapshot.rows()), "presence_id", presenceIds);
            jdbc.query(all.text(), rs -> {
                counts.add(rs.getString("presence_id"), rs.getString("mission_key"), rs.getString("category"), rs.getInt("staff"));
            }, all.args());
            return counts;
        }
        String presenceId = presenceIds.get(0);
        KeyVersion one = snapshot.version("staffing_bucket", "presence_id", "mission_key", "category");
        List<String> queries = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        // the buckets that ever held a version, found through the index, not by reading the versions
        for (List<String> key : BUCKET_KEYS.under(jdbc, snapshot.slotCode(), presenceId)) {
            queries.add(one.sql());
            args.addAll(List.of(one.args(presenceId, key.get(0), key.get(1))));
        }
        if (!queries.isEmpty()) {
            jdbc.query(String.join(" UNION ALL ", queries), rs -> {
                counts.add(rs.getString("presence_id"), rs.getString("mission_key"), rs.getString("category"), rs.getInt("staff"));
            }, args.toArray());
        }
        return counts;
    }

    /**
     * Counted staff by category: of each mission (by mission key), of each presence (all its buckets) and of each
     * presence as a whole (its presence-wide buckets). A mission or presence with no bucket has none (null), one whose
     * buckets hold 0 has its categories at 0: a bucket makes a count known.
     */
    static final class Counts {
        private final Map<String, Map<String, Integer>> byMission = new HashMap<>();
        private final Map<String, Map<String, Integer>> byPresence = new HashMap<>();
        private final Map<String, Map<String, Integer>> presenceWide = new HashMap<>();

        private void add(String presenceId, String missionKey, String category, int staff) {
            byMission.computeIfAbsent(missionKey, k -> new HashMap<>()).merge(category, staff, Integer::sum);
            byPresence.computeIfAbsent(presenceId, k -> new HashMap<>()).merge(category, staff, Integer::sum);
            if (missionKey.equals(StaffingProjection.PRESENCE_WIDE)) {
                presenceWide.computeIfAbsent(presenceId, k -> new HashMap<>()).merge(category, staff, Integer::sum);
            }
        }

        /** The mission's counted staff by category; null if it has no bucket. */
        Map<String, Integer> ofMission(String missionId) {
            return byMission.get(missionId);
        }

        /** The presence's counted staff by category, its missions' and its own; null if it has no bucket. */
        Map<String, Integer> ofPresence(String presenceId) {
            return byPresence.get(presenceId);
        }

        /** The staff counted for the presence as a whole, by category; null if none is. */
        Map<String, Integer> presenceWide(String presenceId) {
            return presenceWide.get(presenceId);
        }
    }
}
