package org.diplomaticledger.ledger.web;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.diplomaticledger.ledger.IdempotencyStore;
import org.diplomaticledger.ledger.LedgerProperties;
import org.diplomaticledger.ledger.NdjsonCommands;
import org.diplomaticledger.shared.LedgerCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The imports' bodies on disk, under {@code ledger.data-dir/imports}: written as they arrive (never whole in memory),
 * read back by the passes of {@link ImportJobs}, deleted once the import ended. What a former run of the node left
 * there belongs to an import that died with it: {@link #discardLeftovers} deletes it at startup.
 */
@Component
class ImportSpools {

    private static final Logger log = LoggerFactory.getLogger(ImportSpools.class);

    /** A body spooled to disk: where, its size, its lines (blank ones included) and its request hash. */
    record Spool(Path file, long bytes, long lines, String requestHash) {
        void delete() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete the import spool file {}: {}", file, e.toString());
            }
        }
    }

    /** The body passed {@code limit} bytes while it was spooled; what was spooled is deleted. */
    static final class BodyTooLarge extends RuntimeException {
        final long limit;

        BodyTooLarge(long limit) {
            super("the body is larger than " + limit + " bytes");
            this.limit = limit;
        }
    }

    private final NdjsonCommands ndjson;
    private final Path spoolDir;
    private final int maxLineBytes;

    ImportSpools(NdjsonCommands ndjson, LedgerProperties properties) {
        this.ndjson = ndjson;
        this.spoolDir = properties.dataDir().resolve("imports");
        this.maxLineBytes = (int) Math.min(
                Integer.MAX_VALUE - 16, properties.limits().commandBody().toBytes());
    }

    /** The longest line an import may hold, in bytes (a command's body limit). */
    int maxLineBytes() {
        return maxLineBytes;
    }

    /** Deletes the spool files a former run left (nothing runs on this node yet). */
    void discardLeftovers() {
        try {
            Files.createDirectories(spoolDir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(spoolDir, "*.ndjson")) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the import spool directory " + spoolDir, e);
        }
    }

    /** Opens a spooled body for a pass over it. */
    static InputStream open(Spool spool) throws IOException {
        return new BufferedInputStream(Files.newInputStream(spool.file()), 64 * 1024);
    }

    /**
     * Copies the body to a spool file as it arrives, counting its lines and hashing it as the Idempotency-Key
     * records hash requests ({@link IdempotencyStore#hash}). Memory: one 64 KB buffer.
     */
    Spool spool(InputStream body, long limit) throws IOException {
        Files.createDirectories(spoolDir);
        Path file = Files.createTempFile(spoolDir, "import-", ".ndjson");
        MessageDigest digest = sha256();
        digest.update(("POST " + ImportJobs.PATH + "\n").getBytes(StandardCharsets.UTF_8));
        long bytes = 0;
        long lines = 0;
        boolean open = false;
        boolean done = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = body.read(buffer)) >= 0; ) {
                bytes += read;
                if (bytes > limit) {
                    throw new BodyTooLarge(limit);
                }
                digest.update(buffer, 0, read);
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                        open = false;
                    } else {
                        open = true;
                    }
                }
                out.write(buffer, 0, read);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
        return new Spool(file, bytes, lines + (open ? 1 : 0), HexFormat.of().formatHex(digest.digest()));
    }

    /** Reads a small spooled import whole (as the synchronous path always did): its commands, or its errors. */
    NdjsonCommands.Parsed readAll(Spool spool) throws IOException {
        List<LedgerCommand> commands = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        NdjsonCommands.Scan scan;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(spool.file()), 64 * 1024)) {
            scan = ndjson.scan(in, maxLineBytes, Integer.MAX_VALUE, (line, command) -> {
                commands.add(command);
                lines.add(line);
            });
        }
        if (scan.errorCount() > 0) {
            throw new NdjsonCommands.InvalidLines(scan.errors());
        }
        if (commands.isEmpty()) {
            throw org.diplomaticledger.ledger.InvalidInput.of(
                    null, "the import holds no command: send one JSON object per line");
        }
        return new NdjsonCommands.Parsed(commands, lines);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
