package org.diplomaticledger.ledger.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.diplomaticledger.shared.Problems;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger's answer where the servlet container reports an error itself (a request Tomcat or the firewall could
 * not take, a failure outside any controller): always problem+json, never Spring Boot's default error body, and
 * never an exception's class or message. A request for {@code /error} itself is no error: 404.
 */
@Hidden
@RestController
class ErrorProblems implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer value)) {
            return Problems.response(Problems.of(
                    HttpStatus.NOT_FOUND,
                    "not-found",
                    "Not found",
                    "no such resource: " + request.getRequestURI(),
                    request));
        }
        HttpStatus status = HttpStatus.resolve(value);
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = switch (status) {
            case BAD_REQUEST -> "the request could not be read (its path, headers or body are malformed)";
            case NOT_FOUND -> "no such resource";
            case METHOD_NOT_ALLOWED -> "this path does not serve the method " + request.getMethod();
            case PAYLOAD_TOO_LARGE -> "the request's body is too large";
            default ->
                status.is5xxServerError()
                        ? "The ledger could not complete the request; nothing was written. The log holds the details."
                        : status.getReasonPhrase();
        };
        String kind = switch (status) {
            case BAD_REQUEST -> "malformed-request";
            case NOT_FOUND -> "not-found";
            case PAYLOAD_TOO_LARGE -> "body-too-large";
            case INTERNAL_SERVER_ERROR -> "internal-error";
            default -> status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        };
        ProblemDetail problem = Problems.of(status, kind, status.getReasonPhrase(), detail, null);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException notAUri) {
                // a path that is no URI: left out
            }
        }
        return Problems.response(problem);
    }
}
