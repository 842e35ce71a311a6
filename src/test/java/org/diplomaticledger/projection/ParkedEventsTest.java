package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.diplomaticledger.presence.api.StaffCountReported;
import org.diplomaticledger.support.LedgerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A projection never stops on one event. A test-only projection ({@code probe}, in this test's application only) keeps each presence's last reported headcount and refuses the headcount 666 by
 * throwing, as a handler with a bug would. That event is parked with the later events of its presence; every other
 * presence, and every other projection, stays current; a read waiting for it is told at once; a rebuild reports
 * it; a retraction or a correction of it releases it, after which the projection equals a rebuild.
 */
class ParkedEventsTest {

    static final int POISON = 666;

    private static ConfigurableApplicationContext app;
    private static LedgerClient ledger;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() throws Exception {
        String dir = Files.createTempDirectory("ledger-parked-").toString();
        // Classes nested in a test class are never component-scanned (Spring Boot's TestTypeExcludeFilter): the
        // probe exists in this application only.
        app = new SpringApplicationBuilder(
                        DiplomaticLedgerApplication.class, ProbeConfiguration.class, ProbeController.class)
                .profiles("test")
                .run(
                        "--ledger.data-dir=" + dir,
                        "--server.port=0",
                        // long enough that a 409 in a few seconds cannot be the end of a wait
                        "--ledger.projections.max-wait=PT20S",
                        "--management.endpoint.health.show-details=always");
        ledger = new LedgerClient(
                ((WebServerApplicationContext) app).getWebServer().getPort());
        jdbc = app.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aFailingEventIsParkedAloneAndItsRetractionReleasesIt() {
        open("FI", "EE");
        open("FI", "LV");
        count("FI", "EE", 10, "2016-01-01");
        JsonNode poison = count("FI", "EE", POISON, "2017-01-01");
        String poisonId = poison.at("/events/0/eventId").asText();
        long poisonPosition = poison.at("/events/0/position").asLong();
        JsonNode behind = count("FI", "EE", 12, "2018-01-01");
        long last = count("FI", "LV", 20, "2016-01-01").get("position").asLong();

        // The projection goes on past the parked event: the other presence is current, this one stops before 666.
        awaitReached("probe", last);
        assertThat(probeHeadcount("FI-LV")).isEqualTo(20);
        assertThat(probeHeadcount("FI-EE")).isEqualTo(10);
        // Other projections are not concerned at all.
        JsonNode staffing =
                ledger.get("analyst", "/api/v1/presences/FI/EE", last).json();
        assertThat(staffing.at("/presence/headcount/total").asInt()).isEqualTo(12);

        // Listed: the failed event with its error, and the one waiting behind it.
        JsonNode probe = projection("probe");
        assertThat(probe.get("parkedCount").asLong()).isEqualTo(2);
        JsonNode first = probe.at("/parked/0");
        assertThat(first.get("eventId").asText()).isEqualTo(poisonId);
        assertThat(first.get("position").asLong()).isEqualTo(poisonPosition);
        assertThat(first.get("aggregateId").asText()).isEqualTo("FI-EE");
        assertThat(first.get("type").asText()).isEqualTo("StaffCountReported");
        assertThat(first.get("error").asText())
                .contains("IllegalStateException")
                .contains("headcount 666");
        assertThat(first.get("waiting").asBoolean()).isFalse();
        assertThat(first.get("retries").asInt()).isZero();
        assertThat(first.hasNonNull("since")).isTrue();
        JsonNode second = probe.at("/parked/1");
        assertThat(second.get("eventId").asText())
                .isEqualTo(behind.at("/events/0/eventId").asText());
        assertThat(second.get("waiting").asBoolean()).isTrue();
        assertThat(second.has("error")).isFalse();
        assertThat(projection("staffing").get("parkedCount").asLong()).isZero();

        // A read that needs the parked event answers at once with a problem naming it; one before it is served.
        Instant asked = Instant.now();
        LedgerClient.Response blocked = ledger.get("analyst", "/api/v1/probe/FI-EE", last);
        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(409);
        assertThat(blocked.header("Content-Type")).startsWith("application/problem+json");
        assertThat(blocked.json().get("type").asText()).isEqualTo("urn:diplomatic-ledger:problem:projection-parked");
        assertThat(blocked.json().get("eventId").asText()).isEqualTo(poisonId);
        assertThat(blocked.json().get("position").asLong()).isEqualTo(poisonPosition);
        assertThat(blocked.json().get("error").asText()).contains("headcount 666");
        assertThat(blocked.json().get("parked").asLong()).isEqualTo(2);
        assertThat(ledger.get("analyst", "/api/v1/probe/FI-EE", poisonPosition - 1)
                        .status())
                .isEqualTo(200);

        // Health: DEGRADED with the counts, still HTTP 200; readiness stays UP.
        LedgerClient.Response health = ledger.get(null, "/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.json()
                        .at("/components/projections/details/probe/parked")
                        .asLong())
                .isEqualTo(2);
        assertThat(health.json()
                        .at("/components/projections/details/staffing/parked")
                        .asLong())
                .isZero();
        assertThat(ledger.get(null, "/actuator/health/readiness")
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("UP");

        // A retry needs AUDITOR or ADMIN; it fails again here, and says so.
        assertThat(ledger.post("analyst", "/api/v1/projections/probe/parked/retry", null, "", Map.of())
                        .status())
                .isEqualTo(403);
        LedgerClient.Response retry =
                ledger.post("auditor", "/api/v1/projections/probe/parked/retry", null, "", Map.of());
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.json().get("released").asLong()).isZero();
        assertThat(retry.json().get("stillParked").asLong()).isEqualTo(2);
        assertThat(retry.json().at("/parked/0/retries").asInt()).isEqualTo(1);
        assertThat(probeHeadcount("FI-EE")).isEqualTo(10);

        // A rebuild does not fail: it reports the event and leaves out what waits behind it, like the live slot.
        RebuildStatus rebuilt = rebuild("probe");
        assertThat(rebuilt.state()).isEqualTo(RebuildStatus.State.SWITCHED);
        assertThat(rebuilt.parked()).extracting(ParkedEvent::eventId).containsExactly(poisonId);
        assertThat(rebuilt.parked().get(0).error()).contains("headcount 666");
        assertThat(rebuilt.parkedWaiting()).isEqualTo(1);
        assertThat(rebuilt.identical()).isTrue();

        // The retraction releases it by itself: the projection applies what waited, without the 666.
        long retraction = ledger.accepted("RetractEntry", """
                {"eventId": "%s", "reason": "a typo", "source": "parked events test"}""".formatted(poisonId))
                .get("position")
                .asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> parked("probe") == 0);
        awaitReached("probe", retraction);
        assertThat(probeHeadcount("FI-EE")).isEqualTo(12);
        assertThat(ledger.get("analyst", "/api/v1/probe/FI-EE", retraction)
                        .json()
                        .get("headcount")
                        .asInt())
                .isEqualTo(12);
        // The projections component, not the whole: other tests of the shared ledger leave its audit chain broken
        // on purpose, which the auditChain component reports as DEGRADED too once anything verifies it.
        assertThat(ledger.get("admin", "/actuator/health")
                        .json()
                        .at("/components/projections/status")
                        .asText())
                .isEqualTo("UP");

        // And the released projection is what a rebuild from the events makes.
        RebuildStatus again = rebuild("probe");
        assertThat(again.state()).isEqualTo(RebuildStatus.State.SWITCHED);
        assertThat(again.parked()).isEmpty();
        assertThat(again.identical()).as(again.toString()).isTrue();
    }

    @Test
    void aCorrectionOfAParkedEventReleasesIt() {
        open("FI", "LT");
        count("FI", "LT", 30, "2016-01-01");
        JsonNode poison = count("FI", "LT", POISON, "2017-01-01");
        String poisonId = poison.at("/events/0/eventId").asText();
        long position = poison.get("position").asLong();
        awaitReached("probe", position);
        await().atMost(Duration.ofSeconds(30)).until(() -> parkedOf("FI-LT") == 1);
        assertThat(probeHeadcount("FI-LT")).isEqualTo(30);

        long correction = ledger.accepted("CorrectEntry", """
                {"eventId": "%s", "corrections": {"headcount": 66}, "reason": "a typo", "source": "parked events test"}""".formatted(poisonId))
                .get("position")
                .asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> parkedOf("FI-LT") == 0);
        awaitReached("probe", correction);
        assertThat(probeHeadcount("FI-LT")).isEqualTo(66);
        RebuildStatus rebuilt = rebuild("probe");
        assertThat(rebuilt.identical()).as(rebuilt.toString()).isTrue();
    }

    private static void open(String sending, String receiving) {
        ledger.accepted("OpenMission", """
                {"sendingState": "%s", "receivingState": "%s", "kind": "EMBASSY", "city": "Capital",
                 "effectiveDate": "2015-01-01", "source": "parked events test"}""".formatted(sending, receiving));
    }

    private static JsonNode count(String sending, String receiving, int headcount, String date) {
        return ledger.accepted("RecordStaffCount", """
                {"sendingState": "%s", "receivingState": "%s", "headcount": %d, "effectiveDate": "%s",
                 "source": "parked events test"}""".formatted(sending, receiving, headcount, date));
    }

    private static JsonNode projection(String name) {
        LedgerClient.Response response = ledger.get("analyst", "/api/v1/projections/" + name);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static long parked(String projection) {
        return app.getBean(ParkedEvents.class).count(projection);
    }

    private static long parkedOf(String aggregate) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM dead_letter_entry WHERE processing_group = 'probe' "
                        + "AND sequence_identifier = ?",
                Long.class,
                aggregate);
    }

    private static void awaitReached(String projection, long position) {
        boolean reached = app.getBean(ProjectionPositions.class).await(projection, position, Duration.ofSeconds(20));
        assertThat(reached)
                .as(() -> projection + " reached " + position + "; tokens "
                        + jdbc.queryForList("SELECT processor_name, owner, token_type FROM token_entry") + " positions "
                        + app.getBean(ProjectionHandlers.class).all().stream()
                                .map(l -> l.projection().name() + "="
                                        + app.getBean(ProjectionPositions.class)
                                                .position(l.projection().name()))
                                .toList()
                        + " letters "
                        + jdbc.queryForList(
                                "SELECT processing_group, event_identifier, cause_message FROM dead_letter_entry"))
                .isTrue();
    }

    /** The probe's headcount of the presence today, as the ledger believes now (null: none). */
    private static Integer probeHeadcount(String presence) {
        Slot slot = app.getBean(ProjectionHandlers.class).activeSlot("probe");
        List<Integer> rows = jdbc.queryForList(
                "SELECT headcount FROM probe_headcount WHERE slot = ? AND presence_id = ? "
                        + "AND recorded_to IS NULL AND valid_to IS NULL",
                Integer.class,
                slot.code(),
                presence);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static RebuildStatus rebuild(String projection) {
        ProjectionRebuilder rebuilder = app.getBean(ProjectionRebuilder.class);
        rebuilder.start(projection);
        try {
            return rebuilder.await(projection, Duration.ofMinutes(2)).orElseThrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The probe projection. */
    @Configuration(proxyBeanMethods = false)
    static class ProbeConfiguration {

        @Bean
        Projection probeProjection(JdbcTemplate jdbc) {
            jdbc.execute(
                    "CREATE TABLE IF NOT EXISTS probe_headcount (slot CHAR(1) NOT NULL, presence_id VARCHAR(64) NOT NULL, "
                            + "headcount INTEGER NOT NULL, valid_from DATE, valid_to DATE, valid_to_recorded TIMESTAMP WITH TIME ZONE, "
                            + "recorded_from TIMESTAMP WITH TIME ZONE, "
                            + "recorded_to TIMESTAMP WITH TIME ZONE)");
            return new ProbeProjection(jdbc);
        }
    }

    /** Each presence's last reported headcount; refuses 666 by throwing. */
    static final class ProbeProjection implements Projection {
        private final JdbcTemplate jdbc;

        ProbeProjection(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public String name() {
            return "probe";
        }

        @Override
        public List<VersionedTable> versionedTables() {
            return List.of(VersionedTable.of("probe_headcount", "presence_id", "presence_id")
                    .columns("presence_id, headcount"));
        }

        @Override
        public Object handler(Head head) {
            return new Object() {
                @EventHandler
                void on(StaffCountReported e, @Timestamp Instant recorded) {
                    // Changed before the failure on purpose: a parked event must leave none of its changes behind.
                    Rows rows = head.rows("probe_headcount");
                    rows.put(rows.create().with("presence_id", e.presenceId()).with("headcount", e.headcount()));
                    if (e.headcount() == POISON) {
                        throw new IllegalStateException("the probe refuses headcount " + POISON);
                    }
                }
            };
        }
    }

    /** {@code GET /api/v1/probe/{presenceId}}: the probe's row, through the ledger's read-your-writes wait. */
    @RestController
    static class ProbeController {
        private final Reads reads;
        private final JdbcTemplate jdbc;

        ProbeController(Reads reads, JdbcTemplate jdbc) {
            this.reads = reads;
            this.jdbc = jdbc;
        }

        @GetMapping("/api/v1/probe/{presenceId}")
        ResponseEntity<Map<String, Object>> get(@PathVariable String presenceId, ReadPosition read) {
            return reads.answer("probe", read, view -> {
                Sql headcount = Sql.of("SELECT headcount FROM probe_headcount WHERE ")
                        .add(view.rows())
                        .add(" AND presence_id = ?", presenceId);
                return Map.of(
                        "headcount",
                        jdbc.queryForList(headcount.text(), Integer.class, headcount.args()).stream()
                                .findFirst()
                                .orElse(-1));
            });
        }
    }
}
