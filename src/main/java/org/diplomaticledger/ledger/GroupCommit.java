package org.diplomaticledger.ledger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.diplomaticledger.shared.LedgerCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one appender thread takes every single-command write waiting for it and runs them together, in
 * one database transaction with one append of their events and one audit-chain step
 * ({@link LedgerWriter#together}); each caller is answered once that transaction committed. While a batch runs,
 * the next one gathers, so the database pays one commit for many commands when many clients write at once and
 * one client pays no wait at all (nothing is held back to fill a batch).
 *
 * <p>Rules that keep the guarantees:
 * <ul>
 *   <li>A batch holds at most one write per aggregate (and per actor's Idempotency-Key); a second one waits for the
 *   next batch, in arrival order. So one writer per aggregate at a time stays, and a command never sees another's
 *   uncommitted state.</li>
 *   <li>A command refused by its aggregate is rolled back alone (its events were only staged); the others commit.</li>
 *   <li>When the batch as a whole fails (the append, the chain, a stored answer's key, or the commit), nothing of it
 *   was stored, and every write of it runs again alone, in a transaction of its own, so each gets its own answer
 *   and none fails because of a neighbour. Only a lock wait that timed out or a lost connection fails every write
 *   of the batch at once, as it would have failed each of them.</li>
 *   <li>A command whose aggregate is found only while it runs (a correction finds its aggregate in the store) runs
 *   alone.</li>
 * </ul>
 *
 * <p>Written by hand rather than taken from a library: the batching must run inside Axon's unit of work and the
 * ledger's transaction, which no queueing library knows about; the thread and queue are the JDK's.
 */
final class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final CommandTargetResolver TARGETS =
            AnnotationCommandTargetResolver.builder().build();

    /** Whether a command type names its aggregate (cached: looked up once per type). */
    private static final ClassValue<Boolean> TARGETED = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (var field : c.getDeclaredFields()) {
                    if (field.isAnnotationPresent(
                            org.axonframework.modelling.command.TargetAggregateIdentifier.class)) {
                        return true;
                    }
                }
                for (var method : c.getDeclaredMethods()) {
                    if (method.isAnnotationPresent(
                            org.axonframework.modelling.command.TargetAggregateIdentifier.class)) {
                        return true;
                    }
                }
            }
            return false;
        }
    };

    private static final class Pending {
        final LedgerWriter.Write write;
        final String target;
        final String key;
        final CompletableFuture<LedgerWriter.Outcome> answer = new CompletableFuture<>();

        Pending(LedgerWriter.Write write, String target, String key) {
            this.write = write;
            this.target = target;
            this.key = key;
        }
    }

    private final LedgerWriter writer;
    private final int maxBatch;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Writes put off to a later batch, in arrival order; touched by the appender thread only. */
    private final ArrayDeque<Pending> deferred = new ArrayDeque<>();

    private final Thread appender;
    private volatile boolean closing;
    private final AtomicLong batchesStarted = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong largest = new AtomicLong();
    private final AtomicLong rerun = new AtomicLong();

    GroupCommit(LedgerWriter writer, int maxBatch) {
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.appender = new Thread(this::run, "ledger-appender");
        this.appender.setDaemon(true);
        this.appender.start();
    }

    /** Runs the write in the next batch and waits until its batch committed (or it failed). */
    LedgerWriter.Outcome submit(LedgerWriter.Write write) {
        if (closing) {
            return writer.alone(write);
        }
        Pending pending = new Pending(
                write,
                target(write.commands.get(0)),
                write.idempotent == null ? null : write.idempotent.actor() + "\u0000" + write.idempotent.key());
        queue.add(pending);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return pending.answer.get(1, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    if (!appender.isAlive() && queue.remove(pending)) {
                        return writer.alone(write); // the appender stopped before taking it
                    }
                } catch (InterruptedException e) {
                    // The write may still commit: wait for its outcome rather than answer something untrue.
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw LedgerWriter.unchecked(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The aggregate a command targets, or null when only its handler finds it. */
    private static String target(LedgerCommand command) {
        if (!TARGETED.get(command.getClass())) {
            return null;
        }
        try {
            return TARGETS.resolveTarget(GenericCommandMessage.asCommandMessage(command))
                    .getIdentifier();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void run() {
        while (true) {
            List<Pending> batch = next();
            if (batch == null) {
                if (closing && queue.isEmpty() && deferred.isEmpty()) {
                    return;
                }
                continue;
            }
            try {
                execute(batch);
            } catch (Throwable unexpected) {
                log.error("The ledger's appender failed a batch of {} writes", batch.size(), unexpected);
                for (Pending pending : batch) {
                    pending.answer.completeExceptionally(unexpected);
                }
            }
        }
    }

    /** The next batch: what was put off first, then what waits, never two writes on one aggregate or key. */
    private List<Pending> next() {
        List<Pending> candidates = new ArrayList<>(deferred);
        deferred.clear();
        if (candidates.isEmpty()) {
            // Polled, never interrupted: an interrupt reaching a JDBC call would close H2's file channel.
            Pending first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                return null;
            }
            candidates.add(first);
        }
        queue.drainTo(candidates, Math.max(0, maxBatch * 4 - candidates.size()));
        List<Pending> batch = new ArrayList<>(Math.min(candidates.size(), maxBatch));
        Set<String> targets = new HashSet<>();
        Set<String> keys = new HashSet<>();
        boolean exclusive = false;
        for (Pending candidate : candidates) {
            boolean fits = !exclusive
                    && batch.size() < maxBatch
                    && (candidate.target == null ? batch.isEmpty() : !targets.contains(candidate.target))
                    && (candidate.key == null || !keys.contains(candidate.key));
            if (fits) {
                batch.add(candidate);
                if (candidate.target == null) {
                    exclusive = true;
                } else {
                    targets.add(candidate.target);
                }
                if (candidate.key != null) {
                    keys.add(candidate.key);
                }
            } else {
                deferred.add(candidate);
                // A write put off keeps its aggregate and key closed for this batch, so that later writes on them
                // stay behind it.
                if (candidate.target != null) {
                    targets.add(candidate.target);
                }
                if (candidate.key != null) {
                    keys.add(candidate.key);
                }
            }
        }
        return batch;
    }

    /** What the appender has done so far; see {@link LedgerWriter.GroupCommitStats}. */
    LedgerWriter.GroupCommitStats stats() {
        return new LedgerWriter.GroupCommitStats(
                batchesStarted.get(), batches.get(), writes.get(), largest.get(), rerun.get(), queue.size());
    }

    private void execute(List<Pending> batch) {
        batchesStarted.incrementAndGet();
        // The clients are answered once the batch is counted, so that whoever reads the figures after an answer
        // finds its batch in them.
        List<Runnable> answers = new ArrayList<>(batch.size());
        try {
            executeBatch(batch, answers);
        } finally {
            batches.incrementAndGet();
            writes.addAndGet(batch.size());
            largest.accumulateAndGet(batch.size(), Math::max);
            answers.forEach(Runnable::run);
        }
    }

    private void executeBatch(List<Pending> batch, List<Runnable> answers) {
        if (batch.size() == 1) {
            alone(batch.get(0), answers);
            return;
        }
        List<LedgerWriter.Write> writes = batch.stream().map(p -> p.write).toList();
        Throwable[] failures = new Throwable[batch.size()];
        List<LedgerWriter.Outcome> results;
        try {
            results = writer.together(writes, failures);
        } catch (RuntimeException batchFailed) {
            if (waitedTooLongOrLostTheDatabase(batchFailed)) {
                // Not any one write's fault: running each again would only make each wait as long again.
                log.warn("A batch of {} writes failed: {}", batch.size(), batchFailed.toString());
                for (Pending pending : batch) {
                    answers.add(() -> pending.answer.completeExceptionally(batchFailed));
                }
                return;
            }
            // Nothing of the batch was stored: every write runs again on its own, so that a neighbour's failure
            // (a stale aggregate, a reused key, a value the database refuses) fails only that neighbour.
            log.debug("A batch of {} writes failed as a whole; each runs again alone", batch.size(), batchFailed);
            rerun.incrementAndGet();
            for (Pending pending : batch) {
                alone(pending, answers);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            Throwable failure = failures[i];
            LedgerWriter.Outcome result = failure == null ? results.get(i) : null;
            answers.add(
                    failure != null
                            ? () -> pending.answer.completeExceptionally(failure)
                            : () -> pending.answer.complete(result));
        }
    }

    /**
     * A lock wait that timed out (H2 {@code HYT00}, PostgreSQL {@code 55P03}, a cancelled statement {@code 57014})
     * or a lost connection (class {@code 08}), or a wait for a large import that ran out
     * ({@link LedgerWriter.ImportInProgress}): the whole batch's trouble, not one write's.
     */
    static boolean waitedTooLongOrLostTheDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof LedgerWriter.ImportInProgress) {
                return true; // every write of the batch would wait for the same import again
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("HYT00") || state.equals("55P03") || state.equals("57014") || state.startsWith("08")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void alone(Pending pending, List<Runnable> answers) {
        try {
            LedgerWriter.Outcome result = writer.alone(pending.write);
            answers.add(() -> pending.answer.complete(result));
        } catch (Throwable failure) {
            answers.add(() -> pending.answer.completeExceptionally(failure));
        }
    }

    /** Finishes what waits, then stops the appender; later writes run on their callers' threads. */
    void close() {
        closing = true;
        try {
            appender.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
