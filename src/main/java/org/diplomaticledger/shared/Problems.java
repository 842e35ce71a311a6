package org.diplomaticledger.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** RFC 9457 problem details as the ledger writes them: a stable type per kind of problem, and the request path. */
public final class Problems {

    private Problems() {}

    /** The problem type URI for a kind of problem, e.g. {@code urn:diplomatic-ledger:problem:ceiling-exceeded}. */
    public static URI type(String kind) {
        return URI.create("urn:diplomatic-ledger:problem:" + kind);
    }

    public static ProblemDetail of(
            HttpStatus status, String kind, String title, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(kind));
        problem.setTitle(title);
        if (request != null) {
            try {
                problem.setInstance(URI.create(request.getRequestURI()));
            } catch (IllegalArgumentException notAUri) {
                // a hostile path that is no URI: the problem goes without its instance
            }
        }
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
