package org.diplomaticledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.diplomaticledger.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Someone with database access edits a payload, deletes the chain and resets its head to the state V7 leaves a ledger
 * from before the chain in, hoping the ledger re-chains the edited rows itself at the next start. It must not: the
 * legacy boundary fixed by V12 exposes the reset, and where that was reset too, the digest the ledger last published
 * into its data directory does. Either way the ledger refuses to start and says why.
 */
class ChainResetTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                .profiles("test")
                .run("--ledger.data-dir=" + dataDir, "--server.port=0", "--ledger.audit.publish.interval=PT0.1S");
    }

    /** Three events, one of them edited, then the chain deleted and its head reset; the last position. */
    private long writeThenTamper(ConfigurableApplicationContext app, boolean alsoTheFixedBoundary) {
        LedgerClient ledger = new LedgerClient(
                ((WebServerApplicationContext) app).getWebServer().getPort());
        ledger.accepted("OpenMission", """
                {"sendingState": "CL", "receivingState": "PE", "kind": "EMBASSY", "city": "Lima", "source": "x"}""");
        long edited = ledger.accepted("RecordStaffCount", """
                {"sendingState": "CL", "receivingState": "PE", "headcount": 40, "source": "x"}""").path("position").asLong();
        long last =
                ledger.accepted("ChangeRelationsLevel", """
                {"stateA": "CL", "stateB": "PE", "level": "DOWNGRADED", "source": "x"}""").path("position").asLong();
        ChainWitness witness = app.getBean(ChainWitness.class);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> witness.last().map(SignedDigest::position).orElse(0L) == last);

        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        byte[] payload = jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE global_index = ?", byte[].class, edited);
        String forged = new String(payload, StandardCharsets.UTF_8).replace("40", "4000");
        jdbc.update(
                "UPDATE domain_event_entry SET payload = ? WHERE global_index = ?",
                forged.getBytes(StandardCharsets.UTF_8),
                edited);
        jdbc.update("DELETE FROM audit_chain");
        jdbc.update(
                "UPDATE audit_chain_head SET head_index = 0, link = ?, length = 0, legacy_until = ?",
                ChainCodec.GENESIS,
                last);
        if (alsoTheFixedBoundary) {
            jdbc.update("UPDATE audit_chain_genesis SET legacy_until = ?", last);
        }
        return last;
    }

    @Test
    void aResetChainIsNotChainedAgainAtStart() {
        long last;
        try (ConfigurableApplicationContext first = start()) {
            last = writeThenTamper(first, false);
        }
        assertThatThrownBy(this::start)
                .isInstanceOf(AuditChain.ChainTampered.class)
                .hasMessageContaining("legacy_until) is " + last + ", but it was fixed at 0")
                .hasMessageContaining("refuses to start");
    }

    @Test
    void aResetOfTheFixedBoundaryTooIsExposedByTheDigestTheLedgerPublished() {
        long last;
        try (ConfigurableApplicationContext first = start()) {
            last = writeThenTamper(first, true);
            // The publisher saw the reset chain while the ledger ran: it keeps the witness and verify reports it.
            ChainWitness witness = first.getBean(ChainWitness.class);
            LedgerClient ledger = new LedgerClient(
                    ((WebServerApplicationContext) first).getWebServer().getPort());
            JsonNode verdict = ledger.get("auditor", "/api/v1/audit/verify").json();
            assertThat(verdict.path("valid").asBoolean()).as(verdict.toString()).isFalse();
            assertThat(witness.last().orElseThrow().position()).isEqualTo(last);
        }
        assertThatThrownBy(this::start)
                .isInstanceOf(AuditChain.ChainTampered.class)
                .hasMessageContaining("the ledger lost events after position 0: its chain ends there with 0 events")
                .hasMessageContaining("(position " + last + ", " + last + " events, legacy until 0)")
                .hasMessageContaining("refuses to start");
    }
}
