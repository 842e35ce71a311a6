package org.diplomaticledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.diplomaticledger.support.LedgerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The chain on a ledger of its own (tampering would break the shared test ledger): altering one stored event's
 * payload or metadata, deleting one, or swapping two is found by verify at that position; each tamper is undone
 * afterwards, and the chain holds again. Kept digests, exports and the offline verifier on the same ledger.
 */
class AuditChainHttpTest {

    private static Path dataDir;
    private static ConfigurableApplicationContext app;
    private static LedgerClient ledger;
    private static JdbcTemplate jdbc;
    private static long middle;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("ledger-audit-");
        app = new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                .profiles("test")
                .run("--ledger.data-dir=" + dataDir, "--server.port=0", "--ledger.audit.publish.interval=PT0.1S");
        ledger = new LedgerClient(
                ((WebServerApplicationContext) app).getWebServer().getPort());
        jdbc = app.getBean(JdbcTemplate.class);
        ledger.accepted("OpenMission", """
                {"sendingState": "RU", "receivingState": "US", "kind": "EMBASSY", "city": "Washington", "source": "x"}""");
        middle = ledger.accepted("AccreditDiplomat", """
                {"missionId": "RU-US-EMBASSY-WASHINGTON", "name": "Anatoly Antonov", "category": "DIPLOMATIC", "source": "x"}""").path("position").asLong();
        ledger.accepted("ScheduleTalks", """
                {"talksId": "audit-talks", "parties": ["RU", "US"], "venue": {"city": "Istanbul", "country": "TR"},
                 "date": "2025-04-10", "scope": "embassy operations", "format": "DIPLOMATS_ONLY", "source": "x"}""");
        ledger.accepted("ChangeRelationsLevel", """
                {"stateA": "RU", "stateB": "US", "level": "DOWNGRADED", "source": "x"}""");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void theChainHoldsAgainOnceTheTamperIsUndone() {
        JsonNode verdict = verify();
        assertThat(verdict.path("valid").asBoolean()).as(verdict.toString()).isTrue();
    }

    private static JsonNode verify() {
        LedgerClient.Response response = ledger.get("auditor", "/api/v1/audit/verify");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static long position(String eventType) {
        return jdbc.queryForObject(
                "SELECT MIN(global_index) FROM domain_event_entry WHERE payload_type LIKE ?",
                Long.class,
                "%." + eventType);
    }

    private static void assertBreak(long position, String reason) {
        JsonNode verdict = verify();
        assertThat(verdict.path("valid").asBoolean()).as(verdict.toString()).isFalse();
        assertThat(verdict.path("firstBreak").path("position").asLong())
                .as(verdict.toString())
                .isEqualTo(position);
        assertThat(verdict.path("firstBreak").path("reason").asText())
                .as(verdict.toString())
                .isEqualTo(reason);
        assertThat(verdict.path("events").asLong())
                .as("events checked before the break")
                .isEqualTo(position - 1);
    }

    @Test
    void anUntouchedLedgerVerifiesAndEveryEventIsChained() {
        JsonNode verdict = verify();
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        assertThat(verdict.path("valid").asBoolean()).isTrue();
        assertThat(verdict.path("events").asLong()).isEqualTo(events).isGreaterThanOrEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain", Long.class))
                .isEqualTo(events);
        JsonNode digest = ledger.get("auditor", "/api/v1/audit/digest").json();
        assertThat(digest.path("position").asLong())
                .isEqualTo(verdict.path("position").asLong());
        assertThat(digest.path("hash").asText())
                .isEqualTo(verdict.path("hash").asText())
                .matches("[0-9a-f]{64}");
        assertThat(digest.path("events").asLong()).isEqualTo(events);
        assertThat(digest.path("time").asText()).isNotBlank();
    }

    @Test
    void healthShowsTheChainsHeadAndTheLastVerificationToAdministrators() {
        JsonNode held = verify();
        JsonNode chain = auditChainHealth();
        assertThat(chain.path("status").asText()).isEqualTo("UP");
        assertThat(chain.at("/details/head").asLong())
                .isEqualTo(held.path("position").asLong())
                .isGreaterThanOrEqualTo(4);
        assertThat(chain.at("/details/events").asLong())
                .isEqualTo(held.path("events").asLong());
        assertThat(chain.at("/details/lastVerification/valid").asBoolean()).isTrue();
        assertThat(chain.at("/details/lastVerification/position").asLong())
                .isEqualTo(held.path("position").asLong());
        java.time.Instant verifiedAt =
                java.time.Instant.parse(chain.at("/details/lastVerification/at").asText());
        assertThat(verifiedAt)
                .isBetween(
                        java.time.Instant.parse(held.path("checkedAt").asText()).minusSeconds(5),
                        java.time.Instant.now());

        long position = middle;
        byte[] original = jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE global_index = ?", byte[].class, position);
        jdbc.update(
                "UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                new String(original, StandardCharsets.UTF_8)
                        .replace("Anatoly Antonov", "Anatoly Antonow")
                        .getBytes(StandardCharsets.UTF_8),
                position);
        try {
            assertBreak(position, "payload-altered");
            JsonNode broken = auditChainHealth();
            assertThat(broken.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(broken.at("/details/lastVerification/valid").asBoolean()).isFalse();
            assertThat(broken.at("/details/lastVerification/firstBreak/position")
                            .asLong())
                    .isEqualTo(position);
            assertThat(broken.at("/details/lastVerification/firstBreak/reason").asText())
                    .isEqualTo("payload-altered");
            assertThat(java.time.Instant.parse(
                            broken.at("/details/lastVerification/at").asText()))
                    .isAfterOrEqualTo(verifiedAt);
            // Still HTTP 200, and in neither probe: the node serves, and restarting it would mend nothing.
            LedgerClient.Response health = ledger.get(null, "/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("DEGRADED");
            assertThat(health.json().has("components"))
                    .as("details for administrators only")
                    .isFalse();
            assertThat(ledger.get(null, "/actuator/health/readiness")
                            .json()
                            .get("status")
                            .asText())
                    .isEqualTo("UP");
            assertThat(ledger.get(null, "/actuator/health/liveness")
                            .json()
                            .get("status")
                            .asText())
                    .isEqualTo("UP");
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, position);
        }
        verify();
        assertThat(auditChainHealth().path("status").asText())
                .as("intact again once verified")
                .isEqualTo("UP");
    }

    private static JsonNode auditChainHealth() {
        LedgerClient.Response health = ledger.get("admin", "/actuator/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        return health.json().path("components").path("auditChain");
    }

    @Test
    void onlyAuditorsAndAdministratorsReadTheChain() {
        assertThat(ledger.get("analyst", "/api/v1/audit/verify").status()).isEqualTo(403);
        assertThat(ledger.get("clerk", "/api/v1/audit/digest").status()).isEqualTo(403);
        assertThat(ledger.get(null, "/api/v1/audit/export").status()).isEqualTo(401);
        assertThat(ledger.post("analyst", "/api/v1/audit/digest/verify", "application/json", "{}", Map.of())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void anAlteredPayloadIsFoundAtItsPosition() {
        long position = middle;
        byte[] original = jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE global_index = ?", byte[].class, position);
        String altered = new String(original, StandardCharsets.UTF_8).replace("Anatoly Antonov", "Anatoly Antonow");
        assertThat(altered).isNotEqualTo(new String(original, StandardCharsets.UTF_8));
        jdbc.update(
                "UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                altered.getBytes(StandardCharsets.UTF_8),
                position);
        try {
            assertBreak(position, "payload-altered");
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, position);
        }
    }

    @Test
    void alteredMetadataIsFoundAtItsPosition() {
        long position = position("TalksScheduled");
        byte[] original = jdbc.queryForObject(
                "SELECT meta_data FROM domain_event_entry WHERE global_index = ?", byte[].class, position);
        String metadata = new String(original, StandardCharsets.UTF_8);
        assertThat(metadata).contains("\"clerk\"");
        jdbc.update(
                "UPDATE domain_event_entry SET meta_data = ? WHERE global_index = ?",
                metadata.replace("\"clerk\"", "\"admin\"").getBytes(StandardCharsets.UTF_8),
                position);
        try {
            assertBreak(position, "metadata-altered");
        } finally {
            jdbc.update("UPDATE domain_event_entry SET meta_data = ? WHERE global_index = ?", original, position);
        }
    }

    @Test
    void anAlteredTimestampIsFoundAtItsPosition() {
        long position = position("RelationsLevelChanged");
        String original = jdbc.queryForObject(
                "SELECT time_stamp FROM domain_event_entry WHERE global_index = ?", String.class, position);
        jdbc.update(
                "UPDATE domain_event_entry SET time_stamp = ? WHERE global_index = ?",
                "2001-01-01T00:00:00Z",
                position);
        try {
            assertBreak(position, "event-altered");
        } finally {
            jdbc.update("UPDATE domain_event_entry SET time_stamp = ? WHERE global_index = ?", original, position);
        }
    }

    @Test
    void aDeletedEventIsFoundAtItsPosition() {
        long position = middle;
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE global_index = ?", position);
        jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", position);
        try {
            assertBreak(position, "event-missing");
        } finally {
            restore(row);
        }
    }

    @Test
    void anEventDeletedWithItsLinkIsFoundAtItsPosition() {
        long position = middle;
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE global_index = ?", position);
        Map<String, Object> link = jdbc.queryForMap("SELECT * FROM audit_chain WHERE global_index = ?", position);
        jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", position);
        jdbc.update("DELETE FROM audit_chain WHERE global_index = ?", position);
        try {
            assertBreak(position, "event-missing");
        } finally {
            restore(row);
            jdbc.update(
                    "INSERT INTO audit_chain (global_index, prev_index, event_identifier, payload_sha256, metadata_sha256, link)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    link.get("GLOBAL_INDEX"),
                    link.get("PREV_INDEX"),
                    link.get("EVENT_IDENTIFIER"),
                    link.get("PAYLOAD_SHA256"),
                    link.get("METADATA_SHA256"),
                    link.get("LINK"));
        }
    }

    @Test
    void twoSwappedEventsAreFoundAtTheFirstOfThem() {
        long first = middle;
        long second = position("TalksScheduled");
        assertThat(second).isGreaterThan(first);
        swap(first, second);
        try {
            assertBreak(first, "order-changed");
        } finally {
            swap(first, second);
        }
    }

    @Test
    void anEventWrittenAroundTheLedgerIsFound() {
        long head = verify().path("position").asLong();
        jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                                payload_type, payload_revision, payload, meta_data)
                SELECT 'forged-1', aggregate_identifier, sequence_number + 100, type, time_stamp,
                       payload_type, payload_revision, payload, meta_data
                FROM domain_event_entry WHERE global_index = ?""", middle);
        long forged = jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE event_identifier = 'forged-1'", Long.class);
        try {
            JsonNode verdict = verify();
            assertThat(verdict.path("valid").asBoolean()).as(verdict.toString()).isFalse();
            assertThat(verdict.path("firstBreak").path("position").asLong())
                    .isEqualTo(forged)
                    .isGreaterThan(head);
            assertThat(verdict.path("firstBreak").path("reason").asText()).isEqualTo("event-unchained");
        } finally {
            jdbc.update("DELETE FROM domain_event_entry WHERE event_identifier = 'forged-1'");
        }
    }

    @Test
    void aKeptDigestVerifiesAfterFurtherAppendsAndFailsAfterTampering() {
        JsonNode kept = ledger.get("auditor", "/api/v1/audit/digest").json();
        String body = "{\"position\": " + kept.path("position").asLong() + ", \"hash\": \""
                + kept.path("hash").asText() + "\"}";
        ledger.accepted("RecordStaffCount", """
                {"sendingState": "RU", "receivingState": "US", "headcount": 12, "source": "x"}""");
        assertThat(ledger.get("auditor", "/api/v1/audit/digest")
                        .json()
                        .path("position")
                        .asLong())
                .isGreaterThan(kept.path("position").asLong());

        JsonNode later = digestVerify(body);
        assertThat(later.path("valid").asBoolean()).as(later.toString()).isTrue();
        assertThat(later.path("position").asLong())
                .isEqualTo(kept.path("position").asLong());

        byte[] original = jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE global_index = ?", byte[].class, middle);
        jdbc.update(
                "UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                (new String(original, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8),
                middle);
        try {
            JsonNode tampered = digestVerify(body);
            assertThat(tampered.path("valid").asBoolean()).isFalse();
            assertThat(tampered.path("firstBreak").path("position").asLong()).isEqualTo(middle);
            assertThat(tampered.path("firstBreak").path("reason").asText()).isEqualTo("payload-altered");
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, middle);
        }
        // A digest whose hash the ledger never had: the chain holds, but not to that hash.
        JsonNode forged = digestVerify(
                "{\"position\": " + kept.path("position").asLong() + ", \"hash\": \"" + "ab".repeat(32) + "\"}");
        assertThat(forged.path("valid").asBoolean()).isFalse();
        assertThat(forged.path("firstBreak").path("reason").asText()).isEqualTo("digest-mismatch");
    }

    @Test
    void aTruncatedTailIsReportedAsEventsLostAfterTheNewHeadWithAKeptDigestAndWithoutOne() {
        ledger.accepted("RecordStaffCount", """
                {"sendingState": "RU", "receivingState": "US", "headcount": 30, "source": "x"}""");
        ledger.accepted("RecordStaffCount", """
                {"sendingState": "RU", "receivingState": "US", "headcount": 31, "source": "x"}""");
        JsonNode kept = ledger.get("auditor", "/api/v1/audit/digest").json();
        long position = kept.path("position").asLong();
        ChainWitness witness = app.getBean(ChainWitness.class);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> witness.last().map(SignedDigest::position).orElse(0L) == position);

        // Cut the last two events and their links, and move the head back onto the link before them: consistent.
        Map<String, Object> head = jdbc.queryForMap("SELECT * FROM audit_chain_head WHERE id = 1");
        List<Map<String, Object>> links =
                new ArrayList<>(jdbc.queryForList("SELECT * FROM audit_chain ORDER BY global_index DESC LIMIT 2"));
        java.util.Collections.reverse(links);
        long newHead = ((Number) links.get(0).get("PREV_INDEX")).longValue();
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT * FROM domain_event_entry WHERE global_index > ?" + " ORDER BY global_index", newHead);
        assertThat(rows).hasSize(2);
        jdbc.update("DELETE FROM domain_event_entry WHERE global_index > ?", newHead);
        jdbc.update("DELETE FROM audit_chain WHERE global_index > ?", newHead);
        jdbc.update(
                "UPDATE audit_chain_head SET head_index = ?, link = (SELECT link FROM audit_chain WHERE global_index = ?),"
                        + " length = length - 2 WHERE id = 1",
                newHead,
                newHead);
        try {
            JsonNode withKept = digestVerify("{\"position\": " + position + ", \"hash\": \""
                    + kept.path("hash").asText() + "\"}");
            assertThat(withKept.path("valid").asBoolean())
                    .as(withKept.toString())
                    .isFalse();
            assertThat(withKept.path("position").asLong()).isEqualTo(newHead);
            assertThat(withKept.path("firstBreak").path("reason").asText()).isEqualTo("truncated");
            assertThat(withKept.path("firstBreak").path("detail").asText())
                    .startsWith("the ledger lost events after position " + newHead);

            JsonNode signed = digestVerify(kept.toString());
            assertThat(signed.path("signature").asText())
                    .as("the whole signed digest: this ledger's key signed it")
                    .isEqualTo("valid");
            assertThat(signed.path("firstBreak").path("reason").asText()).isEqualTo("truncated");
            ObjectNode changed = kept.deepCopy();
            changed.put("events", kept.path("events").asLong() - 2);
            assertThat(digestVerify(changed.toString()).path("signature").asText())
                    .isEqualTo("invalid");

            // Without a kept digest: verify compares with the digest the ledger published.
            JsonNode verdict = verify();
            assertThat(verdict.path("valid").asBoolean()).as(verdict.toString()).isFalse();
            assertThat(verdict.path("firstBreak").path("reason").asText()).isEqualTo("truncated");
            assertThat(verdict.path("firstBreak").path("detail").asText())
                    .startsWith("the ledger lost events after position " + newHead);
        } finally {
            rows.forEach(AuditChainHttpTest::restore);
            for (Map<String, Object> link : links) {
                jdbc.update(
                        "INSERT INTO audit_chain (global_index, prev_index, event_identifier, payload_sha256, metadata_sha256, link)"
                                + " VALUES (?, ?, ?, ?, ?, ?)",
                        link.get("GLOBAL_INDEX"),
                        link.get("PREV_INDEX"),
                        link.get("EVENT_IDENTIFIER"),
                        link.get("PAYLOAD_SHA256"),
                        link.get("METADATA_SHA256"),
                        link.get("LINK"));
            }
            jdbc.update(
                    "UPDATE audit_chain_head SET head_index = ?, link = ?, length = ? WHERE id = 1",
                    head.get("HEAD_INDEX"),
                    head.get("LINK"),
                    head.get("LENGTH"));
        }
    }

    @Test
    void aMalformedDigestIsAProblemNamingTheField() {
        LedgerClient.Response badHash = ledger.post(
                "auditor",
                "/api/v1/audit/digest/verify",
                "application/json",
                "{\"position\": 1, \"hash\": \"not-a-hash\"}",
                Map.of());
        assertThat(badHash.status()).isEqualTo(400);
        assertThat(badHash.header("Content-Type")).startsWith("application/problem+json");
        assertThat(badHash.json().path("field").asText()).isEqualTo("hash");
        LedgerClient.Response noPosition = ledger.post(
                "auditor",
                "/api/v1/audit/digest/verify",
                "application/json",
                "{\"hash\": \"" + "ab".repeat(32) + "\"}",
                Map.of());
        assertThat(noPosition.status()).isEqualTo(400);
        assertThat(noPosition.json().path("field").asText()).isEqualTo("position");
        LedgerClient.Response badBoundary = ledger.post(
                "auditor",
                "/api/v1/audit/digest/verify",
                "application/json",
                "{\"position\": 1, \"hash\": \"" + "ab".repeat(32) + "\", \"legacyUntil\": \"x\"}",
                Map.of());
        assertThat(badBoundary.status()).isEqualTo(400);
        assertThat(badBoundary.json().path("field").asText()).isEqualTo("legacyUntil");
        LedgerClient.Response badRange =
                ledger.getAccept("auditor", "/api/v1/audit/export?from=5&to=2", "application/x-ndjson");
        assertThat(badRange.status()).isEqualTo(400);
        assertThat(badRange.json().path("field").asText()).isEqualTo("from");
    }

    @Test
    void anExportVerifiesOfflineAndFailsWhenALineIsEdited() throws Exception {
        LedgerClient.Response response = ledger.getAccept("auditor", "/api/v1/audit/export", "application/x-ndjson");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/x-ndjson");
        Path export = dataDir.resolve("export.ndjson");
        Files.writeString(export, response.body());
        List<String> lines = Files.readAllLines(export);
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        assertThat(lines).hasSize((int) events + 2);
        assertThat(lines.get(lines.size() - 1))
                .contains("\"kind\":\"digest\"")
                .contains("\"hash\":\"" + verify().path("hash").asText() + "\"");

        ExportVerifier.Outcome holds = ExportVerifier.verify(export);
        assertThat(holds.valid()).as(holds.message()).isTrue();
        assertThat(holds.events()).isEqualTo(events);

        Path edited = dataDir.resolve("edited.ndjson");
        List<String> changed = new ArrayList<>(lines);
        int line = 0;
        while (!lines.get(line).contains("Anatoly Antonov")) {
            line++;
        }
        changed.set(line, changed.get(line).replace("Anatoly Antonov", "Anatoly Antonow"));
        assertThat(changed.get(line)).isNotEqualTo(lines.get(line));
        Files.write(edited, changed);
        ExportVerifier.Outcome broken = ExportVerifier.verify(edited);
        assertThat(broken.valid()).isFalse();
        assertThat(broken.line()).isEqualTo(line + 1);
        assertThat(broken.message()).startsWith("line " + (line + 1) + ":").contains("position " + middle);

        Path shortened = dataDir.resolve("shortened.ndjson");
        List<String> dropped = new ArrayList<>(lines);
        dropped.remove(2);
        Files.write(shortened, dropped);
        assertThat(ExportVerifier.verify(shortened).message())
                .startsWith("line 3:")
                .contains("missing");

        // The documented command: the application's main class, before Spring, exit codes 0 and 1.
        Process good = verifyExportProcess(export);
        assertThat(good.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(good.exitValue()).isZero();
        assertThat(new String(good.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("VALID: " + events + " events");
        Process bad = verifyExportProcess(edited);
        assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(1);
        assertThat(new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("INVALID: line " + (line + 1) + ":");
    }

    @Test
    void aRangeExportVerifiesFromTheLinkBeforeIt() throws IOException {
        LedgerClient.Response response = ledger.getAccept(
                "auditor", "/api/v1/audit/export?from=" + middle + "&to=" + (middle + 1), "application/x-ndjson");
        Path export = dataDir.resolve("range.ndjson");
        Files.writeString(export, response.body());
        assertThat(Files.readAllLines(export)).hasSize(4);
        String hashAtMiddle =
                jdbc.queryForObject("SELECT link FROM audit_chain WHERE global_index = ?", String.class, middle);
        ExportVerifier.Outcome outcome = ExportVerifier.verify(export, middle, hashAtMiddle);
        assertThat(outcome.valid()).as(outcome.message()).isTrue();
        assertThat(outcome.events()).isEqualTo(2);
        assertThat(ExportVerifier.verify(export, middle, "cd".repeat(32)).valid())
                .isFalse();
    }

    @Test
    void concurrentWritersLeaveAValidChain() throws Exception {
        int writers = 6;
        int each = 8;
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String city = "Chain City " + w;
                tasks.add(() -> {
                    ledger.accepted("OpenMission", """
                            {"sendingState": "FI", "receivingState": "EE", "kind": "CONSULATE", "city": "%s", "source": "x"}""".formatted(city));
                    for (int i = 0; i < each - 1; i++) {
                        ledger.accepted("RecordStaffCount", """
                                {"sendingState": "%s", "receivingState": "%s", "headcount": %d, "source": "x"}""".formatted(
                                new String[] {"NO", "SE", "DK", "IS", "LV", "LT"}[tasks.size() % 6], "PL", i + 1));
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(tasks)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode verdict = verify();
        assertThat(verdict.path("valid").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(verdict.path("events").asLong()).isEqualTo(before + (long) writers * each);
        // The links follow position order: each names the position just before it.
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM audit_chain c WHERE c.prev_index <> COALESCE(
                    (SELECT MAX(p.global_index) FROM audit_chain p WHERE p.global_index < c.global_index), 0)""", Long.class)).isZero();
    }

    private static JsonNode digestVerify(String body) {
        LedgerClient.Response response =
                ledger.post("auditor", "/api/v1/audit/digest/verify", "application/json", body, Map.of());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static Process verifyExportProcess(Path file) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        DiplomaticLedgerApplication.class.getName(),
                        "verify-export",
                        file.toString())
                .redirectErrorStream(true)
                .start();
    }

    private static void swap(long first, long second) {
        jdbc.update("UPDATE domain_event_entry SET global_index = ? WHERE global_index = ?", -first, first);
        jdbc.update("UPDATE domain_event_entry SET global_index = ? WHERE global_index = ?", first, second);
        jdbc.update("UPDATE domain_event_entry SET global_index = ? WHERE global_index = ?", second, -first);
    }

    private static void restore(Map<String, Object> row) {
        jdbc.update(
                "INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row.get("GLOBAL_INDEX"),
                row.get("EVENT_IDENTIFIER"),
                row.get("AGGREGATE_IDENTIFIER"),
                row.get("SEQUENCE_NUMBER"),
                row.get("TYPE"),
                row.get("TIME_STAMP"),
                row.get("PAYLOAD_TYPE"),
                row.get("PAYLOAD_REVISION"),
                row.get("PAYLOAD"),
                row.get("META_DATA"));
    }
}
