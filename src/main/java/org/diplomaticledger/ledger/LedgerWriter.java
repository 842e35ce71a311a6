package org.diplomaticledger.ledger;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.LedgerMetadata;
import org.diplomaticledger.shared.WholeBatch;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes commands to the ledger. All commands of one write (one HTTP command, or every line of an import) run in
 * one unit of work and one database transaction: either all their events are stored, or none. The answer —
 * event ids and ledger positions — is built inside that transaction, and when the client sent an
 * Idempotency-Key it is stored there too, so that a retry finds it.
 *
 * <p>A write of a single command goes through {@link GroupCommit}: concurrent single commands on different
 * aggregates share one transaction, one append and one chain step, and each is answered once that transaction
 * committed (docs/architecture.md, "Group commit"). A write of several commands (an import) runs on its own.
 */
@Component
public class LedgerWriter implements DisposableBean {

    /**
     * Who writes, under which correlation id, and whether they have the role ADMIN (told to the commands as
     * {@link LedgerMetadata#SENT_BY_ADMIN}, which their events do not carry).
     */
    public record Context(String actor, String correlationId, boolean admin) {

        public Context(String actor, String correlationId) {
            this(actor, correlationId, false);
        }
    }

    /**
     * The appender's work so far: batches it started and finished, the writes they held, the largest batch, the
     * batches that failed as a whole and ran again write by write, and the writes waiting now.
     */
    public record GroupCommitStats(
            long batchesStarted, long batches, long writes, long largestBatch, long batchesRerun, int waiting) {}

    private final CommandBus commandBus;
    private final TransactionManager transactionManager;
    private final JdbcTemplate jdbc;
    private final IdempotencyStore idempotency;
    private final GroupCommit groupCommit;
    private final Cache aggregateCache;
    private final LedgerImport imports;
    /**
     * Every write holds it shared; a large import's append ({@link #importAll}) holds it alone. The import commits its
     * chunks' units of work one after another inside one database transaction, so that its memory stays bounded; the
     * aggregates it changed sit in the cache with state that is not committed yet, and no other write on this node
     * may see them until the import's transaction ends (and, if it rolled back, the cache was emptied). Fair, so that
     * an import waiting for it is not starved by a stream of single commands.
     */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);

    private final Duration writerWait;

    public LedgerWriter(
            CommandBus commandBus,
            TransactionManager transactionManager,
            JdbcTemplate jdbc,
            IdempotencyStore idempotency,
            LedgerProperties properties,
            @Qualifier("aggregateCache") Cache aggregateCache) {
        this.aggregateCache = aggregateCache;
        this.writerWait = properties.imports().writerWait();
        boolean groupCommitEnabled = properties.writes().groupCommit().enabled();
        int maxBatch = properties.writes().groupCommit().maxBatch();
        this.commandBus = commandBus;
        this.transactionManager = transactionManager;
        this.jdbc = jdbc;
        this.idempotency = idempotency;
        if (maxBatch < 1) {
            throw new IllegalStateException("ledger.writes.group-commit.max-batch must be 1 or more, not " + maxBatch);
        }
        this.groupCommit = groupCommitEnabled ? new GroupCommit(this, maxBatch) : null;
        this.imports = new LedgerImport(this, transactionManager, aggregateCache, gate.writeLock());
    }

    /**
     * Applies the commands in order, all or nothing.
     *
     * @param idempotent  the request's key, or {@code null}
     * @param renderAnswer the body to store for the key, given the receipts (called inside the transaction)
     * @throws CommandFailed naming the first command that failed
     */
    public List<CommandReceipt> write(
            List<LedgerCommand> commands,
            Context context,
            IdempotencyStore.Request idempotent,
            Function<List<CommandReceipt>, IdempotencyStore.Answer> renderAnswer) {
        Write write = new Write(commands, context, idempotent, renderAnswer);
        if (groupCommit != null && commands.size() == 1 && !CurrentUnitOfWork.isStarted()) {
            return groupCommit.submit(write).receipts();
        }
        return alone(write).receipts();
    }

    /**
     * What a keyed write came to: its receipts, or — when its Idempotency-Key already had an answer — that stored
     * answer and nothing written.
     */
    public record Outcome(List<CommandReceipt> receipts, IdempotencyStore.Answer replayed) {}

    /**
     * As {@link #write}, but first looks the Idempotency-Key up, inside the write's own transaction (no transaction
     * of its own for the look-up): when it already has an answer, nothing runs and that answer comes back.
     */
    public Outcome writeOrReplay(
            List<LedgerCommand> commands,
            Context context,
            IdempotencyStore.Request idempotent,
            Function<List<CommandReceipt>, IdempotencyStore.Answer> renderAnswer) {
        Write write = new Write(commands, context, idempotent, renderAnswer);
        write.lookUp = idempotent != null;
        if (groupCommit != null && commands.size() == 1 && !CurrentUnitOfWork.isStarted()) {
            return groupCommit.submit(write);
        }
        return alone(write);
    }

    /** One write as the caller asked it: its commands, who asks, its key and how to render the stored answer. */
    static final class Write {
        final List<LedgerCommand> commands;
        final Context context;
        final IdempotencyStore.Request idempotent;
        final Function<List<CommandReceipt>, IdempotencyStore.Answer> renderAnswer;
        /** Whether the key is looked up first (in the write's transaction). */
        boolean lookUp;
        /** The key's stored answer, when the look-up found one. */
        IdempotencyStore.Answer replayed;

        List<CommandMessage<?>> messages;
        /** The import's line of each command, or null: the commands are numbered from 1. */
        List<Integer> lines;
        /**
         * Where the commands refused by their own rule wait to be tried again ({@link WaitingLines.Deferred}), or null: then the
         * first refused command fails the write. Their places in {@link #messages} stay null until they are accepted.
         */
        List<WaitingLines.Deferred> deferred;
        /** The effective date of the last dated command before this write's first (an import's earlier chunks). */
        LocalDate lastDate;

        Write(
                List<LedgerCommand> commands,
                Context context,
                IdempotencyStore.Request idempotent,
                Function<List<CommandReceipt>, IdempotencyStore.Answer> renderAnswer) {
            this.commands = commands;
            this.context = context;
            this.idempotent = idempotent;
            this.renderAnswer = renderAnswer;
        }
    }

    /** The write in a transaction of its own. */
    Outcome alone(Write write) {
        Lock shared = enter();
        try {
            return aloneEntered(write);
        } finally {
            shared.unlock();
        }
    }

    /**
     * The gate, shared: waits while a large import is being appended, at most {@code ledger.imports.writer-wait}
     * (10 s, as long as H2's LOCK_TIMEOUT lets a writer wait for the chain's head row behind an import).
     */
    private Lock enter() {
        Lock shared = gate.readLock();
        try {
            if (shared.tryLock(writerWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return shared;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new ImportInProgress(writerWait);
    }

    /** A write waited longer than {@code ledger.imports.writer-wait} for a large import to finish; nothing was written. */
    public static class ImportInProgress extends RuntimeException {
        ImportInProgress(Duration waited) {
            super("a large import is being written; this write waited " + waited.toSeconds()
                    + " s for it and wrote nothing:" + " send it again shortly");
        }
    }

    private Outcome aloneEntered(Write write) {
        DefaultUnitOfWork<?> root = DefaultUnitOfWork.startAndGet(new GenericMessage<>("ledger-write"));
        root.attachTransaction(transactionManager);
        List<CommandReceipt> receipts = new ArrayList<>();
        write.replayed = null;
        ResultMessage<?> outcome = root.executeWithResult(
                () -> {
                    if (lookUp(write)) {
                        return null;
                    }
                    if (write.commands.size() > 1) {
                        dispatchAsAWhole(write);
                    } else {
                        dispatch(write);
                    }
                    // Registered after the commands ran, so it runs after the event store appended their events.
                    root.onPrepareCommit(uow -> {
                        Map<String, List<RecordedEvent>> byCommand = recordedByCommand(uow);
                        receipts.addAll(receipts(write, byCommand));
                        if (write.idempotent != null) {
                            IdempotencyStore.Answer answer =
                                    write.renderAnswer.apply(Collections.unmodifiableList(receipts));
                            idempotency.save(write.idempotent, answer.status(), answer.body());
                        }
                    });
                    return null;
                },
                RollbackConfigurationType.ANY_THROWABLE);
        if (outcome.isExceptional()) {
            throw unchecked(outcome.exceptionResult());
        }
        return write.replayed != null ? new Outcome(null, write.replayed) : new Outcome(receipts, null);
    }

    /** Whether the write's key already has an answer (then kept in {@code write.replayed}). */
    private boolean lookUp(Write write) {
        if (!write.lookUp) {
            return false;
        }
        write.replayed = idempotency
                .find(write.idempotent.actor(), write.idempotent.key())
                .orElse(null);
        return write.replayed != null;
    }

    /**
     * Several single-command writes in one transaction: each runs its command in a unit of work nested in the
     * batch's, so one that fails is rolled back alone (its events were only staged, nothing of it reached the
     * database) and the others go on; the batch's staged events are then appended together, once, and the
     * receipts and stored answers written in the same transaction. A write whose key already has an answer runs
     * nothing. Returns each write's outcome (null for one that failed, whose failure is in {@code failures}); throws
     * when the batch as a whole failed (nothing stored).
     */
    List<Outcome> together(List<Write> writes, Throwable[] failures) {
        Lock shared = enter();
        try {
            return togetherEntered(writes, failures);
        } finally {
            shared.unlock();
        }
    }

    private List<Outcome> togetherEntered(List<Write> writes, Throwable[] failures) {
        DefaultUnitOfWork<?> root = DefaultUnitOfWork.startAndGet(new GenericMessage<>("ledger-group-commit"));
        root.attachTransaction(transactionManager);
        List<Outcome> results = new ArrayList<>(Collections.nCopies(writes.size(), null));
        ResultMessage<?> outcome = root.executeWithResult(
                () -> {
                    for (int i = 0; i < writes.size(); i++) {
                        Write write = writes.get(i);
                        write.replayed = null;
                        if (lookUp(write)) {
                            results.set(i, new Outcome(null, write.replayed));
                            continue;
                        }
                        DefaultUnitOfWork<?> own = DefaultUnitOfWork.startAndGet(new GenericMessage<>("ledger-write"));
                        ResultMessage<?> done = own.executeWithResult(
                                () -> {
                                    dispatch(write);
                                    return null;
                                },
                                RollbackConfigurationType.ANY_THROWABLE);
                        if (done.isExceptional()) {
                            failures[i] = done.exceptionResult();
                        }
                    }
                    root.onPrepareCommit(uow -> {
                        Map<String, List<RecordedEvent>> byCommand = recordedByCommand(uow);
                        List<Object[]> answers = new ArrayList<>();
                        for (int i = 0; i < writes.size(); i++) {
                            Write write = writes.get(i);
                            if (failures[i] != null || write.replayed != null) {
                                continue;
                            }
                            List<CommandReceipt> receipts = receipts(write, byCommand);
                            results.set(i, new Outcome(receipts, null));
                            if (write.idempotent != null) {
                                IdempotencyStore.Answer answer =
                                        write.renderAnswer.apply(Collections.unmodifiableList(receipts));
                                answers.add(idempotency.row(write.idempotent, answer.status(), answer.body()));
                            }
                        }
                        idempotency.saveAll(answers);
                    });
                    return null;
                },
                RollbackConfigurationType.ANY_THROWABLE);
        if (outcome.isExceptional()) {
            throw unchecked(outcome.exceptionResult());
        }
        return results;
    }

    /**
     * Writes a large import, all or nothing, with bounded memory ({@link LedgerImport}); other writes on this node
     * wait for it.
     *
     * @throws LedgerImport.ImportLineRefused naming the line the ledger refused
     */
    public LedgerImport.ImportProgress importAll(
            Iterator<NdjsonCommands.Parsed> chunks,
            Context context,
            Consumer<LedgerImport.ImportProgress> progress,
            Consumer<LedgerImport.ImportProgress> beforeCommit) {
        return imports.importAll(chunks, context, progress, beforeCommit);
    }

    /**
     * Several commands of one write (an import), judged as a whole ({@link WholeBatch}): a rule that compares a fact
     * with later recorded ones is checked once all of them ran (after the work put off to the end, such as a
     * succession's closures of the missions they opened), and a refusal then names the command whose check waited. A command refused by its own rule is tried again after the others ({@link WaitingLines#retry}), so that the
     * outcome does not hang on the order of the lines.
     */
    private void dispatchAsAWhole(Write write) {
        try (WholeBatch batch = WholeBatch.open()) {
            write.deferred = new ArrayList<>();
            dispatch(write);
            List<WaitingLines.Deferred> refused = write.deferred;
            if (!refused.isEmpty()) {
                refused = WaitingLines.retry(
                        refused,
                        (commands, lines) -> {
                            Write again = new Write(commands, write.context, null, null);
                            again.lines = lines;
                            again.deferred = new ArrayList<>();
                            dispatch(again);
                            return again;
                        },
                        (accepted, message) -> write.messages.set(accepted.index(), message));
            }
            if (!refused.isEmpty()) {
                WaitingLines.Deferred first = refused.get(0);
                throw new CommandFailed(
                        first.index(), first.command().getClass().getSimpleName(), first.failure());
            }
            try {
                batch.finish();
                batch.verify();
            } catch (WholeBatch.Refused refusedAsAWhole) {
                throw new CommandFailed(
                        refusedAsAWhole.where().index(),
                        refusedAsAWhole.where().command(),
                        refusedAsAWhole.violation());
            }
        }
    }

    void dispatch(Write write) {
        List<CommandMessage<?>> messages = new ArrayList<>(Collections.nCopies(write.commands.size(), null));
        write.messages = messages;
        // What the handlers log carries the write's actor, correlation id and command, also on the group-commit
        // appender's thread, where the request's own log context (ledger.web.RequestLogContext) is not.
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        MDC.put(LedgerMetadata.ACTOR, write.context.actor());
        MDC.put(LedgerMetadata.CORRELATION_ID, write.context.correlationId());
        List<EventMessage<?>> applied = write.deferred != null && CurrentUnitOfWork.isStarted()
                ? AppliedEvents.eventsOf(CurrentUnitOfWork.get().root())
                : null;
        LocalDate lastDate = write.lastDate;
        ImportPinningCache pinning =
                write.deferred != null && aggregateCache instanceof ImportPinningCache cache ? cache : null;
        try {
            for (int i = 0; i < write.commands.size(); i++) {
                LedgerCommand command = write.commands.get(i);
                int line = write.lines == null ? i + 1 : write.lines.get(i);
                MDC.put(LedgerMetadata.COMMAND, command.getClass().getSimpleName());
                WholeBatch.at(line, i, command.getClass().getSimpleName());
                CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(MetaData.from(Map.of(
                                LedgerMetadata.ACTOR, write.context.actor(),
                                LedgerMetadata.CORRELATION_ID, write.context.correlationId(),
                                LedgerMetadata.COMMAND, command.getClass().getSimpleName())));
                if (write.context.admin()) {
                    message = message.andMetaData(MetaData.with(LedgerMetadata.SENT_BY_ADMIN, true));
                }
                int appliedBefore = applied == null ? 0 : applied.size();
                FutureCallback<Object, Object> callback = new FutureCallback<>();
                if (pinning != null) {
                    pinning.beginAttempt();
                }
                CommandResultMessage<?> result;
                try {
                    commandBus.dispatch(message, callback);
                    result = callback.getResult();
                    if (pinning != null
                            && result.isExceptional()
                            && WaitingLines.deferrable(result.exceptionResult())
                            && (applied == null || applied.size() == appliedBefore)) {
                        pinning.restoreAttempt();
                    }
                } finally {
                    if (pinning != null) {
                        pinning.endAttempt();
                    }
                }
                if (command.effectiveDate() != null) {
                    lastDate = command.effectiveDate();
                }
                if (result.isExceptional()) {
                    Throwable failure = result.exceptionResult();
                    if (write.deferred == null || !WaitingLines.deferrable(failure)) {
                        throw new CommandFailed(i, command.getClass().getSimpleName(), failure);
                    }
                    // Its unit of work rolled back: its events were only staged, and Axon dropped the aggregate it
                    // loaded (put back in the cache above if the command applied nothing, else read again by the
                    // next command). What it left elsewhere is taken back here.
                    WholeBatch.withdraw();
                    if (applied != null) {
                        applied.subList(appliedBefore, applied.size()).clear();
                    }
                    write.deferred.add(new WaitingLines.Deferred(i, line, command, lastDate, failure));
                    continue;
                }
                messages.set(i, message);
            }
        } finally {
            if (logContext == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(logContext);
            }
        }
        write.lastDate = lastDate;
    }

    static RuntimeException unchecked(Throwable failure) {
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    /**
     * The events the root unit of work appended, with their positions, by the command they came from. The positions
     * come from the append itself ({@link AppendedPositions}, filled by the chain's read of the rows it links); only
     * when no interceptor supplied them are they read here.
     */
    private Map<String, List<RecordedEvent>> recordedByCommand(UnitOfWork<?> root) {
        List<EventMessage<?>> applied = new ArrayList<>(AppliedEvents.eventsOf(root));
        Map<String, Long> appended = AppendedPositions.of(root);
        List<EventMessage<?>> unknown = applied.stream()
                .filter(e -> !appended.containsKey(e.getIdentifier()))
                .toList();
        Map<String, Long> positions = appended;
        if (!unknown.isEmpty()) {
            positions = new HashMap<>(appended);
            positions.putAll(positions(unknown));
        }
        Map<String, List<RecordedEvent>> byCommand = new HashMap<>();
        for (EventMessage<?> event : applied) {
            String aggregateId = null;
            long sequence = -1;
            if (event instanceof DomainEventMessage<?> domain) {
                aggregateId = domain.getAggregateIdentifier();
                sequence = domain.getSequenceNumber();
            }
            Long position = positions.get(event.getIdentifier());
            byCommand
                    .computeIfAbsent(
                            String.valueOf(event.getMetaData().get(LedgerMetadata.COMMAND_ID)), k -> new ArrayList<>())
                    .add(new RecordedEvent(
                            event.getIdentifier(),
                            event.getPayloadType().getSimpleName(),
                            aggregateId,
                            sequence,
                            position == null ? -1 : position));
        }
        return byCommand;
    }

    private static List<CommandReceipt> receipts(Write write, Map<String, List<RecordedEvent>> byCommand) {
        List<CommandReceipt> result = new ArrayList<>(write.commands.size());
        for (int i = 0; i < write.commands.size(); i++) {
            LedgerCommand command = write.commands.get(i);
            String commandId = write.messages.get(i).getIdentifier();
            List<RecordedEvent> events = byCommand.getOrDefault(commandId, List.of());
            long position =
                    events.stream().mapToLong(RecordedEvent::position).max().orElse(-1);
            String aggregateId = events.isEmpty() ? null : events.get(0).aggregateId();
            result.add(new CommandReceipt(
                    command.getClass().getSimpleName(),
                    commandId,
                    aggregateId,
                    CommandIds.of(command),
                    List.copyOf(events),
                    position,
                    write.context.correlationId()));
        }
        return result;
    }

    Map<String, Long> positions(List<EventMessage<?>> events) {
        Map<String, Long> positions = new HashMap<>();
        for (int from = 0; from < events.size(); from += 500) {
            List<EventMessage<?>> chunk = events.subList(from, Math.min(events.size(), from + 500));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            Object[] ids = chunk.stream().map(EventMessage::getIdentifier).toArray();
            jdbc.query(
                    "SELECT event_identifier, global_index FROM domain_event_entry WHERE event_identifier IN (" + marks
                            + ")",
                    rs -> {
                        positions.put(rs.getString(1), rs.getLong(2));
                    },
                    ids);
        }
        return positions;
    }

    /** The group commit's figures, or null when it is turned off ({@code ledger.writes.group-commit.enabled=false}). */
    public GroupCommitStats groupCommitStats() {
        return groupCommit == null ? null : groupCommit.stats();
    }

    @Override
    public void destroy() {
        if (groupCommit != null) {
            groupCommit.close();
        }
    }
}
