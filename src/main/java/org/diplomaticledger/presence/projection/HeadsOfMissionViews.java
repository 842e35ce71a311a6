package org.diplomaticledger.presence.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.diplomaticledger.projection.CorrectionMark;
import org.diplomaticledger.projection.CsvOmitted;
import org.diplomaticledger.projection.StateAsThenView;

/** What the heads-of-mission projection answers. */
public final class HeadsOfMissionViews {

    private HeadsOfMissionViews() {}

    /**
     * Who is in charge of a mission now: the head in functions (IN_OFFICE, RECALLED_FOR_CONSULTATIONS,
     * RECALLED_FOR_GOOD) or the chargé d'affaires a.i. acting for an absent head or in a vacancy (ACTING).
     */
    public record CurrentHead(String personId, String name, String headClass, LocalDate since, String status) {}

    /**
     * Which of three states a post is in on the day read: a head in functions ({@code HEADED}, recalled or not), no
     * head in functions at an open or suspended mission ({@code VACANT}: a chargé d'affaires a.i. may act), or the
     * mission closed ({@code CLOSED}: neither, whatever head the ledger last held, since a closure records no end).
     */
    public enum Post {
        HEADED,
        VACANT,
        CLOSED;

        /**
         * The state from the post's stored columns: {@code mission_status} and {@code vacant} (true when there is no
         * head in functions and the mission is not closed), so that the rows need no column of their own.
         */
        static Post of(String missionStatus, boolean vacant) {
            if ("CLOSED".equals(missionStatus)) {
                return CLOSED;
            }
            return vacant ? VACANT : HEADED;
        }
    }

    /**
     * One mission and who heads it now; {@code post} says whether it is headed, vacant or closed, and {@code vacant}
     * is {@code post == VACANT}; {@code vacantDays} runs up to the query's {@code on} date. {@code corrected}: the
     * mark of the latest correction of the current head's tenure (null when none, or when a chargé d'affaires a.i.
     * is in charge). {@code stateAsThen} is set when the list named a state that continued another
     * (docs/states.md#succession) on a day before the continuation: the row is then the predecessor's, whose code
     * stands in {@code sendingState} or {@code receivingState}, and this names it as it was then (not in CSV).
     */
    public record MissionHeadView(
            String missionId,
            String sendingState,
            String receivingState,
            String kind,
            String city,
            String organisation,
            String missionName,
            String missionStatus,
            LocalDate missionStatusSince,
            CurrentHead current,
            String actingForPersonId,
            Post post,
            boolean vacant,
            LocalDate vacantSince,
            Long vacantDays,
            Instant lastRecordedAt,
            CorrectionMark corrected,
            @CsvOmitted StateAsThenView stateAsThen) {

        public MissionHeadView(
                String missionId,
                String sendingState,
                String receivingState,
                String kind,
                String city,
                String organisation,
                String missionName,
                String missionStatus,
                LocalDate missionStatusSince,
                CurrentHead current,
                String actingForPersonId,
                Post post,
                boolean vacant,
                LocalDate vacantSince,
                Long vacantDays,
                Instant lastRecordedAt,
                CorrectionMark corrected) {
            this(
                    missionId,
                    sendingState,
                    receivingState,
                    kind,
                    city,
                    organisation,
                    missionName,
                    missionStatus,
                    missionStatusSince,
                    current,
                    actingForPersonId,
                    post,
                    vacant,
                    vacantSince,
                    vacantDays,
                    lastRecordedAt,
                    corrected,
                    null);
        }

        /** This row, given for another state than the one recorded (its predecessor, as it was then). */
        public MissionHeadView asThen(StateAsThenView state) {
            return new MissionHeadView(
                    missionId,
                    sendingState,
                    receivingState,
                    kind,
                    city,
                    organisation,
                    missionName,
                    missionStatus,
                    missionStatusSince,
                    current,
                    actingForPersonId,
                    post,
                    vacant,
                    vacantSince,
                    vacantDays,
                    lastRecordedAt,
                    corrected,
                    state);
        }
    }

    /** One recall of a head; {@code returnedOn} is null while the head is away (or never came back). */
    public record RecallView(String kind, LocalDate recalledOn, String reason, LocalDate returnedOn) {
        @Override
        public String toString() {
            return kind + " " + recalledOn + (returnedOn == null ? "" : " returned " + returnedOn);
        }
    }

    /**
     * One tenure: a person's headship of a mission, from agrément or appointment to its end. {@code requestReported},
     * {@code agrementReported} and {@code appointmentReported} are the gap flags the events carry (null when the
     * event that carries the flag never came); {@code endedHow} is REPORTED (AmbassadorshipEnded) or
     * SUCCESSOR_TOOK_UP_FUNCTIONS (the end was never reported; a successor took up functions). {@code corrected} is
     * the mark of the latest correction among the events that made the tenure (null when none was corrected).
     * {@code stateAsThen} is set when the tenures list named a state that continued another
     * (docs/states.md#succession) and the tenure began before the continuation: the row is then the predecessor's,
     * and this names it as it was then (left out of CSV, whose state columns say the state as it was then).
     */
    public record TenureView(
            String missionId,
            int tenureNo,
            String sendingState,
            String receivingState,
            String personId,
            String name,
            String headClass,
            String status,
            String agrement,
            LocalDate agrementRequestedOn,
            LocalDate agrementGrantedOn,
            LocalDate agrementRefusedOn,
            Boolean requestReported,
            Boolean agrementReported,
            LocalDate appointedOn,
            Boolean appointmentReported,
            LocalDate copyPresentedOn,
            LocalDate credentialsPresentedOn,
            LocalDate functionsStartedOn,
            List<RecallView> recalls,
            LocalDate endedOn,
            String endedHow,
            String endReason,
            String successorPersonId,
            CorrectionMark corrected,
            @CsvOmitted StateAsThenView stateAsThen) {

        /** This row, listed for another state than the one recorded (its predecessor, as it was then). */
        public TenureView asThen(StateAsThenView state) {
            return new TenureView(
                    missionId,
                    tenureNo,
                    sendingState,
                    receivingState,
                    personId,
                    name,
                    headClass,
                    status,
                    agrement,
                    agrementRequestedOn,
                    agrementGrantedOn,
                    agrementRefusedOn,
                    requestReported,
                    agrementReported,
                    appointedOn,
                    appointmentReported,
                    copyPresentedOn,
                    credentialsPresentedOn,
                    functionsStartedOn,
                    recalls,
                    endedOn,
                    endedHow,
                    endReason,
                    successorPersonId,
                    corrected,
                    state);
        }
    }

    /** A chargé d'affaires a.i. and the period they acted; {@code endedBy} says what ended it. */
    public record ChargeView(
            int seq,
            String personId,
            String name,
            String rank,
            String actingForPersonId,
            LocalDate from,
            LocalDate to,
            String endedBy,
            String endedByPersonId) {
        @Override
        public String toString() {
            return (name == null ? personId : name) + " from " + from + (to == null ? "" : " to " + to);
        }
    }

    /**
     * A vacancy of the post: from a head's reported end to the next head's taking up functions, or to the mission's
     * closure; open ones run up to the query's {@code on} date. The chargés d'affaires a.i. who acted in it.
     */
    public record VacancyView(
            int seq,
            LocalDate from,
            LocalDate to,
            boolean open,
            Long days,
            String afterPersonId,
            String afterName,
            String nextPersonId,
            String nextName,
            String endedBy,
            List<ChargeView> chargesDAffaires) {}

    /** A mission with its whole sequence of heads. */
    public record MissionHeadsDetail(
            MissionHeadView mission,
            List<TenureView> tenures,
            List<ChargeView> chargesDAffaires,
            List<VacancyView> vacancies) {}
}
