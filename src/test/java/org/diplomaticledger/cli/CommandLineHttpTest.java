package org.diplomaticledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against a running ledger (the shared test application), in this JVM as {@code java -jar … COMMAND}
 * runs it: import with progress and resumable chunks, rebuild, tail. States of their own: BJ-TG, MZ-ZW, KG-TJ.
 */
class CommandLineHttpTest extends LedgerIntegrationTest {

    /** One run's exit code and what it printed. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        int exit = new LedgerCommandLine(
                        new ByteArrayInputStream(new byte[0]),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        Map.of("LEDGER_URL", "http://localhost:" + port),
                        spring -> fail("nothing here serves"))
                .execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private long events(String aggregate) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, aggregate);
    }

    private static String openMission(String sending, String receiving, String city) {
        return "{\"command\": \"OpenMission\", \"payload\": {\"sendingState\": \"" + sending
                + "\", \"receivingState\": \"" + receiving + "\", \"kind\": \"EMBASSY\", \"city\": \"" + city
                + "\", \"effectiveDate\": \"2020-01-01\", \"source\": \"CLI test\"}}";
    }

    private static String staffCount(String sending, String receiving, int headcount, String date) {
        return "{\"command\": \"RecordStaffCount\", \"payload\": {\"sendingState\": \"" + sending
                + "\", \"receivingState\": \"" + receiving + "\", \"headcount\": " + headcount
                + ", \"effectiveDate\": \"" + date + "\", \"source\": \"CLI test\"}}";
    }

    @Test
    void importsAFileInChunksShowingProgress(@TempDir Path dir) throws Exception {
        Path file = Files.write(
                dir.resolve("benin-togo.ndjson"),
                List.of(
                        openMission("BJ", "TG", "Lome"),
                        staffCount("BJ", "TG", 10, "2020-02-01"),
                        "",
                        staffCount("BJ", "TG", 12, "2020-03-01"),
                        staffCount("BJ", "TG", 14, "2020-04-01")));

        Run run = run("import", file.toString(), "--chunk-size", "2", "-u", "clerk", "-p", "clerk");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.err()).as("the progress bar's last line").contains("5/5 lines", "100%", "lines/s", "4 events");
        assertThat(run.out()).contains("5 lines in 3 chunks, 4 commands; 4 events written");
        assertThat(events("BJ-TG")).isEqualTo(4);
        assertThat(dir.resolve("benin-togo.ndjson.import-state"))
                .as("no state is left once complete")
                .doesNotExist();
    }

    /** With --async each chunk is answered 202; the command follows its status to the end (states AO-GA, AO-GD). */
    @Test
    void followsChunksAnswered202UntilTheyAreWrittenOrRefused(@TempDir Path dir) throws Exception {
        Path file = Files.write(
                dir.resolve("angola-gabon.ndjson"),
                List.of(
                        staffCount("AO", "GA", 10, "2020-02-01"),
                        staffCount("AO", "GA", 12, "2020-03-01"),
                        staffCount("AO", "GA", 14, "2020-04-01")));
        Run run = run("import", file.toString(), "--async", "--chunk-size", "2", "-u", "clerk", "-p", "clerk");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("3 lines in 2 chunks, 3 commands; 3 events written");
        assertThat(events("AO-GA")).isEqualTo(3);

        Path bad = Files.write(
                dir.resolve("angola-grenada.ndjson"),
                List.of(
                        staffCount("AO", "GD", 10, "2020-02-01"),
                        staffCount("AO", "GD", 12, "2020-03-01"),
                        staffCount("AO", "GD", 14, "2020-04-01").replace("\"headcount\": 14", "\"headcount\": -1")));
        Run refused = run("import", bad.toString(), "--async", "--chunk-size", "2", "-u", "clerk", "-p", "clerk");
        assertThat(refused.exit()).as(refused.toString()).isNotZero();
        assertThat(refused.err())
                .as(refused.toString())
                .contains("lines 3–3 refused, nothing of them written", "line 3: payload.headcount");
        assertThat(events("AO-GD")).isEqualTo(2);
    }

    @Test
    void resumesAfterARefusedChunkAndNeverWritesAChunkTwice(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(List.of(
                openMission("MZ", "ZW", "Harare"),
                staffCount("MZ", "ZW", 20, "2021-01-01"),
                staffCount("MZ", "ZW", 21, "2021-02-01"),
                staffCount("MZ", "ZW", 22, "2021-03-01"),
                "{\"command\": \"RecordStaffCount\", \"payload\": {",
                staffCount("MZ", "ZW", 24, "2021-05-01")));
        Path file = Files.write(dir.resolve("mozambique-zimbabwe.ndjson"), lines);
        Path state = dir.resolve("mozambique-zimbabwe.ndjson.import-state");

        Run refused = run("import", file.toString(), "--chunk-size", "2", "-u", "clerk", "-p", "clerk");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err())
                .contains(
                        "lines 5–6 refused, nothing of them written: 400",
                        "line 5: malformed JSON",
                        "it resumes at line 5");
        assertThat(events("MZ-ZW")).isEqualTo(4);
        assertThat(state).exists();

        lines.set(4, staffCount("MZ", "ZW", 23, "2021-04-01"));
        Files.write(file, lines);
        Run resumed = run("import", file.toString(), "-u", "clerk", "-p", "clerk");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).contains("resuming at line 5", "6/6 lines");
        assertThat(events("MZ-ZW")).isEqualTo(6);
        assertThat(state).doesNotExist();

        // As after an answer lost on the way (the process stopped before it could record it): chunks the ledger
        // already stored are sent again, under the same keys, and answered without being written twice.
        Run again =
                run("import", file.toString(), "--chunk-size", "2", "--resume-from", "3", "-u", "clerk", "-p", "clerk");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out())
                .contains("0 events written", "2 chunks were already stored (sent again, not written twice)");
        assertThat(events("MZ-ZW")).isEqualTo(6);
    }

    @Test
    void rebuildsTalksUntilTheySwitch() {
        Run run = run("rebuild", "talks", "--interval", "50", "-u", "auditor", "-p", "auditor");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("talks SWITCHED to slot ");
        assertThat(run.err()).contains("events/s");

        Run unknown = run("rebuild", "nope", "-u", "auditor", "-p", "auditor");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("404", "no projection 'nope'");
    }

    @Test
    void tailsTheStreamAndResumesAfterTheSavedId(@TempDir Path dir) throws Exception {
        long opened = ledger.accepted("OpenMission", """
                {"sendingState": "KG", "receivingState": "TJ", "kind": "EMBASSY", "city": "Dushanbe", "effectiveDate": "2019-01-01", "source": "CLI test"}""").path("position").asLong();
        long counted = ledger.accepted("RecordStaffCount", """
                {"sendingState": "KG", "receivingState": "TJ", "headcount": 7, "effectiveDate": "2019-02-01", "source": "CLI test"}""").path("position").asLong();
        Path state = dir.resolve("tail.id");
        String[] tail = {
            "tail",
            "--aggregate",
            "KG-TJ",
            "--count",
            "1",
            "--state-file",
            state.toString(),
            "-u",
            "integrator",
            "-p",
            "integrator"
        };

        Run first = assertTimeoutPreemptively(
                Duration.ofSeconds(60), () -> run(tail), "the stream delivers what the ledger holds");
        assertThat(first.exit()).as(first.toString()).isZero();
        JsonNode event = new ObjectMapper().readTree(first.out());
        assertThat(event.path("type").asText()).isEqualTo("org.diplomaticledger.MissionOpened.v2");
        assertThat(event.path("subject").asText()).isEqualTo("KG-TJ");
        assertThat(event.path("ledgerposition").asLong()).isEqualTo(opened);
        assertThat(Files.readString(state).strip()).isEqualTo(String.valueOf(opened));

        Run second = assertTimeoutPreemptively(
                Duration.ofSeconds(60), () -> run(tail), "the stream delivers what the ledger holds");
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.out().lines()).hasSize(1);
        JsonNode next = new ObjectMapper().readTree(second.out());
        assertThat(next.path("type").asText()).isEqualTo("org.diplomaticledger.StaffCountReported.v1");
        assertThat(next.path("ledgerposition").asLong()).isEqualTo(counted);
        assertThat(Files.readString(state).strip()).isEqualTo(String.valueOf(counted));
    }
}
