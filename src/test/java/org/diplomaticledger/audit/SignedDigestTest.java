package org.diplomaticledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.diplomaticledger.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Digests signed by the ledger's key: generated into the data directory at the first start, or configured; checked
 * offline with the public key alone; published as the head moves (the log and the data directory here, Kafka in
 * KafkaRelayTest).
 */
@ExtendWith(OutputCaptureExtension.class)
class SignedDigestTest {

    @TempDir
    Path dir;

    private ConfigurableApplicationContext start(Path dataDir, String... more) {
        String[] args = new String[more.length + 4];
        args[0] = "--ledger.data-dir=" + dataDir;
        args[1] = "--server.port=0";
        args[2] = "--ledger.audit.publish.interval=PT0.1S";
        args[3] = "--logging.level.org.diplomaticledger.audit=INFO";
        System.arraycopy(more, 0, args, 4, more.length);
        return new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                .profiles("test")
                .run(args);
    }

    private static LedgerClient client(ConfigurableApplicationContext app) {
        return new LedgerClient(
                ((WebServerApplicationContext) app).getWebServer().getPort());
    }

    @Test
    void aKeyGeneratedAtTheFirstStartSignsDigestsThatVerifyOfflineAndAreLoggedAsTheHeadMoves(CapturedOutput output)
            throws Exception {
        Path dataDir = dir.resolve("generated");
        Path digestFile = dir.resolve("digest.json");
        Path publicKey = dataDir.resolve("audit/signing-key.pub.pem");
        String keyId;
        try (ConfigurableApplicationContext app = start(dataDir)) {
            LedgerClient ledger = client(app);
            long position = ledger.accepted("OpenMission", """
                    {"sendingState": "NZ", "receivingState": "AU", "kind": "EMBASSY", "city": "Canberra", "source": "x"}""").path("position").asLong();
            JsonNode digest = ledger.get("auditor", "/api/v1/audit/digest").json();
            JsonNode key = ledger.get("auditor", "/api/v1/audit/key").json();
            keyId = key.path("keyId").asText();
            assertThat(keyId).matches("ed25519:[0-9a-f]{16}");
            assertThat(digest.path("keyId").asText()).isEqualTo(keyId);
            assertThat(digest.path("algorithm").asText()).isEqualTo("Ed25519");
            assertThat(digest.path("position").asLong()).isEqualTo(position);
            assertThat(digest.path("legacyUntil").asLong()).isZero();
            assertThat(Files.readString(dataDir.resolve("audit/signing-key.pem")))
                    .contains("PRIVATE KEY")
                    .contains("PUBLIC KEY");
            assertThat(Files.readString(publicKey))
                    .isEqualTo(key.path("publicKey").asText())
                    .doesNotContain("PRIVATE");
            assertThat(ledger.get("analyst", "/api/v1/audit/key").status()).isEqualTo(403);
            Files.writeString(digestFile, digest.toString());

            // Published as the head moves: the log and the data directory.
            ChainWitness witness = app.getBean(ChainWitness.class);
            long next =
                    ledger.accepted("RecordStaffCount", """
                    {"sendingState": "NZ", "receivingState": "AU", "headcount": 9, "source": "x"}""").path("position").asLong();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> witness.last().map(SignedDigest::position).orElse(0L) == next);
            SignedDigest published = witness.last().orElseThrow();
            assertThat(published.verifies(DigestVerifier.readKey(publicKey))).isTrue();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> output.getOut()
                            .contains("Audit digest: {\"chain\":\"diplomatic-ledger/chain/v1\",\"position\":" + next
                                    + ","));
        }
        try (ConfigurableApplicationContext again = start(dataDir)) {
            assertThat(client(again)
                            .get("auditor", "/api/v1/audit/key")
                            .json()
                            .path("keyId")
                            .asText())
                    .as("the generated key is kept")
                    .isEqualTo(keyId);
        }

        assertThat(run(DigestVerifier::run, digestFile.toString(), "--key", publicKey.toString()))
                .startsWith("0 VALID: signed by " + keyId);
        ObjectNode edited = (ObjectNode) new ObjectMapper().readTree(digestFile.toFile());
        edited.put("position", edited.path("position").asLong() - 1);
        Path editedFile = dir.resolve("edited.json");
        Files.writeString(editedFile, edited.toString());
        assertThat(run(DigestVerifier::run, editedFile.toString(), "--key", publicKey.toString()))
                .startsWith("1 INVALID: the signature does not hold");
        Path otherKey = dir.resolve("other.pem");
        Files.writeString(
                otherKey,
                SignedDigest.pem(
                        "PUBLIC KEY",
                        KeyPairGenerator.getInstance("Ed25519")
                                .generateKeyPair()
                                .getPublic()
                                .getEncoded()));
        assertThat(run(DigestVerifier::run, digestFile.toString(), "--key", otherKey.toString()))
                .startsWith("1 INVALID: the digest names key " + keyId);
    }

    @Test
    void aConfiguredKeySignsAndAnExportVerifiesOfflineAgainstTheSignedDigest() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path privateKey = dir.resolve("ledger.pem");
        Path publicKey = dir.resolve("ledger.pub.pem");
        Files.writeString(
                privateKey, SignedDigest.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(
                publicKey, SignedDigest.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Path dataDir = dir.resolve("configured");

        assertThatThrownBy(() -> start(dataDir, "--ledger.audit.signing-key=" + privateKey))
                .hasStackTraceContaining("the public key of ledger.audit.signing-key is needed");

        try (ConfigurableApplicationContext app = start(
                dataDir,
                "--ledger.audit.signing-key=" + privateKey,
                "--ledger.audit.signing-public-key=" + publicKey)) {
            LedgerClient ledger = client(app);
            ledger.accepted("OpenMission", """
                    {"sendingState": "NZ", "receivingState": "FJ", "kind": "EMBASSY", "city": "Suva", "source": "x"}""");
            JsonNode digest = ledger.get("auditor", "/api/v1/audit/digest").json();
            assertThat(digest.path("keyId").asText()).isEqualTo(SignedDigest.keyId(pair.getPublic()));
            assertThat(Files.exists(dataDir.resolve("audit/signing-key.pem")))
                    .as("no key generated")
                    .isFalse();
            Path digestFile = dir.resolve("configured-digest.json");
            Files.writeString(digestFile, digest.toString());
            Path export = dir.resolve("ledger.ndjson");
            Files.writeString(
                    export,
                    ledger.getAccept("auditor", "/api/v1/audit/export", "application/x-ndjson")
                            .body());

            assertThat(run(
                            ExportVerifier::run,
                            export.toString(),
                            "--digest",
                            digestFile.toString(),
                            "--key",
                            publicKey.toString()))
                    .startsWith("0 VALID: ")
                    .contains("the kept digest at position "
                            + digest.path("position").asLong() + " matches")
                    .contains("signed by " + digest.path("keyId").asText());
            Path otherKey = dir.resolve("other.pem");
            Files.writeString(
                    otherKey,
                    SignedDigest.pem(
                            "PUBLIC KEY",
                            KeyPairGenerator.getInstance("Ed25519")
                                    .generateKeyPair()
                                    .getPublic()
                                    .getEncoded()));
            assertThat(run(
                            ExportVerifier::run,
                            export.toString(),
                            "--digest",
                            digestFile.toString(),
                            "--key",
                            otherKey.toString()))
                    .startsWith("1 INVALID: ");
        }
    }

    interface Command {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    /** The exit code, a space, and what the command printed. */
    private static String run(Command command, String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(printed, true, StandardCharsets.UTF_8);
        int code = command.run(args, stream, stream);
        return code + " " + printed.toString(StandardCharsets.UTF_8);
    }
}
