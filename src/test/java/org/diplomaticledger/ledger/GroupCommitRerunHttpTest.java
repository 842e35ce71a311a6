package org.diplomaticledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;

/**
 * A batch that fails as a whole at its commit step: while one of its writes waits, another request (as on another
 * node) stores an answer under the same Idempotency-Key in a transaction the test holds open, so the batch's look-up
 * does not see it and its insert of the answer collides once that transaction commits. Nothing of the batch is
 * stored, every write of it runs again alone: the neighbour is stored as it was, and the keyed write finds the key
 * taken (422). On the shared test ledger (states MR-VN, MR-TH, MR-LA).
 */
class GroupCommitRerunHttpTest extends LedgerIntegrationTest {

    @Autowired
    LedgerWriter writer;

    @Autowired
    DataSource dataSource;

    private static String staffCount(String receiving, int headcount) {
        return "{\"sendingState\": \"MR\", \"receivingState\": \"" + receiving + "\", \"headcount\": " + headcount
                + ", \"source\": \"x\"}";
    }

    /**
     * Whether a session is inside its insert of a stored answer: the batch's, waiting for the test's uncommitted row
     * (H2 shows it running, PostgreSQL waiting for a lock).
     */
    private boolean theBatchInsertsAnAnswer() {
        String database =
                jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        String inserting = database.contains("PostgreSQL")
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO command_idempotency%'"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT LIKE 'INSERT INTO command_idempotency%'";
        return jdbc.queryForObject(inserting, Long.class) > 0;
    }

    @Test
    void aKeyStoredMeanwhileByAnotherNodeFailsTheBatchAndEveryWriteRunsAgainAlone() throws Exception {
        ledger.accepted("RecordStaffCount", staffCount("VN", 10));
        LedgerWriter.GroupCommitStats before = writer.groupCommitStats();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<Future<Response>> answers = new ArrayList<>();
        try (Connection lock = dataSource.getConnection();
                Connection otherWriter = dataSource.getConnection()) {
            // Another request (on another node) stores an answer under the key MR-VN's write carries, and keeps its
            // transaction open: the batch's look-up does not see it, and its insert of the answer waits for it.
            otherWriter.setAutoCommit(false);
            try (Statement statement = otherWriter.createStatement()) {
                statement.executeUpdate("INSERT INTO command_idempotency (actor, idempotency_key, request_hash,"
                        + " response_status, response_body, recorded_at) VALUES ('clerk', 'group-commit-raced', 'another"
                        + " request', 200, '{}', CURRENT_TIMESTAMP)");
            }
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement();
                    ResultSet head =
                            statement.executeQuery("SELECT head_index FROM audit_chain_head WHERE id = 1 FOR UPDATE")) {
                assertThat(head.next()).isTrue();
            }
            answers.add(clients.submit(() -> ledger.command("clerk", "RecordStaffCount", staffCount("TH", 1))));
            await().atMost(Duration.ofSeconds(8))
                    .until(() -> writer.groupCommitStats().batchesStarted() == before.batchesStarted() + 1);
            answers.add(clients.submit(() -> ledger.command(
                    "clerk",
                    "RecordStaffCount",
                    staffCount("VN", 11),
                    java.util.Map.of("Idempotency-Key", "group-commit-raced"))));
            await().atMost(Duration.ofSeconds(8))
                    .until(() -> writer.groupCommitStats().waiting() == 1);
            answers.add(clients.submit(() -> ledger.command("clerk", "RecordStaffCount", staffCount("LA", 12))));
            await().atMost(Duration.ofSeconds(8))
                    .until(() -> writer.groupCommitStats().waiting() == 2);
            lock.commit();
            // The first write commits; the batch of the other two reaches its insert and waits for the other writer.
            await().atMost(Duration.ofSeconds(8))
                    .until(() -> writer.groupCommitStats().batchesStarted() == before.batchesStarted() + 2
                            && theBatchInsertsAnAnswer());
            otherWriter.commit();
        } finally {
            clients.shutdown();
        }
        assertThat(answers.get(0).get().status()).isEqualTo(200);
        // Run again alone, the write finds the key taken (by another request): 422, and nothing of it stored.
        Response raced = answers.get(1).get();
        assertThat(raced.status()).as(raced.toString()).isEqualTo(422);
        Response neighbour = answers.get(2).get();
        assertThat(neighbour.status()).as(neighbour.toString()).isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = 'MR-LA'", Long.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = 'MR-VN'", Long.class))
                .as("only the first count")
                .isEqualTo(1);
        LedgerWriter.GroupCommitStats after = writer.groupCommitStats();
        assertThat(after.batchesRerun() - before.batchesRerun()).isEqualTo(1);
    }
}
