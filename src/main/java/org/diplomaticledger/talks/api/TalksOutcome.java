package org.diplomaticledger.talks.api;

/** How a round of talks ended, as the parties or sources describe it. */
public enum TalksOutcome {
    AGREEMENT,
    PARTIAL_AGREEMENT,
    NO_AGREEMENT,
    /** The parties agreed to keep talking: another round is expected. */
    CONTINUED
}
