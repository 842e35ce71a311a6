package org.diplomaticledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.LongFunction;
import org.diplomaticledger.support.LedgerClient;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Imports answered 202 and written in the background (issue 13, "Streaming imports"): progress, all or nothing for a
 * bad line deep in a large file (malformed, or refused by the ledger), and a body far larger than the synchronous
 * limit, streamed. States of their own: AO and BW (no other test uses them).
 */
class StreamingImportHttpTest extends LedgerIntegrationTest {

    private static final String NDJSON = "application/x-ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String staffCount(String sending, String receiving, long n) {
        return "{\"command\":\"RecordStaffCount\",\"payload\":{\"sendingState\":\"" + sending
                + "\",\"receivingState\":\""
                + receiving + "\",\"headcount\":" + (20 + n % 60) + ",\"effectiveDate\":\""
                + LocalDate.of(1990, 1, 1).plusDays(n)
                + "\",\"source\":\"streaming import test\"}}";
    }

    private long events(String aggregate) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, aggregate);
    }

    private JsonNode finished(String location) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    LedgerClient.Response status = ledger.get("clerk", location);
                    assertThat(status.status()).as(status.toString()).isEqualTo(200);
                    last[0] = status.json();
                    return last[0].path("state").asText().matches("SUCCEEDED|FAILED");
                });
        return last[0];
    }

    @Test
    void anAsyncImportAnswers202ReportsProgressAndFinishes() {
        StringBuilder body = new StringBuilder();
        for (int n = 0; n < 5_000; n++) {
            body.append(staffCount("AO", "BW", n)).append('\n');
        }
        LedgerClient.Response accepted = ledger.post(
                "clerk",
                "/api/v1/imports",
                NDJSON,
                body.toString(),
                Map.of(
                        "Prefer",
                        "respond-async",
                        "Idempotency-Key",
                        "streaming-ao-bw",
                        "X-Correlation-Id",
                        "streaming-ao-bw"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.header("Preference-Applied")).isEqualTo("respond-async");
        String location = accepted.header("Location");
        assertThat(location).startsWith("/api/v1/imports/");
        assertThat(accepted.json().path("id").asText()).isEqualTo(location.substring("/api/v1/imports/".length()));
        assertThat(accepted.json().path("linesRead").asLong()).isEqualTo(5_000);
        assertThat(accepted.json().path("state").asText()).isIn("ACCEPTED", "VALIDATING", "WRITING");
        assertThat(accepted.header("Retry-After")).isEqualTo("1");

        JsonNode done = finished(location);
        // A finished import's status has nothing more to wait for.
        assertThat(ledger.get("clerk", location).header("Retry-After")).isNull();
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.path("linesValidated").asLong()).isEqualTo(5_000);
        assertThat(done.path("linesWritten").asLong()).isEqualTo(5_000);
        assertThat(done.path("commands").asLong()).isEqualTo(5_000);
        assertThat(done.path("events").asLong()).isEqualTo(5_000);
        assertThat(done.path("correlationId").asText()).isEqualTo("streaming-ao-bw");
        assertThat(events("AO-BW")).isEqualTo(5_000);
        long first = done.path("firstPosition").asLong();
        long last = done.path("lastPosition").asLong();
        assertThat(jdbc.queryForObject(
                        "SELECT MIN(global_index) FROM domain_event_entry WHERE aggregate_identifier = 'AO-BW'",
                        Long.class))
                .isEqualTo(first);
        assertThat(jdbc.queryForObject(
                        "SELECT MAX(global_index) FROM domain_event_entry WHERE aggregate_identifier = 'AO-BW'",
                        Long.class))
                .isEqualTo(last);
        // Every event of the import was linked into the audit chain, in the import's transaction.
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_chain WHERE global_index BETWEEN ? AND ?", Long.class, first, last))
                .isEqualTo(5_000L);
        // Sequence numbers follow each other across the chunks: 0 .. 4999.
        assertThat(jdbc.queryForObject(
                        "SELECT MAX(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = 'AO-BW'",
                        Long.class))
                .isEqualTo(4_999L);

        // The same request again, same key: the same job, nothing written twice.
        LedgerClient.Response retry = ledger.post(
                "clerk",
                "/api/v1/imports",
                NDJSON,
                body.toString(),
                Map.of("Prefer", "respond-async", "Idempotency-Key", "streaming-ao-bw"));
        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(retry.header("Location")).isEqualTo(location);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(events("AO-BW")).isEqualTo(5_000);
        // Another body under that key is refused.
        LedgerClient.Response reused = ledger.post(
                "clerk",
                "/api/v1/imports",
                NDJSON,
                staffCount("AO", "BW", 1) + "\n",
                Map.of("Prefer", "respond-async", "Idempotency-Key", "streaming-ao-bw"));
        assertThat(reused.status()).as(reused.toString()).isEqualTo(422);

        // The status is its sender's: another user does not see it.
        assertThat(ledger.get("analyst", location).status()).isEqualTo(403);
        assertThat(ledger.get("clerk", "/api/v1/imports/no-such-import").status())
                .isEqualTo(404);

        // The aggregate goes on where the import left it.
        JsonNode next = ledger.accepted("RecordStaffCount", """
                {"sendingState": "AO", "receivingState": "BW", "headcount": 7, "effectiveDate": "2030-01-01", "source": "after the import"}""");
        assertThat(next.path("events").get(0).path("sequenceNumber").asLong()).isEqualTo(5_000);
    }

    @Test
    void aMalformedLineDeepInALargeFileWritesNothingAndTheStatusNamesLineAndField() {
        StringBuilder body = new StringBuilder();
        for (int n = 0; n < 4_000; n++) {
            if (n == 3_456) {
                body.append(staffCount("BW", "AO", n)
                                .replace("\"headcount\":" + (20 + n % 60), "\"headcount\":\"many\""))
                        .append('\n');
            } else {
                body.append(staffCount("BW", "AO", n)).append('\n');
            }
        }
        LedgerClient.Response accepted =
                ledger.post("clerk", "/api/v1/imports", NDJSON, body.toString(), Map.of("Prefer", "respond-async"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        JsonNode done = finished(accepted.header("Location"));
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("FAILED");
        JsonNode problem = done.path("problem");
        assertThat(problem.path("type").asText()).isEqualTo("urn:diplomatic-ledger:problem:invalid-import");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("line").asInt()).isEqualTo(3_457);
        assertThat(problem.path("field").asText()).isEqualTo("payload.headcount");
        assertThat(problem.path("errors").get(0).path("line").asInt()).isEqualTo(3_457);
        assertThat(done.path("linesValidated").asLong()).isEqualTo(4_000);
        assertThat(done.path("events").asLong()).isZero();
        assertThat(events("BW-AO")).isZero();
    }

    @Test
    void aLineTheLedgerRefusesDeepInALargeFileRollsBackEveryChunkBeforeIt() {
        ledger.accepted("RecordStaffCount", """
                {"sendingState": "BW", "receivingState": "ZA", "headcount": 3, "effectiveDate": "1989-01-01", "source": "before the import"}""");
        long before = eventCount();
        StringBuilder body = new StringBuilder();
        for (int n = 0; n < 6_000; n++) {
            if (n == 5_500) {
                // Valid JSON and fields, refused by the aggregate: no such mission.
                body.append(
                        "{\"command\":\"RecordStaffCount\",\"payload\":{\"sendingState\":\"BW\",\"receivingState\":\"ZA\","
                                + "\"missionId\":\"BW-ZA-EMBASSY-NOWHERE\",\"headcount\":5,\"effectiveDate\":\"2000-01-01\",\"source\":\"refused\"}}\n");
            } else {
                body.append(staffCount("BW", "ZA", n)).append('\n');
            }
        }
        LedgerClient.Response accepted =
                ledger.post("clerk", "/api/v1/imports", NDJSON, body.toString(), Map.of("Prefer", "respond-async"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        JsonNode done = finished(accepted.header("Location"));
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("FAILED");
        JsonNode problem = done.path("problem");
        assertThat(problem.path("status").asInt()).as(problem.toString()).isEqualTo(409);
        assertThat(problem.path("rule").asText()).isEqualTo("unknown-mission");
        assertThat(problem.path("field").asText()).isEqualTo("missionId");
        assertThat(problem.path("line").asInt()).isEqualTo(5_501);
        assertThat(problem.path("command").asText()).isEqualTo("RecordStaffCount");
        assertThat(problem.path("detail").asText()).contains("nothing of the import was written");
        assertThat(done.path("events").asLong()).isZero();
        // The chunks before line 5,501 had been appended inside the import's transaction: all rolled back.
        assertThat(events("BW-ZA")).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM import_job WHERE state = 'SUCCEEDED' AND id = ?",
                        Long.class,
                        done.path("id").asText()))
                .isZero();
        // The aggregate cached meanwhile was dropped: the next command is judged on what is stored (sequence 1).
        JsonNode next = ledger.accepted("RecordStaffCount", """
                {"sendingState": "BW", "receivingState": "ZA", "headcount": 4, "effectiveDate": "2030-01-01", "source": "after the refused import"}""");
        assertThat(next.path("events").get(0).path("sequenceNumber").asLong()).isEqualTo(1);
        assertThat(eventCount()).isGreaterThanOrEqualTo(before + 1);
        // The rolled-back import left a gap of 5,500 positions, wider than the event store's batch (500): the
        // projections still reach the event after it (once they processed what other tests wrote before it).
        String read = "/api/v1/presences/BW/ZA?atLeast=" + next.path("position").asLong();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> ledger.get("analyst", read).status() == 200);
    }

    /**
     * A large import newest first (Zambia's embassy in Botswana, the pair ZM-BW is this test's own): 4,500 staff
     * counts of the embassy, then its opening on the last line, three chunks later. Every count is refused where it
     * stands (the mission is unknown), waits, and is written once the opening ran; the refused attempts leave nothing
     * behind: the sequence numbers, the audit chain and the job's totals count each line once.
     */
    @Test
    void aLargeImportNewestFirstIsWrittenAsAWhole() {
        int counts = 4_500;
        StringBuilder body = new StringBuilder();
        for (int n = counts - 1; n >= 0; n--) {
            body.append(
                    "{\"command\":\"RecordStaffCount\",\"payload\":{\"sendingState\":\"ZM\",\"receivingState\":\"BW\","
                            + "\"missionId\":\"ZM-BW-EMBASSY-GABORONE\",\"headcount\":" + (1 + n % 30)
                            + ",\"effectiveDate\":\""
                            + LocalDate.of(1970, 1, 1).plusDays(n) + "\",\"source\":\"newest first\"}}\n");
        }
        body.append(
                "{\"command\":\"OpenMission\",\"payload\":{\"sendingState\":\"ZM\",\"receivingState\":\"BW\","
                        + "\"kind\":\"EMBASSY\",\"city\":\"Gaborone\",\"effectiveDate\":\"1969-01-01\",\"source\":\"newest first\"}}\n");
        LedgerClient.Response accepted =
                ledger.post("clerk", "/api/v1/imports", NDJSON, body.toString(), Map.of("Prefer", "respond-async"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        JsonNode done = finished(accepted.header("Location"));
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.path("linesWritten").asLong()).isEqualTo(counts + 1);
        assertThat(done.path("commands").asLong()).isEqualTo(counts + 1);
        assertThat(done.path("events").asLong()).isEqualTo(counts + 1);
        assertThat(events("ZM-BW")).isEqualTo(counts + 1);
        assertThat(jdbc.queryForObject(
                        "SELECT MAX(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = 'ZM-BW'",
                        Long.class))
                .isEqualTo((long) counts);
        long first = done.path("firstPosition").asLong();
        long last = done.path("lastPosition").asLong();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM audit_chain WHERE global_index BETWEEN ? AND ?", Long.class, first, last))
                .isEqualTo(counts + 1L);
        assertThat(jdbc.queryForObject(
                        "SELECT MIN(global_index) FROM domain_event_entry WHERE aggregate_identifier = 'ZM-BW'",
                        Long.class))
                .isEqualTo(first);
        // The opening, on the file's last line, is the aggregate's first event.
        assertThat(jdbc.queryForObject(
                        "SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = 'ZM-BW'"
                                + " AND sequence_number = 0",
                        String.class))
                .endsWith("MissionOpened");
        // The presence goes on where the import left it.
        JsonNode next = ledger.accepted("RecordStaffCount", """
                {"sendingState": "ZM", "receivingState": "BW", "missionId": "ZM-BW-EMBASSY-GABORONE", "headcount": 7,
                 "effectiveDate": "2030-01-01", "source": "after the import"}""");
        assertThat(next.path("events").get(0).path("sequenceNumber").asLong()).isEqualTo(counts + 1L);
        String read = "/api/v1/presences/ZM/BW?asOf=1970-01-02&atLeast="
                + next.path("position").asLong();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> ledger.get("analyst", read).status() == 200);
        assertThat(ledger.get("analyst", read)
                        .json()
                        .path("presence")
                        .path("headcount")
                        .path("total")
                        .asInt())
                .isEqualTo(2);
    }

    /** While an import runs, its status says when to ask again: pollers (the CLI, the benchmark) honour it. */
    @Test
    void theStatusOfARunningImportSaysWhenToAskAgain() {
        // A job of this node's database in the middle of its write, as another node would report it.
        String id = java.util.UUID.randomUUID().toString();
        java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
        jdbc.update(
                "INSERT INTO import_job (id, actor, idempotency_key, request_hash, correlation_id, node_id, state, body_bytes,"
                        + " lines_read, lines_validated, lines_written, commands, events, created_at, updated_at)"
                        + " VALUES (?, 'clerk', NULL, 'hash', 'running-elsewhere', 'another-node', 'WRITING', 10, 1, 1, 0, 0, 0, ?, ?)",
                id,
                now,
                now);
        LedgerClient.Response running = ledger.get("clerk", "/api/v1/imports/" + id);
        assertThat(running.status()).as(running.toString()).isEqualTo(200);
        assertThat(running.json().path("state").asText()).isEqualTo("WRITING");
        assertThat(running.header("Retry-After")).isEqualTo("1");
        jdbc.update("UPDATE import_job SET state = 'FAILED', finished_at = ? WHERE id = ?", now, id);
        assertThat(ledger.get("clerk", "/api/v1/imports/" + id).header("Retry-After"))
                .isNull();
    }

    /**
     * 80 MB, sent chunked (no Content-Length): more than the 64 MB an import answered at once may hold, which is
     * refused 413, while with {@code Prefer: respond-async} it is spooled to disk as it arrives and written.
     */
    @Test
    void aBodyFarLargerThanTheSynchronousLimitIsStreamedToDisk() throws Exception {
        int lines = 200;
        int padding = 400 * 1024; // spaces inside each line's JSON: 200 lines of 400 KB
        LongFunction<String> line =
                n -> "{\"command\":\"RecordStaffCount\",\"payload\":{\"sendingState\":\"AO\",\"receivingState\":\"NA\","
                        + "\"headcount\":" + n + ",\"effectiveDate\":\"2000-01-01\",\"source\":\"padded\"}"
                        + " ".repeat(padding) + "}";
        HttpClient client = HttpClient.newHttpClient();
        long length = 0;
        for (int n = 0; n < lines; n++) {
            length += (line.apply(n) + "\n").getBytes(StandardCharsets.UTF_8).length;
        }
        // Answered at once, that body is refused on its declared length, before a byte of it is read (a raw socket:
        // the headers alone are sent).
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream()
                    .write(("POST /api/v1/imports HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + NDJSON
                                    + "\r\nAuthorization: " + LedgerClient.basic("clerk", "clerk")
                                    + "\r\nContent-Length: " + length
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(
                            new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
        assertThat(events("AO-NA")).isZero();

        HttpResponse<String> accepted = client.send(
                request(lines, line, Map.of("Prefer", "respond-async")), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode status = JSON.readTree(accepted.body());
        assertThat(status.path("bodyBytes").asLong()).isGreaterThan(64L * 1024 * 1024);
        JsonNode done = finished(accepted.headers().firstValue("Location").orElseThrow());
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.path("events").asLong()).isEqualTo(lines);
        assertThat(events("AO-NA")).isEqualTo(lines);
    }

    private HttpRequest request(int lines, LongFunction<String> line, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/imports"))
                .header("Content-Type", NDJSON)
                .header("Authorization", LedgerClient.basic("clerk", "clerk"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(lines, line)));
        headers.forEach(request::header);
        return request.build();
    }

    /** Lines made as they are sent: the test holds one line at a time. */
    private static final class Generated extends InputStream {
        private final int lines;
        private final LongFunction<String> line;
        private int next;
        private byte[] current = new byte[0];
        private int offset;

        Generated(int lines, LongFunction<String> line) {
            this.lines = lines;
            this.line = line;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int off, int len) {
            while (offset >= current.length) {
                if (next >= lines) {
                    return -1;
                }
                current = (line.apply(next++) + "\n").getBytes(StandardCharsets.UTF_8);
                offset = 0;
            }
            int n = Math.min(len, current.length - offset);
            System.arraycopy(current, offset, buffer, off, n);
            offset += n;
            return n;
        }
    }
}
