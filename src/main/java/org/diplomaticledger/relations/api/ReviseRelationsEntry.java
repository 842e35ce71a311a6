package org.diplomaticledger.relations.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.history.api.JudgedRevision;
import org.diplomaticledger.history.api.ReviseEntry;

/**
 * Internal: a {@code CorrectEntry} or {@code RetractEntry} of one of these relations' events, judged by the ledger's
 * history on these relations' history and handed to them to record. Not a client command.
 */
public record ReviseRelationsEntry(
        @TargetAggregateIdentifier String relationsId, JudgedRevision revision) implements ReviseEntry {}
