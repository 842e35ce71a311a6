package org.diplomaticledger.presence.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.history.api.EntryRevision;

/**
 * Internal: a {@code CorrectEntry} or {@code RetractEntry} of one of this presence's events, sent by the ledger to
 * the presence once it found where the event lives. Not a client command.
 */
public record RevisePresenceEntry(@TargetAggregateIdentifier String presenceId, EntryRevision revision) {
}
