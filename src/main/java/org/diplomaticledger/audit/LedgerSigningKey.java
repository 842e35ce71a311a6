package org.diplomaticledger.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The ledger's Ed25519 key, which signs the chain's digests (the JDK's own Ed25519: no library needed). Configured
 * with {@code ledger.audit.signing-key} (a PKCS#8 PEM file, with the public key in the same file or in
 * {@code ledger.audit.signing-public-key}); otherwise generated at the first start into
 * {@code ${ledger.data-dir}/audit/signing-key.pem} (both blocks, readable by the owner only), with the public key
 * alone in {@code signing-key.pub.pem} to hand to auditors.
 */
@Component
public class LedgerSigningKey {

    private static final Logger log = LoggerFactory.getLogger(LedgerSigningKey.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    LedgerSigningKey(AuditProperties properties, org.diplomaticledger.ledger.LedgerProperties ledger) {
        Path dataDir = ledger.dataDir();
        try {
            KeyPair pair =
                    properties.signingKey() != null ? configured(properties) : generated(dataDir.resolve("audit"));
            this.privateKey = pair.getPrivate();
            this.publicKey = pair.getPublic();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the ledger's signing key: " + e.getMessage(), e);
        }
        this.keyId = SignedDigest.keyId(publicKey);
        SignedDigest probe = sign(0, ChainCodec.GENESIS, 0, 0, Instant.EPOCH);
        if (!probe.verifies(publicKey)) {
            throw new IllegalStateException("ledger.audit.signing-key and its public key are not one pair");
        }
    }

    private static KeyPair configured(AuditProperties properties) throws IOException {
        String pem = Files.readString(properties.signingKey(), StandardCharsets.US_ASCII);
        PrivateKey key = SignedDigest.privateKey(pem);
        if (key == null) {
            throw new IllegalStateException(
                    "ledger.audit.signing-key (" + properties.signingKey() + ") holds no PRIVATE KEY block");
        }
        PublicKey publicKey = SignedDigest.publicKey(pem);
        if (publicKey == null && properties.signingPublicKey() != null) {
            publicKey =
                    SignedDigest.publicKey(Files.readString(properties.signingPublicKey(), StandardCharsets.US_ASCII));
        }
        if (publicKey == null) {
            throw new IllegalStateException(
                    "the public key of ledger.audit.signing-key is needed: add its PUBLIC KEY block to "
                            + properties.signingKey()
                            + " or name a file holding it in ledger.audit.signing-public-key");
        }
        return new KeyPair(publicKey, key);
    }

    private static KeyPair generated(Path dir) throws IOException {
        Path file = dir.resolve("signing-key.pem");
        if (Files.exists(file)) {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            return new KeyPair(SignedDigest.publicKey(pem), SignedDigest.privateKey(pem));
        }
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(SignedDigest.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no Ed25519", e);
        }
        Files.createDirectories(dir);
        Path temporary = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(
                        dir,
                        "signing-key",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, "signing-key", ".tmp");
        try {
            Files.writeString(
                    temporary,
                    SignedDigest.pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                            + SignedDigest.pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                    StandardCharsets.US_ASCII);
            // A link fails if the file exists: of nodes sharing a data directory and starting together, one key wins.
            Files.createLink(file, temporary);
        } catch (java.nio.file.FileAlreadyExistsException another) {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            return new KeyPair(SignedDigest.publicKey(pem), SignedDigest.privateKey(pem));
        } finally {
            Files.deleteIfExists(temporary);
        }
        Files.writeString(
                dir.resolve("signing-key.pub.pem"),
                SignedDigest.pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                StandardCharsets.US_ASCII);
        log.info(
                "Generated the ledger's signing key {} into {} (set ledger.audit.signing-key to use your own)",
                SignedDigest.keyId(pair.getPublic()),
                file);
        return pair;
    }

    public SignedDigest sign(long position, String hash, long events, long legacyUntil, Instant time) {
        return SignedDigest.sign(
                ChainCodec.VERSION, position, hash, events, legacyUntil, time.toString(), privateKey, publicKey);
    }

    public SignedDigest sign(AuditChain.Head head, Instant time) {
        return sign(head.position(), head.link(), head.length(), head.legacyUntil(), time);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    public String publicKeyPem() {
        return SignedDigest.pem("PUBLIC KEY", publicKey.getEncoded());
    }
}
