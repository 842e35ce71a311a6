package org.diplomaticledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Many server-sent-event subscribers on {@code /api/v1/stream} at once, as an integrator's fleet would hold them:
 * plain HTTP/1.1 connections read by one thread with a selector, each stream's bytes de-chunked and scanned as they
 * arrive (ids only, no JSON parsing), and every event's position recorded with the {@link System#nanoTime()} it
 * arrived at. Written on java.nio rather than java.net.http because the subscribers share the ledger's CPU in the
 * benchmark: 200 streams on java.net.http cost this JVM about a quarter of what the ledger's request threads used,
 * which would be measured as the fan-out's cost to the writers; one selector thread costs a few percent of that.
 * Used by the benchmark's W4 and by the stream's fan-out test.
 */
public final class SseSubscribers implements AutoCloseable {

    private final List<Subscriber> subscribers = new ArrayList<>();
    private final Selector selector;
    private final Thread reader;
    private volatile boolean open = true;

    private SseSubscribers() throws IOException {
        selector = Selector.open();
        reader = new Thread(this::read, "sse-subscribers");
        reader.setDaemon(true);
    }

    /**
     * Opens {@code count} streams of {@code pathAndQuery} (e.g. {@code /api/v1/stream?after=120}) as {@code user} on
     * localhost; returns once every one has answered its status line and headers.
     */
    public static SseSubscribers open(
            int port, String user, String password, String pathAndQuery, int count, Duration timeout)
            throws IOException, InterruptedException {
        SseSubscribers all = new SseSubscribers();
        String credentials =
                Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        byte[] request = ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                        + "Accept: text/event-stream\r\nAuthorization: Basic " + credentials + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        all.reader.start();
        try {
            for (int i = 0; i < count; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("localhost", port));
                channel.write(ByteBuffer.wrap(request));
                channel.configureBlocking(false);
                Subscriber subscriber = new Subscriber(i, channel);
                all.subscribers.add(subscriber);
                synchronized (all) {
                    all.selector.wakeup();
                    channel.register(all.selector, SelectionKey.OP_READ, subscriber);
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Subscriber subscriber : all.subscribers) {
                while (subscriber.status == 0 && !subscriber.ended && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                if (subscriber.status == 0) {
                    throw new IOException("stream #" + subscriber.number + " answered no status within " + timeout);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            all.close();
            throw e;
        }
        return all;
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        byte[] bytes = new byte[64 * 1024];
        while (open) {
            try {
                synchronized (this) {
                    // registration happens under this lock, after a wakeup: let it in before selecting again
                }
                selector.select(100);
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    Subscriber subscriber = (Subscriber) key.attachment();
                    try {
                        int n;
                        while ((n = subscriber.channel.read(buffer.clear())) > 0) {
                            buffer.flip().get(bytes, 0, n);
                            subscriber.accept(bytes, n, now);
                        }
                        if (n < 0) {
                            subscriber.end();
                            key.cancel();
                        }
                    } catch (IOException | RuntimeException e) {
                        subscriber.end();
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                if (open) {
                    throw new UncheckedIOException(e instanceof IOException io ? io : new IOException(e));
                }
                return;
            }
        }
    }

    public List<Subscriber> subscribers() {
        return subscribers;
    }

    /** Whether every stream has received an event at {@code position} or later. */
    public boolean allReached(long position) {
        return subscribers.stream().allMatch(subscriber -> subscriber.lastPosition() >= position);
    }

    /** Closes every connection (the server notices at its next write to it) and stops the reading thread. */
    @Override
    public void close() {
        open = false;
        selector.wakeup();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Subscriber subscriber : subscribers) {
            try {
                subscriber.channel.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    /** One stream: the events' positions in arrival order and when each arrived. */
    public static final class Subscriber {
        private enum State {
            HEADERS,
            CHUNK_SIZE,
            CHUNK_DATA,
            CHUNK_END,
            RAW,
            DONE
        }

        private final int number;
        private final SocketChannel channel;
        private volatile int status;
        private volatile boolean ended;
        private volatile long lastPosition;
        private volatile String closingComment;
        private long bytes;
        private long[] positions = new long[256];
        private long[] arrivals = new long[256];
        private int count;

        // HTTP: the headers so far, then the chunked framing.
        private State state = State.HEADERS;
        private final StringBuilder headers = new StringBuilder();
        private long chunkLeft;
        private final StringBuilder chunkLine = new StringBuilder();

        // SSE: the line being read (only its start is kept) and the message so far.
        private final byte[] line = new byte[96];
        private int lineLength;
        private long pendingId = -1;
        private boolean pendingData;

        Subscriber(int number, SocketChannel channel) {
            this.number = number;
            this.channel = channel;
        }

        public int number() {
            return number;
        }

        /** The HTTP status, 0 until the status line arrived. */
        public int status() {
            return status;
        }

        /** The positions of the events received, in arrival order. */
        public synchronized long[] positions() {
            return Arrays.copyOf(positions, count);
        }

        /** When each event arrived ({@link System#nanoTime()}), in the order of {@link #positions()}. */
        public synchronized long[] arrivals() {
            return Arrays.copyOf(arrivals, count);
        }

        public synchronized int count() {
            return count;
        }

        public long lastPosition() {
            return lastPosition;
        }

        /** The {@code : stream ended: …} comment (its start), if the server ended the stream. */
        public String closingComment() {
            return closingComment;
        }

        /** Whether the stream has ended: its body's last chunk arrived, or the connection closed. */
        public boolean ended() {
            return ended;
        }

        public synchronized long bytes() {
            return bytes;
        }

        void end() {
            ended = true;
        }

        synchronized void accept(byte[] data, int length, long now) {
            bytes += length;
            int i = 0;
            while (i < length) {
                switch (state) {
                    case HEADERS -> {
                        headers.append((char) (data[i++] & 0xff));
                        int end = headers.indexOf("\r\n\r\n");
                        if (end >= 0) {
                            String head = headers.toString();
                            String[] statusLine =
                                    head.substring(0, head.indexOf("\r\n")).split(" ");
                            status = Integer.parseInt(statusLine[1]);
                            state = head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")
                                    ? State.CHUNK_SIZE
                                    : State.RAW;
                        }
                    }
                    case CHUNK_SIZE -> {
                        char c = (char) (data[i++] & 0xff);
                        if (c == '\n') {
                            String size = chunkLine.toString().trim();
                            int extension = size.indexOf(';');
                            chunkLeft = Long.parseLong(extension < 0 ? size : size.substring(0, extension), 16);
                            chunkLine.setLength(0);
                            state = chunkLeft == 0 ? State.DONE : State.CHUNK_DATA;
                            if (state == State.DONE) {
                                // The body's last chunk: the server ended the stream, whether or not the
                                // connection closes after it (a stream never ends by itself).
                                ended = true;
                            }
                        } else {
                            chunkLine.append(c);
                        }
                    }
                    case CHUNK_DATA -> {
                        int n = (int) Math.min(chunkLeft, length - i);
                        scan(data, i, n, now);
                        i += n;
                        chunkLeft -= n;
                        if (chunkLeft == 0) {
                            state = State.CHUNK_END;
                        }
                    }
                    case CHUNK_END -> {
                        if (data[i++] == '\n') {
                            state = State.CHUNK_SIZE;
                        }
                    }
                    case RAW -> {
                        scan(data, i, length - i, now);
                        i = length;
                    }
                    case DONE -> i = length;
                }
            }
        }

        private void scan(byte[] data, int from, int length, long now) {
            for (int i = from; i < from + length; i++) {
                byte b = data[i];
                if (b == '\n') {
                    endOfLine(now);
                } else if (lineLength < line.length) {
                    line[lineLength++] = b;
                }
            }
        }

        private void endOfLine(long now) {
            int length = lineLength;
            lineLength = 0;
            if (length == 0) { // a blank line dispatches the message
                if (pendingData && pendingId >= 0) {
                    record(pendingId, now);
                }
                pendingId = -1;
                pendingData = false;
                return;
            }
            if (startsWith(length, "id:")) {
                pendingId = Long.parseLong(new String(line, 3, length - 3, StandardCharsets.US_ASCII).trim());
            } else if (startsWith(length, "data:")) {
                pendingData = true;
            } else if (startsWith(length, ": stream ended")) {
                closingComment = new String(line, 0, length, StandardCharsets.UTF_8);
            }
        }

        private boolean startsWith(int length, String prefix) {
            if (length < prefix.length()) {
                return false;
            }
            for (int i = 0; i < prefix.length(); i++) {
                if (line[i] != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private void record(long position, long now) {
            if (count == positions.length) {
                positions = Arrays.copyOf(positions, count * 2);
                arrivals = Arrays.copyOf(arrivals, count * 2);
            }
            positions[count] = position;
            arrivals[count] = now;
            count++;
            lastPosition = position;
        }
    }
}
