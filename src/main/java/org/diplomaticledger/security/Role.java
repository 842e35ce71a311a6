package org.diplomaticledger.security;

/** What a user may do. */
public enum Role {
    /** Records facts: sends commands and imports. */
    CLERK,
    /** Reads projections. */
    ANALYST,
    /** Reads projections, history and the audit chain. */
    AUDITOR,
    /** Reads the event stream. */
    INTEGRATOR,
    /** Runs the ledger: reads projections and rebuilds them. */
    ADMIN
}
