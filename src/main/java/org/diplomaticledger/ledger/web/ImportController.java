package org.diplomaticledger.ledger.web;

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

    ImportController(NdjsonCommands ndjson, Writes writes) {
        this.ndjson = ndjson;
        this.writes = writes;
    }

    @PostMapping(path = "/api/v1/imports", consumes = {NDJSON, "application/jsonl", MediaType.TEXT_PLAIN_VALUE},
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<String> importCommands(@RequestBody byte[] body,
                                          @RequestHeader(name = Writes.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                          @RequestHeader(name = Writes.CORRELATION_ID, required = false) String correlationId,
                                          Authentication user) {
        NdjsonCommands.Parsed parsed = ndjson.parse(body);
        try {
            return writes.write(parsed.commands(), user.getName(), correlationId, idempotencyKey,
                    hash("POST", "/api/v1/imports", body), receipts -> answer(parsed.lines(), receipts));
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
