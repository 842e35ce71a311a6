package org.diplomaticledger.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Many server-sent-event subscribers on {@code /api/v1/stream} at once, as an integrator's fleet would hold them, on
 * one {@link HttpClient} and without a thread per stream: each stream's bytes are scanned as they arrive (no JSON
 * parsing, so that 200 streams cost this JVM little) and every event's position is recorded with the
 * {@link System#nanoTime()} it arrived at. Used by the benchmark's W4 and by the stream's fan-out test.
 */
public final class SseSubscribers implements AutoCloseable {

    private final List<Subscriber> subscribers = new ArrayList<>();
    private final List<CompletableFuture<HttpResponse<Void>>> responses = new ArrayList<>();

    /**
     * Opens {@code count} streams of {@code pathAndQuery} (e.g. {@code /api/v1/stream?after=120}) as {@code user}.
     * Returns once every one has answered its headers.
     */
    public static SseSubscribers open(HttpClient http, int port, String user, String password, String pathAndQuery,
                                      int count, Duration timeout) throws Exception {
        SseSubscribers all = new SseSubscribers();
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < count; i++) {
            Subscriber subscriber = new Subscriber(i);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                    .header("Accept", "text/event-stream").header("Authorization", "Basic " + credentials).GET().build();
            all.subscribers.add(subscriber);
            all.responses.add(http.sendAsync(request, info -> subscriber));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < count; i++) {
            HttpResponse<Void> response = all.responses.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            all.subscribers.get(i).status = response.statusCode();
        }
        return all;
    }

    /** A plain HTTP client for many streams (HTTP/1.1: one connection each). */
    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public List<Subscriber> subscribers() {
        return subscribers;
    }

    /** Whether every stream has received an event at {@code position} or later. */
    public boolean allReached(long position) {
        return subscribers.stream().allMatch(subscriber -> subscriber.lastPosition() >= position);
    }

    @Override
    public void close() {
        for (Subscriber subscriber : subscribers) {
            subscriber.cancel();
        }
        for (CompletableFuture<HttpResponse<Void>> response : responses) {
            response.cancel(true);
        }
    }

    /** One stream: the events' positions in arrival order and when each arrived. */
    public static final class Subscriber implements HttpResponse.BodySubscriber<Void> {
        private static final CompletableFuture<Void> AT_ONCE = CompletableFuture.completedFuture(null);

        private final int number;
        private volatile Flow.Subscription subscription;
        private volatile int status;
        private long[] positions = new long[256];
        private long[] arrivals = new long[256];
        private int count;
        private volatile long lastPosition;
        private volatile String closingComment;
        private volatile boolean ended;
        private volatile long bytes;

        // The scanner's state: the line being read (only the start of it is kept) and the message so far.
        private final byte[] line = new byte[64];
        private int lineLength;
        private boolean lineOverflow;
        private long pendingId = -1;
        private boolean pendingData;

        Subscriber(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }

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

        /** The {@code : stream ended: …} comment, if the server ended the stream. */
        public String closingComment() {
            return closingComment;
        }

        public boolean ended() {
            return ended;
        }

        public long bytes() {
            return bytes;
        }

        /** Completed at once, so that the response is handed over with its headers while the body streams on. */
        @Override
        public java.util.concurrent.CompletionStage<Void> getBody() {
            return AT_ONCE;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            long now = System.nanoTime();
            synchronized (this) {
                for (ByteBuffer buffer : buffers) {
                    bytes += buffer.remaining();
                    while (buffer.hasRemaining()) {
                        byte b = buffer.get();
                        if (b == '\n') {
                            endOfLine(now);
                        } else if (lineLength < line.length) {
                            line[lineLength++] = b;
                        } else {
                            lineOverflow = true; // a data line: only its start matters
                        }
                    }
                }
            }
        }

        private void endOfLine(long now) {
            int length = lineLength;
            lineLength = 0;
            boolean overflow = lineOverflow;
            lineOverflow = false;
            if (length == 0) { // a blank line dispatches the message
                if (pendingData && pendingId >= 0) {
                    record(pendingId, now);
                }
                pendingId = -1;
                pendingData = false;
                return;
            }
            if (startsWith(length, "id:")) {
                String value = new String(line, 3, length - 3, StandardCharsets.US_ASCII).trim();
                pendingId = Long.parseLong(value);
            } else if (startsWith(length, "data:")) {
                pendingData = true;
            } else if (startsWith(length, ": stream ended")) {
                closingComment = new String(line, 0, length, StandardCharsets.UTF_8) + (overflow ? "…" : "");
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

        @Override
        public void onError(Throwable throwable) {
            ended = true;
        }

        @Override
        public void onComplete() {
            ended = true;
        }

        void cancel() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
