package org.diplomaticledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.diplomaticledger.support.LedgerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code export} and {@code digest} against a running ledger, in this JVM as {@code java -jar … COMMAND} runs them
 * (docs/cli.md). A ledger of its own: the tests tamper with stored events to see the commands say so (which would
 * break the shared test ledger's chain), and the shared ledger's chain is left broken on purpose by other tests.
 */
class CommandLineAuditTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfigurableApplicationContext app;
    private static LedgerClient ledger;
    private static JdbcTemplate jdbc;
    private static int port;
    private static long accredited;

    @BeforeAll
    static void start() throws IOException {
        Path dataDir = Files.createTempDirectory("ledger-cli-audit-");
        app = new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                .profiles("test")
                .run("--ledger.data-dir=" + dataDir, "--server.port=0");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
        ledger = new LedgerClient(port);
        jdbc = app.getBean(JdbcTemplate.class);
        ledger.accepted("OpenMission", """
                {"sendingState": "LS", "receivingState": "SZ", "kind": "EMBASSY", "city": "Mbabane", "source": "CLI test"}""");
        accredited = ledger.accepted("AccreditDiplomat", """
                {"missionId": "LS-SZ-EMBASSY-MBABANE", "name": "Thabo Mokoena", "category": "DIPLOMATIC", "source": "CLI test"}""").path("position").asLong();
        ledger.accepted("RecordStaffCount", """
                {"sendingState": "LS", "receivingState": "SZ", "headcount": 4, "source": "CLI test"}""");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** One run's exit code and what it printed. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new LedgerCommandLine(
                        new ByteArrayInputStream(new byte[0]),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        Map.of(
                                "LEDGER_URL",
                                "http://localhost:" + port,
                                "LEDGER_USER",
                                "auditor",
                                "LEDGER_PASSWORD",
                                "auditor"),
                        spring -> fail("nothing here serves"))
                .execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The event lines of an export, as position, event id, aggregate, payload type and payload. */
    private static List<List<String>> events(String export) {
        return export.lines()
                .map(CommandLineAuditTest::parse)
                .filter(line -> line.path("kind").asText().equals("event"))
                .map(line -> List.of(
                        line.path("position").asText(),
                        line.path("eventId").asText(),
                        line.path("aggregateId").asText(),
                        line.path("payloadType").asText(),
                        line.path("payload").asText()))
                .toList();
    }

    /** The same of the ledger's stored events from {@code from} to {@code to}. */
    private static List<List<String>> stored(long from, long to) {
        return jdbc.query(
                "SELECT global_index, event_identifier, aggregate_identifier, payload_type, payload FROM domain_event_entry"
                        + " WHERE global_index BETWEEN ? AND ? ORDER BY global_index",
                (rs, n) -> List.of(
                        Long.toString(rs.getLong(1)),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        new String(rs.getBytes(5), StandardCharsets.UTF_8)),
                from,
                to);
    }

    /** The export without the times at which it was made. */
    private static String withoutTimes(String export) {
        return export.replaceAll("\"(exportedAt|time)\":\"[^\"]+\"", "");
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    /** Runs {@code body} with the payload of the event at {@code position} edited in the store, then puts it back. */
    private static void withEditedPayload(long position, Runnable body) {
        byte[] original = jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE global_index = ?", byte[].class, position);
        String edited = new String(original, StandardCharsets.UTF_8).replace("Thabo Mokoena", "Thabo Mokoana");
        assertThat(edited).isNotEqualTo(new String(original, StandardCharsets.UTF_8));
        jdbc.update(
                "UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                edited.getBytes(StandardCharsets.UTF_8),
                position);
        try {
            body.run();
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, position);
        }
    }

    @Test
    void exportWritesTheLedgersEventsToAFileThatVerifies(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ledger.ndjson");
        Run export = run("export", "-o", file.toString(), "--verify");

        assertThat(export.exit()).as(export.toString()).isZero();
        String written = Files.readString(file);
        JsonNode header = parse(written.lines().findFirst().orElseThrow());
        assertThat(header.path("kind").asText()).isEqualTo("header");
        long head = header.path("to").asLong();
        assertThat(head).isGreaterThanOrEqualTo(accredited + 1);
        assertThat(events(written))
                .as("every stored event, in order, as stored")
                .isEqualTo(stored(1, head))
                .hasSizeGreaterThanOrEqualTo(3);
        JsonNode digest =
                parse(written.lines().reduce((first, second) -> second).orElseThrow());
        assertThat(digest.path("kind").asText()).isEqualTo("digest");
        assertThat(digest.path("position").asLong()).isEqualTo(head);
        assertThat(export.err()).contains("exported " + events(written).size() + " events to " + file);
        assertThat(export.out()).startsWith("VALID: ");
        assertThat(dir.resolve("ledger.ndjson.part")).doesNotExist();

        // A range, to standard output: the same bytes as the ledger answers for it.
        Run range = run("export", "--from", Long.toString(accredited), "--to", Long.toString(accredited), "-q");
        assertThat(range.exit()).as(range.toString()).isZero();
        assertThat(events(range.out()))
                .isEqualTo(stored(accredited, accredited))
                .hasSize(1);
        String answered = ledger.getAccept(
                        "auditor",
                        "/api/v1/audit/export?from=" + accredited + "&to=" + accredited,
                        "application/x-ndjson")
                .body();
        assertThat(withoutTimes(range.out())).isEqualTo(withoutTimes(answered));
    }

    @Test
    void exportOfAnEditedLedgerDoesNotVerify(@TempDir Path dir) {
        Path file = dir.resolve("edited.ndjson");
        withEditedPayload(accredited, () -> {
            Run export = run("export", "-o", file.toString(), "--verify", "-q");
            assertThat(export.exit()).as(export.toString()).isEqualTo(1);
            assertThat(export.err()).contains("INVALID: ");
        });
    }

    @Test
    void aDigestTakenChecksValidThenInvalidOnceAnEventIsEdited(@TempDir Path dir) throws Exception {
        Path kept = dir.resolve("digest.json");
        Run take = run("digest", "-o", kept.toString());
        assertThat(take.exit()).as(take.toString()).isZero();
        JsonNode digest = parse(Files.readString(kept));
        long position = digest.path("position").asLong();
        assertThat(position).isGreaterThanOrEqualTo(accredited);
        assertThat(digest.path("hash").asText()).matches("[0-9a-f]{64}");
        assertThat(take.err()).contains("digest of position " + position, "written to " + kept);

        Run valid = run("digest", "--check", kept.toString());
        assertThat(valid.exit()).as(valid.toString()).isZero();
        assertThat(valid.out())
                .startsWith("VALID: the chain holds up to position " + position)
                .contains("the signature is the ledger's");

        // Later writes keep it valid; an edit of an event it covers does not.
        ledger.accepted("RecordStaffCount", """
                {"sendingState": "LS", "receivingState": "SZ", "headcount": 5, "source": "CLI test"}""");
        assertThat(run("digest", "--check", kept.toString()).exit()).isZero();
        withEditedPayload(accredited, () -> {
            Run edited = run("digest", "--check", kept.toString());
            assertThat(edited.exit()).as(edited.toString()).isEqualTo(1);
            assertThat(edited.err()).startsWith("INVALID: payload-altered at position " + accredited);
        });
        assertThat(run("digest", "--check", kept.toString()).exit())
                .as("valid again once put back")
                .isZero();
    }

    @Test
    void aWrongDigestIsInvalidAndAMissingOneUnreadable(@TempDir Path dir) throws Exception {
        Path kept = dir.resolve("digest.json");
        assertThat(run("digest", "-o", kept.toString()).exit()).isZero();
        ObjectNode digest = (ObjectNode) parse(Files.readString(kept));
        String hash = digest.path("hash").asText();
        digest.put("hash", (hash.charAt(0) == '0' ? "1" : "0") + hash.substring(1));
        Path wrong = Files.writeString(dir.resolve("wrong.json"), digest.toString());

        Run check = run("digest", "--check", wrong.toString());
        assertThat(check.exit()).as(check.toString()).isEqualTo(1);
        assertThat(check.err())
                .startsWith("INVALID: digest-mismatch at position "
                        + digest.path("position").asLong())
                .contains("the signature is invalid");

        Run missing = run("digest", "--check", dir.resolve("nowhere.json").toString());
        assertThat(missing.exit()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
    }
}
