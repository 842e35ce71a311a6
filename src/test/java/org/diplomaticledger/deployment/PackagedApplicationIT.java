package org.diplomaticledger.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.diplomaticledger.support.LedgerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged application, started as users and operators start it ({@code java -jar target/diplomatic-ledger.jar}
 * with the demo profile), on its own run-time classpath: a library the tests have but the application lacks fails
 * here, not on a user's machine. Then the README's first steps: a write, a read of it, the stream, a bad request and a
 * wrong password.
 */
class PackagedApplicationIT {

    private static final Path JAR = Path.of("target", "diplomatic-ledger.jar");

    private static Process ledger;
    private static Path log;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        assertThat(JAR).as("the packaged application (mvn package)").exists();
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path dataDir = Files.createTempDirectory("packaged-ledger-");
        log = Files.createTempFile("packaged-ledger-", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-Xmx384m",
                        "-jar",
                        JAR.toString(),
                        "--spring.profiles.active=demo",
                        "--server.port=" + port,
                        "--ledger.data-dir=" + dataDir)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Started as the README says, with nothing in the environment about Axon's update checker (not even from the
        // shell that runs the build): the application's own configuration must keep it from phoning home.
        builder.environment().remove("AXONIQ_UPDATE_CHECKER_DISABLED");
        ledger = builder.start();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    assertThat(ledger.isAlive())
                            .as("the application is running; its log:%n%s", tail())
                            .isTrue();
                    return health() == 200;
                });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (ledger != null) {
            ledger.destroy();
            if (!ledger.waitFor(30, TimeUnit.SECONDS)) {
                ledger.destroyForcibly();
            }
        }
    }

    private static int health() {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Test
    void doesNotPhoneHomeWithoutTheEnvironmentVariable() throws Exception {
        String started = Files.readString(log);
        // Axon's UpdateChecker logs one of two lines at start: that it will check (a request to get.axoniq.io a second
        // later, an UnknownHostException where there is no network), or that it was opted out of, as here.
        assertThat(started)
                .as(started)
                .contains("You have opted out of the AxonIQ UpdateChecker")
                .doesNotContain(
                        "will be checked for updates", "get.axoniq.io", "UnknownHostException", "UpdateChecker failed");
    }

    @Test
    void printsItsUsageWithoutStartingTheLedgerOrWritingAFile() throws Exception {
        Path emptyDir = Files.createTempDirectory("ledger-help-");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // -h and help are the same code path (CommandLineTest): one JVM start is enough here.
        {
            Process process = new ProcessBuilder(
                            java, "-jar", JAR.toAbsolutePath().toString(), "--help")
                    .directory(emptyDir.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output)
                    .contains(
                            "java -jar diplomatic-ledger.jar serve [",
                            "java -jar diplomatic-ledger.jar import [",
                            "java -jar diplomatic-ledger.jar rebuild [",
                            "java -jar diplomatic-ledger.jar tail [",
                            "Exit codes:")
                    .doesNotContain("Exception", "Tomcat");
        }
        Process version = new ProcessBuilder(java, "-jar", JAR.toAbsolutePath().toString(), "--version")
                .directory(emptyDir.toFile())
                .redirectErrorStream(true)
                .start();
        String printed = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(version.exitValue()).isZero();
        assertThat(printed).as("the version from the jar's manifest").startsWith("diplomatic-ledger 0.");
        try (var created = Files.list(emptyDir)) {
            assertThat(created).as("no ./data, no log, nothing").isEmpty();
        }
    }

    @Test
    void checksAnAuditExportOfflineWithTheJarAlone() throws Exception {
        LedgerClient.Response export =
                new LedgerClient(port).getAccept("auditor", "/api/v1/audit/export", "application/x-ndjson");
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        Path file = Files.createTempFile("ledger-export-", ".ndjson");
        Files.writeString(file, export.body());
        assertThat(verifyExport(file)).startsWith("0 VALID: ");

        // One edited fact (a headcount of the demo's staff counts) breaks the chain at its line.
        String edited =
                export.body().replaceFirst("(?<field>\\\\\"headcount\\\\\":)(?<digit>\\d)", "${field}9${digit}");
        assertThat(edited).isNotEqualTo(export.body());
        Files.writeString(file, edited);
        assertThat(verifyExport(file)).startsWith("1 INVALID: ");
    }

    /** The exit code and the first line the jar prints for {@code verify-export file}. */
    private static String verifyExport(Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process check = new ProcessBuilder(java, "-jar", JAR.toString(), "verify-export", file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return check.exitValue() + " "
                + output.lines()
                        .filter(line -> line.startsWith("VALID") || line.startsWith("INVALID"))
                        .findFirst()
                        .orElse(output);
    }

    @Test
    void servesTheReadmesFirstStepsFromThePackagedJar() throws Exception {
        LedgerClient client = new LedgerClient(port);

        JsonNode written = client.accepted("ScheduleTalks", """
                {"talksId": "packaged-check", "parties": ["RU", "US"], "venue": {"city": "Istanbul", "country": "TR"},
                 "date": "2027-04-10", "scope": "embassy operations", "format": "OFFICIALS", "effectiveDate": "2025-04-01",
                 "source": "State Department briefing"}""");
        long position = written.path("position").asLong();
        assertThat(position).isPositive();

        LedgerClient.Response talks = client.get("analyst", "/api/v1/talks/packaged-check", position);
        assertThat(talks.status()).as(talks.toString()).isEqualTo(200);
        assertThat(talks.json().path("talks").path("venue").path("city").asText())
                .isEqualTo("Istanbul");

        LedgerClient.Response badRequest = client.command("clerk", "RecordStaffCount", """
                {"sendingState": "XX1", "receivingState": "US", "headcount": 3, "source": "x"}""");
        assertThat(badRequest.status()).isEqualTo(400);
        assertThat(badRequest.header("Content-Type")).startsWith("application/problem+json");
        assertThat(badRequest.body()).contains("sendingState");

        HttpResponse<Void> wrongPassword = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/talks/packaged-check"))
                                .header("Authorization", LedgerClient.basic("analyst", "wrong"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(wrongPassword.statusCode()).isEqualTo(401);

        // The stream replays the ledger from its first event, the demo's, up to the talks just scheduled.
        HttpResponse<InputStream> stream = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/stream?type=TalksScheduled"))
                                .header("Authorization", LedgerClient.basic("integrator", "integrator"))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        StringBuilder seen = new StringBuilder();
        try (InputStream body = stream.body()) {
            byte[] buffer = new byte[8192];
            for (int n; !seen.toString().contains("\"subject\":\"packaged-check\"") && (n = body.read(buffer)) >= 0; ) {
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        }
        assertThat(seen.toString()).contains("event: TalksScheduled", "id: " + position);
    }
}
