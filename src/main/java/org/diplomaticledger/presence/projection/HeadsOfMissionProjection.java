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
import java.util.List;
import java.util.Map;

/**
 * Heads of mission: every embassy and permanent mission with the head in functions or the chargé d'affaires a.i.
 * acting now, the tenures of its heads (agrément, appointment, the two credentials steps of VCDR Art. 13, recalls,
 * end), its chargés d'affaires a.i. (VCDR Art. 19) and its vacancies, from the presence events alone.
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

    @Override
    public List<VersionedTable> versionedTables() {
        // A mission id starts with its presence (RU-US-EMBASSY-WASHINGTON), the aggregate whose events build it.
        return List.of(VersionedTable.byPrefix("heads_of_mission_post", "mission_id", "mission_id"),
                VersionedTable.byPrefix("heads_of_mission_tenure", "mission_id", "mission_id", "tenure_no"),
                VersionedTable.byPrefix("heads_of_mission_recall", "mission_id", "mission_id", "tenure_no", "seq"),
                VersionedTable.byPrefix("heads_of_mission_charge", "mission_id", "mission_id", "seq"),
                VersionedTable.byPrefix("heads_of_mission_vacancy", "mission_id", "mission_id", "seq"));
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
            if (!e.kind().hasHeadOfMission()) {
                return;
            }
            int updated = jdbc.update("UPDATE heads_of_mission_post SET mission_status = 'OPEN', mission_status_since = ?, "
                            + "city = ?, organisation = ?, mission_name = ?, last_recorded_at = ? WHERE slot = ? AND mission_id = ?",
                    Date.valueOf(e.effectiveDate()), e.city(), e.organisation(), e.name(), at(recorded), slot.code(), e.missionId());
            if (updated == 0) {
                jdbc.update("INSERT INTO heads_of_mission_post (slot, mission_id, sending_state, receiving_state, kind, city, "
                                + "organisation, mission_name, mission_status, mission_status_since, vacant, last_recorded_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, TRUE, ?)",
                        slot.code(), e.missionId(), e.sendingState().value(), e.receivingState().value(), e.kind().name(),
                        e.city(), e.organisation(), e.name(), Date.valueOf(e.effectiveDate()), at(recorded));
            }
            refresh(e.missionId());
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
            Post post = post(e.missionId());
            if (post == null) {
                return;
            }
            if (post.vacancySeq != null) {
                jdbc.update("UPDATE heads_of_mission_vacancy SET to_date = ?, ended_by = 'MISSION_CLOSED' "
                        + "WHERE slot = ? AND mission_id = ? AND seq = ?", Date.valueOf(e.effectiveDate()), slot.code(),
                        e.missionId(), post.vacancySeq);
                jdbc.update("UPDATE heads_of_mission_post SET vacancy_seq = NULL WHERE slot = ? AND mission_id = ?",
                        slot.code(), e.missionId());
            }
            missionStatus(e.missionId(), "CLOSED", e.effectiveDate(), recorded);
        }

        // ------------------------------------------------------------ agrément and appointment

        @EventHandler
        void on(AgrementRequested e, @Timestamp Instant recorded) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), e.name());
            jdbc.update("UPDATE heads_of_mission_tenure SET agrement = 'REQUESTED', agrement_requested_on = ?, "
                            + "head_class = COALESCE(head_class, ?) WHERE slot = ? AND mission_id = ? AND tenure_no = ?",
                    Date.valueOf(e.effectiveDate()), e.headClass() == null ? null : e.headClass().name(), slot.code(),
                    e.missionId(), tenure);
            touch(e.missionId(), recorded);
        }

        @EventHandler
        void on(AgrementGranted e, @Timestamp Instant recorded) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), e.name());
            jdbc.update("UPDATE heads_of_mission_tenure SET agrement = 'GRANTED', agrement_granted_on = ?, request_reported = ? "
                            + "WHERE slot = ? AND mission_id = ? AND tenure_no = ?",
                    Date.valueOf(e.effectiveDate()), e.requestReported(), slot.code(), e.missionId(), tenure);
            touch(e.missionId(), recorded);
        }

        @EventHandler
        void on(AgrementRefused e, @Timestamp Instant recorded) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), e.name());
            jdbc.update("UPDATE heads_of_mission_tenure SET agrement = 'REFUSED', agrement_refused_on = ?, "
                            + "agrement_refusal_reason = ?, request_reported = ? WHERE slot = ? AND mission_id = ? AND tenure_no = ?",
                    Date.valueOf(e.effectiveDate()), e.reason(), e.requestReported(), slot.code(), e.missionId(), tenure);
            touch(e.missionId(), recorded);
        }

        @EventHandler
        void on(AmbassadorAppointed e, @Timestamp Instant recorded) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), e.name());
            jdbc.update("UPDATE heads_of_mission_tenure SET appointed_on = ?, head_class = ?, agrement_reported = ? "
                            + "WHERE slot = ? AND mission_id = ? AND tenure_no = ?",
                    Date.valueOf(e.effectiveDate()), e.headClass() == null ? null : e.headClass().name(),
                    e.agrementReported(), slot.code(), e.missionId(), tenure);
            touch(e.missionId(), recorded);
        }

        // ------------------------------------------------------------ credentials (VCDR Art. 13)

        @EventHandler
        void on(CredentialsCopyPresented e, @Timestamp Instant recorded) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), e.name());
            jdbc.update("UPDATE heads_of_mission_tenure SET copy_presented_on = ? WHERE slot = ? AND mission_id = ? AND tenure_no = ?",
                    Date.valueOf(e.effectiveDate()), slot.code(), e.missionId(), tenure);
            takeUpFunctions(e.missionId(), tenure, e.personId(), e.appointmentReported(), e.predecessorPersonId(), e.effectiveDate());
            touch(e.missionId(), recorded);
        }

        @EventHandler
        void on(CredentialsPresented e, @Timestamp Instant recorded) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), e.name());
            jdbc.update("UPDATE heads_of_mission_tenure SET credentials_presented_on = ? WHERE slot = ? AND mission_id = ? "
                    + "AND tenure_no = ?", Date.valueOf(e.effectiveDate()), slot.code(), e.missionId(), tenure);
            if (e.functionsStartHere()) {
                takeUpFunctions(e.missionId(), tenure, e.personId(), e.appointmentReported(), e.predecessorPersonId(),
                        e.effectiveDate());
            }
            touch(e.missionId(), recorded);
        }

        // ------------------------------------------------------------ recall, return, end

        @EventHandler
        void on(AmbassadorRecalled e, @Timestamp Instant recorded) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), null);
            jdbc.update("UPDATE heads_of_mission_tenure SET recall_kind = ?, recalled_on = ? WHERE slot = ? AND mission_id = ? "
                    + "AND tenure_no = ?", e.kind().name(), Date.valueOf(e.effectiveDate()), slot.code(), e.missionId(), tenure);
            Integer seq = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) + 1 FROM heads_of_mission_recall WHERE slot = ? "
                    + "AND mission_id = ? AND tenure_no = ?", Integer.class, slot.code(), e.missionId(), tenure);
            jdbc.update("INSERT INTO heads_of_mission_recall (slot, mission_id, tenure_no, seq, kind, recalled_on, reason) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)", slot.code(), e.missionId(), tenure, seq, e.kind().name(),
                    Date.valueOf(e.effectiveDate()), e.reason());
            touch(e.missionId(), recorded);
        }

        @EventHandler
        void on(AmbassadorReturned e, @Timestamp Instant recorded) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), null);
            jdbc.update("UPDATE heads_of_mission_tenure SET recall_kind = NULL, recalled_on = NULL WHERE slot = ? "
                    + "AND mission_id = ? AND tenure_no = ?", slot.code(), e.missionId(), tenure);
            jdbc.update("UPDATE heads_of_mission_recall SET returned_on = ? WHERE slot = ? AND mission_id = ? AND tenure_no = ? "
                            + "AND seq = (SELECT MAX(seq) FROM heads_of_mission_recall WHERE slot = ? AND mission_id = ? AND tenure_no = ?)",
                    Date.valueOf(e.effectiveDate()), slot.code(), e.missionId(), tenure, slot.code(), e.missionId(), tenure);
            // As in the aggregate: a head's return ends the chargé d'affaires' acting.
            endCharge(e.missionId(), e.effectiveDate(), "HEAD_RETURNED", e.personId());
            touch(e.missionId(), recorded);
        }

        @EventHandler
        void on(AmbassadorshipEnded e, @Timestamp Instant recorded) {
            int tenure = tenureOrNew(e.missionId(), e.personId(), null);
            jdbc.update("UPDATE heads_of_mission_tenure SET ended = TRUE, ended_on = ?, ended_how = 'REPORTED', end_reason = ? "
                            + "WHERE slot = ? AND mission_id = ? AND tenure_no = ?",
                    Date.valueOf(e.effectiveDate()), e.reason(), slot.code(), e.missionId(), tenure);
            Post post = post(e.missionId());
            if (post != null && post.headTenureNo != null && post.headTenureNo == tenure) {
                jdbc.update("UPDATE heads_of_mission_post SET head_tenure_no = NULL WHERE slot = ? AND mission_id = ?",
                        slot.code(), e.missionId());
                if (!"CLOSED".equals(post.missionStatus)) {
                    openVacancy(e.missionId(), post, tenure, e.personId(), e.effectiveDate());
                }
            }
            touch(e.missionId(), recorded);
        }

        // ------------------------------------------------------------ chargé d'affaires a.i. (VCDR Art. 19)

        @EventHandler
        void on(ChargeDAffairesAppointed e, @Timestamp Instant recorded) {
            endCharge(e.missionId(), e.effectiveDate(), "REPLACED", e.personId());
            Post post = post(e.missionId());
            Integer seq = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) + 1 FROM heads_of_mission_charge WHERE slot = ? "
                    + "AND mission_id = ?", Integer.class, slot.code(), e.missionId());
            jdbc.update("INSERT INTO heads_of_mission_charge (slot, mission_id, seq, person_id, name, charge_rank, "
                            + "acting_for_person_id, from_date, vacancy_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    slot.code(), e.missionId(), seq, e.personId(), e.name(), e.rank(), e.actingForPersonId(),
                    Date.valueOf(e.effectiveDate()), post == null ? null : post.vacancySeq);
            jdbc.update("UPDATE heads_of_mission_post SET charge_seq = ? WHERE slot = ? AND mission_id = ?",
                    seq, slot.code(), e.missionId());
            touch(e.missionId(), recorded);
        }

        // ------------------------------------------------------------ helpers

        /**
         * The person's tenure at the mission: the last one unless it ended, else a new one (as the aggregate's
         * newTenure). Events about a tenure in office never meet an ended one: the write side refuses them.
         */
        private int tenureOrNew(String missionId, String personId, String name) {
            List<Map<String, Object>> last = jdbc.queryForList("SELECT tenure_no, ended FROM heads_of_mission_tenure "
                    + "WHERE slot = ? AND mission_id = ? AND person_id = ? ORDER BY tenure_no DESC LIMIT 1",
                    slot.code(), missionId, personId);
            if (!last.isEmpty() && !Boolean.TRUE.equals(last.get(0).get("ENDED"))) {
                int tenure = ((Number) last.get(0).get("TENURE_NO")).intValue();
                if (name != null) {
                    jdbc.update("UPDATE heads_of_mission_tenure SET name = ? WHERE slot = ? AND mission_id = ? AND tenure_no = ?",
                            name, slot.code(), missionId, tenure);
                }
                return tenure;
            }
            String previousName = last.isEmpty() || name != null ? name : jdbc.queryForObject("SELECT name FROM "
                    + "heads_of_mission_tenure WHERE slot = ? AND mission_id = ? AND tenure_no = ?", String.class,
                    slot.code(), missionId, last.get(0).get("TENURE_NO"));
            Integer next = jdbc.queryForObject("SELECT COALESCE(MAX(tenure_no), 0) + 1 FROM heads_of_mission_tenure "
                    + "WHERE slot = ? AND mission_id = ?", Integer.class, slot.code(), missionId);
            String presence = missionId.substring(0, 5);
            jdbc.update("INSERT INTO heads_of_mission_tenure (slot, mission_id, tenure_no, sending_state, receiving_state, "
                            + "person_id, name, agrement, ended) VALUES (?, ?, ?, ?, ?, ?, ?, 'NONE', FALSE)",
                    slot.code(), missionId, next, presence.substring(0, 2), presence.substring(3, 5), personId, previousName);
            return next;
        }

        /** The person takes up functions (VCDR Art. 13): an unreported predecessor is taken to have left; the chargé's acting and any vacancy end. */
        private void takeUpFunctions(String missionId, int tenure, String personId, boolean appointmentReported,
                                     String predecessor, LocalDate on) {
            jdbc.update("UPDATE heads_of_mission_tenure SET functions_started_on = ?, "
                            + "appointment_reported = COALESCE(appointment_reported, ?) WHERE slot = ? AND mission_id = ? AND tenure_no = ?",
                    Date.valueOf(on), appointmentReported, slot.code(), missionId, tenure);
            Post post = post(missionId);
            if (predecessor != null) {
                jdbc.update("UPDATE heads_of_mission_tenure SET ended = TRUE, ended_on = ?, ended_how = 'SUCCESSOR_TOOK_UP_FUNCTIONS', "
                                + "successor_person_id = ? WHERE slot = ? AND mission_id = ? AND person_id = ? AND ended = FALSE",
                        Date.valueOf(on), personId, slot.code(), missionId, predecessor);
            }
            endCharge(missionId, on, "HEAD_TOOK_UP_FUNCTIONS", personId);
            // Folded in effective order, a head may take up functions on a day before the ledger's opening of the
            // mission: there is no post yet, and so no vacancy to end.
            if (post != null && post.vacancySeq != null) {
                jdbc.update("UPDATE heads_of_mission_vacancy SET to_date = ?, next_person_id = ?, ended_by = 'HEAD_TOOK_UP_FUNCTIONS', "
                                + "next_name = (SELECT name FROM heads_of_mission_tenure WHERE slot = ? AND mission_id = ? AND tenure_no = ?) "
                                + "WHERE slot = ? AND mission_id = ? AND seq = ?",
                        Date.valueOf(on), personId, slot.code(), missionId, tenure, slot.code(), missionId, post.vacancySeq);
            }
            jdbc.update("UPDATE heads_of_mission_post SET head_tenure_no = ?, vacancy_seq = NULL WHERE slot = ? AND mission_id = ?",
                    tenure, slot.code(), missionId);
        }

        private void openVacancy(String missionId, Post post, int tenure, String personId, LocalDate from) {
            Integer seq = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) + 1 FROM heads_of_mission_vacancy WHERE slot = ? "
                    + "AND mission_id = ?", Integer.class, slot.code(), missionId);
            jdbc.update("INSERT INTO heads_of_mission_vacancy (slot, mission_id, seq, from_date, after_person_id, after_name) "
                            + "VALUES (?, ?, ?, ?, ?, (SELECT name FROM heads_of_mission_tenure WHERE slot = ? AND mission_id = ? "
                            + "AND tenure_no = ?))", slot.code(), missionId, seq, Date.valueOf(from), personId, slot.code(),
                    missionId, tenure);
            jdbc.update("UPDATE heads_of_mission_post SET vacancy_seq = ? WHERE slot = ? AND mission_id = ?", seq,
                    slot.code(), missionId);
            if (post.chargeSeq != null) {
                jdbc.update("UPDATE heads_of_mission_charge SET vacancy_seq = ? WHERE slot = ? AND mission_id = ? AND seq = ?",
                        seq, slot.code(), missionId, post.chargeSeq);
            }
        }

        private void endCharge(String missionId, LocalDate on, String endedBy, String byPersonId) {
            Post post = post(missionId);
            if (post == null || post.chargeSeq == null) {
                return;
            }
            jdbc.update("UPDATE heads_of_mission_charge SET to_date = ?, ended_by = ?, ended_by_person_id = ? WHERE slot = ? "
                    + "AND mission_id = ? AND seq = ?", Date.valueOf(on), endedBy, byPersonId, slot.code(), missionId, post.chargeSeq);
            jdbc.update("UPDATE heads_of_mission_post SET charge_seq = NULL WHERE slot = ? AND mission_id = ?", slot.code(), missionId);
        }

        private void missionStatus(String missionId, String status, LocalDate since, Instant recorded) {
            jdbc.update("UPDATE heads_of_mission_post SET mission_status = ?, mission_status_since = ?, last_recorded_at = ? "
                    + "WHERE slot = ? AND mission_id = ?", status, Date.valueOf(since), at(recorded), slot.code(), missionId);
            refresh(missionId);
        }

        /** Refreshes the mission's current head (a name may have come with the event) and its last recorded time. */
        private void touch(String missionId, Instant recorded) {
            refresh(missionId);
            jdbc.update("UPDATE heads_of_mission_post SET last_recorded_at = ? WHERE slot = ? AND mission_id = ?",
                    at(recorded), slot.code(), missionId);
        }

        /** Derives the current_* columns, vacant and vacant_since from the pointers to the head, the chargé and the vacancy. */
        private void refresh(String missionId) {
            Post post = post(missionId);
            if (post == null) {
                return;
            }
            String personId = null;
            String name = null;
            String headClass = null;
            LocalDate since = null;
            String status = null;
            String actingFor = null;
            if (post.chargeSeq != null) {
                Map<String, Object> charge = jdbc.queryForMap("SELECT person_id, name, acting_for_person_id, from_date FROM "
                        + "heads_of_mission_charge WHERE slot = ? AND mission_id = ? AND seq = ?", slot.code(), missionId, post.chargeSeq);
                personId = (String) charge.get("PERSON_ID");
                name = (String) charge.get("NAME");
                headClass = "CHARGE_D_AFFAIRES_AD_INTERIM";
                since = ((java.sql.Date) charge.get("FROM_DATE")).toLocalDate();
                status = "ACTING";
                if (post.headTenureNo != null) {
                    actingFor = jdbc.queryForObject("SELECT person_id FROM heads_of_mission_tenure WHERE slot = ? "
                            + "AND mission_id = ? AND tenure_no = ?", String.class, slot.code(), missionId, post.headTenureNo);
                }
            } else if (post.headTenureNo != null) {
                Map<String, Object> head = jdbc.queryForMap("SELECT person_id, name, head_class, functions_started_on, recall_kind "
                        + "FROM heads_of_mission_tenure WHERE slot = ? AND mission_id = ? AND tenure_no = ?", slot.code(), missionId,
                        post.headTenureNo);
                personId = (String) head.get("PERSON_ID");
                name = (String) head.get("NAME");
                headClass = (String) head.get("HEAD_CLASS");
                since = ((java.sql.Date) head.get("FUNCTIONS_STARTED_ON")).toLocalDate();
                status = head.get("RECALL_KIND") == null ? "IN_OFFICE" : "RECALLED_" + head.get("RECALL_KIND");
            }
            LocalDate vacantSince = post.vacancySeq == null ? null : jdbc.queryForObject("SELECT from_date FROM "
                    + "heads_of_mission_vacancy WHERE slot = ? AND mission_id = ? AND seq = ?", LocalDate.class, slot.code(),
                    missionId, post.vacancySeq);
            boolean vacant = post.headTenureNo == null && !"CLOSED".equals(post.missionStatus);
            jdbc.update("UPDATE heads_of_mission_post SET current_person_id = ?, current_name = ?, current_class = ?, "
                            + "current_since = ?, current_status = ?, acting_for_person_id = ?, vacant = ?, vacant_since = ? "
                            + "WHERE slot = ? AND mission_id = ?", personId, name, headClass,
                    since == null ? null : Date.valueOf(since), status, actingFor, vacant,
                    vacantSince == null ? null : Date.valueOf(vacantSince), slot.code(), missionId);
        }

        private Post post(String missionId) {
            List<Post> found = jdbc.query("SELECT mission_status, head_tenure_no, charge_seq, vacancy_seq FROM heads_of_mission_post "
                            + "WHERE slot = ? AND mission_id = ?", (rs, i) -> new Post(rs.getString(1),
                            (Integer) rs.getObject(2), (Integer) rs.getObject(3), (Integer) rs.getObject(4)),
                    slot.code(), missionId);
            return found.isEmpty() ? null : found.get(0);
        }
    }

    /** The pointers of a mission's row. */
    private record Post(String missionStatus, Integer headTenureNo, Integer chargeSeq, Integer vacancySeq) {
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
