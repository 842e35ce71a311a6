package org.diplomaticledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.diplomaticledger.support.LedgerClient;
import org.diplomaticledger.support.LedgerClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Group commit, made deterministic: the test holds the audit chain's head row locked, so the appender's first batch
 * waits at its append while every other write queues behind it; once the lock is let go, the waiting writes run as
 * one batch. That batch's commands share one transaction, and still each is answered for itself: all stored once,
 * with the positions they got, a refused one refused alone, a colliding Idempotency-Key failing only its own write,
 * and the chain verifying. A ledger of its own (states MR and ML), so the figures are the test's alone.
 */
class GroupCommitHttpTest {

    private static final List<String> RECEIVING = List.of(
            "AE", "AR", "AT", "BE", "BR", "CA", "CH", "CN", "DE", "DK", "EG", "ES", "FI", "FR", "GB", "GR", "IN", "IT",
            "JP", "KR");

    private static ConfigurableApplicationContext app;
    private static LedgerClient ledger;
    private static JdbcTemplate jdbc;
    private static LedgerWriter writer;
    private static DataSource dataSource;
    private static ExecutorService clients;

    @BeforeAll
    static void start() throws Exception {
        app = new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                .profiles("test")
                .run("--ledger.data-dir=" + Files.createTempDirectory("ledger-group-commit-"), "--server.port=0");
        ledger = new LedgerClient(
                ((WebServerApplicationContext) app).getWebServer().getPort());
        jdbc = app.getBean(JdbcTemplate.class);
        writer = app.getBean(LedgerWriter.class);
        dataSource = app.getBean(DataSource.class);
        clients = Executors.newFixedThreadPool(32);
    }

    @AfterAll
    static void stop() {
        clients.shutdownNow();
        app.close();
    }

    @AfterEach
    void theChainVerifies() {
        Response verdict = ledger.get("auditor", "/api/v1/audit/verify");
        assertThat(verdict.status()).as(verdict.toString()).isEqualTo(200);
        assertThat(verdict.json().path("valid").asBoolean())
                .as(verdict.toString())
                .isTrue();
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        assertThat(verdict.json().path("events").asLong()).isEqualTo(events);
    }

    private static String staffCount(String sending, String receiving, int headcount) {
        return "{\"sendingState\": \"" + sending + "\", \"receivingState\": \"" + receiving + "\", \"headcount\": "
                + headcount + ", \"source\": \"x\"}";
    }

    /** A request a client sends, as the test queues it. */
    private record Sent(String command, String body, Map<String, String> headers) {
        static Sent of(String command, String body) {
            return new Sent(command, body, Map.of());
        }
    }

    /**
     * Sends {@code first} and waits until the appender has taken it (and waits at the chain's head, which the test
     * holds locked), then sends {@code rest} one by one, each once the one before queued, and lets the lock go: {@code whileHeld}
     * runs on the lock's connection just before it commits. The answers, in the order sent.
     */
    private static List<Response> batched(Sent first, List<Sent> rest, SqlAction whileHeld) throws Exception {
        LedgerWriter.GroupCommitStats before = writer.groupCommitStats();
        List<Future<Response>> answers = new ArrayList<>();
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement();
                    ResultSet head =
                            statement.executeQuery("SELECT head_index FROM audit_chain_head WHERE id = 1 FOR UPDATE")) {
                assertThat(head.next()).isTrue();
            }
            answers.add(send(first));
            await().atMost(Duration.ofSeconds(8))
                    .until(() -> writer.groupCommitStats().batchesStarted() == before.batchesStarted() + 1);
            // One at a time, each once the one before queued: they queue in the order given.
            for (int i = 0; i < rest.size(); i++) {
                answers.add(send(rest.get(i)));
                int queued = i + 1;
                await().atMost(Duration.ofSeconds(8))
                        .until(() -> writer.groupCommitStats().waiting() == queued);
            }
            whileHeld.run(lock);
            lock.commit();
        }
        List<Response> responses = new ArrayList<>();
        for (Future<Response> answer : answers) {
            responses.add(answer.get());
        }
        return responses;
    }

    private interface SqlAction {
        void run(Connection connection) throws Exception;
    }

    private static Future<Response> send(Sent sent) {
        return clients.submit(
                (Callable<Response>) () -> ledger.command("clerk", sent.command(), sent.body(), sent.headers()));
    }

    private static List<String> eventIds(Response response) {
        List<String> ids = new ArrayList<>();
        for (JsonNode event : response.json().path("events")) {
            ids.add(event.path("eventId").asText());
        }
        return ids;
    }

    @Test
    void concurrentCommandsCommitAsOneBatchAndEachClientGetsItsOwnReceipt() throws Exception {
        LedgerWriter.GroupCommitStats before = writer.groupCommitStats();
        List<Sent> rest = new ArrayList<>();
        for (int i = 1; i < RECEIVING.size(); i++) {
            rest.add(Sent.of("RecordStaffCount", staffCount("MR", RECEIVING.get(i), 10 + i)));
        }

        List<Response> responses =
                batched(Sent.of("RecordStaffCount", staffCount("MR", RECEIVING.get(0), 10)), rest, lock -> {});

        LedgerWriter.GroupCommitStats after = writer.groupCommitStats();
        assertThat(after.batches() - before.batches())
                .as("the first write alone, then all the others together")
                .isEqualTo(2);
        assertThat(after.writes() - before.writes()).isEqualTo(RECEIVING.size());
        assertThat(after.largestBatch()).isGreaterThanOrEqualTo(rest.size());
        assertThat(after.batchesRerun()).isEqualTo(before.batchesRerun());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < responses.size(); i++) {
            Response response = responses.get(i);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode receipt = response.json();
            assertThat(receipt.path("aggregateId").asText()).isEqualTo("MR-" + RECEIVING.get(i));
            List<String> events = eventIds(response);
            assertThat(events).hasSize(1);
            ids.addAll(events);
            // The position answered is the one the event holds in the store.
            long stored = jdbc.queryForObject(
                    "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                    Long.class,
                    events.get(0));
            assertThat(receipt.path("position").asLong()).isEqualTo(stored);
            assertThat(receipt.path("events").get(0).path("position").asLong()).isEqualTo(stored);
        }
        assertThat(ids).hasSize(RECEIVING.size());
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM domain_event_entry WHERE event_identifier IN (" + marks + ")",
                        Long.class,
                        ids.toArray()))
                .isEqualTo(ids.size());
    }

    @Test
    void aRefusedCommandInABatchFailsAloneAndASecondWriteOnOneAggregateWaitsItsTurn() throws Exception {
        ledger.accepted("OpenMission", """
                {"sendingState": "ML", "receivingState": "SN", "kind": "EMBASSY", "city": "Dakar", "source": "x"}""");
        LedgerWriter.GroupCommitStats before = writer.groupCommitStats();
        long eventsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        List<Sent> rest = List.of(
                Sent.of("RecordStaffCount", staffCount("ML", "AE", 5)),
                // Refused by the Presence's rules: the mission is already open.
                Sent.of("OpenMission", """
                        {"sendingState": "ML", "receivingState": "SN", "kind": "EMBASSY", "city": "Dakar", "source": "x"}"""),
                Sent.of("RecordStaffCount", staffCount("ML", "AR", 6)),
                // Refused on input: never reaches the appender.
                Sent.of("RecordStaffCount", """
                        {"sendingState": "ML", "receivingState": "BE", "headcount": "seven", "source": "x"}"""),
                Sent.of("RecordStaffCount", staffCount("ML", "AE", 8)));
        // The refusal on input is answered before the write queues: three writes wait, the last on ML-AE after the
        // first on ML-AE.
        List<Sent> queued = List.of(rest.get(0), rest.get(1), rest.get(2), rest.get(4));
        List<Response> responses = batched(Sent.of("RecordStaffCount", staffCount("ML", "AT", 4)), queued, lock -> {});
        Response invalid =
                ledger.command("clerk", rest.get(3).command(), rest.get(3).body());
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);

        assertThat(responses.get(0).status()).isEqualTo(200);
        assertThat(responses.get(1).status()).as(responses.get(1).toString()).isEqualTo(200);
        Response refused = responses.get(2);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("rule").asText()).isEqualTo("mission-already-open");
        assertThat(responses.get(3).status()).as(responses.get(3).toString()).isEqualTo(200);
        Response second = responses.get(4);
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.json().path("events").get(0).path("sequenceNumber").asLong())
                .isEqualTo(responses
                                .get(1)
                                .json()
                                .path("events")
                                .get(0)
                                .path("sequenceNumber")
                                .asLong()
                        + 1);

        LedgerWriter.GroupCommitStats after = writer.groupCommitStats();
        assertThat(after.batches() - before.batches())
                .as("the first alone, then three together (the refused one among them), then the second on ML-AE")
                .isEqualTo(3);
        assertThat(after.batchesRerun())
                .as("a refusal by a rule does not fail the batch")
                .isEqualTo(before.batchesRerun());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class))
                .isEqualTo(eventsBefore + 4);
    }

    @Test
    void aKeyTakenWhileItsWriteWaitsIsFoundInTheBatchAndFailsOnlyThatWrite() throws Exception {
        LedgerWriter.GroupCommitStats before = writer.groupCommitStats();
        long answersBefore = jdbc.queryForObject("SELECT COUNT(*) FROM command_idempotency", Long.class);
        List<Sent> rest = List.of(
                new Sent("RecordStaffCount", staffCount("MR", "CY", 3), Map.of("Idempotency-Key", "group-commit-1")),
                // Its key is stored by another request while it waits: the batch's own look-up finds it.
                new Sent(
                        "RecordStaffCount", staffCount("MR", "CZ", 3), Map.of("Idempotency-Key", "group-commit-taken")),
                Sent.of("RecordStaffCount", staffCount("MR", "EE", 3)));

        List<Response> responses = batched(Sent.of("RecordStaffCount", staffCount("MR", "CU", 3)), rest, lock -> {
            try (PreparedStatement insert = lock.prepareStatement(
                    "INSERT INTO command_idempotency (actor, idempotency_key,"
                            + " request_hash, response_status, response_body, recorded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, "clerk");
                insert.setString(2, "group-commit-taken");
                insert.setString(3, "another request");
                insert.setInt(4, 200);
                insert.setString(5, "{}");
                insert.setTimestamp(6, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
        });

        assertThat(responses.get(0).status()).isEqualTo(200);
        assertThat(responses.get(1).status()).as(responses.get(1).toString()).isEqualTo(200);
        Response collided = responses.get(2);
        assertThat(collided.status()).as(collided.toString()).isEqualTo(422);
        assertThat(responses.get(3).status()).as(responses.get(3).toString()).isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = 'MR-CZ'", Long.class))
                .as("the colliding write stored nothing")
                .isZero();
        for (String presence : List.of("MR-CU", "MR-CY", "MR-EE")) {
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                            Long.class,
                            presence))
                    .as(presence)
                    .isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM command_idempotency", Long.class))
                .isEqualTo(answersBefore + 2);

        LedgerWriter.GroupCommitStats after = writer.groupCommitStats();
        assertThat(after.batchesRerun()).isEqualTo(before.batchesRerun());
        assertThat(after.batches() - before.batches()).isEqualTo(2);

        // The keyed write that committed in the batch answers its retry from the stored answer, the same body.
        Response retry = ledger.command(
                "clerk", rest.get(0).command(), rest.get(0).body(), rest.get(0).headers());
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(responses.get(1).body());
    }

    @Test
    void manyClientsWritingAtOnceAreAllAnsweredAndStoredOnce() throws Exception {
        int perClient = 10;
        List<Future<List<Response>>> work = new ArrayList<>();
        for (int c = 0; c < 24; c++) {
            String receiving = RECEIVING.get(c % RECEIVING.size());
            String sending = c < RECEIVING.size() ? "MR" : "ML";
            work.add(clients.submit(() -> {
                List<Response> mine = new ArrayList<>();
                for (int i = 0; i < perClient; i++) {
                    mine.add(ledger.command("clerk", "RecordStaffCount", staffCount(sending, receiving, 100 + i)));
                }
                return mine;
            }));
        }
        Set<String> ids = new HashSet<>();
        for (Future<List<Response>> done : work) {
            for (Response response : done.get()) {
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
                ids.addAll(eventIds(response));
            }
        }
        assertThat(ids).hasSize(24 * perClient);
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM domain_event_entry WHERE event_identifier IN (" + marks + ")",
                        Long.class,
                        ids.toArray()))
                .isEqualTo(ids.size());
    }
}
