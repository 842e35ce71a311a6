package org.diplomaticledger.ledger.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.diplomaticledger.ledger.CommandFailed;
import org.diplomaticledger.ledger.CommandReceipt;
import org.diplomaticledger.ledger.LedgerProperties;
import org.diplomaticledger.ledger.NdjsonCommands;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/imports}: NDJSON, one {@code {"command": "...", "payload": {...}}} per line, applied all or
 * nothing. Every malformed line is reported, with its number, before anything is written.
 */
@RestController
@Tag(name = "Imports", description = "Many commands at once, as NDJSON, applied all or nothing")
class ImportController {

    static final String NDJSON = "application/x-ndjson";

    /** One imported command's answer, with the line it came from. */
    record ImportedLine(int line, CommandReceipt receipt) {}

    /** The answer to an import. */
    record ImportReceipt(int commands, int events, long position, String correlationId, List<ImportedLine> lines) {}

    private final ImportJobs jobs;
    private final ImportSpools spools;
    private final Writes writes;
    private final CommandMetrics metrics;
    private final long syncBody;
    private final long asyncBody;
    private final long syncMaxLines;

    ImportController(
            ImportJobs jobs, ImportSpools spools, Writes writes, CommandMetrics metrics, LedgerProperties properties) {
        this.jobs = jobs;
        this.spools = spools;
        this.writes = writes;
        this.metrics = metrics;
        this.syncBody = properties.limits().importBody().toBytes();
        this.asyncBody = properties.imports().asyncBody().toBytes();
        this.syncMaxLines = properties.imports().syncMaxLines();
    }

    @Operation(
            operationId = "importCommands",
            summary = "Import commands as NDJSON, all or nothing",
            description = "One `{\"command\": \"OpenMission\", \"payload\": {...}}` per line (the payloads of "
                    + "POST /api/v1/commands/{CommandName}). Every line is checked first and every malformed one reported with its "
                    + "number; then all are applied in one go, or none if the ledger refuses one. Read the result with "
                    + "`?atLeast=` set to the answer's `position`.\n\nNeeds the role CLERK (HTTP Basic).",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = NDJSON,
                                            examples =
                                                    @ExampleObject(
                                                            name = "one-line",
                                                            value =
                                                                    "{\"command\":\"OpenMission\",\"payload\":{\"sendingState\":\"RU\","
                                                                            + "\"receivingState\":\"US\",\"kind\":\"CONSULATE_GENERAL\",\"city\":\"Chicago\",\"effectiveDate\":\"1992-01-01\","
                                                                            + "\"source\":\"example\"}}\n"))),
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "Stored: per line, the command's receipt",
                        content =
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = ImportReceipt.class),
                                        examples = @ExampleObject(name = "imported", value = """
                                            {"commands":1,"events":1,"position":82,"correlationId":"99fc1135-816d-45af-8e5b-5bee6bac0a14",\
                                            "lines":[{"line":1,"receipt":{"command":"OpenMission","commandId":"259c5c3d-b1c9-4258-8c96-e6407aa5ed7b",\
                                            "aggregateId":"RU-US","ids":{"missionId":"RU-US-CONSULATE-GENERAL-CHICAGO","presenceId":"RU-US"},\
                                            "events":[{"eventId":"39d5b625-e00a-4960-92fc-af3e91f2bdc3","type":"MissionOpened","aggregateId":"RU-US",\
                                            "sequenceNumber":27,"position":82}],"position":82,"correlationId":"99fc1135-816d-45af-8e5b-5bee6bac0a14"}}]}"""))),
                @ApiResponse(
                        responseCode = "202",
                        description =
                                "With `Prefer: respond-async`, or more than 100,000 lines: accepted, "
                                        + "spooled to disk and written in the background. Location: the status resource (GET /api/v1/imports/{id}); "
                                        + "the body is its status now. A retry with the same Idempotency-Key answers the same import.",
                        content =
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = ImportJobs.ImportStatus.class))),
                @ApiResponse(
                        responseCode = "400",
                        description = "Malformed lines, each with its number; nothing written",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        examples = @ExampleObject(name = "invalid-import", value = """
                                    {"type":"urn:diplomatic-ledger:problem:invalid-import","title":"Invalid import","status":400,\
                                    "detail":"2 line(s) of the import are invalid; the first: line 1, payload.city: must not be blank",\
                                    "instance":"/api/v1/imports","errors":[{"line":1,"field":"payload.city","message":"must not be blank"},\
                                    {"line":2,"message":"malformed JSON"}],"line":1}"""))),
                @ApiResponse(
                        responseCode = "401",
                        description = "No or wrong credentials",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "403",
                        description = "The user lacks the role CLERK",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "409",
                        description = "A line refused by a rule of the ledger, naming line and rule; nothing written",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        examples = @ExampleObject(name = "refused", value = """
                                    {"type":"urn:diplomatic-ledger:problem:mission-already-open","title":"Refused by rule mission-already-open",\
                                    "status":409,"detail":"line 1 (OpenMission): mission RU-US-CONSULATE-GENERAL-CHICAGO is already open since 1992-01-01; nothing of the import was written",\
                                    "instance":"/api/v1/imports","rule":"mission-already-open","field":"city","line":1,"command":"OpenMission"}""")))
            })
    @PostMapping(
            path = "/api/v1/imports",
            consumes = {NDJSON, "application/jsonl", MediaType.TEXT_PLAIN_VALUE},
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<?> importCommands(
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(
                            description = "A retry with the same key answers the first answer and writes nothing",
                            example = "import-2025-04-10-1")
                    @RequestHeader(name = Writes.IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            @Parameter(description = "Stored with every event the import writes", example = "batch-2025-04")
                    @RequestHeader(name = Writes.CORRELATION_ID, required = false)
                    String correlationId,
            @Parameter(
                            description =
                                    "`respond-async`: answer 202 at once and write the import in the background "
                                            + "(GET the Location for its progress); bodies up to ledger.imports.async-body. Imports of more "
                                            + "than ledger.imports.sync-max-lines lines (100,000) are written so whatever this says.",
                            example = "respond-async")
                    @RequestHeader(name = "Prefer", required = false)
                    String prefer,
            @Parameter(hidden = true) Authentication user)
            throws IOException {
        // Headers are checked before a byte of the body is read.
        if (idempotencyKey != null && !Writes.isToken(idempotencyKey)) {
            throw new Writes.BadHeader(Writes.IDEMPOTENCY_KEY, "expected 1 to 255 visible ASCII characters");
        }
        String correlation = Writes.correlationId(correlationId);
        boolean respondAsync = respondAsync(prefer);
        ImportSpools.Spool spool;
        try {
            spool = spools.spool(request.getInputStream(), respondAsync ? asyncBody : syncBody);
        } catch (ImportSpools.BodyTooLarge tooLarge) {
            throw new BodyTooLarge(tooLarge.limit, respondAsync);
        }
        if (respondAsync || spool.lines() > syncMaxLines) {
            ImportJobs.Submitted submitted = jobs.submit(spool, user.getName(), idempotencyKey, correlation);
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.ACCEPTED)
                    .location(URI.create(
                            ImportJobs.PATH + "/" + submitted.status().id()))
                    .header("Preference-Applied", "respond-async")
                    .header("Retry-After", "1")
                    .contentType(MediaType.APPLICATION_JSON);
            if (submitted.replayed()) {
                answer.header(Writes.REPLAYED, "true");
            }
            return answer.body(submitted.status());
        }
        try {
            NdjsonCommands.Parsed parsed = spools.readAll(spool);
            try {
                ResponseEntity<String> answer = writes.write(
                        parsed.commands(),
                        user.getName(),
                        correlation,
                        idempotencyKey,
                        spool.requestHash(),
                        receipts -> answer(parsed.lines(), receipts));
                if (!"true".equals(answer.getHeaders().getFirst(Writes.REPLAYED))) {
                    metrics.imported(parsed.commands().size(), spool.bytes());
                }
                return answer;
            } catch (CommandFailed failed) {
                throw new ImportLineFailed(parsed.lines().get(failed.index()), failed);
            }
        } finally {
            spool.delete();
        }
    }

    @Operation(
            operationId = "importStatus",
            summary = "An import written in the background: its state and progress",
            description =
                    "The status of an import answered 202: `state` ACCEPTED, VALIDATING (every line checked first), "
                            + "WRITING (appended in one transaction), then SUCCEEDED (all written: `events`, `firstPosition`, "
                            + "`lastPosition`) or FAILED (nothing written: `problem` names the line and field, as the synchronous "
                            + "answer would). Lines are counted from 1, blank ones included. Only the user who sent the import sees it. "
                            + "It reads the import's own record, not a projection: nothing to wait for.\n\nNeeds the role CLERK (HTTP Basic).",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "The import's state and progress",
                        content =
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = ImportJobs.ImportStatus.class),
                                        examples = {
                                            @ExampleObject(name = "writing", value = """
                                            {"id":"6f1c0d7e-3f7a-4b8e-9a57-2d7f0f6f4c11","state":"WRITING","bodyBytes":245000000,\
                                            "linesRead":1000000,"linesValidated":1000000,"linesWritten":412000,"commands":412000,\
                                            "events":412000,"firstPosition":1201,"lastPosition":413200,"correlationId":"backfill-1990s",\
                                            "createdAt":"2026-12-05T14:00:00Z","updatedAt":"2026-12-05T14:00:41Z"}"""),
                                            @ExampleObject(name = "failed", value = """
                                            {"id":"0b8e5a8e-52a4-4f4e-a0d5-1f9a1c3e2b77","state":"FAILED","bodyBytes":980000,\
                                            "linesRead":4000,"linesValidated":4000,"linesWritten":0,"commands":0,"events":0,\
                                            "correlationId":"backfill-2","createdAt":"2026-12-05T14:00:00Z","updatedAt":"2026-12-05T14:00:02Z",\
                                            "finishedAt":"2026-12-05T14:00:02Z","problem":{"type":"urn:diplomatic-ledger:problem:invalid-import",\
                                            "title":"Invalid import","status":400,"detail":"1 line(s) of the import are invalid; the first: \
                                            line 3457, payload.headcount: expected a number; nothing of the import was written",\
                                            "instance":"/api/v1/imports/0b8e5a8e-52a4-4f4e-a0d5-1f9a1c3e2b77","errors":[{"line":3457,\
                                            "field":"payload.headcount","message":"expected a number"}],"line":3457,\
                                            "field":"payload.headcount","invalidLines":1}}""")
                                        })),
                @ApiResponse(
                        responseCode = "404",
                        description = "No import of this id sent by this user",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @GetMapping(path = "/api/v1/imports/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImportJobs.ImportStatus> importStatus(
            @Parameter(
                            description = "The import's id, from the 202 answer's Location",
                            example = "6f1c0d7e-3f7a-4b8e-9a57-2d7f0f6f4c11")
                    @PathVariable
                    String id,
            @Parameter(hidden = true) Authentication user) {
        ImportJobs.ImportStatus status = jobs.status(id, user.getName())
                .orElseThrow(() -> new org.diplomaticledger.projection.ResourceNotFound(
                        "no import " + id + " of user " + user.getName()));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (!status.state().finished()) {
            answer.header("Retry-After", "1");
        }
        return answer.body(status);
    }

    /** Whether the Prefer header (RFC 7240) asks for {@code respond-async}. */
    static boolean respondAsync(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            String token = preference.split(";", 2)[0].trim();
            if (token.equalsIgnoreCase("respond-async")) {
                return true;
            }
        }
        return false;
    }

    /** The body of an import passed its limit while it was read; nothing was written. */
    static class BodyTooLarge extends RuntimeException {
        final long limit;
        final boolean async;

        BodyTooLarge(long limit, boolean async) {
            super("the body is larger than " + limit + " bytes, the most "
                    + (async
                            ? "an import answered 202 (ledger.imports.async-body)"
                            : "an import answered at once (ledger.limits.import-body; send \"Prefer: respond-async\" for larger ones)")
                    + " may send");
            this.limit = limit;
            this.async = async;
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
        return new ImportReceipt(
                receipts.size(),
                events,
                position,
                receipts.isEmpty() ? null : receipts.get(0).correlationId(),
                imported);
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
