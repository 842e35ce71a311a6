package org.diplomaticledger.talks.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.history.api.EntryRevision;

/**
 * Internal: a {@code CorrectEntry} or {@code RetractEntry} of one of these talks' events, sent by the ledger to the
 * talks once it found where the event lives. Not a client command.
 */
public record ReviseTalksEntry(@TargetAggregateIdentifier String talksId, EntryRevision revision) {
}
