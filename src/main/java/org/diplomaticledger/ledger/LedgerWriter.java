package org.diplomaticledger.ledger;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.LedgerMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes commands to the ledger. All commands of one write (one HTTP command, or every line of an import) run in
 * one unit of work and one database transaction: either all their events are stored, or none. The answer —
 * event ids and ledger positions — is built inside that transaction, and when the client sent an
 * Idempotency-Key it is stored there too, so that a retry finds it.
 */
@Component
public class LedgerWriter {

    /** Who writes, and under which correlation id. */
    public record Context(String actor, String correlationId) {
    }

    private final CommandBus commandBus;
    private final TransactionManager transactionManager;
    private final JdbcTemplate jdbc;
    private final IdempotencyStore idempotency;

    public LedgerWriter(CommandBus commandBus, TransactionManager transactionManager, JdbcTemplate jdbc,
                        IdempotencyStore idempotency) {
        this.commandBus = commandBus;
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
        this.idempotency = idempotency;
    }

    /**
     * Applies the commands in order, all or nothing.
     *
     * @param idempotent  the request's key, or {@code null}
     * @param renderAnswer the body to store for the key, given the receipts (called inside the transaction)
     * @throws CommandFailed naming the first command that failed
     */
    public List<CommandReceipt> write(List<LedgerCommand> commands, Context context,
                                      IdempotencyStore.Request idempotent,
                                      Function<List<CommandReceipt>, IdempotencyStore.Answer> renderAnswer) {
        DefaultUnitOfWork<?> root = DefaultUnitOfWork.startAndGet(new GenericMessage<>("ledger-write"));
        root.attachTransaction(transactionManager);
        List<CommandReceipt> receipts = new ArrayList<>();
        org.axonframework.messaging.ResultMessage<?> outcome = root.executeWithResult(() -> {
            List<CommandMessage<?>> messages = new ArrayList<>(commands.size());
            for (int i = 0; i < commands.size(); i++) {
                LedgerCommand command = commands.get(i);
                CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(Map.of(
                        LedgerMetadata.ACTOR, context.actor(),
                        LedgerMetadata.CORRELATION_ID, context.correlationId(),
                        LedgerMetadata.COMMAND, command.getClass().getSimpleName())));
                FutureCallback<Object, Object> callback = new FutureCallback<>();
                commandBus.dispatch(message, callback);
                CommandResultMessage<?> result = callback.getResult();
                if (result.isExceptional()) {
                    throw new CommandFailed(i, command.getClass().getSimpleName(), result.exceptionResult());
                }
                messages.add(message);
            }
            // Registered after the commands ran, so it runs after the event store appended their events.
            root.onPrepareCommit(uow -> {
                receipts.addAll(receipts(commands, messages, uow, context));
                if (idempotent != null) {
                    IdempotencyStore.Answer answer = renderAnswer.apply(Collections.unmodifiableList(receipts));
                    idempotency.save(idempotent, answer.status(), answer.body());
                }
            });
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (outcome.isExceptional()) {
            Throwable failure = outcome.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(failure);
        }
        return receipts;
    }

    private List<CommandReceipt> receipts(List<LedgerCommand> commands, List<CommandMessage<?>> messages,
                                          UnitOfWork<?> root, Context context) {
        List<EventMessage<?>> applied = new ArrayList<>(AppliedEvents.eventsOf(root));
        Map<String, Long> positions = positions(applied);
        Map<String, List<RecordedEvent>> byCommand = new HashMap<>();
        for (EventMessage<?> event : applied) {
            String aggregateId = null;
            long sequence = -1;
            if (event instanceof DomainEventMessage<?> domain) {
                aggregateId = domain.getAggregateIdentifier();
                sequence = domain.getSequenceNumber();
            }
            Long position = positions.get(event.getIdentifier());
            byCommand.computeIfAbsent(String.valueOf(event.getMetaData().get(LedgerMetadata.COMMAND_ID)), k -> new ArrayList<>())
                    .add(new RecordedEvent(event.getIdentifier(), event.getPayloadType().getSimpleName(), aggregateId,
                            sequence, position == null ? -1 : position));
        }
        List<CommandReceipt> result = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            LedgerCommand command = commands.get(i);
            List<RecordedEvent> events = byCommand.getOrDefault(messages.get(i).getIdentifier(), List.of());
            long position = events.stream().mapToLong(RecordedEvent::position).max().orElse(-1);
            String aggregateId = events.isEmpty() ? null : events.get(0).aggregateId();
            result.add(new CommandReceipt(command.getClass().getSimpleName(), messages.get(i).getIdentifier(), aggregateId,
                    ids(command), List.copyOf(events), position, context.correlationId()));
        }
        return result;
    }

    private Map<String, Long> positions(List<EventMessage<?>> events) {
        Map<String, Long> positions = new HashMap<>();
        for (int from = 0; from < events.size(); from += 500) {
            List<EventMessage<?>> chunk = events.subList(from, Math.min(events.size(), from + 500));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            Object[] ids = chunk.stream().map(EventMessage::getIdentifier).toArray();
            jdbc.query("SELECT event_identifier, global_index FROM domain_event_entry WHERE event_identifier IN (" + marks + ")",
                    rs -> {
                        positions.put(rs.getString(1), rs.getLong(2));
                    }, ids);
        }
        return positions;
    }

    /**
     * The identifiers a command names or created: its components called {@code …Id} (missionId, personId) and
     * the identifiers it derives from its fields (an OpenMission's missionId), in that order.
     */
    static Map<String, Object> ids(LedgerCommand command) {
        Map<String, Object> ids = new LinkedHashMap<>();
        List<java.lang.reflect.Method> accessors = new ArrayList<>();
        for (RecordComponent component : command.getClass().getRecordComponents()) {
            accessors.add(component.getAccessor());
        }
        for (java.lang.reflect.Method method : command.getClass().getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isPublic(method.getModifiers()) && !accessors.contains(method)
                    && !java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                accessors.add(method);
            }
        }
        for (java.lang.reflect.Method accessor : accessors) {
            if (accessor.getName().endsWith("Id") && accessor.getParameterCount() == 0
                    && accessor.getReturnType() == String.class) {
                try {
                    Object value = accessor.invoke(command);
                    if (value != null) {
                        ids.putIfAbsent(accessor.getName(), value);
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return ids;
    }
}
