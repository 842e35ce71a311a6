package org.diplomaticledger.presence.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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
 * Heads of mission: every embassy, legation and permanent mission, of its kind on the day asked, with the head in
 * functions or the chargé d'affaires a.i. acting now, the tenures of its heads (agrément, appointment, the two
 * credentials steps of VCDR Art. 13, recalls, end), its chargés d'affaires a.i. (VCDR Art. 19) and its vacancies,
 * from the presence events alone.
 *
 * <p>A tenure is the person's headship from agrément or appointment to its end; like the aggregate, a request,
 * grant, refusal or appointment of someone whose last tenure at the mission ended starts a new one.
 */
@Component
public class HeadsOfMissionProjection implements Projection {

    public static final String NAME = "heads-of-mission";

    private final JdbcTemplate jdbc;

    public HeadsOfMissionProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The projection's tables with their partition, key and own columns (checked against the database at start-up).
     * A mission id starts with its presence (RU-US-EMBASSY-WASHINGTON), the aggregate whose events build it.
     */
    private static final List<VersionedTable> TABLES = List.of(
            VersionedTable.byPrefix("heads_of_mission_post", "mission_id", "mission_id")
                    .withReach()
                    .columns("mission_id, sending_state, receiving_state, kind, city, organisation, mission_name, "
                            + "mission_status, mission_status_since, head_tenure_no, charge_seq, vacancy_seq, "
                            + "current_person_id, current_name, current_class, current_since, current_status, "
                            + "acting_for_person_id, vacant, vacant_since, last_recorded_at"),
            VersionedTable.byPrefix("heads_of_mission_tenure", "mission_id", "mission_id", "tenure_no")
                    .columns("mission_id, tenure_no, sending_state, receiving_state, person_id, name, head_class, "
                            + "agrement, agrement_requested_on, agrement_granted_on, agrement_refused_on, "
                            + "agrement_refusal_reason, request_reported, agrement_reported, appointed_on, "
                            + "appointment_reported, copy_presented_on, credentials_presented_on, "
                            + "functions_started_on, recall_kind, recalled_on, ended, ended_on, ended_how, end_reason, "
                            + "successor_person_id, correction"),
            VersionedTable.byPrefix("heads_of_mission_recall", "mission_id", "mission_id", "tenure_no", "seq")
                    .columns("mission_id, tenure_no, seq, kind, recalled_on, reason, returned_on"),
            VersionedTable.byPrefix("heads_of_mission_charge", "mission_id", "mission_id", "seq")
                    .columns("mission_id, seq, person_id, name, charge_rank, acting_for_person_id, from_date, "
                            + "to_date, ended_by, ended_by_person_id, vacancy_seq"),
            VersionedTable.byPrefix("heads_of_mission_vacancy", "mission_id", "mission_id", "seq")
                    .columns("mission_id, seq, from_date, after_person_id, after_name, to_date, next_person_id, "
                            + "next_name, ended_by"));

    @Override
    public List<VersionedTable> versionedTables() {
        return TABLES;
    }

    @Override
    public Object handler(Head rows) {
        return new Handler(rows);
    }

    final class Handler {
        private final Rows posts;
        private final Rows tenures;
        private final Rows recalls;
        private final Rows charges;
        private final Rows vacancies;

        Handler(Head rows) {
            this.posts = rows.rows("heads_of_mission_post");
            this.tenures = rows.rows("heads_of_mission_tenure");
            this.recalls = rows.rows("heads_of_mission_recall");
            this.charges = rows.rows("heads_of_mission_charge");
            this.vacancies = rows.rows("heads_of_mission_vacancy");
        }

        // ------------------------------------------------------------ missions

        @EventHandler
        void on(MissionOpened e, @Timestamp Instant recorded) {
            if (!e.kind().hasHeadOfMission()) {
                return;
            }
            Row post = posts.get(e.missionId());
            if (post == null) {
                post = posts.create()
                        .with("mission_id", e.missionId())
                        .with("sending_state", e.sendingState().value())
                        .with("receiving_state", e.receivingState().value())
                        .with("vacant", true);
            }
            // a reopened mission is of the kind it is opened as, whatever rank it had when it closed
            posts.put(post.with("kind", e.kind().name())
                    .with("mission_status", "OPEN")
                    .with("mission_status_since", e.effectiveDate())
                    .with("city", e.city())
                    .with("organisation", e.organisation())
                    .with("mission_name", e.name())
                    .with("last_recorded_at", recorded));
            refresh(e.missionId());
        }

        /** The post's kind from the change on (a legation raised to an embassy); its heads stay as they were. */
        @EventHandler
        void on(MissionRankChanged e, @Timestamp Instant recorded) {
            update(posts, row -> row.with("kind", e.kind().name()).with("last_recorded_at", recorded), e.missionId());
        }

        @EventHandler
        void on(MissionSuspended e, @Timestamp Instant recorded) {
            missionStatus(e.missionId(), "SUSPENDED", e.effectiveDate(), recorded);
        }

        @EventHandler
        void on(MissionResumed e, @Timestamp Instant recorded) {
            missionStatus(e.missionId(), "OPEN", e.effectiveDate(), recorded);
        }

        @EventHandler
        void on(MissionClosed e, @Timestamp Instant recorded) {
            Row post = posts.get(e.missionId());
            if (post == null) {
                return;
            }
            Integer vacancy = post.integer("vacancy_seq");
            if (vacancy != null) {
                update(
                        vacancies,
                        row -> row.with("to_date", e.effectiveDate()).with("ended_by", "MISSION_CLOSED"),
                        e.missionId(),
                        vacancy);
                posts.put(post.with("vacancy_seq", null));
            }
            missionStatus(e.missionId(), "CLOSED", e.effectiveDate(), recorded);
        }

        // ------------------------------------------------------------ agrément and appointment

        @EventHandler
        void on(AgrementRequested e, @Timestamp Instant recorded, MetaData metaData) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), e.name());
            markTenure(e.missionId(), tenure, metaData);
            update(
                    tenures,
                    row -> row.with("agrement", "REQUESTED")
                            .with("agrement_requested_on", e.effectiveDate())
                            .with(
                                    "head_class",
                                    row.text("head_class") != null
                                            ? row.text("head_class")
                                            : e.headClass() == null
                                                    ? null
                                                    : e.headClass().name()),
                    e.missionId(),
                    tenure);
            touch(e.missionId(), recorded);
        }

        @EventHandler
        void on(AgrementGranted e, @Timestamp Instant recorded, MetaData metaData) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), e.name());
            markTenure(e.missionId(), tenure, metaData);
            update(
                    tenures,
                    row -> row.with("agrement", "GRANTED")
                            .with("agrement_granted_on", e.effectiveDate())
                            .with("request_reported", e.requestReported()),
                    e.missionId(),
                    tenure);
            touch(e.missionId(), recorded);
        }

        @EventHandler
        void on(AgrementRefused e, @Timestamp Instant recorded, MetaData metaData) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), e.name());
            markTenure(e.missionId(), tenure, metaData);
            update(
                    tenures,
                    row -> row.with("agrement", "REFUSED")
                            .with("agrement_refused_on", e.effectiveDate())
                            .with("agrement_refusal_reason", e.reason())
                            .with("request_reported", e.requestReported()),
                    e.missionId(),
                    tenure);
            touch(e.missionId(), recorded);
        }

        @EventHandler
        void on(AmbassadorAppointed e, @Timestamp Instant recorded, MetaData metaData) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), e.name());
            markTenure(e.missionId(), tenure, metaData);
            update(
                    tenures,
                    row -> row.with("appointed_on", e.effectiveDate())
                            .with(
                                    "head_class",
                                    e.headClass() == null ? null : e.headClass().name())
                            .with("agrement_reported", e.agrementReported()),
                    e.missionId(),
                    tenure);
            touch(e.missionId(), recorded);
        }

        // ------------------------------------------------------------ credentials (VCDR Art. 13)

        @EventHandler
        void on(CredentialsCopyPresented e, @Timestamp Instant recorded, MetaData metaData) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), e.name());
            markTenure(e.missionId(), tenure, metaData);
            update(tenures, row -> row.with("copy_presented_on", e.effectiveDate()), e.missionId(), tenure);
            takeUpFunctions(e.missionId(), tenure, e.personId(), e.appointmentReported(), e.effectiveDate());
            touch(e.missionId(), recorded);
        }

        @EventHandler
        void on(CredentialsPresented e, @Timestamp Instant recorded, MetaData metaData) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), e.name());
            markTenure(e.missionId(), tenure, metaData);
            // As the aggregate's timeline: functions start here unless the copy started them, whatever the event
            // said when it was recorded (an earlier copy may have been back-filled since).
            Row before = tenures.get(e.missionId(), tenure);
            boolean startsHere = before == null || before.date("copy_presented_on") == null;
            update(tenures, row -> row.with("credentials_presented_on", e.effectiveDate()), e.missionId(), tenure);
            if (startsHere) {
                takeUpFunctions(e.missionId(), tenure, e.personId(), e.appointmentReported(), e.effectiveDate());
            }
            touch(e.missionId(), recorded);
        }

        // ------------------------------------------------------------ recall, return, end

        @EventHandler
        void on(AmbassadorRecalled e, @Timestamp Instant recorded, MetaData metaData) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), null);
            markTenure(e.missionId(), tenure, metaData);
            update(
                    tenures,
                    row -> row.with("recall_kind", e.kind().name()).with("recalled_on", e.effectiveDate()),
                    e.missionId(),
                    tenure);
            int seq = lastRecall(e.missionId(), tenure)
                            .map(row -> row.count("seq"))
                            .orElse(0)
                    + 1;
            recalls.put(recalls.create()
                    .with("mission_id", e.missionId())
                    .with("tenure_no", tenure)
                    .with("seq", seq)
                    .with("kind", e.kind().name())
                    .with("recalled_on", e.effectiveDate())
                    .with("reason", e.reason()));
            touch(e.missionId(), recorded);
        }

        @EventHandler
        void on(AmbassadorReturned e, @Timestamp Instant recorded, MetaData metaData) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), null);
            markTenure(e.missionId(), tenure, metaData);
            update(tenures, row -> row.with("recall_kind", null).with("recalled_on", null), e.missionId(), tenure);
            lastRecall(e.missionId(), tenure)
                    .ifPresent(recall -> recalls.put(recall.with("returned_on", e.effectiveDate())));
            // As in the aggregate: a head's return ends the chargé d'affaires' acting.
            endCharge(e.missionId(), e.effectiveDate(), "HEAD_RETURNED", e.personId());
            touch(e.missionId(), recorded);
        }

        @EventHandler
        void on(AmbassadorshipEnded e, @Timestamp Instant recorded, MetaData metaData) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), null);
            markTenure(e.missionId(), tenure, metaData);
            update(
                    tenures,
                    row -> row.with("ended", true)
                            .with("ended_on", e.effectiveDate())
                            .with("ended_how", "REPORTED")
                            .with("end_reason", e.reason()),
                    e.missionId(),
                    tenure);
            Row post = posts.get(e.missionId());
            if (post != null && post.integer("head_tenure_no") != null && post.integer("head_tenure_no") == tenure) {
                post = post.with("head_tenure_no", null);
                posts.put(post);
                if (!"CLOSED".equals(post.text("mission_status"))) {
                    openVacancy(e.missionId(), post, tenure, e.personId(), e.effectiveDate());
                }
            }
            touch(e.missionId(), recorded);
        }

        // ------------------------------------------------------------ chargé d'affaires a.i. (VCDR Art. 19)

        @EventHandler
        void on(ChargeDAffairesAppointed e, @Timestamp Instant recorded) {
            endCharge(e.missionId(), e.effectiveDate(), "REPLACED", e.personId());
            Row post = posts.get(e.missionId());
            int seq = charges.all().stream()
                            .filter(row -> e.missionId().equals(row.text("mission_id")))
                            .mapToInt(row -> row.count("seq"))
                            .max()
                            .orElse(0)
                    + 1;
            charges.put(charges.create()
                    .with("mission_id", e.missionId())
                    .with("seq", seq)
                    .with("person_id", e.personId())
                    .with("name", e.name())
                    .with("charge_rank", e.rank())
                    .with("acting_for_person_id", e.actingForPersonId())
                    .with("from_date", e.effectiveDate())
                    .with("vacancy_seq", post == null ? null : post.integer("vacancy_seq")));
            if (post != null) {
                posts.put(post.with("charge_seq", seq));
            }
            touch(e.missionId(), recorded);
        }

        // ------------------------------------------------------------ helpers

        /** Changes the row with this key, if there is one. */
        /**
         * Keeps on the tenure the mark of the latest correction among the events that made it (the one recorded
         * last), so that its views say a value shown was corrected.
         */
        private void markTenure(String missionId, int tenure, MetaData metaData) {
            CorrectionMark mark = CorrectionMark.of(metaData);
            Row row = mark == null ? null : tenures.get(missionId, tenure);
            if (row == null) {
                return;
            }
            CorrectionMark kept = CorrectionMark.parse(row.text("correction"));
            if (kept == null || mark.at().isAfter(kept.at())) {
                tenures.put(row.with("correction", mark.json()));
            }
        }

        private void update(Rows table, java.util.function.UnaryOperator<Row> change, Object... key) {
            Row row = table.get(key);
            if (row != null) {
                table.put(change.apply(row));
            }
        }

        private java.util.Optional<Row> lastRecall(String missionId, int tenure) {
            return recalls.all().stream()
                    .filter(row -> missionId.equals(row.text("mission_id")) && row.count("tenure_no") == tenure)
                    .max(java.util.Comparator.comparingInt(row -> row.count("seq")));
        }

        /**
         * The person's tenure at the mission: the last one unless it ended, else a new one (as the aggregate's
         * newTenure). Events about a tenure in office never meet an ended one: the write side refuses them.
         */
        private int tenureOrNew(String missionId, String personId, String name) {
            // the person's tenures by person, not a pass over every tenure of the presence: that grew with its history
            // (a sixth of a rebuild's time at 200,000 events, JFR)
            Row last = null;
            for (Row row : tenures.find("person_id", personId)) {
                if (missionId.equals(row.text("mission_id"))
                        && (last == null || row.count("tenure_no") > last.count("tenure_no"))) {
                    last = row;
                }
            }
            if (last != null && !last.flag("ended")) {
                if (name != null) {
                    tenures.put(last.with("name", name));
                }
                return last.count("tenure_no");
            }
            String previousName = last == null || name != null ? name : last.text("name");
            int next = highestTenure(missionId) + 1;
            tenures.put(tenures.create()
                    .with("mission_id", missionId)
                    .with("tenure_no", next)
                    .with("sending_state", PresenceIds.sendingOf(missionId))
                    .with("receiving_state", PresenceIds.receivingOf(missionId))
                    .with("person_id", personId)
                    .with("name", previousName)
                    .with("agrement", "NONE")
                    .with("ended", false));
            return next;
        }

        /**
         * The last number given to a tenure at the mission, 0 if none. Tenures are numbered 1, 2, … by
         * {@link #tenureOrNew} alone and never removed, so it is found by probing numbers (doubling, then halving):
         * a few look-ups by key however many tenures the mission had.
         */
        private int highestTenure(String missionId) {
            int absent = 1;
            while (tenures.get(missionId, absent) != null) {
                absent *= 2;
            }
            int present = absent / 2; // a tenure, or 0
            while (absent - present > 1) {
                int middle = (present + absent) >>> 1;
                if (tenures.get(missionId, middle) != null) {
                    present = middle;
                } else {
                    absent = middle;
                }
            }
            return present;
        }

        /**
         * The person takes up functions (VCDR Art. 13): the head in functions that day, if someone else, is taken to
         * have left (as the aggregate's timeline derives it: the event's predecessor was the head when it was
         * recorded, which a back-filled head may have changed since); the chargé's acting and any vacancy end.
         */
        private void takeUpFunctions(
                String missionId, int tenure, String personId, boolean appointmentReported, LocalDate on) {
            update(
                    tenures,
                    row -> row.with("functions_started_on", on)
                            .with(
                                    "appointment_reported",
                                    row.get("appointment_reported") != null
                                            ? row.get("appointment_reported")
                                            : appointmentReported),
                    missionId,
                    tenure);
            Row post = posts.get(missionId);
            Integer headTenure = post == null ? null : post.integer("head_tenure_no");
            Row predecessor = headTenure == null || headTenure == tenure ? null : tenures.get(missionId, headTenure);
            if (predecessor != null && !predecessor.flag("ended") && !personId.equals(predecessor.text("person_id"))) {
                tenures.put(predecessor
                        .with("ended", true)
                        .with("ended_on", on)
                        .with("ended_how", "SUCCESSOR_TOOK_UP_FUNCTIONS")
                        .with("successor_person_id", personId));
            }
            endCharge(missionId, on, "HEAD_TOOK_UP_FUNCTIONS", personId);
            // Folded in effective order, a head may take up functions on a day before the ledger's opening of the
            // mission: there is no post yet, and so no vacancy to end.
            if (post != null && post.integer("vacancy_seq") != null) {
                String nextName = tenures.get(missionId, tenure).text("name");
                update(
                        vacancies,
                        row -> row.with("to_date", on)
                                .with("next_person_id", personId)
                                .with("ended_by", "HEAD_TOOK_UP_FUNCTIONS")
                                .with("next_name", nextName),
                        missionId,
                        post.integer("vacancy_seq"));
            }
            update(posts, row -> row.with("head_tenure_no", tenure).with("vacancy_seq", null), missionId);
        }

        private void openVacancy(String missionId, Row post, int tenure, String personId, LocalDate from) {
            int seq = vacancies.all().stream()
                            .filter(row -> missionId.equals(row.text("mission_id")))
                            .mapToInt(row -> row.count("seq"))
                            .max()
                            .orElse(0)
                    + 1;
            Row after = tenures.get(missionId, tenure);
            vacancies.put(vacancies
                    .create()
                    .with("mission_id", missionId)
                    .with("seq", seq)
                    .with("from_date", from)
                    .with("after_person_id", personId)
                    .with("after_name", after == null ? null : after.text("name")));
            posts.put(posts.get(missionId).with("vacancy_seq", seq));
            Integer charge = post.integer("charge_seq");
            if (charge != null) {
                update(charges, row -> row.with("vacancy_seq", seq), missionId, charge);
            }
        }

        private void endCharge(String missionId, LocalDate on, String endedBy, String byPersonId) {
            Row post = posts.get(missionId);
            if (post == null || post.integer("charge_seq") == null) {
                return;
            }
            update(
                    charges,
                    row -> row.with("to_date", on).with("ended_by", endedBy).with("ended_by_person_id", byPersonId),
                    missionId,
                    post.integer("charge_seq"));
            posts.put(post.with("charge_seq", null));
        }

        private void missionStatus(String missionId, String status, LocalDate since, Instant recorded) {
            update(
                    posts,
                    row -> row.with("mission_status", status)
                            .with("mission_status_since", since)
                            .with("last_recorded_at", recorded),
                    missionId);
            refresh(missionId);
        }

        /** Refreshes the mission's current head (a name may have come with the event) and its last recorded time. */
        private void touch(String missionId, Instant recorded) {
            refresh(missionId);
            update(posts, row -> row.with("last_recorded_at", recorded), missionId);
        }

        /** Derives the current_* columns, vacant and vacant_since from the pointers to the head, the chargé and the vacancy. */
        private void refresh(String missionId) {
            Row post = posts.get(missionId);
            if (post == null) {
                return;
            }
            Integer headTenure = post.integer("head_tenure_no");
            Integer chargeSeq = post.integer("charge_seq");
            Integer vacancySeq = post.integer("vacancy_seq");
            String personId = null;
            String name = null;
            String headClass = null;
            LocalDate since = null;
            String status = null;
            String actingFor = null;
            if (chargeSeq != null) {
                Row charge = charges.get(missionId, chargeSeq);
                personId = charge.text("person_id");
                name = charge.text("name");
                headClass = "CHARGE_D_AFFAIRES_AD_INTERIM";
                since = charge.date("from_date");
                status = "ACTING";
                if (headTenure != null) {
                    Row head = tenures.get(missionId, headTenure);
                    actingFor = head == null ? null : head.text("person_id");
                }
            } else if (headTenure != null) {
                Row head = tenures.get(missionId, headTenure);
                personId = head.text("person_id");
                name = head.text("name");
                headClass = head.text("head_class");
                since = head.date("functions_started_on");
                status = head.get("recall_kind") == null ? "IN_OFFICE" : "RECALLED_" + head.text("recall_kind");
            }
            Row vacancy = vacancySeq == null ? null : vacancies.get(missionId, vacancySeq);
            boolean vacant = headTenure == null && !"CLOSED".equals(post.text("mission_status"));
            posts.put(post.with("current_person_id", personId)
                    .with("current_name", name)
                    .with("current_class", headClass)
                    .with("current_since", since)
                    .with("current_status", status)
                    .with("acting_for_person_id", actingFor)
                    .with("vacant", vacant)
                    .with("vacant_since", vacancy == null ? null : vacancy.date("from_date")));
        }
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
