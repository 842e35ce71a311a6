package org.diplomaticledger.stream;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer's stream: first it catches up from the store (on a small shared pool, a batch at a time and only
 * while its buffer has room), then it attaches to the {@link LedgerTail} at exactly the position it has read, so
 * nothing is skipped or sent twice at the switch. Live events arrive encoded: the stream queues references to the
 * messages the tail wrote once for every stream (an unfiltered stream one array per release), and a small shared
 * pool of writer threads writes them with the servlet's non-blocking output, so neither the ledger's writers nor
 * the tail's thread ever write to a connection, and no thread ever waits for a slow client. Events wait in a buffer
 * of {@code ledger.stream.buffer}; a consumer that lets it fill is sent a closing comment saying why, and the stream
 * ends; it resumes with its last id.
 */
public final class SseSubscription implements LedgerTail.Consumer, WriteListener, AsyncListener {

    private static final Logger log = LoggerFactory.getLogger(SseSubscription.class);
    private static final int CATCH_UP_BATCH = 500;
    private static final byte[] HEARTBEAT = comment("heartbeat");

    /** Bytes waiting to be written (possibly shared with other streams: never modified) and the events they hold. */
    private record Chunk(byte[] bytes, int events) {}

    private final LedgerTail tail;
    private final EventFilter filter;
    private final int capacity;
    private final Executor catchUpPool;
    private final Executor writerPool;
    private final AsyncContext async;
    private final ServletOutputStream out;

    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private int queuedEvents;
    private long cursor; // the last position examined, sent or filtered out
    private long lastIdSent;
    private boolean attached;
    private boolean waitingForRoom;
    private boolean ending;
    private volatile boolean closed;
    private boolean unflushed;
    /**
     * Held by every call into the container's request, response and output stream (by {@link #pump}, and by the
     * container's error and timeout callbacks before they complete the request), so that the container can never end
     * and recycle a request while one of the stream's threads is still inside such a call: Tomcat reuses those objects
     * for the next connection, and a call that finished after the recycling would act on that other connection.
     */
    private final Object writing = new Object();

    private boolean started; // guarded by writing: set once the write listener is in place
    private final AtomicBoolean pumpScheduled = new AtomicBoolean();

    public SseSubscription(
            LedgerTail tail,
            EventFilter filter,
            long after,
            int capacity,
            Executor catchUpPool,
            Executor writerPool,
            AsyncContext async)
            throws IOException {
        this.tail = tail;
        this.filter = filter;
        this.capacity = capacity;
        this.catchUpPool = catchUpPool;
        this.writerPool = writerPool;
        this.async = async;
        this.cursor = after;
        this.lastIdSent = after;
        this.out = async.getResponse().getOutputStream();
    }

    /** Starts writing (the container calls {@link #onWritePossible} first) and catching up. */
    public void start() {
        async.addListener(this);
        synchronized (this) {
            queue.add(new Chunk(comment("stream after position " + cursor), 0));
        }
        synchronized (writing) {
            out.setWriteListener(this);
            started = true;
        }
        catchUpPool.execute(this::catchUp);
    }

    /**
     * Ends a stream that never {@link #start started}, without touching its request: the caller completes that
     * itself. No thread of the stream's writes to it afterwards (a heartbeat queued meanwhile stays unwritten).
     */
    public void abandon() {
        synchronized (writing) {
            closed = true;
        }
        synchronized (this) {
            ending = true;
            queue.clear();
            queuedEvents = 0;
        }
        tail.detach(this);
        tail.unregister(this);
    }

    /** One batch of catching up, then the next on the pool, so that many catch-ups share its threads fairly. */
    private void catchUp() {
        try {
            if (closed) {
                return;
            }
            long frontier = tail.frontier();
            long from;
            synchronized (this) {
                if (ending) {
                    return;
                }
                if (queuedEvents > capacity / 2) {
                    waitingForRoom = true; // resumed by the writer once the client has read some
                    return;
                }
                from = cursor;
            }
            if (from >= frontier && tail.attach(this, from)) {
                synchronized (this) {
                    attached = true;
                }
                return;
            }
            if (from < frontier) {
                LedgerTail.Batch batch = tail.read(from, frontier, CATCH_UP_BATCH);
                synchronized (this) {
                    boolean all = true;
                    for (StreamedEvent event : batch.events()) {
                        if (ending || queuedEvents >= capacity) {
                            all = false; // no room: the rest is read again once the client has taken some
                            break;
                        }
                        offer(event);
                    }
                    if (all && !ending) {
                        cursor = Math.max(cursor, batch.through()); // past positions that hold nothing, too
                    }
                }
                schedulePump();
            }
            catchUpPool.execute(this::catchUp);
        } catch (RuntimeException e) {
            log.warn("A stream's catch-up failed; ending it", e);
            end("the ledger could not be read; resume from your last id");
        }
    }

    @Override
    public void released(Release release, long frontier) {
        synchronized (this) {
            if (ending || closed) {
                return;
            }
            List<StreamedEvent> events = release.events();
            if (filter.isEmpty() && !events.isEmpty() && release.firstPosition() > cursor) {
                // Every event, all new to this stream: one reference to the release's joined messages.
                if (queuedEvents + events.size() > capacity) {
                    endSlowLocked();
                    return;
                }
                queue.add(new Chunk(release.joined(), events.size()));
                queuedEvents += events.size();
                cursor = events.get(events.size() - 1).position();
                lastIdSent = cursor;
            } else {
                for (StreamedEvent event : events) {
                    if (event.position() > cursor) {
                        offer(event);
                        if (ending) {
                            return;
                        }
                    }
                }
            }
            cursor = Math.max(cursor, frontier);
        }
    }

    @Override
    public void afterRelease() {
        schedulePump();
    }

    @Override
    public void releaseFailed(RuntimeException failure) {
        end("the ledger could not pass this stream its events; resume from your last id");
    }

    /** Queues the event if it matches; past the buffer the stream ends. Holds this object's lock. */
    private void offer(StreamedEvent event) {
        cursor = event.position();
        if (!filter.matches(event)) {
            return;
        }
        if (queuedEvents >= capacity) {
            endSlowLocked();
            return;
        }
        queue.add(new Chunk(event.frame(), 1));
        queuedEvents++;
        lastIdSent = event.position();
    }

    /** Ends a stream whose consumer let its buffer fill, counted as a dropped slow consumer. Holds this object's lock. */
    private void endSlowLocked() {
        if (!ending && !closed) {
            tail.droppedSlowConsumer();
        }
        endLocked(overflow());
    }

    private String overflow() {
        return "more than " + capacity + " events waited for this consumer (ledger.stream.buffer); "
                + "reconnect with the id of the last event you received as Last-Event-ID to resume";
    }

    /** A heartbeat: a comment when nothing waits, and the position read so far where filtering passed events by. */
    public void heartbeat() {
        if (closed) {
            return;
        }
        synchronized (this) {
            // Ending, or events waiting: no heartbeat, but write again in case the container's write callback never
            // came (the stream would otherwise wait for it forever). Decided and queued under one lock, so that a bare
            // id can never follow a closing comment that dropped the events before it.
            if (!ending && queue.isEmpty()) {
                if (cursor > lastIdSent && attached) {
                    // An id with no data updates the client's Last-Event-ID without dispatching an event.
                    queue.add(new Chunk((": heartbeat\nid: " + cursor + "\n\n").getBytes(StandardCharsets.UTF_8), 0));
                    lastIdSent = cursor;
                } else {
                    queue.add(new Chunk(HEARTBEAT, 0));
                }
            }
        }
        schedulePump();
    }

    /** Ends the stream after a last comment saying why. */
    public void end(String why) {
        synchronized (this) {
            endLocked(why);
        }
        schedulePump();
    }

    private void endLocked(String why) {
        if (ending || closed) {
            return;
        }
        ending = true;
        queuedEvents = 0;
        // The client resumes from the last event it really received: what still waits here is dropped.
        while (!queue.isEmpty() && queue.peekLast().events() > 0) {
            queue.pollLast();
        }
        queue.add(new Chunk(comment("stream ended: " + why), 0));
        // What was queued before the dropped events (a heartbeat at the most) and the closing comment go out, and the
        // connection closes, as soon as the client reads again (one that never does is dropped by the container).
        tail.detach(this);
    }

    /**
     * Has what is queued written on the stream writers' pool, at most one run per stream at a time (a write that
     * arrives while one runs schedules the next). The tail, the catch-up pool and the heartbeat only queue and call
     * this; the container's write callback writes on its own thread.
     */
    void schedulePump() {
        if (closed || !pumpScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            writerPool.execute(() -> {
                pumpScheduled.set(false);
                pump();
            });
        } catch (RejectedExecutionException shuttingDown) {
            pumpScheduled.set(false);
            pump();
        }
    }

    /** Writes what is queued as far as the connection takes it without blocking. */
    void pump() {
        boolean resumeCatchUp = false;
        synchronized (writing) {
            if (closed || !started) {
                return; // not started: the container calls onWritePossible once the listener is in place
            }
            try {
                while (out.isReady()) {
                    Chunk chunk;
                    boolean finished;
                    synchronized (this) {
                        chunk = queue.poll();
                        if (chunk != null) {
                            queuedEvents = Math.max(0, queuedEvents - chunk.events());
                        }
                        finished = chunk == null && ending;
                        if (waitingForRoom && queuedEvents <= capacity / 4 && !ending) {
                            waitingForRoom = false;
                            resumeCatchUp = true;
                        }
                    }
                    if (chunk != null) {
                        out.write(chunk.bytes());
                        unflushed = true;
                    } else if (unflushed) {
                        unflushed = false;
                        out.flush();
                    } else {
                        if (finished) {
                            close();
                        }
                        break;
                    }
                }
            } catch (IOException | IllegalStateException e) {
                close();
            }
        }
        if (resumeCatchUp) {
            catchUpPool.execute(this::catchUp);
        }
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        tail.detach(this);
        tail.unregister(this);
        complete();
    }

    private void complete() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyDone) {
            // completing already, or the container ended it first
        }
    }

    @Override
    public void onWritePossible() {
        pump();
    }

    @Override
    public void onError(Throwable t) {
        synchronized (writing) {
            close();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        closed = true;
        tail.detach(this);
        tail.unregister(this);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        synchronized (writing) {
            close();
        }
    }

    @Override
    public void onError(AsyncEvent event) {
        // Waits for a write still under way on a writer thread: that write may be the very one that failed, and Tomcat
        // records its error on the response only after dispatching this callback. Were the request completed and
        // recycled first, the error would land on the response of the next connection the container serves, and
        // that stream would end at its first flush with a client that still holds it open (issue 13).
        synchronized (writing) {
            close();
            // The client has gone. Complete here even if the stream was closed already: a completion asked for on
            // another thread before the container saw the error does not count, and it would send the request to an
            // error page.
            complete();
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}

    public boolean isClosed() {
        return closed;
    }

    /** Whether the stream has ended, or is ending with its closing comment. */
    public synchronized boolean isEnding() {
        return ending || closed;
    }

    private static byte[] comment(String text) {
        return (": " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
