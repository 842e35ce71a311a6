package org.diplomaticledger.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tail}: follows a running ledger's stream ({@code GET /api/v1/stream}, docs/stream.md) and prints each event's
 * CloudEvent as one line of NDJSON on standard output. With {@code --state-file} it keeps the id (ledger position) of
 * the last event printed, and the next run resumes after it ({@code Last-Event-ID}); a dropped stream is resumed the
 * same way. The id is written once no more events wait, at most once a second while they pour in, and when the
 * command stops (also on Ctrl-C or a TERM signal), so only a crash (a KILL) may print again the events of its last
 * second: consumers de-duplicate on the CloudEvent's {@code id}.
 */
@Command(
        name = "tail",
        sortOptions = false,
        description = {
            "Follows a running ledger's event stream (GET /api/v1/stream) and prints each event as a CloudEvent, one "
                    + "JSON line each; resumes after the id kept in --state-file (role INTEGRATOR or ADMIN)."
        })
final class TailCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    HelpOption help;

    private static final long SAVE_EVERY_NANOS = 1_000_000_000L;
    private static final int MAX_RECONNECTS = 10;

    @ParentCommand
    LedgerCommandLine cli;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(
            names = "--state-file",
            paramLabel = "FILE",
            description = "Keeps the last event's id here, and resumes after it")
    Path stateFile;

    @Option(
            names = "--after",
            paramLabel = "POSITION",
            description = "Start after this position (instead of the state file's id; default: the first event)")
    Long after;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            split = ",",
            description =
                    "Only these event types (names or CloudEvents types), e.g. DiplomatExpelled,StaffCeilingImposed")
    List<String> types = new ArrayList<>();

    @Option(
            names = "--state",
            paramLabel = "CODE",
            description = "Only events where this state is a party (alpha-2 or alpha-3)")
    String state;

    @Option(
            names = "--aggregate",
            paramLabel = "ID",
            description = "Only events of this aggregate (the CloudEvent's subject), e.g. RU-US")
    String aggregate;

    @Option(
            names = {"-n", "--count"},
            paramLabel = "N",
            description = "Stop after N events (default: follow until stopped)")
    Long count;

    private volatile String lastId;
    /** Set on Ctrl-C: nothing is printed after the id is saved, so the id saved is the last event printed. */
    private boolean stopping;

    private String savedId;
    private long lastSave;

    @Override
    public Integer call() throws Exception {
        if (count != null && count < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be at least 1");
        }
        lastId = after != null ? after.toString() : readState();
        savedId = lastId;
        LedgerApi api = connection.api();
        Thread saveOnExit = new Thread(this::saveQuietly, "tail-save-id");
        Runtime.getRuntime().addShutdownHook(saveOnExit);
        try {
            return follow(api);
        } finally {
            save();
            try {
                Runtime.getRuntime().removeShutdownHook(saveOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs (or ran) and saves the same id
            }
        }
    }

    private int follow(LedgerApi api) throws InterruptedException, IOException {
        long printed = 0;
        int failures = 0;
        while (true) {
            HttpResponse<InputStream> response;
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", "text/event-stream");
            if (lastId != null) {
                headers.put("Last-Event-ID", lastId);
            }
            try {
                response = api.open(path(), headers);
            } catch (IOException e) {
                if (printed == 0 && failures == 0) {
                    throw api.unreachable(e);
                }
                response = null;
            }
            if (response != null && response.statusCode() == 503) {
                // too many streams open (or the ledger is stopping): read the answer to its end and try again below
                cli.err.println(LedgerApi.refusal(503, response.body()));
                response = null;
            } else if (response != null && response.statusCode() != 200) {
                throw new CliFailure(LedgerApi.refusal(response.statusCode(), response.body()));
            }
            if (response != null) {
                try (BufferedReader reader =
                        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String id = null;
                    StringBuilder data = null;
                    for (String line; (line = reader.readLine()) != null; ) {
                        if (line.isEmpty()) {
                            synchronized (this) {
                                if (stopping) {
                                    return 130;
                                }
                                if (data != null) {
                                    cli.out.println(data);
                                    cli.out.flush();
                                    printed++;
                                    failures = 0;
                                }
                                if (id != null) {
                                    lastId = id;
                                }
                            }
                            if (count != null && printed >= count) {
                                return 0;
                            }
                            // Kept at most once a second while events pour in, and as soon as none wait (caught up).
                            if (System.nanoTime() - lastSave >= SAVE_EVERY_NANOS || !reader.ready()) {
                                save();
                            }
                            id = null;
                            data = null;
                        } else if (line.startsWith(":")) {
                            if (line.startsWith(": stream ended")) {
                                cli.err.println(line.substring(1).strip());
                            }
                        } else if (line.startsWith("id:")) {
                            id = field(line, "id:");
                        } else if (line.startsWith("data:")) {
                            data = data == null
                                    ? new StringBuilder(field(line, "data:"))
                                    : data.append('\n').append(field(line, "data:"));
                        }
                    }
                } catch (IOException e) {
                    // the connection dropped: resume below
                }
            }
            save();
            if (++failures > MAX_RECONNECTS) {
                throw new CliFailure(
                        "the stream at " + api.base() + " dropped " + MAX_RECONNECTS + " times in a row; the last id, "
                                + lastId + ", is kept" + (stateFile == null ? "" : " in " + stateFile));
            }
            long wait = Math.min(30_000L, 500L << Math.min(failures, 6));
            cli.err.println("the stream ended; resuming after " + (lastId == null ? "the start" : "id " + lastId)
                    + " in " + wait / 1000.0 + " s");
            Thread.sleep(wait);
        }
    }

    private String path() {
        List<String> query = new ArrayList<>();
        if (!types.isEmpty()) {
            query.add("type=" + encode(String.join(",", types)));
        }
        if (state != null) {
            query.add("state=" + encode(state));
        }
        if (aggregate != null) {
            query.add("aggregate=" + encode(aggregate));
        }
        return "/api/v1/stream" + (query.isEmpty() ? "" : "?" + String.join("&", query));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String field(String line, String name) {
        String value = line.substring(name.length());
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    private String readState() throws IOException {
        if (stateFile == null || !Files.exists(stateFile)) {
            return null;
        }
        String id = Files.readString(stateFile, StandardCharsets.US_ASCII).strip();
        if (!id.matches("\\d{1,19}")) {
            throw CliFailure.usage(stateFile
                    + " does not hold a stream id (a ledger position); delete it to start from the first event");
        }
        return id;
    }

    /** Writes the last id, if it moved, replacing the file whole (a reader never sees half an id). */
    private synchronized void save() {
        lastSave = System.nanoTime();
        String id = lastId;
        if (stateFile == null || id == null || id.equals(savedId)) {
            return;
        }
        Path temporary = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, id + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw CliFailure.usage("cannot keep the last id " + id + " in " + stateFile + ": " + e.getMessage());
        }
        savedId = id;
    }

    private synchronized void saveQuietly() {
        stopping = true;
        try {
            cli.out.flush();
            save();
        } catch (CliFailure e) {
            cli.err.println("tail: " + e.getMessage());
        }
    }
}
