package org.diplomaticledger.relations.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.history.api.EntryRevision;

/**
 * Internal: a {@code CorrectEntry} or {@code RetractEntry} of one of these relations' events, sent by the ledger to
 * the relations once it found where the event lives. Not a client command.
 */
public record ReviseRelationsEntry(@TargetAggregateIdentifier String relationsId, EntryRevision revision) {
}
