package org.diplomaticledger.presence.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.projection.IndexKeys;
import org.diplomaticledger.projection.KeyVersion;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.SlotJdbc;
import org.diplomaticledger.projection.Sql;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The counted (unnamed) staff of presences at a point: the versions of their buckets ({@code staffing_bucket}: one per
 * presence, mission key and category, the mission key {@link StaffingProjection#PRESENCE_WIDE} for staff counted for
 * the whole presence) valid there, read once per answer and tallied by mission, by presence and presence-wide.
 */
final class CountedStaff {

    /** A presence's buckets, {mission key, category}, by the index on {@code (slot, presence_id, mission_key, category, …)}. */
    private static final IndexKeys BUCKET_KEYS =
            new IndexKeys("staffing_bucket", List.of("slot", "presence_id"), List.of("mission_key", "category"));

    private final SlotJdbc jdbc;

    CountedStaff(SlotJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The counted staff of the presences valid at the view's point: the one version of each of their buckets (the
     * whole presence or one of its missions, by category) through the index, whatever the length of its history
     * ({@link ReadView#version}), each bucket found in the index rather than by reading versions
     * ({@link IndexKeys}). One presence's buckets are read in one union; several presences' bucket by bucket with one
     * prepared statement, whose plan H2 keeps (it keeps no union's, and a list of presences has hundreds of buckets).
     * Reading their versions instead read every version of every bucket: seven seconds for a list of 50 presences at a
     * million events.
     */
    Counts of(ReadView view, List<String> presenceIds) {
        Counts counts = new Counts();
        KeyVersion one = view.version("staffing_bucket", "presence_id", "mission_key", "category");
        RowCallbackHandler add = rs -> counts.add(
                rs.getString("presence_id"), rs.getString("mission_key"), rs.getString("category"), rs.getInt("staff"));
        if (presenceIds.size() == 1) {
            String presenceId = presenceIds.get(0);
            List<Sql> queries = new ArrayList<>();
            for (List<String> key : BUCKET_KEYS.under(jdbc, view, presenceId)) {
                queries.add(one.of(presenceId, key.get(0), key.get(1)));
            }
            if (!queries.isEmpty()) {
                jdbc.query(Sql.unionAll(queries), add);
            }
            return counts;
        }
        List<List<String>> buckets = new ArrayList<>();
        for (String presenceId : presenceIds) {
            for (List<String> key : BUCKET_KEYS.under(jdbc, view, presenceId)) {
                buckets.add(List.of(presenceId, key.get(0), key.get(1)));
            }
        }
        jdbc.each(one, buckets, add);
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
