package org.diplomaticledger.cli;

/**
 * A command that could not do its work for a reason the user can act on (the ledger refused, cannot be reached, a
 * file cannot be read): printed as one line, without a stack trace, and answered with its exit code.
 */
final class CliFailure extends RuntimeException {

    private final int exitCode;

    CliFailure(String message) {
        this(1, message);
    }

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** A failure of the user's own input (a file that cannot be read, a state file that does not match): exit 2. */
    static CliFailure usage(String message) {
        return new CliFailure(2, message);
    }

    int exitCode() {
        return exitCode;
    }
}
