package org.diplomaticledger.presence.succession;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.diplomaticledger.presence.api.CloseOnSuccession;
import org.diplomaticledger.presence.api.OpenMission;
import org.diplomaticledger.presence.api.PresenceIds;
import org.diplomaticledger.presence.api.ResumeMission;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.LedgerMetadata;
import org.diplomaticledger.shared.WholeBatch;
import org.diplomaticledger.states.api.StateSucceeded;
import org.diplomaticledger.states.api.StateSuccessions;
import org.springframework.stereotype.Component;

/**
 * The closures of an absorption or a dissolution that come after it: a mission of its predecessor (sent or received
 * by it) opened or resumed by a write after the succession was recorded is closed on the succession's day, as
 * {@link SuccessionClosures} closed the missions there were, so that the write side and the reads agree
 * (docs/states.md#succession). The closure is a {@code MissionClosed} of the mission's presence, reason
 * {@code STATE_SUCCESSION}, the succession's source and a note naming it, written in the same write and carrying the
 * actor and command id of the command that opened or resumed the mission (its answer lists both events).
 *
 * <p>The presence judges it ({@link CloseOnSuccession}): it closes the mission only if it stands open or suspended on
 * the succession's day, so that a mission whose closure before that day is on record stays as it is. In a batch judged
 * as a whole (an import) the closures wait for its end ({@link WholeBatch#atTheEnd}): the batch's own lines about the
 * mission, in any order (its closure in 1985 after its opening in 1975), are all in it first.
 *
 * <p>The successions come from the register in memory ({@link StateSuccessions}); a mission of states that no
 * succession can have ended (every period still running) costs nothing more.
 */
@Component
class LateMissionClosures {

    private final CommandBus commandBus;
    private final StateSuccessions successions;

    LateMissionClosures(CommandBus commandBus, StateSuccessions successions) {
        this.commandBus = commandBus;
        this.successions = successions;
        // Registered here, once, as SuccessionClosures is: as a bean of its own, an interceptor would also be
        // registered by Axon's auto-configuration.
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = this::handle;
        commandBus.registerHandlerInterceptor(interceptor);
    }

    private Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object result = chain.proceed();
        CommandMessage<?> message = unitOfWork.getMessage();
        String missionId = message.getPayload() instanceof OpenMission open
                ? open.missionId()
                : message.getPayload() instanceof ResumeMission resume ? resume.missionId() : null;
        if (missionId != null) {
            List<StateSucceeded> closing = closing(missionId);
            if (!closing.isEmpty()) {
                MetaData onBehalf = message.getMetaData().and(LedgerMetadata.COMMAND_ID, message.getIdentifier());
                Runnable close = () -> close(missionId, closing, onBehalf);
                if (!WholeBatch.atTheEnd("succession-closure:" + missionId, close)) {
                    close.run();
                }
            }
        }
        return result;
    }

    /** The absorptions and dissolutions of the mission's sending and receiving states, earliest first. */
    private List<StateSucceeded> closing(String missionId) {
        List<StateSucceeded> found = new ArrayList<>();
        for (String state : List.of(PresenceIds.sendingOf(missionId), PresenceIds.receivingOf(missionId))) {
            try {
                found.addAll(successions.closing(CountryCode.of(state)));
            } catch (InvalidValueException notAState) {
                // the mission's own rules answered its id
            }
        }
        found.sort(java.util.Comparator.comparing(StateSucceeded::effectiveDate));
        return found;
    }

    /**
     * Asks the presence to close the mission on each succession's day, earliest first (a mission between two states
     * that both ended closes with the first; the later finds it closed). A refusal refuses the write, naming the
     * mission and the succession.
     */
    private void close(String missionId, List<StateSucceeded> closing, MetaData onBehalf) {
        for (StateSucceeded succession : closing) {
            CloseOnSuccession closure = new CloseOnSuccession(
                    missionId, succession.effectiveDate(), succession.describe(), succession.source());
            OnBehalf.send(
                    commandBus,
                    closure,
                    onBehalf,
                    missionId,
                    null,
                    "the " + succession.describe() + " closes " + missionId + " on that day");
        }
    }
}
