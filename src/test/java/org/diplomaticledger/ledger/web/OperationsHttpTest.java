package org.diplomaticledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.diplomaticledger.projection.ProjectionPositions;
import org.diplomaticledger.support.LedgerClient;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * What an operator gets (docs/operations.md): the Prometheus scrape with the ledger's meters, for ADMIN only on the
 * application's port; build info; and JSON log lines carrying the request's correlation id, actor and command. Uses
 * Bhutan and the Maldives (BT-MV), a pair no other test uses.
 */
class OperationsHttpTest extends LedgerIntegrationTest {

    private static final String MISSION = """
            {"sendingState": "BT", "receivingState": "MV", "kind": "EMBASSY", "city": "%s", "source": "test"}""";

    @Autowired
    ProjectionPositions positions;

    @Test
    void metricsNeedAnAdministratorOnTheApplicationsPort() {
        assertThat(ledger.get(null, "/actuator/prometheus").status()).isEqualTo(401);
        assertThat(ledger.get(null, "/actuator/metrics").status()).isEqualTo(401);
        assertThat(ledger.get(null, "/actuator").status()).isEqualTo(401);
        assertThat(ledger.get("clerk", "/actuator/prometheus").status()).isEqualTo(403);
        assertThat(ledger.get("auditor", "/actuator/metrics").status()).isEqualTo(403);
        assertThat(ledger.get("admin", "/actuator/metrics").status()).isEqualTo(200);
    }

    @Test
    void theScrapeHoldsTheLedgersMetersAfterWrites() {
        long position = ledger.accepted("OpenMission", MISSION.formatted("Male"))
                .get("position")
                .asLong();
        LedgerClient.Response refused = ledger.command("clerk", "OpenMission", MISSION.formatted("Male"));
        assertThat(refused.status()).isEqualTo(409);
        String rule = refused.json().get("rule").asText();
        LedgerClient.Response imported = ledger.post(
                "clerk",
                "/api/v1/imports",
                "application/x-ndjson",
                "{\"command\":\"OpenMission\",\"payload\":" + MISSION.formatted("Addu City") + "}\n",
                Map.of());
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        long last = imported.json().get("position").asLong();
        assertThat(positions.await("staffing", last, Duration.ofSeconds(30))).isTrue();

        LedgerClient.Response scrape = ledger.getAccept("admin", "/actuator/prometheus", "text/plain");
        assertThat(scrape.status()).isEqualTo(200);
        String text = scrape.body();

        assertThat(value(text, "ledger_commands_total", "command=\"OpenMission\"", "outcome=\"accepted\""))
                .isGreaterThanOrEqualTo(2);
        assertThat(value(text, "ledger_commands_total", "outcome=\"refused\"", "rule=\"" + rule + "\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(text, "ledger_imports_commands_count")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "ledger_imports_bytes_max")).isGreaterThan(50);
        assertThat(value(text, "ledger_events_head")).isGreaterThanOrEqualTo(last);
        assertThat(value(text, "ledger_projection_position", "projection=\"staffing\""))
                .isGreaterThanOrEqualTo(last);
        assertThat(value(text, "ledger_projection_lag", "projection=\"staffing\""))
                .isEqualTo(value(text, "ledger_events_head")
                        - value(text, "ledger_projection_position", "projection=\"staffing\""));
        assertThat(value(text, "ledger_projection_parked", "projection=\"staffing\""))
                .isZero();
        assertThat(value(text, "ledger_audit_chain_head")).isGreaterThanOrEqualTo(last);
        assertThat(value(text, "ledger_audit_chain_events")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "ledger_stream_subscribers")).isGreaterThanOrEqualTo(0);
        assertThat(value(text, "ledger_stream_slow_consumers_dropped_total")).isGreaterThanOrEqualTo(0);

        // A whole verification is reported by its result. The shared test ledger may hold rows other test classes
        // wrote past the chain on purpose, so the gauge is checked against what verify answered, not against "valid".
        boolean valid = ledger.get("auditor", "/api/v1/audit/verify")
                .json()
                .get("valid")
                .asBoolean();
        String after =
                ledger.getAccept("admin", "/actuator/prometheus", "text/plain").body();
        assertThat(value(after, "ledger_audit_verify_valid")).isEqualTo(valid ? 1 : 0);
        if (valid) {
            assertThat(value(after, "ledger_audit_verify_position")).isGreaterThanOrEqualTo(position);
        }

        // Axon's own meters: commands and the projections' processors.
        assertThat(value(text, "commandBus_successCounter_total", "payloadType=\"OpenMission\""))
                .isGreaterThanOrEqualTo(2);
        assertThat(value(
                        text,
                        "eventProcessor_processedCounter_total",
                        "payloadType=\"MissionOpened\"",
                        "processorName=\"staffing\""))
                .isGreaterThanOrEqualTo(2);
        // with their capacity gauges, whose window the ledger shortens (AxonMeters)
        assertThat(value(text, "commandBus_capacity", "payloadType=\"OpenMission\""))
                .isBetween(0.0, 1.0);
        assertThat(value(text, "eventProcessor_capacity", "processorName=\"staffing\""))
                .isBetween(0.0, 1.0);
    }

    @Test
    void infoShowsTheBuildAndTheCommit() throws Exception {
        JsonNode info = ledger.get(null, "/actuator/info").json();
        assertThat(info.at("/build/version").asText()).isNotBlank();
        assertThat(info.at("/build/artifact").asText()).isEqualTo("diplomatic-ledger");
        assertThat(info.at("/build/time").asText()).isNotBlank();

        // The commit the classes were built from (git-commit-id-maven-plugin, run by every build). Built outside a git
        // checkout (a source archive, the Docker image's build stage) there is none, and no git section: the build does
        // not fail (docs/operations.md#build-info).
        JsonNode git = info.path("git");
        Optional<String> head = git("rev-parse", "HEAD");
        if (head.isEmpty() && !Files.exists(Path.of(".git"))) {
            assertThat(git.isMissingNode())
                    .as("no checkout, no commit: %s", git)
                    .isTrue();
            return;
        }
        String commit = git.at("/commit/id/full").asText();
        assertThat(commit).as(info.toString()).matches("[0-9a-f]{40}");
        if (head.isEmpty()) {
            return; // a checkout, but no git command here to compare with
        }
        assertThat(commit).startsWith(git.at("/commit/id/abbrev").asText());
        assertThat(git.at("/commit/time").asText()).isNotBlank();
        assertThat(git.path("branch").asText()).isNotBlank();
        if (git("rev-parse", "--git-dir").equals(git("rev-parse", "--git-common-dir"))) {
            assertThat(commit).as("the checkout's HEAD").isEqualTo(head.get());
        } else {
            // A linked worktree: the plugin (9.0.2) reads the main checkout's HEAD, a commit of the same repository.
            assertThat(git("cat-file", "-t", commit))
                    .as("a commit of this repository")
                    .contains("commit");
        }
    }

    /** What {@code git ARGS} prints in the project's directory, or empty where git is missing or this is no checkout. */
    private static Optional<String> git(String... args) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 ? Optional.of(out) : Optional.empty();
        } catch (java.io.IOException noGit) {
            return Optional.empty();
        }
    }

    @Test
    void aJsonLogLineCarriesTheCorrelationIdActorAndCommandOfItsRequest() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = logging.getLogger(CommandMetrics.class);
        Level level = logger.getLevel();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(logging);
        encoder.setFormat("ecs");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(logging);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        String correlationId = "ops-" + UUID.randomUUID();
        LedgerClient.Response response;
        try {
            response = ledger.command(
                    "clerk", "OpenMission", MISSION.formatted("Hithadhoo"), Map.of("X-Correlation-Id", correlationId));
        } finally {
            logger.setLevel(level);
            logger.detachAppender(appender);
            appender.stop();
        }
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("X-Correlation-Id")).isEqualTo(correlationId);
        assertThat(response.json().get("correlationId").asText()).isEqualTo(correlationId);

        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode json = new ObjectMapper().readTree(line);
            if (correlationId.equals(json.path("correlationId").asText())) {
                lines.add(json);
            }
        }
        assertThat(lines).as(out.toString(StandardCharsets.UTF_8)).isNotEmpty();
        JsonNode line = lines.get(0);
        assertThat(line.path("actor").asText()).isEqualTo("clerk");
        assertThat(line.path("command").asText()).isEqualTo("OpenMission");
        assertThat(line.path("message").asText()).startsWith("Wrote 1 command(s)");
        assertThat(line.path("log").path("level").asText()).isEqualTo("DEBUG");
    }

    /** The sum of the samples of {@code name} whose labels contain every one of {@code labels}. */
    private static double value(String scrape, String name, String... labels) {
        Matcher samples = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([-+0-9.eE]+|NaN)$")
                .matcher(scrape);
        double sum = 0;
        boolean found = false;
        while (samples.find()) {
            String tags = samples.group(1) == null ? "" : samples.group(1);
            if (java.util.Arrays.stream(labels).allMatch(tags::contains)) {
                sum += Double.parseDouble(samples.group(2));
                found = true;
            }
        }
        assertThat(found)
                .as(name + " " + String.join(",", labels) + " in the scrape")
                .isTrue();
        return sum;
    }
}
