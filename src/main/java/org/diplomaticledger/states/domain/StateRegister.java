package org.diplomaticledger.states.domain;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.states.api.RegisterState;
import org.diplomaticledger.states.api.SeedStates;
import org.diplomaticledger.states.api.StateRegistered;
import org.diplomaticledger.states.api.StatesSeeded;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The register of states, one aggregate for all of them: it is small (a few hundred states), written rarely (by an
 * ADMIN), and its rules are about the register as a whole (a code is registered once; a predecessor must be known;
 * a scheme code names one state).
 */
@Aggregate(cache = "aggregateCache")
public class StateRegister {

    @AggregateIdentifier
    private String registerId;
    private final Set<CountryCode> codes = new HashSet<>();
    private final Map<String, CountryCode> schemeCodes = new HashMap<>();

    protected StateRegister() {
        // for Axon
    }

    /** Creates the register; a second seed (two nodes starting at once, or an ADMIN's) is refused by name. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SeedStates command) {
        if (registerId != null) {
            throw new RuleViolation("register-already-seeded", "seed", "the register of states holds its seed already ("
                    + codes.size() + " states); register further states with RegisterState");
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
                throw new InvalidValueException("predecessors[" + i + "]", "unknown state '" + predecessor
                        + "': not in the register (register it first)");
            }
        }
        for (int i = 0; i < command.schemeCodes().size(); i++) {
            CountryCode holder = schemeCodes.get(command.schemeCodes().get(i));
            if (holder != null) {
                throw new RuleViolation("scheme-code-taken", "schemeCodes[" + i + "]", command.schemeCodes().get(i)
                        + " already names " + holder + "; a scheme code names one state");
            }
        }
        apply(command.registered());
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
        state.schemeCodes().forEach(code -> schemeCodes.put(code, state.code()));
    }
}
