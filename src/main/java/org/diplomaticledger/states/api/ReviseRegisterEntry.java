package org.diplomaticledger.states.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.diplomaticledger.history.api.JudgedRevision;
import org.diplomaticledger.history.api.ReviseEntry;

/**
 * Internal: a {@code RetractEntry} (or {@code CorrectEntry}) of one of the register's events, judged by the ledger's
 * history on the register's history and handed to the register, which accepts only an ADMIN's retraction of a
 * succession ({@link StateSucceeded}). Not a client command.
 */
public record ReviseRegisterEntry(@TargetAggregateIdentifier String registerId, JudgedRevision revision)
        implements ReviseEntry {}
