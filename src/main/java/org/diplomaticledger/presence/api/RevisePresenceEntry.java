package org.diplomaticledger.presence.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.history.api.JudgedRevision;
import org.diplomaticledger.history.api.ReviseEntry;

/**
 * Internal: a {@code CorrectEntry} or {@code RetractEntry} of one of this presence's events, judged by the ledger's
 * history on this presence's history and handed to them to record. Not a client command.
 */
public record RevisePresenceEntry(@TargetAggregateIdentifier String presenceId, JudgedRevision revision)
        implements ReviseEntry {}
