package org.diplomaticledger.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * Checks a signed digest without the ledger: that the ledger's key signed exactly these fields. Plain Java (no Spring,
 * no database): {@code java -jar diplomatic-ledger.jar verify-digest digest.json --key ledger-key.pem}; exit code 0
 * when the signature holds, 1 when it does not, 2 when a file cannot be read.
 */
public final class DigestVerifier {

    private DigestVerifier() {}

    /** The command line: prints the verdict and answers the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 3 || !args[1].equals("--key")) {
            err.println("usage: java -jar diplomatic-ledger.jar verify-digest DIGEST.json --key PUBLIC-KEY.pem");
            return 2;
        }
        SignedDigest digest;
        PublicKey key;
        try {
            digest = read(Path.of(args[0]));
            key = readKey(Path.of(args[2]));
        } catch (NoSuchFileException e) {
            err.println("cannot read " + e.getFile() + ": no such file");
            return 2;
        } catch (IOException | IllegalArgumentException e) {
            err.println("cannot read: " + e.getMessage());
            return 2;
        }
        String verdict = verdict(digest, key);
        if (verdict != null) {
            err.println("INVALID: " + verdict);
            return 1;
        }
        out.println("VALID: signed by " + digest.keyId() + ": position " + digest.position() + ", hash " + digest.hash()
                + ", " + digest.events() + " events, legacy until " + digest.legacyUntil() + ", taken at "
                + digest.time());
        return 0;
    }

    /** Why the digest does not hold under {@code key}, or null when the key signed exactly these fields. */
    public static String verdict(SignedDigest digest, PublicKey key) {
        String keyId = SignedDigest.keyId(key);
        if (!keyId.equals(digest.keyId())) {
            return "the digest names key " + digest.keyId() + ", but the key given is " + keyId;
        }
        if (!ChainCodec.VERSION.equals(digest.chain()) || !ChainCodec.isHash(digest.hash())) {
            return "the digest is not one of chain " + ChainCodec.VERSION + " with a 64-digit hash";
        }
        if (!digest.verifies(key)) {
            return "the signature does not hold: the digest's fields were changed after signing, or another key signed it";
        }
        return null;
    }

    public static SignedDigest read(Path file) throws IOException {
        try {
            return new ObjectMapper()
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(file.toFile(), SignedDigest.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(
                    file + " is not a signed digest (JSON as GET /api/v1/audit/digest answers it)");
        } catch (java.io.FileNotFoundException e) {
            throw new NoSuchFileException(file.toString());
        }
    }

    public static PublicKey readKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        PublicKey key = SignedDigest.publicKey(pem);
        if (key == null) {
            throw new IllegalArgumentException(file + " holds no PUBLIC KEY block");
        }
        return key;
    }
}
