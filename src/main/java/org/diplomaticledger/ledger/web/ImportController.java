package org.diplomaticledger.ledger.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.diplomaticledger.ledger.CommandFailed;
import org.diplomaticledger.ledger.CommandReader;
import org.diplomaticledger.ledger.CommandReceipt;
import org.diplomaticledger.ledger.InvalidInput;
import org.diplomaticledger.shared.LedgerCommand;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.diplomaticledger.ledger.IdempotencyStore.hash;

/**
 * {@code POST /api/v1/imports}: NDJSON, one {@code {"command": "...", "payload": {...}}} per line, applied all or
 * nothing. Every malformed line is reported, with its number, before anything is written.
 */
@RestController
class ImportController {

    static final String NDJSON = "application/x-ndjson";
    static final int MAX_LINES = 100_000;

    /** One imported command's answer, with the line it came from. */
    record ImportedLine(int line, CommandReceipt receipt) {
    }

    /** The answer to an import. */
    record ImportReceipt(int commands, int events, long position, String correlationId, List<ImportedLine> lines) {
    }

    private final CommandReader reader;
    private final Writes writes;
    private final ObjectMapper objectMapper;

    ImportController(CommandReader reader, Writes writes, ObjectMapper objectMapper) {
        this.reader = reader;
        this.writes = writes;
        this.objectMapper = objectMapper;
    }

    @PostMapping(path = "/api/v1/imports", consumes = {NDJSON, "application/jsonl", MediaType.TEXT_PLAIN_VALUE},
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<String> importCommands(@RequestBody byte[] body,
                                          @RequestHeader(name = Writes.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                          @RequestHeader(name = Writes.CORRELATION_ID, required = false) String correlationId,
                                          Authentication user) {
        Parsed parsed = parse(body);
        try {
            return writes.write(parsed.commands, user.getName(), correlationId, idempotencyKey,
                    hash("POST", "/api/v1/imports", body), receipts -> answer(parsed.lines, receipts));
        } catch (CommandFailed failed) {
            throw new ImportLineFailed(parsed.lines.get(failed.index()), failed);
        }
    }

    private record Parsed(List<LedgerCommand> commands, List<Integer> lines) {
    }

    private Parsed parse(byte[] body) {
        List<LedgerCommand> commands = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
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
                        problems.add(new ImportProblem(number, error.field(), error.message()));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (!problems.isEmpty()) {
            throw new InvalidImport(problems);
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

    private static ImportReceipt answer(List<Integer> lines, List<CommandReceipt> receipts) {
        List<ImportedLine> imported = new ArrayList<>(receipts.size());
        int events = 0;
        long position = -1;
        for (int i = 0; i < receipts.size(); i++) {
            imported.add(new ImportedLine(lines.get(i), receipts.get(i)));
            events += receipts.get(i).events().size();
            position = Math.max(position, receipts.get(i).position());
        }
        return new ImportReceipt(receipts.size(), events, position,
                receipts.isEmpty() ? null : receipts.get(0).correlationId(), imported);
    }

    /** One thing wrong with one line of an import. */
    record ImportProblem(int line, String field, String message) {
    }

    /** Lines of an import that cannot become commands. */
    static class InvalidImport extends RuntimeException {
        final List<ImportProblem> problems;

        InvalidImport(List<ImportProblem> problems) {
            super(problems.size() + " line(s) of the import are invalid; the first: line " + problems.get(0).line()
                    + (problems.get(0).field() == null ? "" : ", " + problems.get(0).field()) + ": " + problems.get(0).message());
            this.problems = problems;
        }
    }

    /** A command of an import that the ledger refused; nothing of the import was written. */
    static class ImportLineFailed extends RuntimeException {
        final int line;
        final CommandFailed failure;

        ImportLineFailed(int line, CommandFailed failure) {
            super("line " + line + " (" + failure.command() + "): " + failure.getMessage(), failure.getCause());
            this.line = line;
            this.failure = failure;
        }
    }
}
