package org.diplomaticledger.states.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.history.api.JudgedRevision;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.LedgerMetadata;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.states.api.RecordSuccession;
import org.diplomaticledger.states.api.RegisterState;
import org.diplomaticledger.states.api.ReviseRegisterEntry;
import org.diplomaticledger.states.api.SeedStates;
import org.diplomaticledger.states.api.StatePeriod;
import org.diplomaticledger.states.api.StateRegistered;
import org.diplomaticledger.states.api.StateSucceeded;
import org.diplomaticledger.states.api.StatesSeeded;
import org.diplomaticledger.states.api.SuccessionKind;

/**
 * The register of states, one aggregate for all of them: it is small (a few hundred states), written rarely (by an
 * ADMIN), and its rules are about the register as a whole (a code is registered once; a predecessor must be known;
 * a scheme code names one state; a succession fits the periods of the states it names).
 */
@Aggregate(cache = "aggregateCache")
public class StateRegister {

    @AggregateIdentifier
    private String registerId;

    private final Set<CountryCode> codes = new HashSet<>();
    private final Map<String, CountryCode> schemeCodes = new HashMap<>();
    private final Map<CountryCode, List<StatePeriod>> periods = new HashMap<>();
    /** Each predecessor's succeeded ends of existence: the {@code until} of the period a succession ended. */
    private final Map<CountryCode, Set<LocalDate>> succeededEnds = new HashMap<>();
    /** The states that continue another (a state continues one predecessor at most). */
    private final Map<CountryCode, CountryCode> continues = new HashMap<>();
    /** The successions that stand, by the id of their event, so that one can be retracted. */
    private final Map<String, StateSucceeded> successions = new HashMap<>();

    protected StateRegister() {
        // for Axon
    }

    /** Creates the register; a second seed (two nodes starting at once, or an ADMIN's) is refused by name. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SeedStates command) {
        if (registerId != null) {
            throw new RuleViolation(
                    "register-already-seeded",
                    "seed",
                    "the register of states holds its seed already (" + codes.size()
                            + " states); register further states with RegisterState");
        }
        apply(new StatesSeeded(command.seed(), command.states(), command.effectiveDate(), command.source()));
    }

    @CommandHandler
    public void handle(RegisterState command) {
        command.validate();
        if (codes.contains(command.code())) {
            throw new RuleViolation("state-already-registered", "code", command.code() + " is registered already");
        }
        for (int i = 0; i < command.predecessors().size(); i++) {
            CountryCode predecessor = command.predecessors().get(i);
            if (!codes.contains(predecessor)) {
                throw new InvalidValueException(
                        "predecessors[" + i + "]",
                        "unknown state '" + predecessor + "': not in the register (register it first)");
            }
        }
        for (int i = 0; i < command.schemeCodes().size(); i++) {
            CountryCode holder = schemeCodes.get(command.schemeCodes().get(i));
            if (holder != null) {
                throw new RuleViolation(
                        "scheme-code-taken",
                        "schemeCodes[" + i + "]",
                        command.schemeCodes().get(i) + " already names " + holder + "; a scheme code names one state");
            }
        }
        apply(command.registered());
    }

    /**
     * Records a succession, judged on the periods the register holds (docs/states.md#succession): the shape of the
     * command for its kind and its states known (400 naming the field), then each rule a 409 naming it. Called by
     * {@link SuccessionRecorder}, which loads this register for a command that names no aggregate.
     */
    void handle(RecordSuccession command) {
        SuccessionKind kind = command.kind();
        List<CountryCode> successors = command.successors();
        if ((kind == SuccessionKind.DISSOLUTION) != (successors.size() > 1)) {
            throw new InvalidValueException(
                    "successors",
                    kind == SuccessionKind.DISSOLUTION
                            ? "a dissolution has two or more successors, not " + successors.size()
                            : "a " + kind.name().toLowerCase() + " has exactly one successor, not " + successors.size()
                                    + " (a state dissolved into several: DISSOLUTION)");
        }
        CountryCode predecessor = command.predecessor();
        if (!codes.contains(predecessor)) {
            throw new InvalidValueException("predecessor", "unknown state '" + predecessor + "': not in the register");
        }
        Set<CountryCode> seen = new HashSet<>();
        for (int i = 0; i < successors.size(); i++) {
            CountryCode successor = successors.get(i);
            if (!codes.contains(successor)) {
                throw new InvalidValueException(
                        "successors[" + i + "]",
                        "unknown state '" + successor + "': not in the register (register it first)");
            }
            if (successor.equals(predecessor) || !seen.add(successor)) {
                throw new InvalidValueException(
                        "successors[" + i + "]",
                        successor + " is named twice: a successor is"
                                + " another state than the predecessor, each named once");
            }
        }
        LocalDate on = command.effectiveDate();
        StatePeriod ended = periods.get(predecessor).stream()
                .filter(period -> period.until() != null
                        && (period.until().equals(on) || period.until().equals(on.plusDays(1))))
                .findFirst()
                .orElseThrow(() -> new RuleViolation(
                        "predecessor-not-ending",
                        "effectiveDate",
                        predecessor
                                + " existed " + describe(periods.get(predecessor)) + ": a succession on " + on
                                + " needs its"
                                + " last day on " + on + " or the day before (a period until " + on + " or "
                                + on.plusDays(1) + ")"));
        for (int i = 0; i < successors.size(); i++) {
            CountryCode successor = successors.get(i);
            if (!existsOn(successor, on)) {
                throw new RuleViolation(
                        "successor-not-in-existence",
                        "successors[" + i + "]",
                        successor + " did not" + " exist on " + on + "; it existed "
                                + describe(periods.get(successor)));
            }
            if (kind == SuccessionKind.ABSORPTION && !existsOn(successor, on.minusDays(1))) {
                throw new RuleViolation(
                        "absorbing-state-not-existing",
                        "successors[" + i + "]",
                        "an absorption takes"
                                + " the predecessor into a state that existed already, and " + successor
                                + " did not exist on "
                                + on.minusDays(1) + "; a new state following " + predecessor + " is a CONTINUATION or a"
                                + " DISSOLUTION");
            }
        }
        if (succeededEnds.getOrDefault(predecessor, Set.of()).contains(ended.until())) {
            throw new RuleViolation(
                    "succession-already-recorded",
                    "predecessor",
                    "the succession of " + predecessor + " at the end of its period " + ended + " is recorded already");
        }
        if (kind == SuccessionKind.CONTINUATION && continues.containsKey(successors.get(0))) {
            throw new RuleViolation(
                    "successor-already-continues",
                    "successors[0]",
                    successors.get(0) + " continues " + continues.get(successors.get(0))
                            + " already; a state continues one predecessor");
        }
        apply(command.succeeded());
    }

    /**
     * A retraction of one of the register's events, judged by the ledger's history: only a succession's, and only an
     * ADMIN's (as a succession is recorded). Its effects go with it: that end of the predecessor's existence can be
     * succeeded again, and a continuation's successor may continue another. Every other revision of the register
     * (a correction; the retraction of the seed or of a registration) is refused by name.
     */
    @CommandHandler
    void handle(ReviseRegisterEntry command, @MetaDataValue(LedgerMetadata.SENT_BY_ADMIN) Boolean sentByAdmin) {
        JudgedRevision revision = command.revision();
        if (!(revision.event() instanceof EntryRetracted) || !successions.containsKey(revision.eventId())) {
            throw new RuleViolation(
                    "entry-not-revisable",
                    "eventId",
                    "event " + revision.eventId() + " belongs to the register of states, whose entries are not"
                            + " corrected or retracted, except that a succession (StateSucceeded) can be retracted");
        }
        if (!Boolean.TRUE.equals(sentByAdmin)) {
            throw new RuleViolation(
                    "admin-only", "eventId", "the retraction of a succession is for ADMIN only, as its recording is");
        }
        revision.record();
    }

    private boolean existsOn(CountryCode code, LocalDate day) {
        return periods.get(code).stream().anyMatch(period -> period.covers(day));
    }

    private static String describe(List<StatePeriod> periods) {
        return String.join(
                ", ",
                periods.stream()
                        .map(period ->
                                "from " + period.from() + (period.until() == null ? " on" : " until " + period.until()))
                        .toList());
    }

    @EventSourcingHandler
    void on(StateSucceeded event, @MessageIdentifier String eventId) {
        ended(event)
                .ifPresent(until -> succeededEnds
                        .computeIfAbsent(event.predecessor(), k -> new HashSet<>())
                        .add(until));
        if (event.kind() == SuccessionKind.CONTINUATION) {
            continues.put(event.successors().get(0), event.predecessor());
        }
        successions.put(eventId, event);
    }

    /**
     * A succession retracted: its effects go. (Loaded again, the register reads its history without the retracted
     * event, to the same state.)
     */
    @EventSourcingHandler
    void on(EntryRetracted event) {
        StateSucceeded retracted = successions.remove(event.eventId());
        if (retracted == null) {
            return;
        }
        ended(retracted)
                .ifPresent(until -> succeededEnds
                        .getOrDefault(retracted.predecessor(), new HashSet<>())
                        .remove(until));
        if (retracted.kind() == SuccessionKind.CONTINUATION) {
            continues.remove(retracted.successors().get(0), retracted.predecessor());
        }
    }

    /** The {@code until} of the predecessor's period the succession ended. */
    private java.util.Optional<LocalDate> ended(StateSucceeded succession) {
        return periods.get(succession.predecessor()).stream()
                .map(StatePeriod::until)
                .filter(until -> until != null
                        && (until.equals(succession.effectiveDate())
                                || until.equals(succession.effectiveDate().plusDays(1))))
                .findFirst();
    }

    @EventSourcingHandler
    void on(StatesSeeded event) {
        registerId = RegisterState.REGISTER_ID;
        event.states().forEach(this::add);
    }

    @EventSourcingHandler
    void on(StateRegistered event) {
        add(event);
    }

    private void add(StateRegistered state) {
        codes.add(state.code());
        periods.put(state.code(), state.periods());
        state.schemeCodes().forEach(code -> schemeCodes.put(code, state.code()));
    }
}
