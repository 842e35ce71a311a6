package org.diplomaticledger.projection;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes the rows of the slot a switch (or a failed rebuild) released, in the background, a few seconds later: a
 * query that took the active slot just before the switch still reads the old one for a moment. Neither the switch nor
 * the next rebuild waits for it (the next rebuild of the projection waits only if it would write into that slot while
 * it is still being cleared). At a million events a single DELETE of a staffing slot took two and a half minutes,
 * during which a rebuild showed {@code done: 0}.
 * <p>
 * Rows go {@value #BATCH} a transaction, so that no transaction holds the undo of a whole slot and the count moves
 * while it runs. Stopping (before the data source closes: see {@link #stop()}) drops the clears still waiting out
 * their grace and ends one under way after its batch; the next rebuild into that slot deletes what is left.
 */
@Component
class SlotClearing implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SlotClearing.class);
    /** Rows deleted per transaction. */
    static final int BATCH = 10_000;
    /** How long after a switch the released slot's rows start being deleted. */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** How long {@link #stop()} waits for the batch under way to commit. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final int threads;
    private final Duration grace;
    private final int batch;
    /** The last slot each projection released. */
    private final Map<String, Release> releases = new ConcurrentHashMap<>();
    /** Guarded by {@code this}, as is the choice between scheduling a clear and dropping it. */
    private ScheduledThreadPoolExecutor scheduler;

    private volatile boolean stopping;

    /** A thread per projection at most: the clears of different projections do not queue behind each other. */
    @Autowired
    SlotClearing(JdbcTemplate jdbc, TransactionTemplate transactions, List<Projection> projections) {
        this(jdbc, transactions, projections.size(), GRACE, BATCH);
    }

    SlotClearing(JdbcTemplate jdbc, TransactionTemplate transactions, int threads, Duration grace, int batch) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.threads = Math.max(1, threads);
        this.grace = grace;
        this.batch = batch;
        this.scheduler = newScheduler();
    }

    private ScheduledThreadPoolExecutor newScheduler() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, runnable -> {
            Thread thread = new Thread(runnable, "projection-slot-clearing");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // dropped on stop, not run after it
        executor.setKeepAliveTime(1, TimeUnit.MINUTES);
        executor.allowCoreThreadTimeOut(true); // no thread idles between rebuilds
        return executor;
    }

    /**
     * Has {@code slot} of the projection emptied once the grace is over, in the background.
     *
     * @return the release, whose {@link Release#status()} tells how far the clear went
     */
    synchronized Release release(Projection projection, Slot slot) {
        Release release = new Release(projection.name(), slot);
        releases.put(projection.name(), release);
        if (stopping) {
            release.leave();
        } else {
            release.task =
                    scheduler.schedule(() -> clearReleased(projection, release), grace.toNanos(), TimeUnit.NANOSECONDS);
        }
        return release;
    }

    private void clearReleased(Projection projection, Release release) {
        try {
            delete(projection, release.slot, release.deleted);
            release.cleared = true;
            log.info(
                    "Cleared slot {} of projection {}: {} rows deleted",
                    release.slot,
                    projection.name(),
                    release.deleted.get());
        } catch (CancellationException stopping) {
            release.leave();
        } catch (RuntimeException e) {
            log.warn(
                    "Clearing slot {} of projection {} failed; its next rebuild clears it",
                    release.slot,
                    projection.name(),
                    e);
        } finally {
            release.done.complete(null);
        }
    }

    /**
     * Empties {@code slot} of the projection now, in the calling thread, for a rebuild about to write into it: waits
     * for a clear of that slot still waiting out its grace or under way, then deletes whatever rows are left (those of a
     * rebuild that failed, or of a clear cut short).
     *
     * @throws CancellationException when stopped meanwhile
     */
    void empty(Projection projection, Slot slot) {
        Release pending = releases.get(projection.name());
        if (pending != null && pending.slot == slot) {
            pending.done.join();
        }
        delete(projection, slot, null);
    }

    /** Deletes every row of the projection's tables in {@code slot}, {@link #batch} rows a transaction. */
    private void delete(Projection projection, Slot slot, AtomicLong deleted) {
        String sql = DatabaseProduct.isH2(jdbc)
                ? "DELETE FROM %1$s WHERE slot = ? FETCH FIRST %2$d ROWS ONLY"
                : "DELETE FROM %1$s WHERE ctid IN (SELECT ctid FROM %1$s WHERE slot = ? LIMIT %2$d)";
        for (String table : projection.tables()) {
            String delete = String.format(Locale.ROOT, sql, table, batch);
            for (String code : List.of(slot.code(), slot.headCode())) {
                int rows;
                do {
                    if (stopping) {
                        throw new CancellationException("the ledger is stopping");
                    }
                    Integer count = transactions.execute(tx -> jdbc.update(delete, code));
                    rows = count == null ? 0 : count;
                    if (deleted != null) {
                        deleted.addAndGet(rows);
                    }
                } while (rows >= batch);
            }
        }
        transactions.executeWithoutResult(tx -> jdbc.update(
                "DELETE FROM projection_partition WHERE projection = ? AND slot = ?",
                projection.name(),
                slot.headCode()));
    }

    @Override
    public synchronized void start() {
        if (scheduler.isShutdown()) {
            scheduler = newScheduler();
            stopping = false;
        }
    }

    /**
     * Drops the clears still waiting out their grace, lets one under way end after its batch, and waits for that (at
     * most {@link #STOP_WAIT}). The rebuilder calls it as it stops; Spring would otherwise, since every lifecycle bean
     * stops before any bean is destroyed: so it runs before the data source closes, and no clear reaches for a closed
     * pool.
     */
    @Override
    public void stop() {
        ScheduledThreadPoolExecutor executor;
        synchronized (this) {
            stopping = true;
            executor = scheduler;
            executor.shutdown(); // cancels the clears still waiting out their grace
            for (Release release : releases.values()) {
                ScheduledFuture<?> task = release.task;
                if (task != null && task.isCancelled() && !release.done.isDone()) {
                    release.leave();
                }
            }
        }
        try {
            if (!executor.awaitTermination(STOP_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                log.warn("A slot clear did not end within {} of the ledger's stop", STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return !scheduler.isShutdown();
    }

    /** A released slot being cleared. */
    static final class Release {
        final String projection;
        final Slot slot;
        final AtomicLong deleted = new AtomicLong();
        /** Complete once the clear ended: the slot emptied, or the clear failed or was dropped. */
        final CompletableFuture<Void> done = new CompletableFuture<>();

        volatile boolean cleared;
        volatile ScheduledFuture<?> task;

        Release(String projection, Slot slot) {
            this.projection = projection;
            this.slot = slot;
        }

        RebuildStatus.SlotRelease status() {
            return new RebuildStatus.SlotRelease(slot, deleted.get(), cleared);
        }

        void leave() {
            log.info(
                    "Slot {} of projection {} is left for its next rebuild to clear: the ledger is stopping",
                    slot,
                    projection);
            done.complete(null);
        }
    }
}
