package org.diplomaticledger.history;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.diplomaticledger.history.api.CorrectEntry;
import org.diplomaticledger.history.api.EntryRevision;
import org.diplomaticledger.history.api.RetractEntry;
import org.diplomaticledger.presence.api.RevisePresenceEntry;
import org.diplomaticledger.relations.api.ReviseRelationsEntry;
import org.diplomaticledger.shared.LedgerMetadata;
import org.diplomaticledger.shared.UnknownReference;
import org.diplomaticledger.talks.api.ReviseTalksEntry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Handles {@link CorrectEntry} and {@link RetractEntry}: finds which aggregate recorded the event (by its id, in the
 * event table) and hands the revision to that aggregate, whose rules decide and whose stream records it. Once the
 * write commits, the aggregate is dropped from the cache, so the next command reads its history anew, corrected.
 */
@Component
class EntryRevisions {

    private final JdbcTemplate jdbc;
    private final CommandBus commandBus;
    private final Cache aggregateCache;

    EntryRevisions(JdbcTemplate jdbc, CommandBus commandBus, @Qualifier("aggregateCache") Cache aggregateCache) {
        this.jdbc = jdbc;
        this.commandBus = commandBus;
        this.aggregateCache = aggregateCache;
    }

    @CommandHandler
    void handle(CorrectEntry command, MetaData metaData, @MessageIdentifier String commandId) {
        revise(EntryRevision.correction(command), metaData, commandId);
    }

    @CommandHandler
    void handle(RetractEntry command, MetaData metaData, @MessageIdentifier String commandId) {
        revise(EntryRevision.retraction(command), metaData, commandId);
    }

    private void revise(EntryRevision revision, MetaData metaData, String commandId) {
        List<String[]> found = jdbc.query("SELECT aggregate_identifier, type FROM domain_event_entry WHERE event_identifier = ?",
                (rs, row) -> new String[]{rs.getString(1), rs.getString(2)}, revision.eventId());
        if (found.isEmpty()) {
            throw new UnknownReference("unknown-event", "eventId", "the ledger holds no event " + revision.eventId());
        }
        String aggregateId = found.get(0)[0];
        Object command = switch (String.valueOf(found.get(0)[1])) {
            case "Presence" -> new RevisePresenceEntry(aggregateId, revision);
            case "Talks" -> new ReviseTalksEntry(aggregateId, revision);
            case "BilateralRelations" -> new ReviseRelationsEntry(aggregateId, revision);
            default -> throw new IllegalStateException("event " + revision.eventId() + " belongs to an aggregate of unknown type "
                    + found.get(0)[1]);
        };
        // Sent on behalf of the client's command: same actor, correlation id and command name, and its command id,
        // so the events are audited and answered as that command's.
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        commandBus.dispatch(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(metaData).andMetaData(MetaData.with(LedgerMetadata.COMMAND_ID, commandId)), callback);
        CommandResultMessage<?> result = callback.getResult();
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        CurrentUnitOfWork.get().root().afterCommit(uow -> aggregateCache.remove(aggregateId));
    }
}
