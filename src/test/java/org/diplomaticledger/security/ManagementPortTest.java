package org.diplomaticledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.diplomaticledger.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scraping without a password where configured (docs/operations.md): with {@code management.server.port} set, the
 * actuator answers there without credentials, the Prometheus scrape included, while on the application's port it
 * still takes an administrator (and is no longer served there). A ledger of its own, as the port is fixed at start.
 */
class ManagementPortTest {

    @TempDir
    Path dataDir;

    @Test
    void theManagementPortIsScrapedWithoutAPasswordAndThePublicPortStillNeedsAnAdministrator() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                .profiles("test")
                .run("--ledger.data-dir=" + dataDir, "--server.port=0", "--management.server.port=0")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            int managementPort = Integer.parseInt(app.getEnvironment().getProperty("local.management.port", "-1"));
            assertThat(managementPort).isPositive().isNotEqualTo(port);
            LedgerClient application = new LedgerClient(port);
            LedgerClient management = new LedgerClient(managementPort);
            long position =
                    application.accepted("OpenMission", """
                    {"sendingState": "BT", "receivingState": "NP", "kind": "EMBASSY", "city": "Kathmandu", "source": "test"}""").path("position").asLong();

            LedgerClient.Response scrape = management.getAccept(null, "/actuator/prometheus", "text/plain");
            assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
            assertThat(scrape.body())
                    .containsPattern("(?m)^ledger_events_head\\{[^}]*\\} " + position + "\\.0$")
                    .contains("ledger_commands_total{");
            assertThat(management.get(null, "/actuator/metrics").status()).isEqualTo(200);
            // The probes too (ready once the projections have applied what the ledger held at start).
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            management.get(null, "/actuator/health/readiness").status() == 200);
            assertThat(management
                            .get(null, "/actuator/health/liveness")
                            .json()
                            .get("status")
                            .asText())
                    .isEqualTo("UP");

            // The application's port: the actuator still takes ADMIN there, and has moved away.
            assertThat(application.get(null, "/actuator/prometheus").status()).isEqualTo(401);
            assertThat(application.get("clerk", "/actuator/prometheus").status())
                    .isEqualTo(403);
            assertThat(application.get("admin", "/actuator/prometheus").status())
                    .isEqualTo(404);
            assertThat(application
                            .get("analyst", "/api/v1/presences/BT/NP", position)
                            .status())
                    .as("the API stays here")
                    .isEqualTo(200);
        }
    }
}
