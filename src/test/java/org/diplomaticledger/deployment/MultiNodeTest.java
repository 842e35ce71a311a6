package org.diplomaticledger.deployment;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two ledger nodes on one real PostgreSQL, as docker-compose runs them: commands to the same aggregates go through
 * both at once, one node dies mid-way, and afterwards every acknowledged command is in the ledger exactly once, no
 * update was merged away, the survivor holds every projection's segment, and its projections equal a rebuild from
 * the events alone.
 */
class MultiNodeTest {

    private static final String[] PROJECTIONS = {"staffing", "heads-of-mission", "expulsions", "talks"};
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext node(String id) {
        String url = PostgresTestDatabases.database(dataDir.toAbsolutePath().normalize().toString());
        return new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                .profiles("test")
                .run("--ledger.data-dir=" + dataDir, "--server.port=0", "--spring.datasource.url=" + url,
                        "--spring.datasource.username=postgres", "--spring.datasource.password=",
                        "--ledger.node-id=" + id, "--ledger.aggregates.cache=none", "--ledger.snapshots.threshold=20",
                        "--ledger.processors.claim-timeout=" + CLAIM_TIMEOUT);
    }

    private static LedgerClient client(ConfigurableApplicationContext context) {
        return new LedgerClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void concurrentWritesThroughTwoNodesSurviveTheLossOfOne() throws Exception {
        ConfigurableApplicationContext survivor = node("node-a");
        ConfigurableApplicationContext doomed = node("node-b");
        try {
            LedgerClient a = client(survivor);
            LedgerClient b = client(doomed);
            String[] missions = {"KE-UG-EMBASSY-KAMPALA", "UG-KE-EMBASSY-NAIROBI"};
            a.accepted("OpenMission", """
                    {"sendingState": "KE", "receivingState": "UG", "kind": "EMBASSY", "city": "Kampala", "source": "x"}""");
            b.accepted("OpenMission", """
                    {"sendingState": "UG", "receivingState": "KE", "kind": "EMBASSY", "city": "Nairobi", "source": "x"}""");

            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicInteger conflicts = new AtomicInteger();
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
                            LedgerClient.Response response = via.command("clerk", "RecordStaffChange", """
                                    {"missionId": "%s", "category": "SERVICE", "change": 1, "source": "x"}""".formatted(mission));
                            if (response.status() == 200) {
                                acknowledged.add(response.json().path("events").get(0).path("eventId").asText());
                            } else if (response.status() == 409
                                    && response.json().path("rule").asText().equals("concurrent-write")) {
                                conflicts.incrementAndGet();
                            } else if (response.status() < 500) {
                                throw new AssertionError("unexpected answer: " + response);
                            } else {
                                unanswered.incrementAndGet();
                            }
                        } catch (IllegalStateException nodeGone) {
                            unanswered.incrementAndGet();
                        }
                        halfway.countDown();
                    }
                }));
            }
            assertThat(halfway.await(2, TimeUnit.MINUTES)).isTrue();
            JdbcTemplate jdbc = survivor.getBean(JdbcTemplate.class);
            // Node B dies while commands are in flight. Closing the context releases B's claims; a node that is
            // killed leaves them behind, so they are written back as B's, with a fresh timestamp, as a crash leaves them.
            doomed.close();
            for (Future<?> done : work) {
                done.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            jdbc.update("UPDATE token_entry SET owner = 'node-b', token_timestamp = ?", java.time.Instant.now().toString());

            // The survivor takes every segment over once B's claims are older than the claim timeout.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    jdbc.queryForList("SELECT DISTINCT owner FROM token_entry", String.class)).containsExactly("node-a"));
            assertThat(jdbc.queryForList("SELECT processor_name FROM token_entry", String.class))
                    .containsExactlyInAnyOrder(PROJECTIONS);

            // Every acknowledged command's event is in the ledger, once; nothing else was written for these missions.
            assertThat(acknowledged).hasSizeGreaterThan(threads * perThread / 4);
            for (String eventId : acknowledged) {
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE event_identifier = ?",
                        Integer.class, eventId)).as(eventId).isEqualTo(1);
            }
            long changes = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier IN "
                    + "('KE-UG', 'UG-KE') AND sequence_number > 0", Long.class);
            assertThat(changes).as("events beyond the acknowledged ones (unanswered: %d, conflicts: %d)", unanswered.get(),
                    conflicts.get()).isBetween((long) acknowledged.size(), (long) acknowledged.size() + unanswered.get());
            // Each aggregate's sequence has no hole and no duplicate: no update merged away.
            for (String aggregate : List.of("KE-UG", "UG-KE")) {
                List<Long> sequence = jdbc.queryForList("SELECT sequence_number FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? ORDER BY sequence_number", Long.class, aggregate);
                for (int i = 0; i < sequence.size(); i++) {
                    assertThat(sequence.get(i)).isEqualTo(i);
                }
            }

            // The survivor's projections reach the head, applied each event once: headcounts are the events.
            ProjectionPositions positions = survivor.getBean(ProjectionPositions.class);
            long head = positions.head();
            for (String projection : PROJECTIONS) {
                assertThat(positions.await(projection, head, Duration.ofSeconds(60))).as(projection).isTrue();
            }
            long staff = jdbc.queryForObject("SELECT SUM(headcount) FROM staffing_presence WHERE presence_id IN "
                    + "('KE-UG', 'UG-KE') AND slot = (SELECT active_slot FROM projection_state WHERE projection = 'staffing')",
                    Long.class);
            assertThat(staff).isEqualTo(changes);

            // And they equal a rebuild from the events alone.
            ProjectionRebuilder rebuilder = survivor.getBean(ProjectionRebuilder.class);
            for (String projection : PROJECTIONS) {
                rebuilder.start(projection);
                RebuildStatus status = rebuilder.await(projection, Duration.ofMinutes(2)).orElseThrow();
                assertThat(status.state()).as(status.toString()).isEqualTo(RebuildStatus.State.SWITCHED);
                assertThat(status.identical()).as(status.toString()).isTrue();
            }
            LedgerClient.Response presence = a.get("analyst", "/api/v1/presences/KE/UG");
            assertThat(presence.status()).as(presence.toString()).isEqualTo(200);
        } finally {
            if (doomed.isActive()) {
                doomed.close();
            }
            survivor.close();
        }
    }
}
