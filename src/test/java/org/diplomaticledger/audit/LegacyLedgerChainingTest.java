package org.diplomaticledger.audit;

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

/**
 * A ledger whose events were stored before the chain existed (as V7 finds them: no links, the head at the start,
 * legacy_until at the last position) is chained when the application starts, and new events continue the chain.
 */
class LegacyLedgerChainingTest {

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

    @Test
    void eventsStoredBeforeTheChainAreChainedAtStartup() throws java.io.IOException {
        long last;
        Path witness;
        try (ConfigurableApplicationContext first = start()) {
            LedgerClient ledger = client(first);
            ledger.accepted("OpenMission", """
                    {"sendingState": "DE", "receivingState": "FR", "kind": "EMBASSY", "city": "Paris", "source": "x"}""");
            ledger.accepted("RecordStaffCount", """
                    {"sendingState": "DE", "receivingState": "FR", "headcount": 40, "source": "x"}""");
            last = ledger.accepted("ChangeRelationsLevel", """
                    {"stateA": "DE", "stateB": "FR", "level": "DOWNGRADED", "source": "x"}""").path("position").asLong();
            // Back to the state the migrations (V7, V12) leave an existing ledger in: no links, the head at the start,
            // the legacy boundary at the last position in both tables. Such a ledger has never published a digest.
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            jdbc.update("DELETE FROM audit_chain");
            jdbc.update(
                    "UPDATE audit_chain_head SET head_index = 0, link = ?, length = 0,"
                            + " legacy_until = (SELECT MAX(global_index) FROM domain_event_entry)",
                    ChainCodec.GENESIS);
            jdbc.update(
                    "UPDATE audit_chain_genesis SET legacy_until = (SELECT MAX(global_index) FROM domain_event_entry)");
            witness = first.getBean(ChainWitness.class).file();
        }
        java.nio.file.Files.deleteIfExists(witness);
        try (ConfigurableApplicationContext second = start()) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            // the seed of the register of states and the three facts
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain", Long.class))
                    .isEqualTo(4);
            LedgerClient ledger = client(second);
            JsonNode verdict = ledger.get("auditor", "/api/v1/audit/verify").json();
            assertThat(verdict.path("valid").asBoolean()).as(verdict.toString()).isTrue();
            assertThat(verdict.path("events").asLong()).isEqualTo(4);
            assertThat(verdict.path("position").asLong()).isEqualTo(last);

            long next =
                    ledger.accepted("RecordStaffCount", """
                    {"sendingState": "DE", "receivingState": "FR", "headcount": 41, "source": "x"}""").path("position").asLong();
            JsonNode after = ledger.get("auditor", "/api/v1/audit/verify").json();
            assertThat(after.path("valid").asBoolean()).as(after.toString()).isTrue();
            assertThat(after.path("events").asLong()).isEqualTo(5);
            assertThat(jdbc.queryForObject(
                            "SELECT prev_index FROM audit_chain WHERE global_index = ?", Long.class, next))
                    .isEqualTo(last);
        }
    }
}
