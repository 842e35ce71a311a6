package org.diplomaticledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.diplomaticledger.shared.RetryAfter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code import FILE}: sends an NDJSON file of commands to a running ledger's {@code POST /api/v1/imports} in chunks of
 * {@code --chunk-size} lines, each all or nothing, with a progress bar. Resumable: after each chunk the ledger
 * acknowledged, a state file records the last line acknowledged (and a SHA-256 of the lines up to it); the same
 * command run again continues after it. A chunk whose answer was lost (the process stopped, the connection dropped)
 * is sent again under the same {@code Idempotency-Key} (made of the chunk's lines and content), which the ledger
 * answers with its first answer instead of writing it twice.
 */
@Command(name = "import", sortOptions = false,
        description = {"Imports an NDJSON file of commands ({\"command\": …, \"payload\": {…}} per line) into a running "
                + "ledger through POST /api/v1/imports, in resumable all-or-nothing chunks, with a progress bar (role CLERK).",
                "Run the same command again after an interruption or a refused chunk: it resumes after the last chunk "
                        + "the ledger acknowledged, and a chunk sent twice is not written twice (Idempotency-Key per chunk)."})
final class ImportCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    HelpOption help;

    private static final int MAX_CHUNK = 100_000;
    /** With --async: the ledger spools a chunk to disk and writes it in the background, so chunks may be larger. */
    private static final int MAX_ASYNC_CHUNK = 1_000_000;

    @ParentCommand
    LedgerCommandLine cli;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The NDJSON file (blank lines are skipped; lines are counted from 1, blank ones included)")
    Path file;

    @Mixin
    Connection connection;

    @Option(names = "--chunk-size", paramLabel = "LINES", defaultValue = "1000",
            description = "Lines per request, each written all or nothing (1 to 100,000; default 1000)")
    int chunkSize;

    @Option(names = "--state-file", paramLabel = "FILE",
            description = "Where the last acknowledged chunk is recorded (default FILE.import-state); deleted when the import is complete")
    Path stateFile;

    @Option(names = "--resume-from", paramLabel = "LINE",
            description = "Start at this line instead of where the state file says (a chunk's first line: 1, 1+LINES, 1+2×LINES…)")
    Long resumeFrom;

    @Option(names = "--key-prefix", paramLabel = "TEXT", defaultValue = "import",
            description = "Start of each chunk's Idempotency-Key (default import). The ledger keeps keys for ledger.idempotency.retention "
                    + "(7 days): within it the same file sent again is recognised and not written twice; another prefix writes it again")
    String keyPrefix;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "3",
            description = "Times a chunk is sent again after a network error or a 5xx answer, 1, 2, 4… s apart (default 3)")
    int retries;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar")
    boolean quiet;

    @Option(names = "--async", description = "Send each chunk with \"Prefer: respond-async\": the ledger answers 202 at once and "
            + "writes the chunk in the background; the progress bar follows its status (GET /api/v1/imports/{id}). Allows "
            + "--chunk-size up to 1,000,000 (each chunk is held in this process's memory while it is sent). A chunk of more "
            + "than 100,000 lines is answered 202 in any case; this command follows a 202 either way.")
    boolean async;

    /** What the state file holds. */
    record ImportState(int version, String file, int chunkSize, String keyPrefix, long acknowledgedThrough,
                       String linesSha256, long chunks, long commands, long written, long replayed, Long position) {
    }

    @Override
    public Integer call() throws Exception {
        if (chunkSize < 1 || chunkSize > (async ? MAX_ASYNC_CHUNK : MAX_CHUNK)) {
            throw badOption(async ? "--chunk-size must be from 1 to 1,000,000 with --async, not " + chunkSize
                    : "--chunk-size must be from 1 to 100,000 (up to 1,000,000 with --async), not " + chunkSize);
        }
        if (!keyPrefix.matches("[!-~]{1,120}")) {
            throw badOption("--key-prefix must be 1–120 visible ASCII characters without spaces");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw usage("cannot read " + file + ": " + (Files.exists(file) ? "not a readable file" : "no such file"));
        }
        Path state = stateFile != null ? stateFile : Path.of(file + ".import-state");
        long total = countLines();
        ImportState resumed = resumeFrom == null ? readState(state) : null;
        if (resumed != null) {
            adopt(resumed, state);
            if (resumed.acknowledgedThrough() > total) {
                throw usage(state + " records " + resumed.acknowledgedThrough() + " lines acknowledged, but " + file + " has "
                        + total + ": it belongs to another file. Delete it, or give this import another --state-file");
            }
        }
        long start = resumeFrom != null ? resumeFrom : resumed != null ? resumed.acknowledgedThrough() + 1 : 1;
        if (resumeFrom != null && (resumeFrom < 1 || resumeFrom > total + 1 || (resumeFrom - 1) % chunkSize != 0)) {
            throw badOption("--resume-from must be the first line of a chunk of " + chunkSize + " lines (1, " + (1 + chunkSize) + ", "
                    + (1 + 2L * chunkSize) + "…) within the file's " + total + " lines, so that a chunk sent again is the same request");
        }
        LedgerApi api = connection.api();
        if (resumed != null) {
            cli.err.printf(Locale.ROOT, "resuming at line %,d (%s)%n", start, state);
        } else if (start > 1) {
            cli.err.printf(Locale.ROOT, "starting at line %,d%n", start);
        }
        Progress progress = new Progress(cli.err, "lines", total, !quiet);
        progress.start(start - 1);
        Run run = new Run(api, state, progress, resumed);
        return run.send(start, total);
    }

    /** One import run: reads the file from the top (to check and hash what was sent before), sends from {@code start}. */
    private final class Run {
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

        Run(LedgerApi api, Path state, Progress progress, ImportState resumed) {
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
                throw usage(file + " is not UTF-8 text (line " + (lineNumber + 1) + ")");
            }
            if (lineNumber < start - 1 || lineNumber != total) {
                throw usage(file + " changed while it was read (" + total + " lines at first, " + lineNumber + " now)");
            }
            if (lineNumber == start - 1) {
                checkResumedPrefix(lines, start - 1);
            }
            if (chunk.size() > 0) {
                sendChunk(chunkFirst, lineNumber, chunk.toByteArray());
            }
            progress.finish(lineNumber, note());
            Files.deleteIfExists(state);
            cli.out.printf(Locale.ROOT, "imported %s: %,d lines in %,d chunks, %,d commands; %,d events written%s%s%n", file,
                    total, chunks, commands, written, position == null ? "" : ", last position " + position,
                    replayed == 0 ? "" : String.format(Locale.ROOT, "; %,d chunk%s already stored (sent again, not written twice)",
                            replayed, replayed == 1 ? " was" : "s were"));
            return 0;
        }

        private String note() {
            return String.format(Locale.ROOT, "%,d events", written) + (replayed > 0 ? String.format(Locale.ROOT, ", %,d chunk(s) replayed", replayed) : "");
        }

        private void checkResumedPrefix(MessageDigest lines, long through) {
            if (resumed != null && !hex(copyOf(lines).digest()).equals(resumed.linesSha256())) {
                throw usage("lines 1–" + through + " of " + file + " are not those the interrupted import sent (" + state
                        + "): the file was edited before that line. Delete the state file to send the file from the start "
                        + "(unchanged chunks already stored are recognised and not written twice), or use --resume-from");
            }
        }

        private void sendChunk(long first, long last, byte[] body) throws InterruptedException {
            String key = keyPrefix + "-" + first + "-" + last + "-" + hex(sha256().digest(body)).substring(0, 16);
            Map<String, String> headers = async ? Map.of("Idempotency-Key", key, "Prefer", "respond-async")
                    : Map.of("Idempotency-Key", key);
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
                cli.err.printf(Locale.ROOT, "lines %,d–%,d: %s; sending them again in %d s%n", first, last, failure, wait / 1000);
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
                long done = first - 1 + (state.equals("WRITING") ? status.path("linesWritten").asLong() : 0);
                progress.update(Math.max(first - 1, done), note() + String.format(Locale.ROOT, "; lines %,d–%,d %s: %,d validated, %,d written",
                        first, last, state.toLowerCase(Locale.ROOT), status.path("linesValidated").asLong(), status.path("linesWritten").asLong()));
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
                        throw interrupted(first, "the status of lines " + first + "–" + last + " (" + location + ") could not be read: "
                                + e.getMessage() + "; the ledger may still write them. Run the same command again: the chunk's"
                                + " Idempotency-Key finds the same import");
                    }
                }
            }
        }

        private CliFailure interrupted(long first, String why) {
            progress.breakLine();
            return new CliFailure(why + System.lineSeparator() + "Stopped before line " + first + "; run the same command again to resume there"
                    + (Files.exists(state) ? " (" + state + ")." : "."));
        }

        /** The ledger refused a chunk: its problem with the lines of the file (the ledger counts from the chunk's first). */
        private CliFailure refused(long first, long last, int status, String body) {
            progress.breakLine();
            StringBuilder message = new StringBuilder(String.format(Locale.ROOT, "lines %,d–%,d refused, nothing of them written: ", first, last));
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
                            message.append(System.lineSeparator()).append("  … ").append(errors.size() - 20).append(" more");
                            break;
                        }
                        message.append(System.lineSeparator()).append("  ");
                        if (error.has("line")) {
                            message.append("line ").append(first + error.path("line").asLong() - 1).append(": ");
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
                        message.append("line ").append(first + problem.path("line").asLong() - 1)
                                .append(problem.has("command") ? " (" + problem.path("command").asText() + ")" : "").append(": ");
                        // The ledger counts lines from the chunk's first: its own "line N (Command): " would mislead.
                        detail = detail.replaceFirst("^line \\d+( \\([^)]*\\))?: ", "");
                    }
                    message.append(detail);
                }
            }
            if (status == 413) {
                message.append(System.lineSeparator()).append("Send smaller chunks (--chunk-size).");
            }
            message.append(System.lineSeparator()).append(String.format(Locale.ROOT,
                    "Correct the file and run the same command again: it resumes at line %,d (%s).", first, state));
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
            ImportState now = new ImportState(1, file.toAbsolutePath().toString(), chunkSize, keyPrefix, through,
                    hex(copyOf(lines).digest()), chunks, commands, written, replayed, position);
            Path temporary = state.resolveSibling(state.getFileName() + ".tmp");
            try {
                LedgerApi.JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), now);
                Files.move(temporary, state, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw usage("cannot write the state file " + state + " (" + e.getMessage() + "): give another with --state-file");
            }
        }
    }

    /** The state an interrupted import left, or null; its chunk size and key prefix unless given otherwise. */
    private ImportState readState(Path state) {
        if (!Files.exists(state)) {
            return null;
        }
        try {
            return LedgerApi.JSON.readValue(state.toFile(), ImportState.class);
        } catch (IOException e) {
            throw usage("cannot read the state file " + state + " (" + e.getMessage() + "); delete it to start over");
        }
    }

    private void adopt(ImportState resumed, Path state) {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (given.hasMatchedOption("--chunk-size") && resumed.chunkSize() != chunkSize) {
            throw badOption("the interrupted import (" + state + ") sent chunks of " + resumed.chunkSize()
                    + " lines: resume with the same --chunk-size, so that a chunk sent again is the same request");
        }
        if (given.hasMatchedOption("--key-prefix") && !resumed.keyPrefix().equals(keyPrefix)) {
            throw badOption("the interrupted import (" + state + ") used --key-prefix " + resumed.keyPrefix() + ": resume with it");
        }
        chunkSize = resumed.chunkSize();
        keyPrefix = resumed.keyPrefix();
    }

    private long countLines() throws IOException {
        long count = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            while (reader.readLine() != null) {
                count++;
            }
        } catch (NoSuchFileException e) {
            throw usage("cannot read " + file + ": no such file");
        } catch (CharacterCodingException e) {
            throw usage(file + " is not UTF-8 text (line " + (count + 1) + ")");
        }
        return count;
    }

    /** An option's value that cannot be used: picocli's usage error. */
    private CommandLine.ParameterException badOption(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The user's input cannot be used (a file, a state file): exit 2, one line. */
    private static CliFailure usage(String message) {
        return CliFailure.usage(message);
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
