package org.diplomaticledger.talks.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.history.api.JudgedRevision;
import org.diplomaticledger.history.api.ReviseEntry;

/**
 * Internal: a {@code CorrectEntry} or {@code RetractEntry} of one of these talks' events, judged by the ledger's
 * history on these talks' history and handed to them to record. Not a client command.
 */
public record ReviseTalksEntry(@TargetAggregateIdentifier String talksId, JudgedRevision revision)
        implements ReviseEntry {}
