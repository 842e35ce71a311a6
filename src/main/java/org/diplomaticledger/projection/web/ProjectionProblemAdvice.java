package org.diplomaticledger.projection.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.diplomaticledger.projection.ParkedEvent;
import org.diplomaticledger.projection.ProjectionHandlers;
import org.diplomaticledger.projection.ProjectionRebuilder;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.ResourceNotFound;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.Problems;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Read-side problems: a bad query parameter (400), an unknown projection (404), a rebuild already running (409), a
 * parked event before the reader's position (409), a projection behind it (503).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProjectionProblemAdvice {

    @ExceptionHandler(QueryParameterException.class)
    ResponseEntity<ProblemDetail> badParameter(QueryParameterException e, HttpServletRequest request) {
        ProblemDetail problem =
                Problems.of(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query", e.getMessage(), request);
        problem.setProperty("parameter", e.parameter());
        return Problems.response(problem);
    }

    /** A parameter Spring could not convert, such as a date that is not YYYY-MM-DD. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return unconvertible(e.getName(), e, request);
    }

    /**
     * The same for a parameter of a read's query record (bound by name, as {@code @RequestParam}s are): the first
     * one, in the record's order, that could not be converted. The records carry no constraints, so a conversion is
     * all that can fail in them.
     */
    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> unbound(MethodArgumentNotValidException e, HttpServletRequest request) {
        FieldError field =
                Objects.requireNonNull(e.getBindingResult().getFieldError(), "query records bind fields only");
        return unconvertible(field.getField(), field.unwrap(TypeMismatchException.class), request);
    }

    private static ResponseEntity<ProblemDetail> unconvertible(
            String parameter, TypeMismatchException e, HttpServletRequest request) {
        Class<?> type = e.getRequiredType();
        String expected = type == java.time.LocalDate.class
                ? "a date as YYYY-MM-DD"
                : type != null && Number.class.isAssignableFrom(type) || type == int.class || type == long.class
                        ? "a number"
                        : "a " + (type == null ? "value" : type.getSimpleName());
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        String detail = cause instanceof InvalidValueException invalid
                ? parameter + ": " + invalid.getMessage()
                : parameter + ": expected " + expected + ", got '" + e.getValue() + "'";
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query", detail, request);
        problem.setProperty("parameter", parameter);
        return Problems.response(problem);
    }

    @ExceptionHandler(ResourceNotFound.class)
    ResponseEntity<ProblemDetail> notFound(ResourceNotFound e, HttpServletRequest request) {
        return Problems.response(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(), request));
    }

    @ExceptionHandler(ProjectionHandlers.UnknownProjection.class)
    ResponseEntity<ProblemDetail> unknown(ProjectionHandlers.UnknownProjection e, HttpServletRequest request) {
        return Problems.response(
                Problems.of(HttpStatus.NOT_FOUND, "unknown-projection", "Unknown projection", e.getMessage(), request));
    }

    @ExceptionHandler(ProjectionRebuilder.RebuildAlreadyRunning.class)
    ResponseEntity<ProblemDetail> running(ProjectionRebuilder.RebuildAlreadyRunning e, HttpServletRequest request) {
        return Problems.response(Problems.of(
                HttpStatus.CONFLICT, "rebuild-running", "Rebuild already running", e.getMessage(), request));
    }

    /** The reader's position lies at or after a parked event: 409 at once, naming it (docs/projections/README.md). */
    @ExceptionHandler(Reads.ProjectionParked.class)
    ResponseEntity<ProblemDetail> parked(Reads.ProjectionParked e, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(
                HttpStatus.CONFLICT, "projection-parked", "Projection parked an event", e.getMessage(), request);
        ParkedEvent event = e.blocking().event();
        problem.setProperty("projection", e.projection());
        problem.setProperty("atLeast", e.wanted());
        problem.setProperty("eventId", event.eventId());
        problem.setProperty("position", event.position());
        problem.setProperty("aggregateId", event.aggregateId());
        problem.setProperty("eventType", event.type());
        if (event.error() != null) {
            problem.setProperty("error", event.error());
        }
        if (event.since() != null) {
            problem.setProperty("since", event.since().toString());
        }
        problem.setProperty("parked", e.blocking().parkedBefore());
        problem.setProperty("retry", "/api/v1/projections/" + e.projection() + "/parked/retry");
        return Problems.response(problem);
    }

    @ExceptionHandler(Reads.ProjectionBehind.class)
    ResponseEntity<ProblemDetail> behind(Reads.ProjectionBehind e, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE, "projection-behind", "Projection behind", e.getMessage(), request);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
