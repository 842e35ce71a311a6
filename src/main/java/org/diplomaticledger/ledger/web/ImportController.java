package org.diplomaticledger.ledger.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.diplomaticledger.ledger.CommandFailed;
import org.diplomaticledger.ledger.CommandReceipt;
import org.diplomaticledger.ledger.NdjsonCommands;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

import static org.diplomaticledger.ledger.IdempotencyStore.hash;

/**
 * {@code POST /api/v1/imports}: NDJSON, one {@code {"command": "...", "payload": {...}}} per line, applied all or
 * nothing. Every malformed line is reported, with its number, before anything is written.
 */
@RestController
@Tag(name = "Imports", description = "Many commands at once, as NDJSON, applied all or nothing")
class ImportController {

    static final String NDJSON = "application/x-ndjson";

    /** One imported command's answer, with the line it came from. */
    record ImportedLine(int line, CommandReceipt receipt) {
    }

    /** The answer to an import. */
    record ImportReceipt(int commands, int events, long position, String correlationId, List<ImportedLine> lines) {
    }

    private final NdjsonCommands ndjson;
    private final Writes writes;
    private final CommandMetrics metrics;

    ImportController(NdjsonCommands ndjson, Writes writes, CommandMetrics metrics) {
        this.ndjson = ndjson;
        this.writes = writes;
        this.metrics = metrics;
    }

    @Operation(operationId = "importCommands", summary = "Import commands as NDJSON, all or nothing",
            description = "One `{\"command\": \"OpenMission\", \"payload\": {...}}` per line (the payloads of "
                    + "POST /api/v1/commands/{CommandName}). Every line is checked first and every malformed one reported with its "
                    + "number; then all are applied in one go, or none if the ledger refuses one. Read the result with "
                    + "`?atLeast=` set to the answer's `position`.\n\nNeeds the role CLERK (HTTP Basic).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = NDJSON,
                    examples = @ExampleObject(name = "one-line", value = "{\"command\":\"OpenMission\",\"payload\":{\"sendingState\":\"RU\","
                            + "\"receivingState\":\"US\",\"kind\":\"CONSULATE_GENERAL\",\"city\":\"Chicago\",\"effectiveDate\":\"1992-01-01\","
                            + "\"source\":\"example\"}}\n"))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "Stored: per line, the command's receipt",
                            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportReceipt.class),
                                    examples = @ExampleObject(name = "imported", value = """
                                            {"commands":1,"events":1,"position":82,"correlationId":"99fc1135-816d-45af-8e5b-5bee6bac0a14",\
                                            "lines":[{"line":1,"receipt":{"command":"OpenMission","commandId":"259c5c3d-b1c9-4258-8c96-e6407aa5ed7b",\
                                            "aggregateId":"RU-US","ids":{"missionId":"RU-US-CONSULATE-GENERAL-CHICAGO","presenceId":"RU-US"},\
                                            "events":[{"eventId":"39d5b625-e00a-4960-92fc-af3e91f2bdc3","type":"MissionOpened","aggregateId":"RU-US",\
                                            "sequenceNumber":27,"position":82}],"position":82,"correlationId":"99fc1135-816d-45af-8e5b-5bee6bac0a14"}}]}"""))),
                    @ApiResponse(responseCode = "400", description = "Malformed lines, each with its number; nothing written",
                            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "invalid-import", value = """
                                    {"type":"urn:diplomatic-ledger:problem:invalid-import","title":"Invalid import","status":400,\
                                    "detail":"2 line(s) of the import are invalid; the first: line 1, payload.city: must not be blank",\
                                    "instance":"/api/v1/imports","errors":[{"line":1,"field":"payload.city","message":"must not be blank"},\
                                    {"line":2,"message":"malformed JSON"}],"line":1}"""))),
                    @ApiResponse(responseCode = "401", description = "No or wrong credentials", content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "403", description = "The user lacks the role CLERK", content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "409", description = "A line refused by a rule of the ledger, naming line and rule; nothing written",
                            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(name = "refused", value = """
                                    {"type":"urn:diplomatic-ledger:problem:mission-already-open","title":"Refused by rule mission-already-open",\
                                    "status":409,"detail":"line 1 (OpenMission): mission RU-US-CONSULATE-GENERAL-CHICAGO is already open since 1992-01-01; nothing of the import was written",\
                                    "instance":"/api/v1/imports","rule":"mission-already-open","field":"city","line":1,"command":"OpenMission"}""")))})
    @PostMapping(path = "/api/v1/imports", consumes = {NDJSON, "application/jsonl", MediaType.TEXT_PLAIN_VALUE},
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<String> importCommands(@RequestBody byte[] body,
                                          @Parameter(description = "A retry with the same key answers the first answer and writes nothing", example = "import-2025-04-10-1")
                                          @RequestHeader(name = Writes.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                          @Parameter(description = "Stored with every event the import writes", example = "batch-2025-04")
                                          @RequestHeader(name = Writes.CORRELATION_ID, required = false) String correlationId,
                                          @Parameter(hidden = true) Authentication user) {
        NdjsonCommands.Parsed parsed = ndjson.parse(body);
        try {
            ResponseEntity<String> answer = writes.write(parsed.commands(), user.getName(), correlationId, idempotencyKey,
                    hash("POST", "/api/v1/imports", body), receipts -> answer(parsed.lines(), receipts));
            if (!"true".equals(answer.getHeaders().getFirst(Writes.REPLAYED))) {
                metrics.imported(parsed.commands().size(), body.length);
            }
            return answer;
        } catch (CommandFailed failed) {
            throw new ImportLineFailed(parsed.lines().get(failed.index()), failed);
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
