package org.diplomaticledger.history.api;

/**
 * The command a capability defines for {@code history} to hand one of its aggregates a {@link JudgedRevision}
 * ({@code RevisePresenceEntry}, {@code ReviseTalksEntry}, {@code ReviseRelationsEntry}). Internal: sent by the
 * ledger, never by a client. Its aggregate handles it with {@code command.revision().record()}.
 */
public interface ReviseEntry {

    JudgedRevision revision();
}
