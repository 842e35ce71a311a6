package org.diplomaticledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.diplomaticledger.audit.ExportVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code export [-o FILE] [--from N] [--to N] [--verify]}: downloads the audit export of a running ledger
 * ({@code GET /api/v1/audit/export}, docs/audit.md) byte for byte, with a progress bar by position (the header line
 * names the range), into a file (written beside it and moved into place only once complete) or to standard output.
 */
@Command(
        name = "export",
        sortOptions = false,
        description = {
            "Downloads the audit export (NDJSON: header, one line per event, closing digest) of a running ledger "
                    + "through GET /api/v1/audit/export, with a progress bar; --verify checks the file offline afterwards (role AUDITOR or ADMIN)."
        })
final class ExportCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    HelpOption help;

    @ParentCommand
    LedgerCommandLine cli;

    @Mixin
    Connection connection;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Where to write it (default: standard output)")
    Path output;

    @Option(names = "--from", paramLabel = "POSITION", description = "First position (default: the first event)")
    Long from;

    @Option(names = "--to", paramLabel = "POSITION", description = "Last position (default: the chain's head)")
    Long to;

    @Option(names = "--verify", description = "Then check the file as verify-export does (needs --output)")
    boolean verify;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress bar")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (verify && output == null) {
            throw CliFailure.usage("--verify checks a file: give it with --output FILE");
        }
        LedgerApi api = connection.api();
        StringBuilder path = new StringBuilder("/api/v1/audit/export");
        if (from != null || to != null) {
            path.append('?');
            if (from != null) {
                path.append("from=").append(from).append(to != null ? "&" : "");
            }
            if (to != null) {
                path.append("to=").append(to);
            }
        }
        HttpResponse<InputStream> response;
        try {
            response = api.open(path.toString(), Map.of("Accept", "application/x-ndjson"));
        } catch (IOException e) {
            throw api.unreachable(e);
        }
        if (response.statusCode() != 200) {
            throw new CliFailure(LedgerApi.refusal(response.statusCode(), response.body()));
        }
        Path partial = output == null ? null : output.resolveSibling(output.getFileName() + ".part");
        long events;
        try (InputStream body = response.body();
                OutputStream target = partial == null ? unclosed(cli.out) : Files.newOutputStream(partial)) {
            events = copy(body, target);
        } catch (IOException e) {
            if (partial != null) {
                Files.deleteIfExists(partial);
            }
            throw new CliFailure("the export broke off: " + e.getMessage());
        }
        if (output == null) {
            cli.out.flush();
            return 0;
        }
        Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
        cli.err.printf(Locale.ROOT, "exported %,d events to %s%n", events, output);
        if (!verify) {
            return 0;
        }
        ExportVerifier.Outcome outcome = ExportVerifier.verify(output);
        (outcome.valid() ? cli.out : cli.err).println((outcome.valid() ? "VALID: " : "INVALID: ") + outcome.message());
        return outcome.valid() ? 0 : 1;
    }

    /** Copies the export line by line as its bytes came; the events copied. Fails if the closing digest never came. */
    private long copy(InputStream body, OutputStream target) throws IOException {
        Progress progress = new Progress(cli.err, "positions", 0, !quiet);
        ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
        long first = 0;
        long events = 0;
        long done = 0;
        String lastKind = null;
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = body.read(buffer)) >= 0; ) {
            int lineStart = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] != '\n') {
                    continue;
                }
                line.write(buffer, lineStart, i + 1 - lineStart);
                lineStart = i + 1;
                line.writeTo(target);
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (text.startsWith("{\"kind\":\"event\"")) {
                    events++;
                    long position = position(text);
                    done = position >= first ? position - first + 1 : done + 1;
                    progress.update(done, String.format(Locale.ROOT, "%,d events", events));
                    lastKind = "event";
                } else if (!text.isBlank()) {
                    JsonNode parsed = LedgerApi.JSON.readTree(text);
                    lastKind = parsed.path("kind").asText();
                    if (lastKind.equals("header")) {
                        first = parsed.path("from").asLong();
                        progress.total(Math.max(0, parsed.path("to").asLong() - first + 1));
                        progress.start(0);
                    }
                }
            }
            line.write(buffer, lineStart, n - lineStart);
        }
        if (line.size() > 0) {
            line.writeTo(target);
        }
        if (!"digest".equals(lastKind)) {
            throw new IOException("no closing digest line after " + events + " events (the connection dropped?)");
        }
        progress.finish(done, String.format(Locale.ROOT, "%,d events", events));
        return events;
    }

    /** Standard output, flushed but left open when the export is done. */
    private static OutputStream unclosed(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static long position(String eventLine) {
        int at = eventLine.indexOf("\"position\":");
        if (at < 0) {
            return -1;
        }
        int start = at + "\"position\":".length();
        int end = start;
        while (end < eventLine.length() && Character.isDigit(eventLine.charAt(end))) {
            end++;
        }
        return end > start ? Long.parseLong(eventLine.substring(start, end)) : -1;
    }
}
