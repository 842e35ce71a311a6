package org.diplomaticledger.ledger.web;

import static org.diplomaticledger.ledger.IdempotencyStore.hash;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.diplomaticledger.ledger.CommandCatalog;
import org.diplomaticledger.ledger.CommandReader;
import org.diplomaticledger.shared.AdminCommand;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /record/{CommandName}}: the dashboard's command forms (docs/dashboard.md) send here what the API takes at
 * {@code POST /api/v1/commands/{CommandName}}, on a page path under the browser's session and CSRF token, since a
 * browser page has no HTTP Basic credentials to send. The write path is the API's own: the same reading and
 * validation ({@link CommandReader}), the same {@link Writes} (correlation id, Idempotency-Key, metrics) and the same
 * RFC 9457 answers ({@link ProblemAdvice}). The session's chain lets CLERK alone reach it; a command only ADMIN may
 * send (an {@link AdminCommand}) is refused here, as the API refuses it to a clerk.
 */
@Hidden
@RestController
class SessionCommandController {

    private final CommandCatalog catalog;
    private final CommandReader reader;
    private final Writes writes;

    SessionCommandController(CommandCatalog catalog, CommandReader reader, Writes writes) {
        this.catalog = catalog;
        this.reader = reader;
        this.writes = writes;
    }

    @PostMapping(
            path = "/record/{commandName}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"},
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<?> send(
            @PathVariable String commandName,
            @RequestBody byte[] body,
            @RequestHeader(name = Writes.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            Authentication user,
            HttpServletRequest request) {
        if (catalog.find(commandName)
                .filter(AdminCommand.class::isAssignableFrom)
                .isPresent()) {
            return Problems.response(Problems.of(
                    HttpStatus.FORBIDDEN,
                    "forbidden",
                    "Forbidden",
                    "user '" + user.getName() + "' lacks the role this request needs (" + commandName + " is ADMIN's)",
                    request));
        }
        LedgerCommand command = reader.read(commandName, body);
        return writes.write(
                List.of(command),
                user.getName(),
                null,
                idempotencyKey,
                hash("POST", "/record/" + commandName, body),
                receipts -> receipts.get(0));
    }
}
