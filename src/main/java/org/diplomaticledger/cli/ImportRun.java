package org.diplomaticledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.diplomaticledger.shared.RetryAfter;

/**
 * One run of {@link ImportCommand}, once its options are checked and the line to start at is known: reads the file
 * from the top (to check and hash what was sent before), sends it from {@code start} in chunks to
 * {@code POST /api/v1/imports} (sending a chunk again after a network error or a 5xx answer, following one answered
 * 202), records each chunk acknowledged in the state file, and tells what was imported or why it stopped.
 */
final class ImportRun {

    /** The import's settings, as given or as the interrupted import used them. */
    record Settings(Path file, int chunkSize, String keyPrefix, int retries, boolean async) {}

    private final Path file;
    private final int chunkSize;
    private final String keyPrefix;
    private final int retries;
    private final boolean async;
    private final PrintStream out;
    private final PrintStream err;
    private final LedgerApi api;
    private final Path state;
    private final Progress progress;
    private final ImportState resumed;
    private long chunks;
    private long written;
    private long replayed;
    private long commands;
    private Long position;
    private long sentThisRun;

    ImportRun(
            Settings settings,
            PrintStream out,
            PrintStream err,
            LedgerApi api,
            Path state,
            Progress progress,
            ImportState resumed) {
        this.file = settings.file();
        this.chunkSize = settings.chunkSize();
        this.keyPrefix = settings.keyPrefix();
        this.retries = settings.retries();
        this.async = settings.async();
        this.out = out;
        this.err = err;
        this.api = api;
        this.state = state;
        this.progress = progress;
        this.resumed = resumed;
        if (resumed != null) {
            chunks = resumed.chunks();
            commands = resumed.commands();
            written = resumed.written();
            replayed = resumed.replayed();
            position = resumed.position();
        }
    }

    /** Sends lines {@code start} to {@code total} of the file and prints what was imported; the exit code, 0. */
    int send(long start, long total) throws IOException, InterruptedException {
        MessageDigest lines = sha256();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        long lineNumber = 0;
        long chunkFirst = start;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                if (lineNumber < start) {
                    lines.update(bytes);
                    continue;
                }
                if (lineNumber == start) {
                    checkResumedPrefix(lines, start - 1);
                    // Before the first request: a run stopped before its first answer (whose chunk the ledger may
                    // have stored) resumes with the same chunk size and keys.
                    saveState(start - 1, lines);
                }
                chunk.write(bytes);
                if (lineNumber - chunkFirst + 1 == chunkSize) {
                    sendChunk(chunkFirst, lineNumber, chunk.toByteArray());
                    lines.update(chunk.toByteArray());
                    saveState(lineNumber, lines);
                    chunk.reset();
                    chunkFirst = lineNumber + 1;
                    progress.update(lineNumber, note());
                }
            }
        } catch (CharacterCodingException e) {
            throw CliFailure.usage(file + " is not UTF-8 text (line " + (lineNumber + 1) + ")");
        }
        if (lineNumber < start - 1 || lineNumber != total) {
            throw CliFailure.usage(
                    file + " changed while it was read (" + total + " lines at first, " + lineNumber + " now)");
        }
        if (lineNumber == start - 1) {
            checkResumedPrefix(lines, start - 1);
        }
        if (chunk.size() > 0) {
            sendChunk(chunkFirst, lineNumber, chunk.toByteArray());
        }
        progress.finish(lineNumber, note());
        Files.deleteIfExists(state);
        out.printf(
                Locale.ROOT,
                "imported %s: %,d lines in %,d chunks, %,d commands; %,d events written%s%s%n",
                file,
                total,
                chunks,
                commands,
                written,
                position == null ? "" : ", last position " + position,
                replayed == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "; %,d chunk%s already stored (sent again, not written twice)",
                                replayed,
                                replayed == 1 ? " was" : "s were"));
        return 0;
    }

    private String note() {
        return String.format(Locale.ROOT, "%,d events", written)
                + (replayed > 0 ? String.format(Locale.ROOT, ", %,d chunk(s) replayed", replayed) : "");
    }

    private void checkResumedPrefix(MessageDigest lines, long through) {
        if (resumed != null && !hex(copyOf(lines).digest()).equals(resumed.linesSha256())) {
            throw CliFailure.usage(
                    "lines 1–" + through + " of " + file + " are not those the interrupted import sent (" + state
                            + "): the file was edited before that line. Delete the state file to send the file from the start "
                            + "(unchanged chunks already stored are recognised and not written twice), or use --resume-from");
        }
    }

    private void sendChunk(long first, long last, byte[] body) throws InterruptedException {
        String key = keyPrefix + "-" + first + "-" + last + "-"
                + hex(sha256().digest(body)).substring(0, 16);
        Map<String, String> headers =
                async ? Map.of("Idempotency-Key", key, "Prefer", "respond-async") : Map.of("Idempotency-Key", key);
        LedgerApi.Answer answer = null;
        for (int attempt = 0; ; attempt++) {
            String failure;
            try {
                answer = api.post("/api/v1/imports", "application/x-ndjson", body, headers, Duration.ofMinutes(30));
                if (answer.status() < 500) {
                    break;
                }
                failure = LedgerApi.refusal(answer.status(), answer.body());
            } catch (java.net.ConnectException e) {
                if (sentThisRun == 0 && resumed == null) {
                    // Nothing reached the ledger: a wrong --url, or a ledger that is not running. No state to keep.
                    forgetState();
                    throw interrupted(first, api.unreachable(e).getMessage());
                }
                if (attempt >= retries) {
                    throw interrupted(first, api.unreachable(e).getMessage());
                }
                failure = api.unreachable(e).getMessage();
            } catch (IOException e) {
                if (attempt >= retries) {
                    throw interrupted(first, api.unreachable(e).getMessage());
                }
                failure = api.unreachable(e).getMessage();
            }
            if (attempt >= retries) {
                throw interrupted(first, failure);
            }
            long wait = 1000L << Math.min(attempt, 5);
            progress.breakLine();
            err.printf(
                    Locale.ROOT, "lines %,d–%,d: %s; sending them again in %d s%n", first, last, failure, wait / 1000);
            Thread.sleep(wait);
        }
        sentThisRun++;
        if (!answer.ok()) {
            throw refused(first, last, answer.status(), answer.body());
        }
        JsonNode receipt = answer.json();
        if (answer.status() == 202) {
            receipt = follow(first, last, answer);
        }
        chunks++;
        commands += receipt.path("commands").asLong();
        if ("true".equalsIgnoreCase(answer.header("Idempotent-Replayed"))) {
            replayed++;
        } else {
            written += receipt.path("events").asLong();
        }
        if (receipt.hasNonNull("position")) {
            position = receipt.path("position").asLong();
        }
    }

    /**
     * Follows a chunk answered 202 through its status resource until it SUCCEEDED (its totals, as a synchronous
     * answer has them) or FAILED (refused, as a synchronous answer would be), showing its progress.
     */
    private JsonNode follow(long first, long last, LedgerApi.Answer accepted) throws InterruptedException {
        String location = accepted.header("Location");
        if (location == null) {
            location = "/api/v1/imports/" + accepted.json().path("id").asText();
        }
        JsonNode status = accepted.json();
        // The 202 and each status answer say when to ask again (Retry-After); 1 s when they do not.
        Duration wait = RetryAfter.of(accepted.header("Retry-After"), Duration.ofSeconds(1), java.time.Instant.now());
        int failures = 0;
        while (true) {
            String state = status.path("state").asText();
            if (state.equals("SUCCEEDED")) {
                com.fasterxml.jackson.databind.node.ObjectNode receipt = LedgerApi.JSON.createObjectNode();
                receipt.put("commands", status.path("commands").asLong());
                receipt.put("events", status.path("events").asLong());
                if (status.hasNonNull("lastPosition")) {
                    receipt.put("position", status.path("lastPosition").asLong());
                }
                return receipt;
            }
            if (state.equals("FAILED")) {
                JsonNode problem = status.path("problem");
                throw refused(first, last, problem.path("status").asInt(500), problem.toString());
            }
            long done = first
                    - 1
                    + (state.equals("WRITING") ? status.path("linesWritten").asLong() : 0);
            progress.update(
                    Math.max(first - 1, done),
                    note()
                            + String.format(
                                    Locale.ROOT,
                                    "; lines %,d–%,d %s: %,d validated, %,d written",
                                    first,
                                    last,
                                    state.toLowerCase(Locale.ROOT),
                                    status.path("linesValidated").asLong(),
                                    status.path("linesWritten").asLong()));
            Thread.sleep(wait.toMillis());
            try {
                LedgerApi.Answer answer = api.get(location);
                if (!answer.ok()) {
                    throw new IOException(LedgerApi.refusal(answer.status(), answer.body()));
                }
                status = answer.json();
                wait = RetryAfter.of(answer.header("Retry-After"), Duration.ofSeconds(1), java.time.Instant.now());
                failures = 0;
            } catch (IOException e) {
                if (++failures > retries) {
                    throw interrupted(
                            first,
                            "the status of lines " + first + "–" + last + " (" + location + ") could not be read: "
                                    + e.getMessage()
                                    + "; the ledger may still write them. Run the same command again: the chunk's"
                                    + " Idempotency-Key finds the same import");
                }
            }
        }
    }

    private CliFailure interrupted(long first, String why) {
        progress.breakLine();
        return new CliFailure(why + System.lineSeparator() + "Stopped before line " + first
                + "; run the same command again to resume there" + (Files.exists(state) ? " (" + state + ")." : "."));
    }

    /** The ledger refused a chunk: its problem with the lines of the file (the ledger counts from the chunk's first). */
    private CliFailure refused(long first, long last, int status, String body) {
        progress.breakLine();
        StringBuilder message = new StringBuilder(
                String.format(Locale.ROOT, "lines %,d–%,d refused, nothing of them written: ", first, last));
        JsonNode problem;
        try {
            problem = LedgerApi.JSON.readTree(body);
        } catch (IOException e) {
            problem = null;
        }
        if (problem == null || !problem.has("title")) {
            message.append(LedgerApi.refusal(status, body));
        } else {
            message.append(status).append(' ').append(problem.path("title").asText());
            JsonNode errors = problem.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                int shown = 0;
                for (JsonNode error : errors) {
                    if (shown++ == 20) {
                        message.append(System.lineSeparator())
                                .append("  … ")
                                .append(errors.size() - 20)
                                .append(" more");
                        break;
                    }
                    message.append(System.lineSeparator()).append("  ");
                    if (error.has("line")) {
                        message.append("line ")
                                .append(first + error.path("line").asLong() - 1)
                                .append(": ");
                    }
                    if (error.has("field")) {
                        message.append(error.path("field").asText()).append(": ");
                    }
                    message.append(error.path("message").asText());
                }
            } else {
                message.append(System.lineSeparator()).append("  ");
                String detail = problem.path("detail").asText("");
                if (problem.has("line")) {
                    message.append("line ")
                            .append(first + problem.path("line").asLong() - 1)
                            .append(
                                    problem.has("command")
                                            ? " (" + problem.path("command").asText() + ")"
                                            : "")
                            .append(": ");
                    // The ledger counts lines from the chunk's first: its own "line N (Command): " would mislead.
                    detail = detail.replaceFirst("^line \\d+( \\([^)]*\\))?: ", "");
                }
                message.append(detail);
            }
        }
        if (status == 413) {
            message.append(System.lineSeparator()).append("Send smaller chunks (--chunk-size).");
        }
        message.append(System.lineSeparator())
                .append(String.format(
                        Locale.ROOT,
                        "Correct the file and run the same command again: it resumes at line %,d (%s).",
                        first,
                        state));
        return new CliFailure(message.toString());
    }

    private void forgetState() {
        try {
            Files.deleteIfExists(state);
        } catch (IOException e) {
            // left behind: the next run reads it and resumes where it says, which is where this one started
        }
    }

    private void saveState(long through, MessageDigest lines) {
        new ImportState(
                        1,
                        file.toAbsolutePath().toString(),
                        chunkSize,
                        keyPrefix,
                        through,
                        hex(copyOf(lines).digest()),
                        chunks,
                        commands,
                        written,
                        replayed,
                        position)
                .write(state);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest copyOf(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
