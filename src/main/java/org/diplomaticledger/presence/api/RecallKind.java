package org.diplomaticledger.presence.api;

/** A recall for consultations is temporary (the ambassador may return); a recall for good is not. */
public enum RecallKind {
    FOR_CONSULTATIONS,
    FOR_GOOD
}
