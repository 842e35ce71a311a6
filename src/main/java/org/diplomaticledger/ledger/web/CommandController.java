package org.diplomaticledger.ledger.web;

import static org.diplomaticledger.ledger.IdempotencyStore.hash;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import org.diplomaticledger.ledger.CommandReader;
import org.diplomaticledger.shared.LedgerCommand;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/commands/{CommandName}}: the one way to write to the ledger. */
@RestController
class CommandController {

    private final CommandReader reader;
    private final Writes writes;

    CommandController(CommandReader reader, Writes writes) {
        this.reader = reader;
        this.writes = writes;
    }

    /** Described per command instead ({@link CommandsOpenApi}): one typed operation for each command name. */
    @Hidden
    @PostMapping(
            path = "/api/v1/commands/{commandName}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"},
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<String> send(
            @PathVariable String commandName,
            @RequestBody byte[] body,
            @RequestHeader(name = Writes.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestHeader(name = Writes.CORRELATION_ID, required = false) String correlationId,
            Authentication user) {
        LedgerCommand command = reader.read(commandName, body);
        return writes.write(
                List.of(command),
                user.getName(),
                correlationId,
                idempotencyKey,
                hash("POST", "/api/v1/commands/" + commandName, body),
                receipts -> receipts.get(0));
    }
}
