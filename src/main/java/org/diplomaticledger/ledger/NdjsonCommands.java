package org.diplomaticledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.diplomaticledger.shared.LedgerCommand;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads NDJSON imports: one {@code {"command": "...", "payload": {...}}} per line, blank lines skipped. Every
 * malformed line is reported with its number, so a whole file can be fixed in one go.
 */
@Component
public class NdjsonCommands {

    public static final int MAX_LINES = 100_000;

    /** The commands of an import, each with the line it stood on. */
    public record Parsed(List<LedgerCommand> commands, List<Integer> lines) {
    }

    /** One thing wrong with one line of an import. */
    public record LineError(int line, String field, String message) {
    }

    /** Lines of an import that cannot become commands. */
    public static class InvalidLines extends RuntimeException {
        private final List<LineError> errors;

        public InvalidLines(List<LineError> errors) {
            super(errors.size() + " line(s) of the import are invalid; the first: line " + errors.get(0).line()
                    + (errors.get(0).field() == null ? "" : ", " + errors.get(0).field()) + ": " + errors.get(0).message());
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
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8))) {
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

    private LedgerCommand line(String text) {
        JsonNode node;
        try {
            node = objectMapper.readTree(text);
        } catch (IOException e) {
            throw InvalidInput.of(null, "malformed JSON");
        }
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
            return reader.read(name.asText(), payload);
        } catch (InvalidInput invalid) {
            if (invalid.unknownCommand()) {
                throw InvalidInput.of("command", invalid.getMessage());
            }
            List<InvalidInput.FieldError> errors = invalid.errors().stream()
                    .map(e -> new InvalidInput.FieldError(e.field() == null ? "payload" : "payload." + e.field(), e.message()))
                    .toList();
            throw new InvalidInput(invalid.getMessage(), errors, false);
        }
    }
}
