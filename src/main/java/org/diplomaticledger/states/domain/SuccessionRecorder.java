package org.diplomaticledger.states.domain;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.diplomaticledger.states.api.RecordSuccession;
import org.diplomaticledger.states.api.RegisterState;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Handles {@link RecordSuccession} by loading the register and letting it judge the command. The command names no
 * aggregate (no {@code @TargetAggregateIdentifier}) because its write goes on past the register: the presences whose
 * missions a succession closes are found while it runs, so the write path must run it in a batch of its own, as it
 * does every command whose handler finds its aggregates.
 */
@Component
class SuccessionRecorder {

    private final Repository<StateRegister> register;

    SuccessionRecorder(@Qualifier("stateRegisterRepository") Repository<StateRegister> register) {
        this.register = register;
    }

    @CommandHandler
    void handle(RecordSuccession command) throws Exception {
        register.load(RegisterState.REGISTER_ID).execute(aggregate -> aggregate.handle(command));
    }
}
