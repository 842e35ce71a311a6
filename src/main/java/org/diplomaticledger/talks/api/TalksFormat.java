package org.diplomaticledger.talks.api;

/** Who sits at the table. Under {@link #DIPLOMATS_ONLY} every delegation is made up of diplomats. */
public enum TalksFormat {
    DIPLOMATS_ONLY,
    OFFICIALS,
    EXPERTS,
    HEADS_OF_STATE_OR_GOVERNMENT,
    MIXED
}
