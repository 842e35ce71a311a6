package org.diplomaticledger.presence.projection;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.diplomaticledger.presence.api.*;
import org.diplomaticledger.projection.Projection;
import org.diplomaticledger.projection.SlotRef;
import org.diplomaticledger.projection.VersionedTable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Staffing: every mission's and presence's named and counted staff by category, the reported base, the ceilings in
 * force, the expulsions still due, and per event the presence's headcount change and each mission's status change,
 * from the presence events alone.
 *
 * <p>Counted staff follow the write side's buckets (a mission or the whole presence, a category or UNSPECIFIED):
 * a report sets its bucket to what the others in its scope do not account for; arrivals go to their own bucket;
 * departures leave from the mission's category bucket, the mission's UNSPECIFIED, the presence-wide category bucket,
 * then the presence-wide UNSPECIFIED, never below zero.
 */
@Component
public class StaffingProjection implements Projection {

    public static final String NAME = "staffing";
    /** The bucket key of the presence as a whole. */
    static final String PRESENCE_WIDE = "";

    private final JdbcTemplate jdbc;

    public StaffingProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<VersionedTable> versionedTables() {
        return List.of(VersionedTable.of("staffing_presence", "presence_id", "presence_id"),
                VersionedTable.of("staffing_mission", "presence_id", "mission_id"),
                VersionedTable.of("staffing_person", "presence_id", "presence_id", "person_id", "tenure"),
                VersionedTable.of("staffing_bucket", "presence_id", "presence_id", "mission_key", "category"),
                VersionedTable.of("staffing_ceiling", "presence_id", "presence_id", "ceiling_id"),
                VersionedTable.of("staffing_expulsion", "presence_id", "presence_id", "expulsion_id"));
    }

    @Override
    public Object handler(SlotRef slot) {
        return new Handler(slot);
    }

    final class Handler {
        private final SlotRef slot;

        Handler(SlotRef slot) {
            this.slot = slot;
        }

        // ------------------------------------------------------------ missions

        @EventHandler
        void on(MissionOpened e, @Timestamp Instant recorded) {
            presence(e.presenceId(), recorded);
            int updated = jdbc.update("UPDATE staffing_mission SET kind = ?, city = ?, organisation = ?, name = ?, status = 'OPEN', "
                            + "status_since = ?, last_recorded_at = ? WHERE slot = ? AND mission_id = ?",
                    e.kind().name(), e.city(), e.organisation(), e.name(), Date.valueOf(e.effectiveDate()), at(recorded),
                    slot.code(), e.missionId());
            // a reopened mission keeps its staff: the write side does not clear them on closure either
            if (updated == 0) {
                jdbc.update("INSERT INTO staffing_mission (slot, mission_id, presence_id, sending_state, receiving_state, kind, "
                                + "city, organisation, name, status, status_since, headcount, last_recorded_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, 0, ?)",
                        slot.code(), e.missionId(), e.presenceId(), e.sendingState().value(), e.receivingState().value(),
                        e.kind().name(), e.city(), e.organisation(), e.name(), Date.valueOf(e.effectiveDate()), at(recorded));
            }
        }

        @EventHandler
        void on(MissionSuspended e, @Timestamp Instant recorded) {
            status(e.missionId(), "SUSPENDED", e.effectiveDate(), recorded);
        }

        @EventHandler
        void on(MissionResumed e, @Timestamp Instant recorded) {
            status(e.missionId(), "OPEN", e.effectiveDate(), recorded);
        }

        @EventHandler
        void on(MissionClosed e, @Timestamp Instant recorded) {
            status(e.missionId(), "CLOSED", e.effectiveDate(), recorded);
            // the write side takes a closed mission's ceilings out of force
            jdbc.update("UPDATE staffing_ceiling SET in_force = FALSE, ended_on = ?, ended_by = 'MISSION_CLOSED' "
                            + "WHERE slot = ? AND presence_id = ? AND mission_id = ? AND in_force",
                    Date.valueOf(e.effectiveDate()), slot.code(), e.presenceId(), e.missionId());
        }

        // ------------------------------------------------------------ named staff

        @EventHandler
        void on(DiplomatAccredited e, @Timestamp Instant recorded) {
            Integer tenure = jdbc.queryForObject("SELECT COALESCE(MAX(tenure), 0) + 1 FROM staffing_person WHERE slot = ? "
                    + "AND presence_id = ? AND person_id = ?", Integer.class, slot.code(), e.presenceId(), e.personId());
            jdbc.update("INSERT INTO staffing_person (slot, presence_id, person_id, tenure, mission_id, name, person_rank, "
                            + "category, accredited_on, departed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)",
                    slot.code(), e.presenceId(), e.personId(), tenure, e.missionId(), e.name(), e.rank(),
                    e.category().name(), Date.valueOf(e.effectiveDate()));
            refresh(e.presenceId(), recorded);
        }

        @EventHandler
        void on(DiplomatDeparted e, @Timestamp Instant recorded) {
            jdbc.update("UPDATE staffing_person SET departed = TRUE, departed_on = ? WHERE slot = ? AND presence_id = ? "
                            + "AND person_id = ? AND NOT departed",
                    Date.valueOf(e.effectiveDate()), slot.code(), e.presenceId(), e.personId());
            refresh(e.presenceId(), recorded);
        }

        // ------------------------------------------------------------ counted staff

        @EventHandler
        void on(StaffCountReported e, @Timestamp Instant recorded) {
            presence(e.presenceId(), recorded);
            Staff staff = staff(e.presenceId());
            String key = key(e.missionId());
            String category = e.category().name();
            int before = staff.bucket(key, category);
            int others = staff.headcount(e.missionId(), e.category() == StaffCategory.UNSPECIFIED ? null : category) - before;
            int after = Math.max(0, e.headcount() - others);
            setBucket(e.presenceId(), key, category, after);
            if (e.missionId() != null && after > before) {
                // the staff the mission now accounts for come out of the presence-wide unattributed count
                int remaining = after - before;
                List<String> pools = new ArrayList<>(List.of(category));
                if (e.category() != StaffCategory.UNSPECIFIED) {
                    pools.add(StaffCategory.UNSPECIFIED.name());
                }
                for (String pool : pools) {
                    int held = staff.bucket(PRESENCE_WIDE, pool);
                    int taken = Math.min(held, remaining);
                    if (taken > 0) {
                        setBucket(e.presenceId(), PRESENCE_WIDE, pool, held - taken);
                        remaining -= taken;
                    }
                }
            }
            String table = e.missionId() == null ? "staffing_presence" : "staffing_mission";
            String id = e.missionId() == null ? "presence_id" : "mission_id";
            // the latest report by effective date is the base shown; a report of an earlier date recorded later is not
            jdbc.update("UPDATE " + table + " SET reported_headcount = ?, reported_category = ?, reported_on = ? "
                            + "WHERE slot = ? AND " + id + " = ? AND (reported_on IS NULL OR reported_on <= ?)",
                    e.headcount(), category, Date.valueOf(e.effectiveDate()), slot.code(),
                    e.missionId() == null ? e.presenceId() : e.missionId(), Date.valueOf(e.effectiveDate()));
            refresh(e.presenceId(), recorded);
        }

        @EventHandler
        void on(StaffCountChanged e, @Timestamp Instant recorded) {
            presence(e.presenceId(), recorded);
            addCounted(e.presenceId(), e.missionId(), e.category(), e.change());
            refresh(e.presenceId(), recorded);
        }

        @EventHandler
        void on(CountedStaffDeparted e, @Timestamp Instant recorded) {
            addCounted(e.presenceId(), e.missionId(), e.category(), -e.count());
            if (e.expulsionId() != null) {
                jdbc.update("UPDATE staffing_expulsion SET counted_due = GREATEST(0, counted_due - ?) WHERE slot = ? "
                        + "AND presence_id = ? AND expulsion_id = ?", e.count(), slot.code(), e.presenceId(), e.expulsionId());
            }
            refresh(e.presenceId(), recorded);
        }

        // ------------------------------------------------------------ expulsions and ceilings

        @EventHandler
        void on(DiplomatExpelled e, @Timestamp Instant recorded) {
            presence(e.presenceId(), recorded);
            int counted = e.count() == null ? 0 : e.count();
            jdbc.update("INSERT INTO staffing_expulsion (slot, presence_id, expulsion_id, mission_id, category, counted, "
                            + "counted_due, named, deadline, declared_on, answers_expulsion_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    slot.code(), e.presenceId(), e.expulsionId(), e.missionId(),
                    e.category() == null ? null : e.category().name(), counted, counted, e.persons().size(),
                    Date.valueOf(e.departureDeadline()), Date.valueOf(e.effectiveDate()), e.answersExpulsionId());
            for (ExpelledPerson person : e.persons()) {
                jdbc.update("UPDATE staffing_person SET expulsion_id = ? WHERE slot = ? AND presence_id = ? AND person_id = ? "
                        + "AND NOT departed", e.expulsionId(), slot.code(), e.presenceId(), person.personId());
            }
        }

        @EventHandler
        void on(StaffCeilingImposed e, @Timestamp Instant recorded) {
            presence(e.presenceId(), recorded);
            if (e.replacesCeilingId() != null) {
                jdbc.update("UPDATE staffing_ceiling SET in_force = FALSE, ended_on = ?, ended_by = 'REPLACED' WHERE slot = ? "
                                + "AND presence_id = ? AND ceiling_id = ?",
                        Date.valueOf(e.effectiveDate()), slot.code(), e.presenceId(), e.replacesCeilingId());
            }
            jdbc.update("INSERT INTO staffing_ceiling (slot, presence_id, ceiling_id, mission_id, category, staff_limit, since, "
                            + "comply_by, headcount_at_imposition, reason, in_force) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE)",
                    slot.code(), e.presenceId(), e.ceilingId(), e.missionId(),
                    e.category() == null ? null : e.category().name(), e.limit(), Date.valueOf(e.effectiveDate()),
                    e.complyBy() == null ? null : Date.valueOf(e.complyBy()), e.headcountAtImposition(), e.reason());
        }

        @EventHandler
        void on(StaffCeilingLifted e) {
            jdbc.update("UPDATE staffing_ceiling SET in_force = FALSE, ended_on = ?, ended_by = 'LIFTED' WHERE slot = ? "
                    + "AND presence_id = ? AND ceiling_id = ?", Date.valueOf(e.effectiveDate()), slot.code(), e.presenceId(), e.ceilingId());
        }

        // ------------------------------------------------------------ helpers

        /** The presence's row, created on its first event. */
        private void presence(String presenceId, Instant recorded) {
            int updated = jdbc.update("UPDATE staffing_presence SET last_recorded_at = ? WHERE slot = ? AND presence_id = ?",
                    at(recorded), slot.code(), presenceId);
            if (updated == 0) {
                jdbc.update("INSERT INTO staffing_presence (slot, presence_id, sending_state, receiving_state, headcount, "
                                + "last_recorded_at) VALUES (?, ?, ?, ?, 0, ?)", slot.code(), presenceId,
                        presenceId.substring(0, 2), presenceId.substring(3, 5), at(recorded));
            }
        }

        private void status(String missionId, String status, LocalDate since, Instant recorded) {
            jdbc.update("UPDATE staffing_mission SET status = ?, status_since = ?, last_recorded_at = ? WHERE slot = ? "
                    + "AND mission_id = ?", status, Date.valueOf(since), at(recorded), slot.code(), missionId);
        }

        /** Arrivals to their own bucket; departures from the first buckets that hold staff, none below zero. */
        private void addCounted(String presenceId, String missionId, StaffCategory category, int change) {
            Staff staff = staff(presenceId);
            String own = key(missionId);
            if (change >= 0) {
                setBucket(presenceId, own, category.name(), staff.bucket(own, category.name()) + change);
                return;
            }
            List<String[]> order = new ArrayList<>();
            order.add(new String[] {own, category.name()});
            if (category != StaffCategory.UNSPECIFIED) {
                order.add(new String[] {own, StaffCategory.UNSPECIFIED.name()});
            }
            if (missionId != null) {
                order.add(new String[] {PRESENCE_WIDE, category.name()});
                if (category != StaffCategory.UNSPECIFIED) {
                    order.add(new String[] {PRESENCE_WIDE, StaffCategory.UNSPECIFIED.name()});
                }
            }
            int remaining = -change;
            for (String[] bucket : order) {
                int held = staff.bucket(bucket[0], bucket[1]);
                int taken = Math.min(held, remaining);
                if (taken > 0) {
                    setBucket(presenceId, bucket[0], bucket[1], held - taken);
                    remaining -= taken;
                }
                if (remaining == 0) {
                    return;
                }
            }
        }

        private void setBucket(String presenceId, String missionKey, String category, int staff) {
            int updated = jdbc.update("UPDATE staffing_bucket SET staff = ? WHERE slot = ? AND presence_id = ? AND mission_key = ? "
                    + "AND category = ?", staff, slot.code(), presenceId, missionKey, category);
            if (updated == 0) {
                jdbc.update("INSERT INTO staffing_bucket (slot, presence_id, mission_key, category, staff) VALUES (?, ?, ?, ?, ?)",
                        slot.code(), presenceId, missionKey, category, staff);
            }
        }

        /**
         * Recomputes the headcount of each of the presence's missions and of the presence. The trends read these
         * headcounts' versions, one per effective date on which they changed.
         */
        private void refresh(String presenceId, Instant recorded) {
            Staff staff = staff(presenceId);
            List<String> missions = jdbc.queryForList("SELECT mission_id FROM staffing_mission WHERE slot = ? AND presence_id = ?",
                    String.class, slot.code(), presenceId);
            for (String missionId : missions) {
                jdbc.update("UPDATE staffing_mission SET headcount = ? WHERE slot = ? AND mission_id = ?",
                        staff.headcount(missionId, null), slot.code(), missionId);
            }
            jdbc.update("UPDATE staffing_presence SET headcount = ?, last_recorded_at = ? WHERE slot = ? AND presence_id = ?",
                    staff.headcount(null, null), at(recorded), slot.code(), presenceId);
        }

        /** The presence's staff on the staff now (named, not departed) and its counted buckets, from this slot's rows. */
        private Staff staff(String presenceId) {
            Staff staff = new Staff();
            jdbc.query("SELECT mission_id, category FROM staffing_person WHERE slot = ? AND presence_id = ? AND NOT departed",
                    rs -> {
                        staff.named.add(new String[] {rs.getString(1), rs.getString(2)});
                    }, slot.code(), presenceId);
            jdbc.query("SELECT mission_key, category, staff FROM staffing_bucket WHERE slot = ? AND presence_id = ?", rs -> {
                staff.buckets.put(rs.getString(1) + "|" + rs.getString(2), rs.getInt(3));
            }, slot.code(), presenceId);
            return staff;
        }
    }

    /** A presence's staff as the handler needs it: named (mission, category) pairs and counted buckets. */
    static final class Staff {
        final List<String[]> named = new ArrayList<>();
        final Map<String, Integer> buckets = new HashMap<>();

        int bucket(String missionKey, String category) {
            return buckets.getOrDefault(missionKey + "|" + category, 0);
        }

        /**
         * Staff in a scope: one mission or the whole presence ({@code missionId} null), one category or all
         * ({@code category} null). Counted staff of UNSPECIFIED category count only towards all categories.
         */
        int headcount(String missionId, String category) {
            int count = 0;
            for (String[] person : named) {
                if ((missionId == null || missionId.equals(person[0])) && (category == null || category.equals(person[1]))) {
                    count++;
                }
            }
            for (Map.Entry<String, Integer> bucket : buckets.entrySet()) {
                int bar = bucket.getKey().indexOf('|');
                String mission = bucket.getKey().substring(0, bar);
                String bucketCategory = bucket.getKey().substring(bar + 1);
                if ((missionId == null || missionId.equals(mission)) && (category == null || category.equals(bucketCategory))) {
                    count += bucket.getValue();
                }
            }
            return count;
        }
    }

    static String key(String missionId) {
        return missionId == null ? PRESENCE_WIDE : missionId;
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
