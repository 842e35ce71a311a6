package org.diplomaticledger.relations.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.relations.api.ChangeRelationsLevel;
import org.diplomaticledger.relations.api.RelationsLevel;
import org.diplomaticledger.relations.api.RelationsLevelChanged;
import org.diplomaticledger.relations.api.ReviseRelationsEntry;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.EffectiveTimeline;
import org.diplomaticledger.shared.EffectiveTimeline.Placed;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.shared.WholeBatch;

/**
 * The level of diplomatic relations between two states, identified as {@code RELATIONS-RU-US}. The first change reported for
 * a pair creates it at whatever level the source gives, since the ledger's knowledge of a pair starts with a gap.
 *
 * <p>A change is judged against the level in force on its own effective date, whatever was recorded first, and is
 * refused with {@code contradicts-recorded-fact} if a change recorded for a later day would then change nothing or
 * restore what was not reduced (see docs/events.md, "Facts in effective time").
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "ledgerSnapshotTrigger")
@org.axonframework.serialization.Revision("2")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class BilateralRelations {

    /** CAMEO: reduce or break diplomatic relations. */
    static final int CAMEO_REDUCE_OR_BREAK_RELATIONS = 161;

    @AggregateIdentifier
    private String relationsId;
    /** Every change of level recorded, in effective order (then in the order recorded). */
    private EffectiveTimeline<RelationsLevel> changes = EffectiveTimeline.empty();

    protected BilateralRelations() {
        // for Axon and for Jackson snapshots
    }

    /** A correction or retraction of one of these relations' events, judged by the ledger's history: recorded as it is. */
    @CommandHandler
    void handle(ReviseRelationsEntry command) {
        command.revision().record();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeRelationsLevel command) {
        CountryCode a = command.stateA();
        CountryCode b = command.stateB();
        if (a.equals(b)) {
            throw new RuleViolation(
                    "same-state",
                    "stateB",
                    "a state cannot have diplomatic relations with itself (" + a + " and " + b + ")");
        }
        if (command.initiatedBy() != null
                && !command.initiatedBy().equals(a)
                && !command.initiatedBy().equals(b)) {
            throw new RuleViolation(
                    "initiator-not-a-party",
                    "initiatedBy",
                    command.initiatedBy() + " cannot initiate a change in the relations between " + a + " and " + b);
        }
        refuseProtectingPower(command, command.protectingPowerOfA(), "protectingPowerOfA", a);
        refuseProtectingPower(command, command.protectingPowerOfB(), "protectingPowerOfB", b);
        String id = command.relationsId();
        RelationsLevel level = changes.on(command.effectiveDate(), rules(id));
        changes.requireFits(
                Placed.candidate("RelationsLevelChanged", command.effectiveDate(), command.level()),
                rules(id),
                "In relations " + id + ", a change to " + command.level() + " on " + command.effectiveDate(),
                id,
                this::contradictionSince);
        boolean wentDown =
                standing(command.level()) < (level == null ? standing(RelationsLevel.FULL) : standing(level));
        boolean sorted = a.compareTo(b) < 0;
        apply(new RelationsLevelChanged(
                id,
                sorted ? a : b,
                sorted ? b : a,
                command.level(),
                level,
                command.initiatedBy(),
                command.reason(),
                sorted ? command.protectingPowerOfA() : command.protectingPowerOfB(),
                sorted ? command.protectingPowerOfB() : command.protectingPowerOfA(),
                command.effectiveDate(),
                command.source(),
                wentDown ? CAMEO_REDUCE_OR_BREAK_RELATIONS : null));
    }

    /** A history whose first events were retracted still knows whose history it is. */
    @EventSourcingHandler
    void on(EntryRetracted event, @SourceId String aggregateId) {
        if (relationsId == null) {
            relationsId = aggregateId;
        }
    }

    @EventSourcingHandler
    void on(EntryCorrected event, @SourceId String aggregateId) {
        if (relationsId == null) {
            relationsId = aggregateId;
        }
    }

    @EventSourcingHandler
    void on(RelationsLevelChanged event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        relationsId = event.relationsId();
        changes = changes.with(
                new Placed<>(eventId, "RelationsLevelChanged", event.effectiveDate(), sequence, event.level()));
        WholeBatch.refresh(relationsId, this::contradictionSince);
    }

    @SuppressWarnings("unchecked")
    private RuleViolation contradictionSince(Object baseline) {
        return changes.newlyBroken(
                (Set<String>) baseline, rules(relationsId), "Taken as a whole, the batch of relations " + relationsId);
    }

    /**
     * The rules of a pair's levels over time, on the level in force before each change (null: none known before it,
     * and any level may open what the ledger knows of a pair).
     */
    private static EffectiveTimeline.Rules<RelationsLevel, RelationsLevel> rules(String id) {
        return new RelationsRules(id);
    }

    /** Equal for the same id, so that the timeline keeps its last record between commands. */
    private record RelationsRules(String id) implements EffectiveTimeline.Rules<RelationsLevel, RelationsLevel> {
        @Override
        public RelationsLevel initial() {
            return null;
        }

        @Override
        public RuleViolation refusal(RelationsLevel before, Placed<RelationsLevel> change) {
            if (before == null) {
                return null;
            }
            if (change.fact() == RelationsLevel.RESTORED
                    && before != RelationsLevel.SEVERED
                    && before != RelationsLevel.DOWNGRADED) {
                return new RuleViolation(
                        "nothing-to-restore",
                        "level",
                        "relations " + id + " are " + before + " on " + change.on()
                                + ", neither severed nor downgraded; there is nothing to restore");
            }
            if (standing(change.fact()) == standing(before)) {
                return new RuleViolation(
                        "relations-level-unchanged",
                        "level",
                        "relations " + id + " are already " + before + " on " + change.on() + "; " + change.fact()
                                + " changes nothing");
            }
            return null;
        }

        @Override
        public RelationsLevel after(RelationsLevel before, Placed<RelationsLevel> change) {
            return change.fact();
        }
    }

    /** How high relations stand: restored relations stand as high as full ones, severed ones lowest. */
    private static int standing(RelationsLevel level) {
        return switch (level) {
            case FULL, RESTORED -> 2;
            case DOWNGRADED -> 1;
            case SEVERED -> 0;
        };
    }

    private static void refuseProtectingPower(
            ChangeRelationsLevel command, CountryCode power, String field, CountryCode protectedState) {
        if (power == null) {
            return;
        }
        if (command.level() != RelationsLevel.SEVERED) {
            throw new RuleViolation(
                    "protecting-power-without-break",
                    field,
                    power + " cannot protect the interests of " + protectedState + " while relations are "
                            + command.level() + "; protecting powers act only when relations are severed"
                            + " (VCDR Art. 45)");
        }
        if (power.equals(command.stateA()) || power.equals(command.stateB())) {
            throw new RuleViolation(
                    "protecting-power-not-third-state",
                    field,
                    power + " cannot protect the interests of " + protectedState + " in relations between "
                            + command.stateA() + " and " + command.stateB() + "; a protecting power is a third state");
        }
    }
}
