package org.diplomaticledger.ledger.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;
import org.diplomaticledger.ledger.NdjsonCommands;
import org.diplomaticledger.shared.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Pass 1 of an import written in the background ({@link ImportJobs}): every line of the spooled body is read and
 * checked before anything is written, with memory for one line and the first {@link #MAX_ERRORS} errors.
 */
final class ImportValidation {

    /** Errors listed in the problem of an invalid import (all are counted). */
    static final int MAX_ERRORS = 100;

    private final NdjsonCommands ndjson;
    private final int maxLineBytes;

    ImportValidation(NdjsonCommands ndjson, int maxLineBytes) {
        this.ndjson = ndjson;
        this.maxLineBytes = maxLineBytes;
    }

    /** What pass 1 found: the lines read, and the problem that fails the import (null when every line is valid). */
    record Outcome(long lines, ProblemDetail problem) {}

    /**
     * Checks every line of the spooled body.
     *
     * @param validated told the number of each valid line as it is checked (the job's progress)
     */
    Outcome validate(ImportSpools.Spool spool, LongConsumer validated) throws IOException {
        NdjsonCommands.Scan scan;
        try (InputStream in = ImportSpools.open(spool)) {
            scan = ndjson.scan(in, maxLineBytes, MAX_ERRORS, (line, command) -> validated.accept(line));
        }
        if (scan.errorCount() > 0 || scan.commands() == 0) {
            return new Outcome(scan.lines(), invalid(scan));
        }
        return new Outcome(scan.lines(), null);
    }

    private static ProblemDetail invalid(NdjsonCommands.Scan scan) {
        if (scan.errorCount() == 0) {
            return Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "invalid-input",
                    "Invalid input",
                    "the import holds no command: send one JSON object per line",
                    null);
        }
        NdjsonCommands.LineError first = scan.errors().get(0);
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                "invalid-import",
                "Invalid import",
                scan.errorCount() + " line(s) of the import are invalid; the first: line " + first.line()
                        + (first.field() == null ? "" : ", " + first.field()) + ": " + first.message()
                        + (scan.errorCount() > scan.errors().size()
                                ? " (the first " + scan.errors().size() + " errors are listed)"
                                : "")
                        + "; nothing of the import was written",
                null);
        problem.setProperty("errors", scan.errors());
        problem.setProperty("line", first.line());
        if (first.field() != null) {
            problem.setProperty("field", first.field());
        }
        problem.setProperty("invalidLines", scan.errorCount());
        return problem;
    }
}
