package org.diplomaticledger.relations.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.diplomaticledger.projection.CorrectionMark;
import org.diplomaticledger.projection.CsvOmitted;
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
     * {@code stateAsThen} is set when the list named a state that continued another (docs/states.md#succession) and
     * the pair is the predecessor's (on a day before the continuation, or carried on after it): this names the
     * predecessor as it was then (left out of CSV, whose {@code stateA} and {@code stateB} say the state then).
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
            CorrectionMark corrected,
            @CsvOmitted StateAsThenView stateAsThen) {

        /** This pair, listed for another state than the one recorded (its predecessor, as it was then). */
        public RelationsView asThen(StateAsThenView state) {
            return new RelationsView(
                    relationsId,
                    stateA,
                    stateB,
                    level,
                    since,
                    previousLevel,
                    initiatedBy,
                    reason,
                    protectingPowers,
                    cameoCode,
                    source,
                    sourceUrl,
                    changes,
                    lastRecordedAt,
                    corrected,
                    state);
        }
    }

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
            CorrectionMark corrected,
            StateAsThenView stateAsThen) {

        /** This change, in the history of a successor's pair but made by its predecessor (as it was then). */
        public RelationsChange asThen(StateAsThenView state) {
            return new RelationsChange(
                    seq,
                    effectiveDate,
                    level,
                    previousLevel,
                    initiatedBy,
                    reason,
                    protectingPowers,
                    cameoCode,
                    source,
                    sourceUrl,
                    recordedAt,
                    corrected,
                    state);
        }
    }

    /**
     * One pair with every change of level in force up to the day asked about. {@code stateAsThen} is set when the
     * read named a state that continued another (docs/states.md#succession) on a day before the continuation: the
     * pair and its history are then the predecessor's, and this names it as it was then. On a day from the
     * continuation on, the successor's pair is read, and its history starts with the predecessor's changes before that
     * day, each marked {@code stateAsThen}.
     */
    public record RelationsDetail(RelationsView relations, List<RelationsChange> history, StateAsThenView stateAsThen) {

        public RelationsDetail(RelationsView relations, List<RelationsChange> history) {
            this(relations, history, null);
        }

        /** This answer, given for another state than the one recorded (its predecessor, as it was then). */
        public RelationsDetail asThen(StateAsThenView state) {
            return new RelationsDetail(relations, history, state);
        }

        /** This answer with the changes the predecessors' pairs made before it, each marked, leading its history. */
        public RelationsDetail after(List<RelationsChange> earlier) {
            if (earlier.isEmpty()) {
                return this;
            }
            List<RelationsChange> all = new java.util.ArrayList<>(earlier);
            all.addAll(history);
            return new RelationsDetail(relations, List.copyOf(all), stateAsThen);
        }
    }
}
