package org.diplomaticledger.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code import FILE}: sends an NDJSON file of commands to a running ledger's {@code POST /api/v1/imports} in chunks of
 * {@code --chunk-size} lines, each all or nothing, with a progress bar. Resumable: after each chunk the ledger
 * acknowledged, a state file records the last line acknowledged (and a SHA-256 of the lines up to it); the same
 * command run again continues after it. A chunk whose answer was lost (the process stopped, the connection dropped)
 * is sent again under the same {@code Idempotency-Key} (made of the chunk's lines and content), which the ledger
 * answers with its first answer instead of writing it twice. This class checks the options and finds the line to start
 * at; {@link ImportRun} sends the file from there.
 */
@Command(
        name = "import",
        sortOptions = false,
        description = {
            "Imports an NDJSON file of commands ({\"command\": …, \"payload\": {…}} per line) into a running "
                    + "ledger through POST /api/v1/imports, in resumable all-or-nothing chunks, with a progress bar (role CLERK).",
            "Run the same command again after an interruption or a refused chunk: it resumes after the last chunk "
                    + "the ledger acknowledged, and a chunk sent twice is not written twice (Idempotency-Key per chunk)."
        })
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

    @Parameters(
            paramLabel = "FILE",
            description = "The NDJSON file (blank lines are skipped; lines are counted from 1, blank ones included)")
    Path file;

    @Mixin
    Connection connection;

    @Option(
            names = "--chunk-size",
            paramLabel = "LINES",
            defaultValue = "1000",
            description = "Lines per request, each written all or nothing (1 to 100,000; default 1000)")
    int chunkSize;

    @Option(
            names = "--state-file",
            paramLabel = "FILE",
            description =
                    "Where the last acknowledged chunk is recorded (default FILE.import-state); deleted when the import is complete")
    Path stateFile;

    @Option(
            names = "--resume-from",
            paramLabel = "LINE",
            description =
                    "Start at this line instead of where the state file says (a chunk's first line: 1, 1+LINES, 1+2×LINES…)")
    Long resumeFrom;

    @Option(
            names = "--key-prefix",
            paramLabel = "TEXT",
            defaultValue = "import",
            description =
                    "Start of each chunk's Idempotency-Key (default import). The ledger keeps keys for ledger.idempotency.retention "
                            + "(7 days): within it the same file sent again is recognised and not written twice; another prefix writes it again")
    String keyPrefix;

    @Option(
            names = "--retries",
            paramLabel = "N",
            defaultValue = "3",
            description =
                    "Times a chunk is sent again after a network error or a 5xx answer, 1, 2, 4… s apart (default 3)")
    int retries;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress bar")
    boolean quiet;

    @Option(
            names = "--async",
            description = "Send each chunk with \"Prefer: respond-async\": the ledger answers 202 at once and "
                    + "writes the chunk in the background; the progress bar follows its status (GET /api/v1/imports/{id}). Allows "
                    + "--chunk-size up to 1,000,000 (each chunk is held in this process's memory while it is sent). A chunk of more "
                    + "than 100,000 lines is answered 202 in any case; this command follows a 202 either way.")
    boolean async;

    @Override
    public Integer call() throws Exception {
        if (chunkSize < 1 || chunkSize > (async ? MAX_ASYNC_CHUNK : MAX_CHUNK)) {
            throw badOption(
                    async
                            ? "--chunk-size must be from 1 to 1,000,000 with --async, not " + chunkSize
                            : "--chunk-size must be from 1 to 100,000 (up to 1,000,000 with --async), not "
                                    + chunkSize);
        }
        if (!keyPrefix.matches("[!-~]{1,120}")) {
            throw badOption("--key-prefix must be 1–120 visible ASCII characters without spaces");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw usage("cannot read " + file + ": " + (Files.exists(file) ? "not a readable file" : "no such file"));
        }
        Path state = stateFile != null ? stateFile : Path.of(file + ".import-state");
        long total = countLines();
        ImportState resumed = resumeFrom == null ? ImportState.read(state) : null;
        if (resumed != null) {
            adopt(resumed, state);
            if (resumed.acknowledgedThrough() > total) {
                throw usage(state + " records " + resumed.acknowledgedThrough() + " lines acknowledged, but " + file
                        + " has " + total
                        + ": it belongs to another file. Delete it, or give this import another --state-file");
            }
        }
        long start = resumeFrom != null ? resumeFrom : resumed != null ? resumed.acknowledgedThrough() + 1 : 1;
        if (resumeFrom != null && (resumeFrom < 1 || resumeFrom > total + 1 || (resumeFrom - 1) % chunkSize != 0)) {
            throw badOption("--resume-from must be the first line of a chunk of " + chunkSize + " lines (1, "
                    + (1 + chunkSize) + ", " + (1 + 2L * chunkSize) + "…) within the file's " + total
                    + " lines, so that a chunk sent again is the same request");
        }
        LedgerApi api = connection.api();
        if (resumed != null) {
            cli.err.printf(Locale.ROOT, "resuming at line %,d (%s)%n", start, state);
        } else if (start > 1) {
            cli.err.printf(Locale.ROOT, "starting at line %,d%n", start);
        }
        Progress progress = new Progress(cli.err, "lines", total, !quiet);
        progress.start(start - 1);
        ImportRun.Settings settings = new ImportRun.Settings(file, chunkSize, keyPrefix, retries, async);
        return new ImportRun(settings, cli.out, cli.err, api, state, progress, resumed).send(start, total);
    }

    /** Resumes with the interrupted import's chunk size and key prefix; others given on the command line are refused. */
    private void adopt(ImportState resumed, Path state) {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (given.hasMatchedOption("--chunk-size") && resumed.chunkSize() != chunkSize) {
            throw badOption("the interrupted import (" + state + ") sent chunks of " + resumed.chunkSize()
                    + " lines: resume with the same --chunk-size, so that a chunk sent again is the same request");
        }
        if (given.hasMatchedOption("--key-prefix") && !resumed.keyPrefix().equals(keyPrefix)) {
            throw badOption("the interrupted import (" + state + ") used --key-prefix " + resumed.keyPrefix()
                    + ": resume with it");
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
}
