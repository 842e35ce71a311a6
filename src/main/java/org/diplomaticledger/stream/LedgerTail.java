package org.diplomaticledger.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one reader of the ledger's tail that every live stream shares: it finds new events, releases them strictly in
 * ledger order, and hands them to the attached consumers without ever waiting for one of them. The positions up to
 * its {@link #frontier()} are settled: every one of them holds a committed event or belongs to a write that rolled
 * back. The tail reads the audit chain's head first and releases only positions up to it: every append, on whichever
 * node, locks that head before its events take their positions and moves it in the same transaction, so a write
 * still open (however slow, from whatever node) holds every later write back behind the lock, and every position at or
 * below a committed head is settled. So no event is skipped and none comes out of order, with one writer or many,
 * and nothing needs to be told how many nodes write.
 * <p>
 * Only chained events are ever read or released: those at or below the audit chain's head that have their link (see
 * docs/audit.md). The chain is written in the transaction that appends the events, so a committed event is chained
 * as soon as it can be seen, and the head, read before a probe, settles every position up to it: all were taken under
 * the head's lock by writes that have committed or rolled back. A row written around the ledger (unchained) is
 * passed by like a position left empty.
 */
public final class LedgerTail implements SmartLifecycle {

    /** A consumer of released events. */
    public interface Consumer {
        /**
         * Called on the tail's thread with the lock held: queue the events (references to their messages, encoded
         * once for every consumer), never block, never write to the network.
         */
        void released(Release release, long frontier);

        /** Called without the lock after {@link #released}: have what was queued written, without waiting for it. */
        void afterRelease();

        /**
         * {@link #released} threw: the consumer has been detached and missed the release, so it must end (a stream
         * that stays open would silently lack events).
         */
        default void releaseFailed(RuntimeException failure) {}
    }

    private static final Logger log = LoggerFactory.getLogger(LedgerTail.class);
    private static final int PROBE = 500; // at most half the default buffer released at once
    private static final int READ_ATTEMPTS = 4;

    private final EventStorageEngine engine;
    private final JdbcTemplate jdbc;
    private final LedgerCloudEvents cloudEvents;
    private final StatesNamed states;
    private final LocalWrites writes;
    private final StreamProperties properties;

    private final Object lock = new Object();
    private final List<Consumer> live = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Set<SseSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.LongAdder slowConsumersDropped =
            new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder refusedSubscriptions =
            new java.util.concurrent.atomic.LongAdder();
    private volatile long frontier;
    private volatile boolean running;
    private Thread thread;

    LedgerTail(
            EventStorageEngine engine,
            JdbcTemplate jdbc,
            LedgerCloudEvents cloudEvents,
            StatesNamed states,
            LocalWrites writes,
            StreamProperties properties) {
        this.engine = engine;
        this.jdbc = jdbc;
        this.cloudEvents = cloudEvents;
        this.states = states;
        this.writes = writes;
        this.properties = properties;
    }

    /** The highest settled position: every event up to it can be read, in order, and no other will appear there. */
    public long frontier() {
        return frontier;
    }

    /** Waits (bounded) until the frontier reaches {@code position}; whether it did. */
    public boolean awaitFrontier(long position, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (frontier < position) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                writes.wake();
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /**
     * Events read in ledger order, and the position the read is complete {@code through}: every event stored after the
     * position asked for and up to {@code through} is in {@code events}, so a reader can move on to {@code through}
     * even where positions in between hold nothing (left empty by writes that rolled back).
     */
    public record Batch(List<StreamedEvent> events, long through) {}

    /**
     * The events after {@code after} up to {@code upTo} (at most {@code max}), read from the store with the
     * upcasters applied, in ledger order, and how far that read is complete.
     */
    public Batch read(long after, long upTo, int max) {
        if (after >= upTo) {
            return new Batch(List.of(), after);
        }
        return read(after, upTo, max, storedPositions(after, upTo, max));
    }

    /** The chained events' positions: a row and its link, with the same event id. */
    private static final String CHAINED = "SELECT e.global_index FROM domain_event_entry e JOIN audit_chain c"
            + " ON c.global_index = e.global_index AND c.event_identifier = e.event_identifier";

    private List<Long> storedPositions(long after, long upTo, int max) {
        return jdbc.queryForList(
                CHAINED + " WHERE e.global_index > ? AND e.global_index <= ? " + "ORDER BY e.global_index LIMIT " + max,
                Long.class,
                after,
                upTo);
    }

    private long chainHead() {
        Long head = jdbc.queryForObject("SELECT head_index FROM audit_chain_head WHERE id = 1", Long.class);
        return head == null ? 0 : head;
    }

    /**
     * Reads the events at the {@code stored} positions (those the database lists in the range, at most {@code max}).
     * The storage engine reads on its own connection and may, for an instant, not yet show every event committed
     * there: the read is checked against the positions listed and repeated for what it missed, and what stays
     * missing ends the batch before it, so that no caller ever moves past an event it has not been given.
     */
    private Batch read(long after, long upTo, int max, List<Long> stored) {
        if (stored.isEmpty()) {
            return new Batch(List.of(), upTo);
        }
        long lastStored = stored.get(stored.size() - 1);
        long complete = stored.size() < max ? upTo : lastStored;
        List<StreamedEvent> events = new ArrayList<>(stored.size());
        java.util.Set<Long> chained = new java.util.HashSet<>(stored);
        long readTo = after;
        for (int attempt = 0; ; attempt++) {
            List<StreamedEvent> more = readFromEngine(readTo, lastStored, max - events.size(), chained);
            events.addAll(more);
            int covered = covered(events, stored);
            if (covered == stored.size()) {
                return new Batch(events, complete);
            }
            long missing = stored.get(covered);
            // Keep the events before the first one missed; read again from there.
            while (!events.isEmpty() && events.get(events.size() - 1).position() >= missing) {
                events.remove(events.size() - 1);
            }
            readTo = missing - 1;
            if (attempt == READ_ATTEMPTS - 1) {
                log.warn(
                        "The store did not yet show the event at position {} that the database lists; {} read up to it, "
                                + "the rest is read again",
                        missing,
                        events.size());
                return new Batch(events, readTo);
            }
            log.debug("The store did not yet show the event at position {}; reading again", missing);
            try {
                Thread.sleep(1L << (2 * attempt)); // 1, 4, 16 ms
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Batch(events, readTo);
            }
        }
    }

    /** How many of the {@code stored} positions, from the first, the events hold without a miss. */
    private static int covered(List<StreamedEvent> events, List<Long> stored) {
        int covered = 0;
        for (StreamedEvent event : events) {
            if (covered == stored.size()) {
                break;
            }
            long position = event.position();
            if (position == stored.get(covered)) {
                covered++;
            } else if (position > stored.get(covered)) {
                break; // the store skipped a listed position
            }
            // else: an event the listing did not show yet (a late commit in a settled range): harmless, in order
        }
        return covered;
    }

    /** The events the engine reads after {@code after} up to {@code upTo}, of the {@code chained} positions only. */
    private List<StreamedEvent> readFromEngine(long after, long upTo, int max, java.util.Set<Long> chained) {
        List<StreamedEvent> events = new ArrayList<>();
        long last = after;
        boolean stepped = false;
        // The storage engine reads a window of positions at a time and ends its stream at the first window that holds
        // fewer events than a batch (positions left empty by rolled-back writes), so one call may stop short of upTo:
        // read on from where it stopped, and step over an empty window to the next stored position.
        while (last < upTo && events.size() < max) {
            long before = last;
            TrackingToken start =
                    last <= 0 ? null : GapAwareTrackingToken.newInstance(last, Collections.emptySortedSet());
            try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(start, false)) {
                Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
                while (events.size() < max && iterator.hasNext()) {
                    TrackedEventMessage<?> message = iterator.next();
                    long position = message.trackingToken().position().orElse(-1);
                    if (position <= last) {
                        continue; // filled a gap below a position already read: not in this range's order
                    }
                    if (position > upTo) {
                        return events;
                    }
                    last = position;
                    if (chained.contains(position)) { // else a row written around the ledger: never served
                        events.add(new StreamedEvent(position, message, cloudEvents, states));
                    }
                }
            }
            if (last == before) {
                if (stepped) {
                    break; // stepped to a stored position and still read nothing: do not spin
                }
                stepped = true;
                Long next = jdbc.queryForObject(
                        "SELECT MIN(global_index) FROM domain_event_entry WHERE global_index > ? "
                                + "AND global_index <= ?",
                        Long.class,
                        last,
                        upTo);
                if (next == null) {
                    break;
                }
                last = next - 1;
            } else {
                stepped = false;
            }
        }
        return events;
    }

    /**
     * Attaches a consumer that has read everything up to {@code position}, if the frontier has not passed it: from
     * then on it receives every released event (it skips those up to its position). Otherwise it must read on to
     * the new frontier first.
     */
    public boolean attach(Consumer consumer, long position) {
        synchronized (lock) {
            if (position < frontier) {
                return false;
            }
            live.add(consumer);
            return true;
        }
    }

    /** Stops releasing to the consumer; never waits for the tail's lock, so a consumer may call it holding its own. */
    public void detach(Consumer consumer) {
        live.remove(consumer);
    }

    /** Counts a subscription against {@code ledger.stream.max-subscribers}; false when there is no room. */
    public boolean register(SseSubscription subscription) {
        synchronized (subscriptions) {
            if (subscriptions.size() >= properties.maxSubscribers()) {
                refusedSubscriptions.increment();
                return false;
            }
            return subscriptions.add(subscription);
        }
    }

    public void unregister(SseSubscription subscription) {
        subscriptions.remove(subscription);
    }

    /** Sends every open stream its heartbeat. */
    void heartbeat() {
        for (SseSubscription subscription : subscriptions) {
            try {
                subscription.heartbeat();
            } catch (RuntimeException e) {
                log.debug("A heartbeat failed", e);
            }
        }
    }

    /** Counts a stream ended because its consumer let {@code ledger.stream.buffer} events wait (for the metrics). */
    void droppedSlowConsumer() {
        slowConsumersDropped.increment();
    }

    /** Streams ended since start because their consumer read too slowly. */
    public long slowConsumersDropped() {
        return slowConsumersDropped.sum();
    }

    /** Streams refused since start because {@code ledger.stream.max-subscribers} were open. */
    public long refusedSubscriptions() {
        return refusedSubscriptions.sum();
    }

    /** The streams open and not ending. */
    public int subscriptionCount() {
        return (int) subscriptions.stream()
                .filter(subscription -> !subscription.isEnding())
                .count();
    }

    @Override
    public void start() {
        frontier = chainHead();
        running = true;
        thread = new Thread(this::run, "ledger-stream-tail");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        for (SseSubscription subscription : subscriptions) {
            subscription.end("the ledger is shutting down; resume from your last id");
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        long waitMillis = Math.max(1, properties.pollInterval().toMillis());
        long gatherNanos = properties.releaseInterval().toNanos();
        while (running) {
            try {
                if (!poll()) {
                    writes.awaitWrite(waitMillis);
                } else if (gatherNanos > 0 && !live.isEmpty()) {
                    // Let the next commits gather before the next release: each release costs every stream a write
                    // (a system call, and a read at the subscriber's end), so under a steady load fewer, larger
                    // releases cost far less, for a few milliseconds of delivery.
                    Thread.sleep(gatherNanos / 1_000_000, (int) (gatherNanos % 1_000_000));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Reading the ledger's tail failed; retrying: {}", e.toString());
                try {
                    Thread.sleep(waitMillis);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Releases what is settled above the frontier; whether it released anything. */
    boolean poll() {
        long from = frontier;
        // The head first: every position up to it is settled (a missing one there is a write that rolled back, or a
        // row without a link), and no event after it is chained yet.
        long head = chainHead();
        List<Long> visible = jdbc.queryForList(
                CHAINED + " WHERE e.global_index > ? AND e.global_index <= ?" + " ORDER BY e.global_index LIMIT "
                        + PROBE,
                Long.class,
                from,
                head);
        if (visible.isEmpty()) {
            return false;
        }
        long upTo = visible.get(visible.size() - 1);
        Batch batch = read(from, upTo, Integer.MAX_VALUE, visible);
        if (batch.through() == from) {
            return false; // not one event could be read yet: the next probe tries again
        }
        upTo = batch.through();
        Release release = new Release(batch.events());
        if (!live.isEmpty()) {
            release.encode(); // once for every consumer, before the lock: consumers only queue references
        }
        List<Consumer> delivered;
        List<Consumer> failed = List.of();
        synchronized (lock) {
            frontier = upTo;
            delivered = new ArrayList<>(live);
            for (Consumer consumer : delivered) {
                try {
                    consumer.released(release, upTo);
                } catch (RuntimeException e) {
                    // One consumer's failure must not cost the others their events: it is detached and ended.
                    live.remove(consumer);
                    failed = failed.isEmpty() ? new ArrayList<>() : failed;
                    failed.add(consumer);
                    log.warn("A stream consumer failed to take released events; ending it", e);
                    consumer.releaseFailed(e);
                }
            }
            lock.notifyAll();
        }
        delivered.removeAll(failed);
        for (Consumer consumer : delivered) {
            try {
                consumer.afterRelease();
            } catch (RuntimeException e) {
                log.debug("A stream consumer failed to write", e);
            }
        }
        return true;
    }
}
