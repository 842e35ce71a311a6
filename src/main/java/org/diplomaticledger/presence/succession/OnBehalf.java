package org.diplomaticledger.presence.succession;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.messaging.MetaData;
import org.diplomaticledger.shared.RuleViolation;

/**
 * A command a succession (or its retraction) sends a presence on behalf of the command that caused it, in the same
 * write: a presence's refusal refuses that command, under the presence's rule, naming the mission.
 */
final class OnBehalf {

    private OnBehalf() {}

    /**
     * Sends {@code command} with {@code onBehalf}'s metadata and waits for it; a refusal is thrown again as the rule
     * it broke, on {@code field}, with {@code why} before the presence's message and the {@code missionId} among its
     * details.
     */
    static void send(
            CommandBus commandBus, Object command, MetaData onBehalf, String missionId, String field, String why) {
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        commandBus.dispatch(GenericCommandMessage.asCommandMessage(command).andMetaData(onBehalf), callback);
        CommandResultMessage<?> answer = callback.getResult();
        if (!answer.isExceptional()) {
            return;
        }
        Throwable failure = answer.exceptionResult();
        if (failure instanceof RuleViolation refused) {
            Map<String, Object> details = new LinkedHashMap<>(refused.details());
            details.put("missionId", missionId);
            throw new RuleViolation(
                    refused.rule(),
                    field == null ? refused.field() : field,
                    why + ", which its presence refuses: " + refused.getMessage(),
                    details);
        }
        throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }
}
