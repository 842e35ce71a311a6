package org.diplomaticledger.relations.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.diplomaticledger.projection.CorrectionMark;
import org.diplomaticledger.projection.StateAsThenView;

/** What the relations projection answers. */
public final class RelationsViews {

    private RelationsViews() {}

    /** A third state protecting one side's interests (VCDR Art. 45(c)). */
    public record ProtectingPowerView(String protectedState, String power) {
        @Override
        public String toString() {
            return power + " for " + protectedState;
        }
    }

    /**
     * The relations between {@code stateA} and {@code stateB} (alphabetical) as in force on the day asked about:
     * {@code level} since {@code since}, the change that set it and the protecting powers while severed.
     * {@code corrected}: the mark of the correction of the change that set it (null when it stands as recorded).
     */
    public record RelationsView(
            String relationsId,
            String stateA,
            String stateB,
            String level,
            LocalDate since,
            String previousLevel,
            String initiatedBy,
            String reason,
            List<ProtectingPowerView> protectingPowers,
            Integer cameoCode,
            String source,
            String sourceUrl,
            int changes,
            Instant lastRecordedAt,
            CorrectionMark corrected) {}

    /** One change of level, in effective order; {@code corrected} marks a corrected change. */
    public record RelationsChange(
            int seq,
            LocalDate effectiveDate,
            String level,
            String previousLevel,
            String initiatedBy,
            String reason,
            List<ProtectingPowerView> protectingPowers,
            Integer cameoCode,
            String source,
            String sourceUrl,
            Instant recordedAt,
            CorrectionMark corrected) {}

    /**
     * One pair with every change of level in force up to the day asked about. {@code stateAsThen} is set when the
     * read named a state that continued another (docs/states.md#succession) on a day before the continuation: the
     * pair and its history are then the predecessor's, and this names it as it was then.
     */
    public record RelationsDetail(RelationsView relations, List<RelationsChange> history, StateAsThenView stateAsThen) {

        public RelationsDetail(RelationsView relations, List<RelationsChange> history) {
            this(relations, history, null);
        }

        /** This answer, given for another state than the one recorded (its predecessor, as it was then). */
        public RelationsDetail asThen(StateAsThenView state) {
            return new RelationsDetail(relations, history, state);
        }
    }
}
