package org.diplomaticledger.ledger;

/** An event a command wrote: its id, its type, the aggregate it belongs to and its place in the ledger. */
public record RecordedEvent(String eventId, String type, String aggregateId, long sequenceNumber, long position) {}
