package org.diplomaticledger.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.diplomaticledger.projection.ProjectionPositions;
import org.diplomaticledger.projection.ProjectionRebuilder;
import org.diplomaticledger.projection.RebuildStatus;
import org.diplomaticledger.support.LedgerClient;
import org.diplomaticledger.support.PostgresTestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two ledger nodes on one real PostgreSQL, as docker-compose runs them: commands to the same aggregates go through
 * both at once, one node dies mid-way, and afterwards every acknowledged command is in the ledger exactly once, no
 * update was merged away, the survivor holds every projection's segment, and its projections equal a rebuild from
 * the events alone.
 */
class MultiNodeTest {

    private static final String[] PROJECTIONS = {"staffing", "heads-of-mission", "expulsions", "talks", "relations"};

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext node(String id) {
        String url = PostgresTestDatabases.database(
                dataDir.toAbsolutePath().normalize().toString());
        return new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                .profiles("test")
                .run(
                        "--ledger.data-dir=" + dataDir,
                        "--server.port=0",
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--ledger.node-id=" + id,
                        "--ledger.aggregates.cache=none",
                        "--ledger.snapshots.threshold=20");
    }

    /** A ledger node in a JVM of its own, so that it can be killed as a crash kills it (SIGKILL, no shutdown). */
    private Process process(String id, int port) throws Exception {
        String url = PostgresTestDatabases.database(
                dataDir.toAbsolutePath().normalize().toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                java,
                "-Xmx384m",
                "-cp",
                System.getProperty("java.class.path"),
                DiplomaticLedgerApplication.class.getName(),
                "--spring.profiles.active=test",
                "--ledger.data-dir=" + dataDir,
                "--server.port=" + port,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--ledger.node-id=" + id,
                "--ledger.aggregates.cache=none",
                "--ledger.snapshots.threshold=20");
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        builder.redirectErrorStream(true)
                .redirectOutput(dataDir.resolve(id + ".log").toFile());
        return builder.start();
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static LedgerClient client(ConfigurableApplicationContext context) {
        return new LedgerClient(
                ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void concurrentWritesThroughTwoNodesSurviveTheLossOfOne() throws Exception {
        // Node B starts first and claims every projection's segment; then node A joins.
        int portB = freePort();
        Process doomed = process("node-b", portB);
        ConfigurableApplicationContext survivor = null;
        try {
            LedgerClient b = new LedgerClient(portB);
            await().atMost(Duration.ofMinutes(3))
                    .ignoreExceptions()
                    .until(() -> b.get(null, "/actuator/health").status() == 200);
            String url = PostgresTestDatabases.database(
                    dataDir.toAbsolutePath().normalize().toString());
            JdbcTemplate jdbc = new JdbcTemplate(
                    new org.springframework.jdbc.datasource.DriverManagerDataSource(url, "postgres", ""));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(jdbc.queryForList("SELECT owner FROM token_entry", String.class))
                            .hasSize(PROJECTIONS.length)
                            .containsOnly("node-b"));
            survivor = node("node-a");
            LedgerClient a = client(survivor);
            String[] missions = {"KE-UG-EMBASSY-KAMPALA", "UG-KE-EMBASSY-NAIROBI"};
            a.accepted("OpenMission", """
                    {"sendingState": "KE", "receivingState": "UG", "kind": "EMBASSY", "city": "Kampala", "source": "x"}""");
            b.accepted("OpenMission", """
                    {"sendingState": "UG", "receivingState": "KE", "kind": "EMBASSY", "city": "Nairobi", "source": "x"}""");

            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicInteger conflicts = new AtomicInteger();
            AtomicInteger acknowledgedByB = new AtomicInteger();
            AtomicInteger unanswered = new AtomicInteger();
            int threads = 4;
            int perThread = 30;
            CountDownLatch halfway = new CountDownLatch(threads * perThread / 2);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        LedgerClient via = (i + thread) % 2 == 0 ? a : b;
                        String mission = missions[thread % 2];
                        try {
                            LedgerClient.Response response =
                                    via.command("clerk", "RecordStaffChange", """
                                    {"missionId": "%s", "category": "SERVICE", "change": 1, "source": "x"}""".formatted(mission));
                            if (response.status() == 200) {
                                acknowledged.add(response.json()
                                        .path("events")
                                        .get(0)
                                        .path("eventId")
                                        .asText());
                                if (via == b) {
                                    acknowledgedByB.incrementAndGet();
                                }
                            } else if (response.status() == 409
                                    && response.json().path("rule").asText().equals("concurrent-write")) {
                                conflicts.incrementAndGet();
                            } else if (response.status() < 500) {
                                throw new AssertionError("unexpected answer: " + response);
                            } else {
                                unanswered.incrementAndGet();
                            }
                        } catch (IllegalStateException | java.io.UncheckedIOException nodeGone) {
                            unanswered.incrementAndGet();
                        }
                        halfway.countDown();
                    }
                }));
            }
            assertThat(halfway.await(2, TimeUnit.MINUTES)).isTrue();
            // Node B is killed (SIGKILL) while commands are in flight: it releases nothing, its open transactions
            // roll back, and its claims stay in token_entry until they are older than the claim timeout.
            doomed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            for (Future<?> done : work) {
                done.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertThat(doomed.isAlive()).isFalse();

            // The survivor takes every segment over once B's claims are older than the claim timeout (3 s by default).
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () -> assertThat(jdbc.queryForList("SELECT DISTINCT owner FROM token_entry", String.class))
                                    .containsExactly("node-a"));
            assertThat(jdbc.queryForList("SELECT processor_name FROM token_entry", String.class))
                    .containsExactlyInAnyOrder(PROJECTIONS);

            // Every acknowledged command's event is in the ledger, once; nothing else was written for these missions.
            assertThat(acknowledged).hasSizeGreaterThan(threads * perThread / 4);
            assertThat(acknowledgedByB.get())
                    .as("node B answered before it died")
                    .isPositive();
            for (String eventId : acknowledged) {
                assertThat(jdbc.queryForObject(
                                "SELECT COUNT(*) FROM domain_event_entry WHERE event_identifier = ?",
                                Integer.class,
                                eventId))
                        .as(eventId)
                        .isEqualTo(1);
            }
            long changes = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier IN "
                            + "('KE-UG', 'UG-KE') AND sequence_number > 0",
                    Long.class);
            assertThat(changes)
                    .as(
                            "events beyond the acknowledged ones (unanswered: %d, conflicts: %d)",
                            unanswered.get(), conflicts.get())
                    .isBetween((long) acknowledged.size(), (long) acknowledged.size() + unanswered.get());
            // Each aggregate's sequence has no hole and no duplicate: no update merged away.
            for (String aggregate : List.of("KE-UG", "UG-KE")) {
                List<Long> sequence = jdbc.queryForList(
                        "SELECT sequence_number FROM domain_event_entry "
                                + "WHERE aggregate_identifier = ? ORDER BY sequence_number",
                        Long.class,
                        aggregate);
                for (int i = 0; i < sequence.size(); i++) {
                    assertThat(sequence.get(i)).isEqualTo(i);
                }
            }

            // The survivor's projections reach the head, applied each event once: headcounts are the events.
            ProjectionPositions positions = survivor.getBean(ProjectionPositions.class);
            long head = positions.head();
            for (String projection : PROJECTIONS) {
                assertThat(positions.await(projection, head, Duration.ofSeconds(60)))
                        .as(projection)
                        .isTrue();
            }
            long staff = jdbc.queryForObject(
                    "SELECT SUM(headcount) FROM staffing_presence WHERE presence_id IN "
                            + "('KE-UG', 'UG-KE') AND slot = (SELECT active_slot FROM projection_state WHERE projection = 'staffing') "
                            // the rows' versions as the ledger believes them now, on the latest day
                            + "AND valid_to IS NULL AND recorded_to IS NULL",
                    Long.class);
            assertThat(staff).isEqualTo(changes);

            // And they equal a rebuild from the events alone.
            ProjectionRebuilder rebuilder = survivor.getBean(ProjectionRebuilder.class);
            for (String projection : PROJECTIONS) {
                rebuilder.start(projection);
                RebuildStatus status =
                        rebuilder.await(projection, Duration.ofMinutes(2)).orElseThrow();
                assertThat(status.state()).as(status.toString()).isEqualTo(RebuildStatus.State.SWITCHED);
                assertThat(status.identical()).as(status.toString()).isTrue();
            }
            LedgerClient.Response presence = a.get("analyst", "/api/v1/presences/KE/UG");
            assertThat(presence.status()).as(presence.toString()).isEqualTo(200);
        } finally {
            doomed.destroyForcibly();
            if (survivor != null) {
                survivor.close();
            }
        }
    }
}
