package org.diplomaticledger.ledger.web;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.diplomaticledger.ledger.CommandFailed;
import org.diplomaticledger.ledger.InvalidInput;
import org.diplomaticledger.ledger.NdjsonCommands;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.Problems;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.shared.UnknownReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 {@code application/problem+json}: 400 for malformed input (naming each bad field),
 * 404 for an unknown command, 409 for a command that contradicts the ledger (naming the rule), 422 for a reused
 * Idempotency-Key. Nothing is written in any of these cases.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final CommandMetrics metrics;

    ProblemAdvice(CommandMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInput e, HttpServletRequest request) {
        HttpStatus status = e.unknownCommand() ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = Problems.of(
                status,
                e.unknownCommand() ? "unknown-command" : "invalid-input",
                e.unknownCommand() ? "Unknown command" : "Invalid input",
                e.getMessage(),
                request);
        problem.setProperty("errors", e.errors());
        if (e.errors().size() == 1 && e.errors().get(0).field() != null) {
            problem.setProperty("field", e.errors().get(0).field());
        }
        return Problems.response(problem);
    }

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<ProblemDetail> invalidValue(InvalidValueException e, HttpServletRequest request) {
        ProblemDetail problem =
                Problems.of(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getMessage(), request);
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return Problems.response(problem);
    }

    @ExceptionHandler(NdjsonCommands.InvalidLines.class)
    ResponseEntity<ProblemDetail> invalidImport(NdjsonCommands.InvalidLines e, HttpServletRequest request) {
        ProblemDetail problem =
                Problems.of(HttpStatus.BAD_REQUEST, "invalid-import", "Invalid import", e.getMessage(), request);
        problem.setProperty("errors", e.errors());
        problem.setProperty("line", e.errors().get(0).line());
        return Problems.response(problem);
    }

    @ExceptionHandler(CommandFailed.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandFailed e, HttpServletRequest request) {
        ProblemDetail problem = refusal(e.getCause(), request);
        metrics.refused(e.command(), problem);
        return Problems.response(problem);
    }

    @ExceptionHandler(ImportController.ImportLineFailed.class)
    ResponseEntity<ProblemDetail> importLineFailed(ImportController.ImportLineFailed e, HttpServletRequest request) {
        ProblemDetail problem = refusal(e.failure.getCause(), request);
        metrics.refused(e.failure.command(), problem);
        problem.setDetail("line " + e.line + " (" + e.failure.command() + "): " + problem.getDetail()
                + "; nothing of the import was written");
        problem.setProperty("line", e.line);
        problem.setProperty("command", e.failure.command());
        return Problems.response(problem);
    }

    @ExceptionHandler(ImportController.BodyTooLarge.class)
    ResponseEntity<ProblemDetail> importTooLarge(ImportController.BodyTooLarge e, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "body-too-large",
                "Body too large",
                e.getMessage() + "; split it into smaller requests",
                request);
        problem.setProperty("limit", e.limit);
        // The rest of the body is not read: close the connection rather than leave it for the next request.
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                .header("Connection", "close")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** A write that waited too long for a large import being appended on this node; nothing was written. */
    @ExceptionHandler(org.diplomaticledger.ledger.LedgerWriter.ImportInProgress.class)
    ResponseEntity<ProblemDetail> importInProgress(
            org.diplomaticledger.ledger.LedgerWriter.ImportInProgress e, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE, "import-in-progress", "Import in progress", e.getMessage(), request);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(Writes.BadHeader.class)
    ResponseEntity<ProblemDetail> badHeader(Writes.BadHeader e, HttpServletRequest request) {
        ProblemDetail problem =
                Problems.of(HttpStatus.BAD_REQUEST, "invalid-header", "Invalid header", e.getMessage(), request);
        problem.setProperty("header", e.header);
        return Problems.response(problem);
    }

    @ExceptionHandler(Writes.IdempotencyKeyReused.class)
    ResponseEntity<ProblemDetail> keyReused(Writes.IdempotencyKeyReused e, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "idempotency-key-reused",
                "Idempotency-Key reused",
                e.getMessage(),
                request);
        problem.setProperty("header", Writes.IDEMPOTENCY_KEY);
        return Problems.response(problem);
    }

    /** A write that met another write to the same aggregate when its events were appended (the store's sequence check). */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentWrite(ConcurrencyException e, HttpServletRequest request) {
        ProblemDetail problem = refusal(e, request);
        metrics.refused(org.slf4j.MDC.get(org.diplomaticledger.shared.LedgerMetadata.COMMAND), problem);
        return Problems.response(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e;
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return Problems.response(Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "The ledger could not complete the request; nothing was written. The log holds the details.",
                request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e,
            org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status,
            org.springframework.web.context.request.WebRequest request) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the request has no readable body");
        problem.setTitle("Invalid input");
        problem.setType(Problems.type("invalid-input"));
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e,
            org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status,
            org.springframework.web.context.request.WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type " + (e.getContentType() == null ? "(none)" : e.getContentType())
                        + " is not accepted here; send " + e.getSupportedMediaTypes());
        problem.setTitle("Unsupported media type");
        problem.setType(Problems.type("unsupported-media-type"));
        problem.setProperty("header", "Content-Type");
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    static ProblemDetail refusal(Throwable cause, HttpServletRequest request) {
        if (cause instanceof RuleViolation rule) {
            ProblemDetail problem = Problems.of(
                    HttpStatus.CONFLICT, rule.rule(), "Refused by rule " + rule.rule(), rule.getMessage(), request);
            problem.setProperty("rule", rule.rule());
            if (rule.field() != null) {
                problem.setProperty("field", rule.field());
            }
            rule.details().forEach(problem::setProperty);
            return problem;
        }
        if (cause instanceof org.axonframework.eventsourcing.IncompatibleAggregateException) {
            ProblemDetail problem = Problems.of(
                    HttpStatus.CONFLICT,
                    "unknown-aggregate",
                    "Refused by rule unknown-aggregate",
                    "the id names a record of another kind; check the id the command addresses",
                    request);
            problem.setProperty("rule", "unknown-aggregate");
            return problem;
        }
        if (cause instanceof AggregateNotFoundException missing) {
            ProblemDetail problem = Problems.of(
                    HttpStatus.CONFLICT,
                    "unknown-aggregate",
                    "Refused by rule unknown-aggregate",
                    "the ledger holds nothing about '" + missing.getAggregateIdentifier()
                            + "' yet; record what it refers to first (e.g. OpenMission, ScheduleTalks)",
                    request);
            problem.setProperty("rule", "unknown-aggregate");
            return problem;
        }
        if (cause instanceof ConcurrencyException) {
            ProblemDetail problem = Problems.of(
                    HttpStatus.CONFLICT,
                    "concurrent-write",
                    "Refused by rule concurrent-write",
                    "another write to the same record happened at the same time; nothing was written, send the command again",
                    request);
            problem.setProperty("rule", "concurrent-write");
            return problem;
        }
        if (cause instanceof InvalidValueException invalid) {
            ProblemDetail problem = Problems.of(
                    HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", invalid.getMessage(), request);
            if (invalid.field() != null) {
                problem.setProperty("field", invalid.field());
            }
            return problem;
        }
        if (cause instanceof UnknownReference unknown) {
            ProblemDetail problem = Problems.of(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    unknown.rule(),
                    "Refused by rule " + unknown.rule(),
                    unknown.getMessage(),
                    request);
            problem.setProperty("rule", unknown.rule());
            problem.setProperty("field", unknown.field());
            return problem;
        }
        log.error("Command failed unexpectedly on {}", request.getRequestURI(), cause);
        return Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "The ledger could not complete the command; nothing was written. The log holds the details.",
                request);
    }
}
