package org.diplomaticledger.presence.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.diplomaticledger.presence.api.*;
import org.diplomaticledger.projection.CorrectionMark;
import org.diplomaticledger.projection.Head;
import org.diplomaticledger.projection.Projection;
import org.diplomaticledger.projection.Row;
import org.diplomaticledger.projection.Rows;
import org.diplomaticledger.projection.VersionedTable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

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

    /** The projection's tables with their partition, key and own columns (checked against the database at start-up). */
    private static final List<VersionedTable> TABLES = List.of(
            VersionedTable.of("staffing_presence", "presence_id", "presence_id")
                    .withReach()
                    .columns("presence_id, sending_state, receiving_state, headcount, reported_headcount, "
                            + "reported_category, reported_on, last_recorded_at, reported_source, reported_source_url, "
                            + "reported_correction"),
            VersionedTable.of("staffing_mission", "presence_id", "mission_id")
                    .columns("mission_id, presence_id, sending_state, receiving_state, kind, city, organisation, "
                            + "name, status, status_since, headcount, reported_headcount, reported_category, "
                            + "reported_on, last_recorded_at, leave_by, reported_source, reported_source_url, "
                            + "reported_correction"),
            VersionedTable.of("staffing_person", "presence_id", "presence_id", "person_id", "tenure")
                    .columns("presence_id, person_id, tenure, mission_id, name, person_rank, category, accredited_on, "
                            + "expulsion_id, departed, departed_on"),
            VersionedTable.of("staffing_bucket", "presence_id", "presence_id", "mission_key", "category")
                    .withReach()
                    .withFewKeys()
                    .columns("presence_id, mission_key, category, staff"),
            VersionedTable.of("staffing_ceiling", "presence_id", "presence_id", "ceiling_id")
                    .columns("presence_id, ceiling_id, mission_id, category, staff_limit, since, comply_by, "
                            + "headcount_at_imposition, reason, in_force, ended_on, ended_by"),
            VersionedTable.of("staffing_expulsion", "presence_id", "presence_id", "expulsion_id")
                    .columns("presence_id, expulsion_id, mission_id, category, counted, counted_due, named, deadline, "
                            + "declared_on, answers_expulsion_id"));

    @Override
    public List<VersionedTable> versionedTables() {
        return TABLES;
    }

    @Override
    public Object handler(Head rows) {
        return new Handler(rows);
    }

    final class Handler {
        private final Rows presences;
        private final Rows missions;
        private final Rows persons;
        private final Rows buckets;
        private final Rows ceilings;
        private final Rows expulsions;

        Handler(Head rows) {
            this.presences = rows.rows("staffing_presence");
            this.missions = rows.rows("staffing_mission");
            this.persons = rows.rows("staffing_person");
            this.buckets = rows.rows("staffing_bucket");
            this.ceilings = rows.rows("staffing_ceiling");
            this.expulsions = rows.rows("staffing_expulsion");
        }

        // ------------------------------------------------------------ missions

        @EventHandler
        void on(MissionOpened e, @Timestamp Instant recorded) {
            presence(e.presenceId(), recorded);
            Row mission = missions.get(e.missionId());
            if (mission == null) {
                mission = missions.create()
                        .with("mission_id", e.missionId())
                        .with("presence_id", e.presenceId())
                        .with("sending_state", e.sendingState().value())
                        .with("receiving_state", e.receivingState().value())
                        .with("headcount", 0);
            }
            // a reopened mission keeps its staff: the write side does not clear them on closure either
            missions.put(mission.with("kind", e.kind().name())
                    .with("city", e.city())
                    .with("organisation", e.organisation())
                    .with("name", e.name())
                    .with("status", "OPEN")
                    .with("status_since", e.effectiveDate())
                    .with("leave_by", null)
                    .with("last_recorded_at", recorded));
        }

        /** The mission's kind from the change on: a new version of its row, with its status as it was. */
        @EventHandler
        void on(MissionRankChanged e, @Timestamp Instant recorded) {
            Row mission = missions.get(e.missionId());
            if (mission != null) {
                missions.put(mission.with("kind", e.kind().name()).with("last_recorded_at", recorded));
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
            Row closed = missions.get(e.missionId());
            if (closed != null && e.deadline() != null && e.deadline().isAfter(e.effectiveDate())) {
                // read as closing until the deadline to leave (StaffingQueries)
                missions.put(closed.with("leave_by", e.deadline()));
            }
            // the write side takes a closed mission's ceilings out of force
            for (Row ceiling : ceilings.all()) {
                if (e.missionId().equals(ceiling.text("mission_id")) && ceiling.flag("in_force")) {
                    ceilings.put(ended(ceiling, e.effectiveDate(), "MISSION_CLOSED"));
                }
            }
        }

        // ------------------------------------------------------------ named staff

        @EventHandler
        void on(DiplomatAccredited e, @Timestamp Instant recorded) {
            int tenure = persons.all().stream()
                            .filter(row -> e.personId().equals(row.text("person_id")))
                            .mapToInt(row -> row.count("tenure"))
                            .max()
                            .orElse(0)
                    + 1;
            persons.put(persons.create()
                    .with("presence_id", e.presenceId())
                    .with("person_id", e.personId())
                    .with("tenure", tenure)
                    .with("mission_id", e.missionId())
                    .with("name", e.name())
                    .with("person_rank", e.rank())
                    .with("category", e.category().name())
                    .with("accredited_on", e.effectiveDate())
                    .with("departed", false));
            refresh(e.presenceId(), recorded);
        }

        @EventHandler
        void on(DiplomatDeparted e, @Timestamp Instant recorded) {
            for (Row person : persons.all()) {
                if (e.personId().equals(person.text("person_id")) && !person.flag("departed")) {
                    persons.put(person.with("departed", true).with("departed_on", e.effectiveDate()));
                }
            }
            refresh(e.presenceId(), recorded);
        }

        // ------------------------------------------------------------ counted staff

        @EventHandler
        void on(StaffCountReported e, @Timestamp Instant recorded, MetaData metaData) {
            presence(e.presenceId(), recorded);
            String category = e.category().name();
            StaffTally staff = staff();
            staff.report(e.missionId(), e.category(), e.headcount());
            write(e.presenceId(), staff);
            // the latest report by effective date is the base shown; a report of an earlier date recorded later is not
            Rows table = e.missionId() == null ? presences : missions;
            Row reported = table.get(e.missionId() == null ? e.presenceId() : e.missionId());
            if (reported != null
                    && (reported.date("reported_on") == null
                            || !reported.date("reported_on").isAfter(e.effectiveDate()))) {
                table.put(reported.with("reported_headcount", e.headcount())
                        .with("reported_category", category)
                        .with("reported_on", e.effectiveDate())
                        .with(
                                "reported_source",
                                e.source() == null ? null : e.source().text())
                        .with(
                                "reported_source_url",
                                e.source() == null ? null : e.source().url())
                        .with("reported_correction", CorrectionMark.column(metaData)));
            }
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
                Row expulsion = expulsions.get(e.presenceId(), e.expulsionId());
                if (expulsion != null) {
                    expulsions.put(
                            expulsion.with("counted_due", Math.max(0, expulsion.count("counted_due") - e.count())));
                }
            }
            refresh(e.presenceId(), recorded);
        }

        // ------------------------------------------------------------ expulsions and ceilings

        @EventHandler
        void on(DiplomatExpelled e, @Timestamp Instant recorded) {
            presence(e.presenceId(), recorded);
            int counted = e.count() == null ? 0 : e.count();
            expulsions.put(expulsions
                    .create()
                    .with("presence_id", e.presenceId())
                    .with("expulsion_id", e.expulsionId())
                    .with("mission_id", e.missionId())
                    .with("category", e.category() == null ? null : e.category().name())
                    .with("counted", counted)
                    .with("counted_due", counted)
                    .with("named", e.persons().size())
                    .with("deadline", e.departureDeadline())
                    .with("declared_on", e.effectiveDate())
                    .with("answers_expulsion_id", e.answersExpulsionId()));
            for (ExpelledPerson expelled : e.persons()) {
                for (Row person : persons.all()) {
                    if (expelled.personId().equals(person.text("person_id")) && !person.flag("departed")) {
                        persons.put(person.with("expulsion_id", e.expulsionId()));
                    }
                }
            }
        }

        /**
         * The ceiling replaces the one in force on its scope on its day, and its headcount at imposition is the
         * scope's on that day: both as the presence stands here in effective time, not as the event recorded them
         * (a ceiling or staff back-filled before it changes either).
         */
        @EventHandler
        void on(StaffCeilingImposed e, @Timestamp Instant recorded) {
            presence(e.presenceId(), recorded);
            String category = e.category() == null ? null : e.category().name();
            for (Row ceiling : ceilings.all()) {
                if (ceiling.flag("in_force")
                        && Objects.equals(e.missionId(), ceiling.text("mission_id"))
                        && Objects.equals(category, ceiling.text("category"))) {
                    ceilings.put(ended(ceiling, e.effectiveDate(), "REPLACED"));
                }
            }
            int headcount = staff().headcount(e.missionId(), e.category());
            ceilings.put(ceilings.create()
                    .with("presence_id", e.presenceId())
                    .with("ceiling_id", e.ceilingId())
                    .with("mission_id", e.missionId())
                    .with("category", e.category() == null ? null : e.category().name())
                    .with("staff_limit", e.limit())
                    .with("since", e.effectiveDate())
                    .with("comply_by", e.complyBy())
                    .with("headcount_at_imposition", headcount)
                    .with("reason", e.reason())
                    .with("in_force", true));
        }

        @EventHandler
        void on(StaffCeilingLifted e) {
            Row ceiling = ceilings.get(e.presenceId(), e.ceilingId());
            if (ceiling != null) {
                ceilings.put(ended(ceiling, e.effectiveDate(), "LIFTED"));
            }
        }

        // ------------------------------------------------------------ helpers

        private Row ended(Row ceiling, LocalDate on, String by) {
            return ceiling.with("in_force", false).with("ended_on", on).with("ended_by", by);
        }

        /** The presence's row, created on its first event. */
        private void presence(String presenceId, Instant recorded) {
            Row presence = presences.get(presenceId);
            if (presence == null) {
                presence = presences
                        .create()
                        .with("presence_id", presenceId)
                        .with("sending_state", PresenceIds.sendingOf(presenceId))
                        .with("receiving_state", PresenceIds.receivingOf(presenceId))
                        .with("headcount", 0);
            }
            presences.put(presence.with("last_recorded_at", recorded));
        }

        private void status(String missionId, String status, LocalDate since, Instant recorded) {
            Row mission = missions.get(missionId);
            if (mission != null) {
                missions.put(mission.with("status", status)
                        .with("status_since", since)
                        .with("leave_by", null)
                        .with("last_recorded_at", recorded));
            }
        }

        /** Counted arrivals and departures, as {@link StaffTally#change} places them. */
        private void addCounted(String presenceId, String missionId, StaffCategory category, int change) {
            StaffTally staff = staff();
            staff.change(missionId, category, change);
            write(presenceId, staff);
        }

        /** A version of each bucket the last change or report set (a bucket at 0 makes a count known). */
        private void write(String presenceId, StaffTally staff) {
            for (StaffTally.Bucket bucket : staff.touched()) {
                buckets.put(buckets.create()
                        .with("presence_id", presenceId)
                        .with("mission_key", key(bucket.missionId()))
                        .with("category", bucket.category().name())
                        .with("staff", staff.counted(bucket.missionId(), bucket.category())));
            }
        }

        /**
         * Recomputes the headcount of each of the presence's missions and of the presence. The trends read these
         * headcounts' versions, one per effective date on which they changed.
         */
        private void refresh(String presenceId, Instant recorded) {
            StaffTally staff = staff();
            for (Row mission : missions.all()) {
                missions.put(mission.with("headcount", staff.headcount(mission.text("mission_id"), null)));
            }
            Row presence = presences.get(presenceId);
            if (presence != null) {
                presences.put(
                        presence.with("headcount", staff.headcount(null, null)).with("last_recorded_at", recorded));
            }
        }

        /** The presence's staff on the staff now (named, not departed) and its counted buckets. */
        private StaffTally staff() {
            StaffTally staff = new StaffTally();
            for (Row person : persons.all()) {
                if (!person.flag("departed")) {
                    staff.named(person.text("mission_id"), StaffCategory.valueOf(person.text("category")), 1);
                }
            }
            for (Row bucket : buckets.all()) {
                String missionKey = bucket.text("mission_key");
                staff.load(
                        PRESENCE_WIDE.equals(missionKey) ? null : missionKey,
                        StaffCategory.valueOf(bucket.text("category")),
                        bucket.count("staff"));
            }
            return staff;
        }
    }

    static String key(String missionId) {
        return missionId == null ? PRESENCE_WIDE : missionId;
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
