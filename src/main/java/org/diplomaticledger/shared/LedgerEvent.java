package org.diplomaticledger.shared;

import java.time.LocalDate;

/**
 * Every event in the ledger: an immutable, past-tense fact. Its effective date (when it took effect in the
 * world) is part of the fact; the recorded time is Axon's event timestamp; the actor and correlation id travel
 * in the event's metadata.
 */
public interface LedgerEvent {

    LocalDate effectiveDate();

    Provenance source();
}
