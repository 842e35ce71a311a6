package org.diplomaticledger.ledger.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.diplomaticledger.ledger.CommandFailed;
import org.diplomaticledger.ledger.CommandReceipt;
import org.diplomaticledger.ledger.IdempotencyStore;
import org.diplomaticledger.ledger.LedgerWriter;
import org.diplomaticledger.shared.LedgerCommand;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The write path shared by single commands and imports: correlation id, Idempotency-Key replay, and the answer.
 */
@Component
class Writes {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String CORRELATION_ID = "X-Correlation-Id";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final LedgerWriter writer;
    private final IdempotencyStore idempotency;
    private final ObjectMapper objectMapper;
    private final CommandMetrics metrics;

    Writes(LedgerWriter writer, IdempotencyStore idempotency, ObjectMapper objectMapper, CommandMetrics metrics) {
        this.writer = writer;
        this.idempotency = idempotency;
        this.objectMapper = objectMapper;
        this.metrics = metrics;
    }

    static boolean isToken(String header) {
        return header != null && TOKEN.matcher(header).matches();
    }

    /** Whether the request's user has the role ADMIN (the write runs on another thread, which does not know). */
    private static boolean sentByAdmin() {
        org.springframework.security.core.Authentication user =
                org.springframework.security.core.context.SecurityContextHolder.getContext()
                        .getAuthentication();
        return user != null
                && user.isAuthenticated()
                && user.getAuthorities().stream()
                        .anyMatch(authority -> authority.getAuthority().equals("ROLE_ADMIN"));
    }

    /** The header's id; without one, the id the request's log lines carry (the response's X-Correlation-Id). */
    static String correlationId(String header) {
        if (header == null || header.isBlank()) {
            String logged = RequestLogContext.correlationId();
            return logged != null ? logged : UUID.randomUUID().toString();
        }
        if (!TOKEN.matcher(header).matches()) {
            throw new BadHeader(CORRELATION_ID, "expected 1 to 255 visible ASCII characters");
        }
        return header;
    }

    /**
     * Writes the commands and answers with {@code render(receipts)}; with an Idempotency-Key, a repeat of the
     * same request answers the stored first answer and writes nothing.
     */
    ResponseEntity<String> write(
            List<LedgerCommand> commands,
            String actor,
            String correlationHeader,
            String key,
            String requestHash,
            Function<List<CommandReceipt>, Object> render) {
        String correlationId = correlationId(correlationHeader);
        LedgerWriter.Context context = new LedgerWriter.Context(actor, correlationId, sentByAdmin());
        if (key == null) {
            List<CommandReceipt> written = writer.write(commands, context, null, null);
            metrics.accepted(written);
            return json(HttpStatus.OK, toJson(render.apply(written)), false);
        }
        if (!TOKEN.matcher(key).matches()) {
            throw new BadHeader(IDEMPOTENCY_KEY, "expected 1 to 255 visible ASCII characters");
        }
        IdempotencyStore.Request request = new IdempotencyStore.Request(actor, key, requestHash);
        try {
            // The key is looked up in the write's own transaction. The answer is rendered once, inside the
            // transaction, stored for the key and sent as it was stored.
            String[] rendered = new String[1];
            LedgerWriter.Outcome outcome = writer.writeOrReplay(commands, context, request, written -> {
                rendered[0] = toJson(render.apply(written));
                return new IdempotencyStore.Answer(requestHash, HttpStatus.OK.value(), rendered[0]);
            });
            if (outcome.replayed() != null) {
                return replayed(key, requestHash, outcome.replayed());
            }
            metrics.accepted(outcome.receipts());
            return json(HttpStatus.OK, rendered[0], false);
        } catch (DuplicateKeyException | CommandFailed raced) {
            // A concurrent request with the same key may have committed first: ours then either collided on the key
            // or was refused by the state that request wrote. Either way it rolled back whole; answer as the first did.
            return replay(actor, key, requestHash).orElseThrow(() -> raced);
        }
    }

    private Optional<ResponseEntity<String>> replay(String actor, String key, String requestHash) {
        return idempotency.find(actor, key).map(answer -> replayed(key, requestHash, answer));
    }

    private static ResponseEntity<String> replayed(String key, String requestHash, IdempotencyStore.Answer answer) {
        if (!answer.requestHash().equals(requestHash)) {
            throw new IdempotencyKeyReused(key);
        }
        return json(HttpStatus.valueOf(answer.status()), answer.body(), true);
    }

    private static ResponseEntity<String> json(HttpStatus status, String body, boolean replayed) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (replayed) {
            builder.header(REPLAYED, "true");
        }
        return builder.body(body);
    }

    private String toJson(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the answer", e);
        }
    }

    /** A request header with a value the ledger cannot use. */
    static class BadHeader extends RuntimeException {
        final String header;

        BadHeader(String header, String message) {
            super(header + ": " + message);
            this.header = header;
        }
    }

    /** An Idempotency-Key sent again with a different request. */
    static class IdempotencyKeyReused extends RuntimeException {
        IdempotencyKeyReused(String key) {
            super("Idempotency-Key '" + key
                    + "' was already used for a different request; use a new key for a new request");
        }
    }
}
