package org.diplomaticledger.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What this node last published of the chain: the signed digest in {@code ${ledger.data-dir}/audit/last-digest.json},
 * outside the database. A chain that is shorter than it, ends elsewhere at its position, or has another legacy
 * boundary was truncated, rewritten or reset after it was published: the ledger refuses to start on such a chain
 * ({@link AuditChain}), and verify reports it ({@link ChainVerifier}). A plain file, written whole and moved into
 * place, because it must live where the database's operators do not write.
 */
@Component
public class ChainWitness {

    private final Path file;
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    ChainWitness(org.diplomaticledger.ledger.LedgerProperties ledger) {
        this.file = ledger.dataDir().resolve("audit").resolve("last-digest.json");
    }

    public Path file() {
        return file;
    }

    /** The digest last published, if this node published one. */
    public Optional<SignedDigest> last() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), SignedDigest.class));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + file + " (the last digest this ledger published): " + e.getMessage(), e);
        }
    }

    void write(SignedDigest digest) {
        try {
            Files.createDirectories(file.getParent());
            // A temporary file of its own, moved into place whole: nodes sharing a data directory never read half a
            // file.
            Path temporary = Files.createTempFile(file.getParent(), "last-digest", ".tmp");
            try {
                json.writeValue(temporary.toFile(), digest);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
