package org.diplomaticledger.presence.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.diplomaticledger.projection.CorrectionMark;
import org.diplomaticledger.projection.CsvOmitted;
import org.diplomaticledger.projection.StateAsThenView;

/** What the expulsions projection answers. */
public final class ExpulsionsViews {

    private ExpulsionsViews() {}

    /** A named person an expulsion declared persona non grata, and when they left (null while still due). */
    public record ExpelledPersonView(
            String personId,
            String name,
            String missionId,
            String category,
            LocalDate departedOn,
            boolean departedLate) {
        @Override
        public String toString() {
            return (name == null ? personId : name) + " (" + personId + ", " + category + ")"
                    + (departedOn == null ? "" : " left " + departedOn + (departedLate ? " late" : ""));
        }
    }

    /**
     * The other end of a reciprocity link: the expulsion answered, or one answering. {@code inferred} is true when
     * the ledger derived the link (no answersExpulsionId was given); the fields other than {@code expulsionId} are null
     * when an explicitly named expulsion is not recorded.
     */
    public record ExpulsionLinkView(
            String expulsionId,
            String presenceId,
            String declaredBy,
            String against,
            LocalDate effectiveDate,
            Integer totalExpelled,
            boolean inferred) {
        @Override
        public String toString() {
            return expulsionId
                    + (presenceId == null
                            ? " (not recorded)"
                            : " (" + declaredBy + " expelled " + totalExpelled + " of " + against + " on "
                                    + effectiveDate + ")")
                    + (inferred ? " inferred" : "");
        }
    }

    /**
     * One expulsion, with its departures tallied as of the events and its overdue state as of the query's day.
     * {@code stateAsThen} is set when the list named a state that continued another (docs/states.md#succession) and
     * the expulsion is dated before the continuation: the row is then the predecessor's, and this names it as it was
     * then (left out of CSV, whose {@code declaredBy} and {@code against} say the state as it was then).
     */
    public record ExpulsionView(
            String expulsionId,
            String presenceId,
            String declaredBy,
            String against,
            String missionId,
            List<ExpelledPersonView> persons,
            int namedCount,
            Integer count,
            String category,
            int totalExpelled,
            LocalDate effectiveDate,
            LocalDate departureDeadline,
            int namedDeparted,
            int countedDeparted,
            int departed,
            int stillDue,
            boolean overdue,
            int lateDepartures,
            LocalDate lastDepartureOn,
            ExpulsionLinkView answers,
            List<ExpulsionLinkView> answeredBy,
            String reason,
            String source,
            String sourceUrl,
            Instant recordedAt,
            CorrectionMark corrected,
            @CsvOmitted StateAsThenView stateAsThen) {

        /** This row, listed for another state than the one recorded (its predecessor, as it was then). */
        public ExpulsionView asThen(StateAsThenView state) {
            return new ExpulsionView(
                    expulsionId,
                    presenceId,
                    declaredBy,
                    against,
                    missionId,
                    persons,
                    namedCount,
                    count,
                    category,
                    totalExpelled,
                    effectiveDate,
                    departureDeadline,
                    namedDeparted,
                    countedDeparted,
                    departed,
                    stillDue,
                    overdue,
                    lateDepartures,
                    lastDepartureOn,
                    answers,
                    answeredBy,
                    reason,
                    source,
                    sourceUrl,
                    recordedAt,
                    corrected,
                    state);
        }
    }

    /** A departure recorded under an expulsion: a named person (departed = 1) or counted staff. */
    public record ExpulsionDepartureView(
            int seq,
            String personId,
            int departed,
            String category,
            String missionId,
            LocalDate effectiveDate,
            boolean late,
            Instant recordedAt,
            String source) {}

    /** One expulsion with every departure recorded under it. */
    public record ExpulsionDetail(ExpulsionView expulsion, List<ExpulsionDepartureView> departures) {}

    /**
     * One year of a pair of states: staff of B that A expelled (aToB), staff of A that B expelled (bToA), named plus
     * counted, the balance aToB - bToA, and how many expulsions each side declared. {@code stateAsThen} is set on a
     * year some of whose days a predecessor of a state of the pair answers for (docs/states.md#succession): that
     * year's expulsions dated before the continuation are counted under the predecessor, which this names as it was
     * then (never a CSV column).
     */
    public record ExpulsionTrendRow(
            int year,
            String stateA,
            String stateB,
            int aToB,
            int bToA,
            int balance,
            int expulsionsByA,
            int expulsionsByB,
            @CsvOmitted StateAsThenView stateAsThen) {}
}
