package org.diplomaticledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.diplomaticledger.shared.LedgerCommand;
import org.springframework.stereotype.Component;

/**
 * Reads NDJSON imports: one {@code {"command": "...", "payload": {...}}} per line, blank lines skipped. Every
 * malformed line is reported with its number, so a whole file can be fixed in one go.
 */
@Component
public class NdjsonCommands {

    public static final int MAX_LINES = 100_000;

    /** The commands of an import, each with the line it stood on. */
    public record Parsed(List<LedgerCommand> commands, List<Integer> lines) {}

    /** One thing wrong with one line of an import. */
    public record LineError(int line, String field, String message) {}

    /** Lines of an import that cannot become commands. */
    public static class InvalidLines extends RuntimeException {
        private final List<LineError> errors;

        public InvalidLines(List<LineError> errors) {
            super(errors.size() + " line(s) of the import are invalid; the first: line "
                    + errors.get(0).line()
                    + (errors.get(0).field() == null ? "" : ", " + errors.get(0).field()) + ": "
                    + errors.get(0).message());
            this.errors = List.copyOf(errors);
        }

        public List<LineError> errors() {
            return errors;
        }
    }

    private final CommandReader reader;
    private final ObjectMapper objectMapper;

    public NdjsonCommands(CommandReader reader, ObjectMapper objectMapper) {
        this.reader = reader;
        this.objectMapper = objectMapper;
    }

    public Parsed parse(byte[] body) {
        List<LedgerCommand> commands = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<LineError> problems = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8))) {
            String text;
            int number = 0;
            while ((text = in.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                if (lines.size() + problems.size() >= MAX_LINES) {
                    throw InvalidInput.of(null, "an import holds at most " + MAX_LINES + " commands");
                }
                try {
                    commands.add(line(text));
                    lines.add(number);
                } catch (InvalidInput invalid) {
                    for (InvalidInput.FieldError error : invalid.errors()) {
                        problems.add(new LineError(number, error.field(), error.message()));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (!problems.isEmpty()) {
            throw new InvalidLines(problems);
        }
        if (commands.isEmpty()) {
            throw InvalidInput.of(null, "the import holds no command: send one JSON object per line");
        }
        return new Parsed(commands, lines);
    }

    /** What a streamed scan of an import found: its lines (blank ones included), its commands, its errors. */
    public record Scan(int lines, int commands, List<LineError> errors, int errorCount) {}

    /** Takes each command of a streamed import with the number of the line it stood on. */
    @FunctionalInterface
    public interface CommandSink {
        void accept(int line, LedgerCommand command);
    }

    /**
     * Reads an import as a stream, line by line, never more than one line in memory: each command goes to
     * {@code sink} with its line number, each malformed line is counted and the first {@code maxErrors} of its errors
     * kept. A line longer than {@code maxLineBytes} is an error (and skipped), so that a body without line breaks
     * cannot fill the heap. Line numbers count every line, blank ones included, from 1.
     */
    public Scan scan(InputStream body, int maxLineBytes, int maxErrors, CommandSink sink) throws IOException {
        Lines lines = new Lines(body, maxLineBytes);
        List<LineError> problems = new ArrayList<>();
        int errorCount = 0;
        int commands = 0;
        int number = 0;
        while (lines.next()) {
            number++;
            if (lines.tooLong) {
                errorCount++;
                if (problems.size() < maxErrors) {
                    problems.add(new LineError(
                            number,
                            null,
                            "the line is longer than " + maxLineBytes + " bytes, the most one command may hold"));
                }
                continue;
            }
            if (lines.blank()) {
                continue;
            }
            LedgerCommand command;
            try {
                command = line(node(lines.buffer, lines.length));
            } catch (InvalidInput invalid) {
                errorCount++;
                for (InvalidInput.FieldError error : invalid.errors()) {
                    if (problems.size() < maxErrors) {
                        problems.add(new LineError(number, error.field(), error.message()));
                    }
                }
                continue;
            }
            commands++;
            sink.accept(number, command);
        }
        return new Scan(number, commands, problems, errorCount);
    }

    /**
     * The lines of a stream as bytes, one at a time, in a buffer reused from line to line. Written by hand because
     * {@code BufferedReader.readLine} has no bound on a line's length and makes a String of each (parsed again after).
     */
    private static final class Lines {
        private final InputStream in;
        private final int maxLineBytes;
        private final byte[] chunk = new byte[64 * 1024];
        private int chunkLength;
        private int chunkOffset;
        private boolean ended;
        byte[] buffer = new byte[1024];
        int length;
        boolean tooLong;

        Lines(InputStream in, int maxLineBytes) {
            this.in = in;
            this.maxLineBytes = maxLineBytes;
        }

        /** Reads the next line into {@link #buffer}; false at the end of the stream. */
        boolean next() throws IOException {
            length = 0;
            tooLong = false;
            boolean any = false;
            while (true) {
                if (chunkOffset >= chunkLength) {
                    if (ended) {
                        return any;
                    }
                    chunkLength = in.read(chunk);
                    chunkOffset = 0;
                    if (chunkLength < 0) {
                        chunkLength = 0;
                        ended = true;
                        return any;
                    }
                    continue;
                }
                any = true;
                int start = chunkOffset;
                int end = start;
                while (end < chunkLength && chunk[end] != '\n') {
                    end++;
                }
                append(start, end);
                if (end < chunkLength) {
                    chunkOffset = end + 1;
                    if (length > 0 && buffer[length - 1] == '\r') {
                        length--;
                    }
                    return true;
                }
                chunkOffset = chunkLength;
            }
        }

        private void append(int start, int end) {
            int n = end - start;
            if (tooLong || n == 0) {
                return;
            }
            if (length + n > maxLineBytes) {
                tooLong = true;
                length = 0;
                return;
            }
            if (length + n > buffer.length) {
                buffer = java.util.Arrays.copyOf(
                        buffer, Math.min(maxLineBytes, Math.max(buffer.length * 2, length + n)));
            }
            System.arraycopy(chunk, start, buffer, length, n);
            length += n;
        }

        boolean blank() {
            for (int i = 0; i < length; i++) {
                byte b = buffer[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }

    private JsonNode node(byte[] bytes, int length) {
        try {
            return objectMapper.readTree(bytes, 0, length);
        } catch (IOException e) {
            throw InvalidInput.of(null, "malformed JSON");
        }
    }

    private LedgerCommand line(String text) {
        JsonNode node;
        try {
            node = objectMapper.readTree(text);
        } catch (IOException e) {
            throw InvalidInput.of(null, "malformed JSON");
        }
        return line(node);
    }

    private LedgerCommand line(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw InvalidInput.of(null, "each line is a JSON object {\"command\": ..., \"payload\": {...}}");
        }
        JsonNode name = node.get("command");
        if (name == null || !name.isTextual()) {
            throw InvalidInput.of("command", "required: the command's name, e.g. \"OpenMission\"");
        }
        var fields = node.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!field.equals("command") && !field.equals("payload")) {
                throw InvalidInput.of(field, "unknown field; a line has only \"command\" and \"payload\"");
            }
        }
        JsonNode payload = node.get("payload");
        if (payload == null || !payload.isObject()) {
            throw InvalidInput.of("payload", "required: the command as a JSON object");
        }
        try {
            LedgerCommand command = reader.read(name.asText(), payload);
            if (command instanceof org.diplomaticledger.shared.AdminCommand) {
                throw InvalidInput.of(
                        "command",
                        name.asText() + " is ADMIN's, sent alone to POST /api/v1/commands/" + name.asText()
                                + "; an import cannot hold it");
            }
            return command;
        } catch (InvalidInput invalid) {
            if (invalid.unknownCommand()) {
                throw InvalidInput.of("command", invalid.getMessage());
            }
            List<InvalidInput.FieldError> errors = invalid.errors().stream()
                    .map(e -> new InvalidInput.FieldError(
                            e.field() == null ? "payload" : "payload." + e.field(), e.message()))
                    .toList();
            throw new InvalidInput(invalid.getMessage(), errors, false);
        }
    }
}
