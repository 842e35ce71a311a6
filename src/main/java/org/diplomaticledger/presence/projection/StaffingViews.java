package org.diplomaticledger.presence.projection;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.diplomaticledger.projection.CorrectionMark;
import org.diplomaticledger.projection.CsvOmitted;
import org.diplomaticledger.projection.StateAsThenView;
import org.diplomaticledger.shared.Provenance;

/** What the staffing projection answers. */
public final class StaffingViews {

    private StaffingViews() {}

    /** Staff in one scope, by category (VCDR Art. 1), and in all. */
    public record StaffCounts(
            int total, int diplomatic, int administrativeTechnical, int service, int localHire, int unspecified) {
        public static final StaffCounts NONE = new StaffCounts(0, 0, 0, 0, 0, 0);

        /** The count of one category ({@code null}: all). */
        public int of(String category) {
            if (category == null) {
                return total;
            }
            return switch (category) {
                case "DIPLOMATIC" -> diplomatic;
                case "ADMINISTRATIVE_TECHNICAL" -> administrativeTechnical;
                case "SERVICE" -> service;
                case "LOCAL_HIRE" -> localHire;
                default -> unspecified;
            };
        }

        public StaffCounts plus(StaffCounts other) {
            return new StaffCounts(
                    total + other.total,
                    diplomatic + other.diplomatic,
                    administrativeTechnical + other.administrativeTechnical,
                    service + other.service,
                    localHire + other.localHire,
                    unspecified + other.unspecified);
        }
    }

    /** The latest headcount a source reported for the scope (by effective date), the base counted staff start from. */
    public record ReportedHeadcount(Integer headcount, String category, LocalDate on) {}

    /**
     * A ceiling in force (VCDR Art. 11), against the staff now in its scope: room when within it, excess when above.
     * When the ledger holds no count of the scope's staff at all (no report, no change, no named member),
     * {@code headcountKnown} is false and headcount, room and excess are null: nothing counted is not "no one there".
     */
    public record CeilingView(
            String ceilingId,
            String missionId,
            String category,
            int limit,
            LocalDate since,
            LocalDate complyBy,
            Integer headcount,
            Integer room,
            Integer excess,
            String reason,
            boolean headcountKnown) {
        @Override
        public String toString() {
            return ceilingId + " limit " + limit + (category == null ? "" : " " + category) + " since " + since
                    + (complyBy == null ? "" : " comply-by " + complyBy)
                    + (!headcountKnown ? " headcount unknown" : excess != null ? " excess " + excess : " room " + room);
        }
    }

    /**
     * Expelled staff still due to leave (named not departed + counted not yet departed), and how many are overdue:
     * their departure deadline passed before {@code on} and no departure is recorded. {@code departureNotRecorded}
     * are the named among them: from the deadline on they are no longer members of the mission (VCDR Art. 9) and no
     * longer count in the headcount. {@code overdueSince} is the earliest passed deadline, {@code overdueDays} how
     * long ago it passed (both null when nothing is overdue).
     */
    public record ExpelledDue(
            int due, int overdue, LocalDate on, int departureNotRecorded, LocalDate overdueSince, Long overdueDays) {}

    /**
     * One mission's staffing. {@code headcount} = {@code named} + {@code counted}, per category;
     * {@code headcountKnown} is false when the ledger holds no count of its staff at all (the zeros then mean
     * "unknown"). {@code status} is CLOSING from a closure with a deadline to leave (consent withdrawn) until
     * {@code leaveBy}, CLOSED from then on. {@code reportedSource} and {@code reportedCorrected}: as for a presence.
     * {@code stateAsThen} is set when the list named a state that continued another (docs/states.md#succession) on a
     * day before the continuation: the row is then the predecessor's, and this names it as it was then.
     */
    public record MissionStaffingView(
            String missionId,
            String presenceId,
            String sendingState,
            String receivingState,
            String kind,
            String city,
            String organisation,
            String name,
            String status,
            LocalDate statusSince,
            StaffCounts headcount,
            StaffCounts named,
            StaffCounts counted,
            ReportedHeadcount reported,
            List<CeilingView> ceilings,
            ExpelledDue expelled,
            LocalDate leaveBy,
            boolean headcountKnown,
            Provenance reportedSource,
            CorrectionMark reportedCorrected,
            @CsvOmitted StateAsThenView stateAsThen) {

        /** This row, listed for another state than the one recorded (its predecessor, as it was then). */
        public MissionStaffingView asThen(StateAsThenView state) {
            return new MissionStaffingView(
                    missionId,
                    presenceId,
                    sendingState,
                    receivingState,
                    kind,
                    city,
                    organisation,
                    name,
                    status,
                    statusSince,
                    headcount,
                    named,
                    counted,
                    reported,
                    ceilings,
                    expelled,
                    leaveBy,
                    headcountKnown,
                    reportedSource,
                    reportedCorrected,
                    state);
        }
    }

    /** A named member of staff, current or departed. */
    public record StaffMemberView(
            String personId,
            String name,
            String rank,
            String category,
            LocalDate accreditedOn,
            String expelledBy,
            LocalDate departedOn) {}

    /** One expulsion (VCDR Art. 9) with what of it is still due to leave. */
    public record MissionExpulsionView(
            String expulsionId,
            String missionId,
            LocalDate declaredOn,
            LocalDate deadline,
            int named,
            int namedDue,
            int counted,
            int countedDue,
            boolean overdue,
            String answersExpulsionId) {}

    /** One mission with its named staff and its expulsions. */
    public record MissionStaffingDetail(
            MissionStaffingView mission, List<StaffMemberView> staff, List<MissionExpulsionView> expulsions) {}

    /** How many of a presence's missions are open, suspended, closing (before their deadline to leave) or closed. */
    public record MissionCounts(int open, int suspended, int closing, int closed) {}

    /** The level of relations between the two states of a presence in force on the day asked about, and since when. */
    public record RelationsLevelView(String level, LocalDate since) {}

    /**
     * One presence (sending state in receiving state): every mission's staff plus the presence-wide counted staff
     * ({@code presenceWide}), the presence-wide ceilings ({@code ceilings}) and those in force on its missions
     * ({@code missionCeilings}, each against its mission's staff), the expelled still due and the level of relations
     * between the two states ({@code relations}, null when the ledger knows none on that day). {@code headcountKnown}
     * is false when the ledger holds no count of the presence's staff at all. {@code reportedSource} is the source of
     * the {@code reported} headcount (as corrected), {@code reportedCorrected} the mark of its correction (null when
     * the report stands as recorded); both come last so that CSV columns keep their places. {@code stateAsThen}: as
     * for a mission (never a CSV column).
     */
    public record PresenceStaffingView(
            String presenceId,
            String sendingState,
            String receivingState,
            StaffCounts headcount,
            StaffCounts named,
            StaffCounts counted,
            StaffCounts presenceWide,
            ReportedHeadcount reported,
            List<CeilingView> ceilings,
            MissionCounts missions,
            ExpelledDue expelled,
            RelationsLevelView relations,
            boolean headcountKnown,
            List<CeilingView> missionCeilings,
            Provenance reportedSource,
            CorrectionMark reportedCorrected,
            @CsvOmitted StateAsThenView stateAsThen) {

        /** This row, listed for another state than the one recorded (its predecessor, as it was then). */
        public PresenceStaffingView asThen(StateAsThenView state) {
            return new PresenceStaffingView(
                    presenceId,
                    sendingState,
                    receivingState,
                    headcount,
                    named,
                    counted,
                    presenceWide,
                    reported,
                    ceilings,
                    missions,
                    expelled,
                    relations,
                    headcountKnown,
                    missionCeilings,
                    reportedSource,
                    reportedCorrected,
                    state);
        }
    }

    /**
     * One presence with its missions and expulsions. {@code stateAsThen} is set when the read named a state that
     * continued another (docs/states.md#succession) on a day before the continuation: the presence is then the
     * predecessor's, and this names it as it was then.
     */
    public record PresenceStaffingDetail(
            PresenceStaffingView presence,
            List<MissionStaffingView> missions,
            List<MissionExpulsionView> expulsions,
            StateAsThenView stateAsThen) {

        public PresenceStaffingDetail(
                PresenceStaffingView presence,
                List<MissionStaffingView> missions,
                List<MissionExpulsionView> expulsions) {
            this(presence, missions, expulsions, null);
        }

        /** This answer, given for another state than the one recorded (its predecessor, as it was then). */
        public PresenceStaffingDetail asThen(StateAsThenView state) {
            return new PresenceStaffingDetail(presence, missions, expulsions, state);
        }
    }

    /**
     * A presence-wide ceiling in force over a span of effective days ({@code to} exclusive; null while it holds), as
     * the ledger knew it at the read's {@code knownAt}: one span per stored version, so a changed limit is a new span.
     */
    public record CeilingSpan(String ceilingId, String category, int limit, LocalDate from, LocalDate to) {}

    /** A presence's headcount at the end of a month, by effective date. */
    public record HeadcountPoint(
            YearMonth month,
            LocalDate date,
            String sendingState,
            String receivingState,
            int headcount,
            int change,
            @CsvOmitted StateAsThenView stateAsThen) {

        public HeadcountPoint(
                YearMonth month,
                LocalDate date,
                String sendingState,
                String receivingState,
                int headcount,
                int change) {
            this(month, date, sendingState, receivingState, headcount, change, null);
        }
    }

    /** The missions of a sending state open (or suspended) in one receiving state at the end of a year. */
    public record OpenMissionsPoint(
            int year,
            LocalDate date,
            String sendingState,
            String receivingState,
            int open,
            List<String> missionIds,
            @CsvOmitted StateAsThenView stateAsThen) {

        public OpenMissionsPoint(
                int year,
                LocalDate date,
                String sendingState,
                String receivingState,
                int open,
                List<String> missionIds) {
            this(year, date, sendingState, receivingState, open, missionIds, null);
        }
    }
}
