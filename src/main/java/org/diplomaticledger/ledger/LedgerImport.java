package org.diplomaticledger.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.shared.WholeBatch;

/**
 * The large-import half of the {@link LedgerWriter}: one database transaction for a whole import, chunk after chunk,
 * with the other writes of this node held at the writer's gate, the import judged as a whole ({@link WholeBatch}, and
 * lines refused where they stand tried again after the others), and everything rolled back, cached aggregates
 * included, when a line is refused. The writer keeps dispatching the commands and reading the positions they were
 * appended at; this class keeps what only imports need.
 */
public final class LedgerImport {

    private final LedgerWriter writer;
    private final TransactionManager transactionManager;
    private final Cache aggregateCache;
    /** The writer's gate, held exclusively while an import is appended. */
    private final Lock exclusive;

    LedgerImport(LedgerWriter writer, TransactionManager transactionManager, Cache aggregateCache, Lock exclusive) {
        this.writer = writer;
        this.transactionManager = transactionManager;
        this.aggregateCache = aggregateCache;
        this.exclusive = exclusive;
    }

    /** What an import wrote so far (or in all): lines, commands, events, and the first and last position (-1: none). */
    public record ImportProgress(long lines, long commands, long events, long firstPosition, long lastPosition) {}

    /** A line of an import that the ledger refused; nothing of the import was written. */
    public static class ImportLineRefused extends RuntimeException {
        private final int line;
        private final CommandFailed failure;

        ImportLineRefused(int line, CommandFailed failure) {
            super("line " + line + " (" + failure.command() + "): " + failure.getMessage(), failure.getCause());
            this.line = line;
            this.failure = failure;
        }

        public int line() {
            return line;
        }

        public CommandFailed failure() {
            return failure;
        }
    }

    /**
     * Writes a large import, all or nothing, with bounded memory: one database transaction for all of it, in which
     * each chunk of commands runs in a unit of work of its own (its events appended in one JDBC batch, linked into the
     * audit chain in one step, and let go), then {@code beforeCommit} (the import's stored answers) and the commit.
     * A command refused by its own rule where it stands waits, and is tried again once every other line ran (in passes,
     * by effective date: {@link WaitingLines#retry}), so that the outcome does not hang on the order of the lines.
     * A command still refused then, any other refused command, a failed append or a failed {@code beforeCommit} rolls
     * the whole transaction back: nothing of the import is stored, and the aggregates cached meanwhile are dropped.
     * While it runs, other writes on this node wait (the writer's gate, held exclusively); writes of other nodes wait
     * for the audit chain's head row, which the import holds.
     *
     * @param chunks       the import's commands, a chunk at a time, each with its lines
     * @param progress     told after each chunk (inside the transaction: what it was told is not committed yet)
     * @param beforeCommit called with the totals, inside the transaction, just before the commit
     * @throws ImportLineRefused naming the line the ledger refused
     */
    public ImportProgress importAll(
            Iterator<NdjsonCommands.Parsed> chunks,
            LedgerWriter.Context context,
            Consumer<ImportProgress> progress,
            Consumer<ImportProgress> beforeCommit) {
        exclusive.lock();
        boolean committed = false;
        IMPORTING.set(Boolean.TRUE);
        IMPORTS_WRITING.incrementAndGet();
        ImportPinningCache.startPinning();
        // The whole import is judged as one batch, across its chunks: they share one transaction.
        try (WholeBatch batch = WholeBatch.open()) {
            Transaction transaction = transactionManager.startTransaction();
            try {
                ImportProgress done = new ImportProgress(0, 0, 0, -1, -1);
                Chunked state = new Chunked();
                while (chunks.hasNext()) {
                    NdjsonCommands.Parsed chunk = chunks.next();
                    if (chunk.commands().isEmpty()) {
                        continue;
                    }
                    done = importChunk(chunk, context, done, state);
                    progress.accept(done);
                }
                if (!state.deferred.isEmpty()) {
                    // The lines refused by their own rule, tried again now that every other line ran (see
                    // WaitingLines#retry); each pass in a unit of work of its own, in the import's transaction.
                    ImportProgress[] sofar = {done};
                    List<WaitingLines.Deferred> refused = WaitingLines.retry(
                            state.deferred,
                            (commands, lines) -> {
                                Chunked again = new Chunked();
                                sofar[0] = importChunk(
                                        new NdjsonCommands.Parsed(commands, lines), context, sofar[0], again);
                                return again.ran;
                            },
                            (accepted, message) -> {});
                    done = sofar[0];
                    if (!refused.isEmpty()) {
                        WaitingLines.Deferred first = refused.get(0);
                        throw new ImportLineRefused(
                                first.line(),
                                new CommandFailed(
                                        first.index(),
                                        first.command().getClass().getSimpleName(),
                                        first.failure()));
                    }
                    progress.accept(done);
                }
                if (batch.hasWorkAtTheEnd()) {
                    done = finish(batch, done);
                    progress.accept(done);
                }
                try {
                    batch.verify();
                } catch (WholeBatch.Refused refused) {
                    WholeBatch.Where where = refused.where();
                    throw new ImportLineRefused(
                            (int) where.line(), new CommandFailed(where.index(), where.command(), refused.violation()));
                }
                beforeCommit.accept(done);
                transaction.commit();
                committed = true;
                return done;
            } finally {
                if (!committed) {
                    transaction.rollback();
                }
            }
        } finally {
            if (!committed) {
                // The chunks' units of work committed (only the database transaction did not): the aggregates they
                // left in the cache hold state that was rolled back.
                aggregateCache.removeAll();
            }
            ImportPinningCache.stopPinning();
            IMPORTS_WRITING.decrementAndGet();
            IMPORTING.remove();
            exclusive.unlock();
        }
    }

    private static final ThreadLocal<Boolean> IMPORTING = new ThreadLocal<>();
    private static final java.util.concurrent.atomic.AtomicInteger IMPORTS_WRITING =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Whether a large import is being written on this node, by any thread: the readers of the ledger's tail then
     * skip their search for positions after a gap (see {@link InterceptedJdbcEventStorageEngine}).
     */
    static boolean importWriting() {
        return IMPORTS_WRITING.get() > 0;
    }

    /** Whether this thread is appending a large import ({@link #importAll}); snapshots wait until it is done. */
    static boolean importing() {
        return IMPORTING.get() != null;
    }

    /**
     * The most lines of one import that may wait to be tried again (refused by their own rule where they stand in the
     * file, see {@link WaitingLines#retry}). They are held in memory until the end of the import, which otherwise
     * holds one chunk at a time; an import in date order holds none.
     */
    static final int MAX_DEFERRED = 100_000;

    /** What an import carries from chunk to chunk: the lines waiting to be tried again, the last date seen. */
    private static final class Chunked {
        final List<WaitingLines.Deferred> deferred = new ArrayList<>();
        LocalDate lastDate;
        /** The write of the last chunk. */
        LedgerWriter.Write ran;
    }

    /**
     * The work the import's lines put off to its end ({@link WholeBatch#atTheEnd}: a succession's closures of the
     * missions they opened), in a unit of work of its own in the import's transaction, as a chunk is.
     */
    private ImportProgress finish(WholeBatch batch, ImportProgress before) {
        DefaultUnitOfWork<?> root = DefaultUnitOfWork.startAndGet(new GenericMessage<>("ledger-import"));
        root.attachTransaction(transactionManager);
        ImportProgress[] after = {before};
        ResultMessage<?> outcome = root.executeWithResult(
                () -> {
                    batch.finish();
                    root.onPrepareCommit(uow -> after[0] = counted(uow, before, before.lines(), before.commands()));
                    return null;
                },
                RollbackConfigurationType.ANY_THROWABLE);
        if (outcome.isExceptional()) {
            if (outcome.exceptionResult() instanceof WholeBatch.Refused refused) {
                WholeBatch.Where where = refused.where();
                throw new ImportLineRefused(
                        (int) where.line(), new CommandFailed(where.index(), where.command(), refused.violation()));
            }
            throw LedgerWriter.unchecked(outcome.exceptionResult());
        }
        return after[0];
    }

    /** The progress once a unit of work of the import appended its events: {@code before} and what it added. */
    private ImportProgress counted(UnitOfWork<?> uow, ImportProgress before, long lines, long commands) {
        List<EventMessage<?>> applied = AppliedEvents.eventsOf(uow);
        Map<String, Long> positions = AppendedPositions.of(uow);
        long first = before.firstPosition();
        long last = before.lastPosition();
        if (positions.size() < applied.size()) {
            positions = new HashMap<>(positions);
            positions.putAll(writer.positions(applied.stream()
                    .filter(e -> !AppendedPositions.of(uow).containsKey(e.getIdentifier()))
                    .toList()));
        }
        for (long position : positions.values()) {
            first = first < 0 ? position : Math.min(first, position);
            last = Math.max(last, position);
        }
        return new ImportProgress(lines, commands, before.events() + applied.size(), first, last);
    }

    private ImportProgress importChunk(
            NdjsonCommands.Parsed chunk, LedgerWriter.Context context, ImportProgress before, Chunked state) {
        // Joins the import's transaction (the transaction manager's propagation is REQUIRED): its commit stores
        // nothing yet; a failure marks the whole transaction for rollback.
        DefaultUnitOfWork<?> root = DefaultUnitOfWork.startAndGet(new GenericMessage<>("ledger-import"));
        root.attachTransaction(transactionManager);
        LedgerWriter.Write write = new LedgerWriter.Write(chunk.commands(), context, null, null);
        write.lines = chunk.lines();
        write.deferred = new ArrayList<>();
        write.lastDate = state.lastDate;
        state.ran = write;
        ImportProgress[] after = new ImportProgress[1];
        ResultMessage<?> outcome = root.executeWithResult(
                () -> {
                    writer.dispatch(write);
                    // Registered after the commands ran, so it runs after the event store appended their events.
                    root.onPrepareCommit(uow -> after[0] = counted(
                            uow,
                            before,
                            Math.max(
                                    before.lines(),
                                    chunk.lines().get(chunk.lines().size() - 1)),
                            before.commands() + chunk.commands().size() - write.deferred.size()));
                    return null;
                },
                RollbackConfigurationType.ANY_THROWABLE);
        if (outcome.isExceptional()) {
            Throwable failure = outcome.exceptionResult();
            if (failure instanceof CommandFailed failed) {
                throw new ImportLineRefused(chunk.lines().get(failed.index()), failed);
            }
            throw LedgerWriter.unchecked(failure);
        }
        state.lastDate = write.lastDate;
        state.deferred.addAll(write.deferred);
        if (state.deferred.size() > MAX_DEFERRED) {
            WaitingLines.Deferred last = state.deferred.get(state.deferred.size() - 1);
            throw new ImportLineRefused(
                    last.line(),
                    new CommandFailed(
                            last.index(), last.command().getClass().getSimpleName(), tooManyDeferred(last.failure())));
        }
        return after[0];
    }

    /** The refusal of the line past {@link #MAX_DEFERRED}, saying why it was not tried again. */
    private static Throwable tooManyDeferred(Throwable failure) {
        if (!(failure instanceof RuleViolation rule)) {
            return failure;
        }
        return new RuleViolation(
                rule.rule(),
                rule.field(),
                rule.getMessage() + " (more than " + MAX_DEFERRED
                        + " lines of this import were refused where they stand, too many to try again after the others:"
                        + " sort the file by effective date)",
                rule.details());
    }
}
