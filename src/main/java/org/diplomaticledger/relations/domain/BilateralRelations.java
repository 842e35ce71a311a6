package org.diplomaticledger.relations.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
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
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.shared.WholeBatch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

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
    private List<Change> changes = new ArrayList<>();

    /** A change of level where it falls: {@code eventId} null for one being judged. */
    record Change(LocalDate on, long sequence, String eventId, RelationsLevel level) {
    }

    private static final Comparator<Change> IN_EFFECTIVE_ORDER =
            Comparator.comparing(Change::on).thenComparingLong(Change::sequence);

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
            throw new RuleViolation("same-state", "stateB",
                    "a state cannot have diplomatic relations with itself (" + a + " and " + b + ")");
        }
        if (command.initiatedBy() != null && !command.initiatedBy().equals(a) && !command.initiatedBy().equals(b)) {
            throw new RuleViolation("initiator-not-a-party", "initiatedBy",
                    command.initiatedBy() + " cannot initiate a change in the relations between " + a + " and " + b);
        }
        refuseProtectingPower(command, command.protectingPowerOfA(), "protectingPowerOfA", a);
        refuseProtectingPower(command, command.protectingPowerOfB(), "protectingPowerOfB", b);
        String id = command.relationsId();
        Change candidate = new Change(command.effectiveDate(), Long.MAX_VALUE, null, command.level());
        RelationsLevel level = levelBefore(candidate, changes);
        RuleViolation own = refusal(level, candidate, id);
        if (own != null) {
            throw own;
        }
        RuleViolation contradiction = contradiction(candidate, id);
        if (contradiction != null && !WholeBatch.defer(id, broken(changes, id).keySet(), this::contradictionSince)) {
            throw contradiction;
        }
        boolean wentDown = standing(command.level()) < (level == null ? standing(RelationsLevel.FULL) : standing(level));
        boolean sorted = a.compareTo(b) < 0;
        apply(new RelationsLevelChanged(id,
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
        List<Change> more = new ArrayList<>(changes);
        more.add(new Change(event.effectiveDate(), sequence, eventId, event.level()));
        more.sort(IN_EFFECTIVE_ORDER);
        changes = more;
        WholeBatch.refresh(relationsId, this::contradictionSince);
    }

    /** The level in force just before a change (null: none recorded before it). */
    private static RelationsLevel levelBefore(Change change, List<Change> inOrder) {
        RelationsLevel level = null;
        for (Change earlier : inOrder) {
            if (IN_EFFECTIVE_ORDER.compare(earlier, change) >= 0) {
                break;
            }
            level = earlier.level();
        }
        return level;
    }

    /** Why a change cannot follow the level before it, or null; any level may open what the ledger knows of a pair. */
    private static RuleViolation refusal(RelationsLevel before, Change change, String id) {
        if (before == null) {
            return null;
        }
        if (change.level() == RelationsLevel.RESTORED && before != RelationsLevel.SEVERED
                && before != RelationsLevel.DOWNGRADED) {
            return new RuleViolation("nothing-to-restore", "level", "relations " + id + " are " + before + " on "
                    + change.on() + ", neither severed nor downgraded; there is nothing to restore");
        }
        if (standing(change.level()) == standing(before)) {
            return new RuleViolation("relations-level-unchanged", "level", "relations " + id + " are already " + before
                    + " on " + change.on() + "; " + change.level() + " changes nothing");
        }
        return null;
    }

    /** The recorded changes that break a rule after the ones before them, with why. */
    private static Map<Change, RuleViolation> broken(List<Change> inOrder, String id) {
        Map<Change, RuleViolation> broken = new java.util.LinkedHashMap<>();
        RelationsLevel level = null;
        for (Change change : inOrder) {
            RuleViolation wrong = refusal(level, change, id);
            if (wrong != null) {
                broken.put(change, wrong);
            }
            level = change.level();
        }
        return broken;
    }

    /** The contradiction a change would cause in the changes recorded for later days, or null. */
    private RuleViolation contradiction(Change candidate, String id) {
        List<Change> with = new ArrayList<>(changes);
        with.add(candidate);
        with.sort(IN_EFFECTIVE_ORDER);
        return newlyBroken(with, broken(changes, id).keySet(), id, "a change to " + candidate.level() + " on "
                + candidate.on());
    }

    @SuppressWarnings("unchecked")
    private RuleViolation contradictionSince(Object baseline) {
        return newlyBroken(changes, (Set<Change>) baseline, relationsId, "taken as a whole, the batch");
    }

    private static RuleViolation newlyBroken(List<Change> inOrder, Set<Change> baseline, String id, String what) {
        Set<Change> before = new HashSet<>(baseline);
        for (Map.Entry<Change, RuleViolation> wrong : broken(inOrder, id).entrySet()) {
            Change recorded = wrong.getKey();
            if (recorded.eventId() != null && !before.contains(recorded)) {
                return new RuleViolation("contradicts-recorded-fact", "effectiveDate", "In relations " + id + ", " + what
                        + " contradicts a fact recorded: with it, the RelationsLevelChanged of " + recorded.on()
                        + " (event " + recorded.eventId() + ") would break rule " + wrong.getValue().rule() + ": "
                        + wrong.getValue().getMessage(), Map.of("conflictingFact", Map.of("eventId", recorded.eventId(),
                        "type", "RelationsLevelChanged", "effectiveDate", recorded.on().toString(), "rule",
                        wrong.getValue().rule())));
            }
        }
        return null;
    }

    /** How high relations stand: restored relations stand as high as full ones, severed ones lowest. */
    private static int standing(RelationsLevel level) {
        return switch (level) {
            case FULL, RESTORED -> 2;
            case DOWNGRADED -> 1;
            case SEVERED -> 0;
        };
    }

    private static void refuseProtectingPower(ChangeRelationsLevel command, CountryCode power, String field,
                                              CountryCode protectedState) {
        if (power == null) {
            return;
        }
        if (command.level() != RelationsLevel.SEVERED) {
            throw new RuleViolation("protecting-power-without-break", field,
                    power + " cannot protect the interests of " + protectedState + " while relations are "
                            + command.level() + "; protecting powers act only when relations are severed"
                            + " (VCDR Art. 45)");
        }
        if (power.equals(command.stateA()) || power.equals(command.stateB())) {
            throw new RuleViolation("protecting-power-not-third-state", field,
                    power + " cannot protect the interests of " + protectedState + " in relations between "
                            + command.stateA() + " and " + command.stateB() + "; a protecting power is a third state");
        }
    }
}
