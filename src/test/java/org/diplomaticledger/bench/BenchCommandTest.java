package org.diplomaticledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the benchmark command working: every scenario at a tiny size on H2, in this JVM as {@code java -jar … bench}
 * runs it. Not a timed test: it asserts that each scenario measured its figures and their baselines, never how fast.
 */
class BenchCommandTest {

    @Test
    void everyScenarioWritesItsFiguresBesideTheirBaselines(@TempDir Path out) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit = BenchCommand.run(
                DiplomaticLedgerApplication.class,
                new String[] {
                    "--events",
                    "120",
                    "--small-events",
                    "60",
                    "--facts",
                    "10",
                    "--commands",
                    "20",
                    "--reads",
                    "10",
                    "--chunk",
                    "50",
                    "--catch-up-minutes",
                    "2",
                    "--import-lines",
                    "100",
                    "--load-seconds",
                    "3",
                    "--subscribers",
                    "20",
                    "--out",
                    out.toString()
                },
                new PrintStream(console, true, StandardCharsets.UTF_8));
        String printed = console.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(printed).isZero();
        JsonNode report =
                new ObjectMapper().readTree(out.resolve("bench-h2.json").toFile());
        assertThat(report.path("database").asText()).isEqualTo("h2");
        for (String scenario : List.of("R1", "R2", "R3", "R4", "BUILD", "W1", "W2", "W3", "W4")) {
            JsonNode result = report.path("scenarios").path(scenario);
            assertThat(result.path("error").isNull())
                    .as("%s failed: %s", scenario, result.path("error"))
                    .isTrue();
            assertThat(result.path("figures")).as(scenario).isNotEmpty();
            for (JsonNode figure : result.path("figures")) {
                String what = scenario + " " + figure.path("name").asText();
                assertThat(printed)
                        .as("the table shows " + what)
                        .contains(figure.path("name").asText());
                assertThat(figure.path("value").isNumber()).as(what).isTrue();
                assertThat(figure.path("baselineName").asText()).as(what).isNotBlank();
                assertThat(figure.path("baseline").asDouble())
                        .as(what + " baseline")
                        .isPositive();
                assertThat(figure.path("ratio").isNumber()).as(what + " ratio").isTrue();
                if (figure.path("name").asText().contains("projection lag")
                        || figure.path("name").asText().contains("answer to arrival")) {
                    // W3 samples the lag every 100 ms: a ledger that is current at every sample lags 0 s. W4 counts an
                    // event that reached its subscriber before the writer had its answer as delivered in 0 ms.
                    assertThat(figure.path("value").asDouble()).as(what).isNotNegative();
                } else {
                    assertThat(figure.path("value").asDouble()).as(what).isPositive();
                    assertThat(figure.path("ratio").asDouble())
                            .as(what + " ratio")
                            .isPositive();
                }
            }
        }
        assertThat(names(report, "R1")).contains("shuffled: catch-up", "reverse: catch-up");
        assertThat(names(report, "R2"))
                .contains("staffing rebuild", "every projection, one after another", "every projection at once");
        assertThat(names(report, "R3"))
                .contains(
                        "presence p99, 120 vs 60 events",
                        "heads-of-mission p99, 120 vs 60 events",
                        "expulsions p99, 120 vs 60 events");
        assertThat(names(report, "R4")).contains("database size, stopped", "heap after GC, after the rebuilds");
        assertThat(names(report, "BUILD")).contains("import rate");
        assertThat(names(report, "W1")).contains("1 client: throughput", "16 clients: throughput", "16 clients: p99");
        assertThat(names(report, "W2")).contains("import of 100 lines in one request");
        assertThat(names(report, "W3")).contains("max projection lag during the load");
        assertThat(names(report, "W4"))
                .contains(
                        "writers' throughput with the subscribers",
                        "p99 delivery, answer to arrival",
                        "subscribers that received every event once, in order");
        assertThat(report.path("scenarios")
                        .path("W4")
                        .path("details")
                        .path("subscribersShort")
                        .asInt(-1))
                .as("every W4 subscriber received every event")
                .isZero();
    }

    @Test
    void anUnknownScenarioIsAnErrorNamingTheKnownOnes() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream err = System.err;
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            assertThat(BenchCommand.run(
                            DiplomaticLedgerApplication.class, new String[] {"--only", "R9"}, new PrintStream(console)))
                    .isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("no scenario R9", "R1", "BUILD", "W1");
    }

    private static List<String> names(JsonNode report, String scenario) {
        List<String> names = new ArrayList<>();
        report.path("scenarios")
                .path(scenario)
                .path("figures")
                .forEach(figure -> names.add(figure.path("name").asText()));
        return names;
    }
}
