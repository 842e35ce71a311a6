package org.diplomaticledger.talks.domain;

/** Where talks stand, as far as the ledger knows. */
enum TalksStatus {
    SCHEDULED,
    RESCHEDULED,
    POSTPONED,
    HELD,
    CONCLUDED,
    CANCELLED
}
