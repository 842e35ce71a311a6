package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.diplomaticledger.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Readiness tells the truth during a real catch-up: a ledger holding {@value #EVENTS} events its projections never
 * applied (written through the import API while their processors were stopped, as after a node that crashed before
 * its projections caught up) is started again; its projections replay them from the event store, and meanwhile
 * {@code /actuator/health/readiness} answers 503 {@code OUT_OF_SERVICE}, saying to administrators how far each
 * projection is, then 200 {@code UP} once all reached the head seen at start. Liveness answers 200 {@code UP}
 * throughout. A ledger of its own: the shared test ledger has its projections current.
 */
class ReadinessDuringCatchUpTest {

    static final int EVENTS = 10_000;
    /** Ten sending and five receiving states, each of which existed on the first day (the register of states checks). */
    private static final List<String> SENDING = List.of("FR", "DE", "IT", "ES", "PL", "NL", "BE", "AT", "SE", "NO");

    private static final List<String> RECEIVING = List.of("JP", "BR", "IN", "MX", "CA");

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(String... more) {
        List<String> args = new ArrayList<>(List.of("--ledger.data-dir=" + dataDir, "--server.port=0"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                .profiles("test")
                .run(args.toArray(String[]::new));
    }

    private static LedgerClient client(ConfigurableApplicationContext context) {
        return new LedgerClient(
                ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** Staff counts of 50 presences, one day after another: one event each. */
    private static String staffCounts(int lines) {
        StringBuilder ndjson = new StringBuilder(lines * 200);
        int presences = SENDING.size() * RECEIVING.size();
        for (int i = 0; i < lines; i++) {
            int presence = i % presences;
            ndjson.append("{\"command\":\"RecordStaffCount\",\"payload\":{\"sendingState\":\"")
                    .append(SENDING.get(presence / RECEIVING.size()))
                    .append("\",\"receivingState\":\"")
                    .append(RECEIVING.get(presence % RECEIVING.size()))
                    .append("\",\"headcount\":")
                    .append(40 + (i * 7919L) % 120)
                    .append(",\"effectiveDate\":\"")
                    .append(LocalDate.of(1950, 1, 1).plusDays(i / presences))
                    .append("\",\"source\":\"catch-up test\"}}\n");
        }
        return ndjson.toString();
    }

    @Test
    void readinessIsOutOfServiceSayingHowFarUntilTheProjectionsHaveReplayedAndLivenessStaysUp() {
        List<String> projections;
        long head;
        try (ConfigurableApplicationContext first = start()) {
            ProjectionHandlers handlers = first.getBean(ProjectionHandlers.class);
            projections = handlers.all().stream()
                    .map(live -> live.projection().name())
                    .toList();
            Configuration axon = first.getBean(Configuration.class);
            projections.forEach(name ->
                    axon.eventProcessingConfiguration().eventProcessor(name).ifPresent(EventProcessor::shutDown));

            LedgerClient.Response imported = client(first)
                    .post("clerk", "/api/v1/imports", "application/x-ndjson", staffCounts(EVENTS), Map.of());
            assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
            head = imported.json().get("position").asLong();
            ProjectionPositions positions = first.getBean(ProjectionPositions.class);
            assertThat(positions.head()).isEqualTo(head);
            projections.forEach(
                    name -> assertThat(positions.position(name)).as(name).isLessThan(head - EVENTS + 1));
        }

        try (ConfigurableApplicationContext second = start()) {
            LedgerClient ledger = client(second);

            // Right after start: the projections are replaying, far from the head.
            LedgerClient.Response catchingUp = ledger.get("admin", "/actuator/health/readiness");
            assertThat(catchingUp.status()).as(catchingUp.toString()).isEqualTo(503);
            assertThat(catchingUp.json().get("status").asText()).isEqualTo("OUT_OF_SERVICE");
            JsonNode component = catchingUp.json().at("/components/projectionsCatchUp");
            assertThat(component.get("status").asText()).isEqualTo("OUT_OF_SERVICE");
            assertThat(component.at("/details/target").asLong()).isEqualTo(head);
            JsonNode behind = component.at("/details/behind");
            assertThat(behind.size()).isPositive();
            behind.fields().forEachRemaining(entry -> {
                assertThat(projections).contains(entry.getKey());
                long position = entry.getValue().get("position").asLong();
                assertThat(position).as(entry.getKey()).isLessThan(head);
                assertThat(entry.getValue().get("remaining").asLong())
                        .as(entry.getKey())
                        .isEqualTo(head - position)
                        .isPositive();
            });
            LedgerClient.Response anonymous = ledger.get(null, "/actuator/health/readiness");
            assertThat(anonymous.status()).isEqualTo(503);
            assertThat(anonymous.json().get("status").asText()).isEqualTo("OUT_OF_SERVICE");
            assertThat(anonymous.json().has("components"))
                    .as("details for administrators only")
                    .isFalse();

            // Until every projection has replayed up to the head seen at start, liveness stays UP at every look.
            List<Integer> liveness = new ArrayList<>();
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        LedgerClient.Response alive = ledger.get(null, "/actuator/health/liveness");
                        liveness.add(alive.status());
                        assertThat(alive.json().get("status").asText()).isEqualTo("UP");
                        return ledger.get(null, "/actuator/health/readiness").status() == 200;
                    });
            assertThat(liveness).isNotEmpty().containsOnly(200);

            ProjectionPositions positions = second.getBean(ProjectionPositions.class);
            projections.forEach(
                    name -> assertThat(positions.reached(name, head)).as(name).isTrue());
            LedgerClient.Response ready = ledger.get("admin", "/actuator/health/readiness");
            assertThat(ready.json().get("status").asText()).isEqualTo("UP");
            assertThat(ready.json().at("/components/projectionsCatchUp/status").asText())
                    .isEqualTo("UP");
            assertThat(ready.json()
                            .at("/components/projectionsCatchUp/details/target")
                            .asLong())
                    .isEqualTo(head);
            assertThat(ledger.get(null, "/actuator/health/liveness")
                            .json()
                            .get("status")
                            .asText())
                    .isEqualTo("UP");
        }
    }
}
