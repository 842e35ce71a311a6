package org.diplomaticledger.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.diplomaticledger.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * How streams end, on a ledger of its own whose Tomcat hands its work to an executor that gives the stream's writer
 * threads the worst scheduling they can meet: a writer that hands the container an event (a failed write's error)
 * stops until the container has done all it was given. Issue 13 (point 5): under load one of 200 subscribers got its
 * headers, then nothing, on a connection that stayed open, while the server logged that this stream "ended before it
 * began" with a broken pipe at its first flush, which its client never saw.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // One event at most waits for a consumer, and the tail gathers a second's commits into one release: a
            // stream
            // sent two events at once is ended by the server (see aStreamTheServerEndsClosesItsConnection).
            "ledger.stream.buffer=1",
            "ledger.stream.release-interval=PT1S"
        })
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class StreamEndsTest {

    @DynamicPropertySource
    static void ledgerFiles(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("ledger-stream-ends-").toString();
        registry.add("ledger.data-dir", () -> dir);
    }

    @TestConfiguration
    static class WriterStopsAfterADispatch {
        @Bean
        TomcatConnectorCustomizer writerStopsAfterADispatch() {
            return connector -> connector.getProtocolHandler().setExecutor(new StallingWriters());
        }
    }

    /**
     * Tomcat's request threads. When a thread of the stream's writers hands work to the container (Tomcat does so when
     * a write fails: the error goes to a request thread, which calls the stream's error callback), that writer waits
     * until every request thread has been idle for a tenth of a second, at most two seconds: as if it had been descheduled right there, which
     * on a loaded machine happens.
     */
    static final class StallingWriters implements Executor {
        private final AtomicInteger threads = new AtomicInteger();
        private final ThreadPoolExecutor pool =
                new ThreadPoolExecutor(4, 200, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "stream-ends-http-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });

        @Override
        public void execute(Runnable task) {
            pool.execute(task);
            if (Thread.currentThread().getName().startsWith("ledger-stream-writer")) {
                // Idle for a tenth of a second on end: what the task hands on (a completion) has run too.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                long idleSince = System.nanoTime();
                while (System.nanoTime() < deadline) {
                    if (pool.getActiveCount() > 0) {
                        idleSince = System.nanoTime();
                    } else if (System.nanoTime() - idleSince > TimeUnit.MILLISECONDS.toNanos(100)) {
                        return;
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LedgerTail tail;

    /** One client, one connection for the commands: a connection that closes meanwhile would take the request
     * objects the first test is about (see there). */
    private static LedgerClient ledger;

    private static final AtomicInteger day = new AtomicInteger();

    @org.junit.jupiter.api.BeforeEach
    void client() {
        if (ledger == null) {
            ledger = new LedgerClient(port);
        }
    }

    @Test
    void aClientThatLeftCostsTheNextConnectionNothing(CapturedOutput output) throws Exception {
        long start = last();
        Raw left = Raw.open(port, start);
        assertThat(left.readUntil(": stream after position " + start)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> tail.subscriptionCount() == 1);
        left.reset(); // gone without a word: the server learns of it at its next write

        write(); // that write fails, and the container is told on one of its threads
        await().atMost(Duration.ofSeconds(10)).until(() -> tail.subscriptionCount() == 0);

        // The next connection the container serves (it takes the request objects the one that left used last)
        long before = last();
        try (Raw next = Raw.open(port, before)) {
            assertThat(next.readUntil(": stream after position " + before))
                    .as("the next stream begins; what it got: %s", next.text())
                    .isTrue();
            long position = write();
            assertThat(next.readUntil("id: " + position))
                    .as("the next stream's first event; what it got: %s", next.text())
                    .isTrue();
        }
        assertThat(output.getAll()).doesNotContain("ended before it began");
    }

    @Test
    void aStreamTheServerEndsClosesItsConnection() throws Exception {
        long start = last();
        try (Raw stream = Raw.open(port, start)) {
            assertThat(stream.readUntil(": stream after position " + start)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> tail.subscriptionCount() >= 1);
            long first = write();
            assertThat(stream.readUntil("id: " + first)).as(stream.text()).isTrue();
            // Within the second the tail now gathers: two events at once, more than this stream's buffer of one
            write();
            write();
            assertThat(stream.readUntil(": stream ended: more than 1 events waited"))
                    .as(stream.text())
                    .isTrue();
            assertThat(stream.readToEnd(Duration.ofSeconds(10)))
                    .as("the connection closes after the closing comment; what came: %s", stream.text())
                    .isTrue();
        }
    }

    private long last() {
        return jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry", Long.class);
    }

    private long write() {
        return ledger.accepted("RecordStaffCount", """
                {"sendingState": "FJ", "receivingState": "TO", "headcount": %d, "effectiveDate": "%s", "source": "ends"}""".formatted(
                                3 + day.get() % 5, LocalDate.of(2003, 1, 1).plusDays(day.getAndIncrement())))
                .path("position")
                .asLong();
    }

    /** A stream read off a plain socket, as it arrives (chunk sizes and all). */
    private static final class Raw implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        private Raw(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        static Raw open(int port, long after) throws IOException {
            Socket socket = new Socket("localhost", port);
            String credentials =
                    Base64.getEncoder().encodeToString("integrator:integrator".getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream()
                    .write(("GET /api/v1/stream?after=" + after + " HTTP/1.1\r\nHost: localhost:" + port
                                    + "\r\nAccept: text/event-stream\r\nAuthorization: Basic " + credentials
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new Raw(socket);
        }

        /** Reads until {@code text} has arrived (true), the connection closed or ten seconds passed (false). */
        boolean readUntil(String text) throws IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!text().contains(text)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || read((int) left) < 0) {
                    return text().contains(text);
                }
            }
            return true;
        }

        /** Reads until the connection closes (true) or {@code timeout} passed (false). */
        boolean readToEnd(Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                if (read((int) left) < 0) {
                    return true;
                }
            }
        }

        /** One read: the bytes read, 0 on a timeout, -1 at the end. */
        private int read(int timeoutMillis) throws IOException {
            socket.setSoTimeout(Math.max(1, timeoutMillis));
            byte[] buffer = new byte[8192];
            try {
                int n = in.read(buffer);
                if (n > 0) {
                    received.write(buffer, 0, n);
                }
                return n;
            } catch (SocketTimeoutException timeout) {
                return 0;
            }
        }

        String text() {
            return received.toString(StandardCharsets.UTF_8);
        }

        /** Leaves abruptly: the connection is reset, not closed in order. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
