package org.diplomaticledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.diplomaticledger.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the ledger acknowledged is there after the application stops and starts again on the same files. */
class RestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                .profiles("test")
                .run("--ledger.data-dir=" + dataDir, "--server.port=0");
    }

    private static LedgerClient client(ConfigurableApplicationContext context) {
        return new LedgerClient(
                ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static long size(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void eventsAndAggregateStateSurviveARestart() {
        String eventId;
        long position;
        try (ConfigurableApplicationContext first = start()) {
            LedgerClient ledger = client(first);
            ledger.accepted("OpenMission", """
                    {"sendingState": "RU", "receivingState": "US", "kind": "EMBASSY", "city": "Washington", "source": "x"}""");
            ledger.accepted("ImposeStaffCeiling", """
                    {"sendingState": "RU", "receivingState": "US", "limit": 1, "source": "x"}""");
            JsonNode accredited = ledger.accepted("AccreditDiplomat", """
                    {"missionId": "RU-US-EMBASSY-WASHINGTON", "name": "Anatoly Antonov", "category": "DIPLOMATIC", "source": "x"}""");
            ledger.accepted("ScheduleTalks", """
                    {"talksId": "restart-talks", "parties": ["RU", "US"], "venue": {"city": "Istanbul", "country": "TR"},
                     "date": "2025-04-10", "scope": "embassy operations", "format": "DIPLOMATS_ONLY", "source": "x"}""");
            ledger.accepted("ChangeRelationsLevel", """
                    {"stateA": "RU", "stateB": "US", "level": "DOWNGRADED", "source": "x"}""");
            eventId = accredited.path("events").get(0).path("eventId").asText();
            position = accredited.path("position").asLong();
        }
        // A clean stop gave the file back its free pages: compacting it again frees next to nothing.
        // (On H2 only: the PostgreSQL leg of the suite keeps no file in the data directory.)
        Path file = dataDir.resolve("ledger.mv.db");
        if (java.nio.file.Files.exists(file)) {
            long stopped = size(file);
            H2Compaction.compact("jdbc:h2:file:" + dataDir.resolve("ledger"), "ledger", "");
            assertThat(stopped)
                    .as("the file as the ledger left it, against compacted once more")
                    .isLessThanOrEqualTo(size(file) * 11 / 10);
        }

        try (ConfigurableApplicationContext second = start()) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            // The five facts, and the register of states seeded once on the first start (not again on the second).
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class))
                    .isEqualTo(6);
            assertThat(jdbc.queryForObject(
                            "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                            Long.class,
                            eventId))
                    .isEqualTo(position);

            LedgerClient ledger = client(second);
            // The aggregates are rebuilt from the stored events: their rules see what was written before.
            LedgerClient.Response reopen = ledger.command("clerk", "OpenMission", """
                    {"sendingState": "RU", "receivingState": "US", "kind": "EMBASSY", "city": "Washington", "source": "x"}""");
            assertThat(reopen.json().path("rule").asText()).isEqualTo("mission-already-open");
            LedgerClient.Response beyondCeiling = ledger.command("clerk", "AccreditDiplomat", """
                    {"missionId": "RU-US-EMBASSY-WASHINGTON", "name": "Second Secretary", "category": "DIPLOMATIC", "source": "x"}""");
            assertThat(beyondCeiling.json().path("rule").asText()).isEqualTo("ceiling-exceeded");
            LedgerClient.Response talksAgain = ledger.command("clerk", "ScheduleTalks", """
                    {"talksId": "restart-talks", "parties": ["RU", "US"], "venue": {"city": "Istanbul", "country": "TR"},
                     "date": "2025-04-10", "scope": "embassy operations", "format": "DIPLOMATS_ONLY", "source": "x"}""");
            assertThat(talksAgain.json().path("rule").asText()).isEqualTo("talks-already-scheduled");
            JsonNode departed = ledger.accepted("RecordDeparture", """
                    {"missionId": "RU-US-EMBASSY-WASHINGTON", "personId": "anatoly-antonov", "source": "x"}""");
            assertThat(departed.path("events").get(0).path("sequenceNumber").asInt())
                    .isEqualTo(3);
            assertThat(departed.path("position").asLong()).isGreaterThan(position);
        }
    }
}
