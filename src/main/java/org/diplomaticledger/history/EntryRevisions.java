package org.diplomaticledger.history;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.diplomaticledger.history.api.CorrectEntry;
import org.diplomaticledger.history.api.EntryRevision;
import org.diplomaticledger.history.api.JudgedRevision;
import org.diplomaticledger.history.api.RetractEntry;
import org.diplomaticledger.history.api.RevisionRoute;
import org.diplomaticledger.shared.LedgerMetadata;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.shared.UnknownReference;

/**
 * Handles {@link CorrectEntry} and {@link RetractEntry}: finds which aggregate recorded the event (by its id), reads
 * that aggregate's history, judges the revision under the rules of the aggregate's {@link RevisionRoute}
 * ({@link EntryRules}) and hands the aggregate the route's command carrying the {@link JudgedRevision}, which it
 * records in its own stream. The aggregate reads nothing. Once the write commits, the aggregate is dropped from the
 * cache, so the next command reads its history anew, corrected; until then {@link RevisedInThisWrite} refuses other
 * commands on it.
 */
class EntryRevisions {

    /** Where an event lives: its aggregate's id and type, as the event table stores them. */
    record Owner(String aggregateId, String aggregateType) {}

    /** Finds the aggregate that recorded an event. */
    interface Owners {
        Optional<Owner> of(String eventId);
    }

    private final Owners owners;
    private final EventStore eventStore;
    private final CommandBus commandBus;
    private final Cache aggregateCache;
    private final Map<String, RevisionRoute> routes = new HashMap<>();

    EntryRevisions(
            Owners owners,
            EventStore eventStore,
            CommandBus commandBus,
            Cache aggregateCache,
            List<RevisionRoute> routes) {
        this.owners = owners;
        this.eventStore = eventStore;
        this.commandBus = commandBus;
        this.aggregateCache = aggregateCache;
        for (RevisionRoute route : routes) {
            if (this.routes.put(route.aggregateType(), route) != null) {
                throw new IllegalStateException("two revision routes for aggregate type " + route.aggregateType());
            }
        }
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
        Owner owner = owners.of(revision.eventId())
                .orElseThrow(() -> new UnknownReference(
                        "unknown-event", "eventId", "the ledger holds no event " + revision.eventId()));
        RevisionRoute route = routes.get(owner.aggregateType());
        if (route == null) {
            // A record no capability lets clerks revise (the register of states, whose entries ADMIN adds):
            // a refusal naming the event, not a server error.
            throw new RuleViolation(
                    "entry-not-revisable",
                    "eventId",
                    "event " + revision.eventId() + " belongs to a "
                            + owner.aggregateType() + " (" + owner.aggregateId()
                            + "), whose entries are not corrected or"
                            + " retracted through CorrectEntry or RetractEntry");
        }
        // An ADMIN may send RetractEntry for the successions it records (a route byAdmin); the facts of the other
        // records are a clerk's to revise. Revisions an ADMIN's retraction sends on its behalf (the closures a
        // succession made) carry the command id of that retraction, and pass.
        if (!route.byAdmin()
                && Boolean.TRUE.equals(metaData.get(LedgerMetadata.SENT_BY_ADMIN))
                && metaData.get(LedgerMetadata.COMMAND_ID) == null) {
            throw new RuleViolation(
                    "clerk-only",
                    "eventId",
                    "event " + revision.eventId() + " is a fact of " + owner.aggregateId()
                            + ", which a CLERK corrects or retracts; an ADMIN retracts only the successions it recorded");
        }
        // The whole history, from its first event: snapshots are not read (they would hide the events judged on).
        // Events staged earlier in the same write are part of it.
        List<? extends DomainEventMessage<?>> history =
                eventStore.readEvents(owner.aggregateId(), 0).asStream().toList();
        JudgedRevision judged = EntryRules.judge(revision, route.rules(), history);
        // Sent on behalf of the client's command: same actor, correlation id and command name, and its command id,
        // so the events are audited and answered as that command's (a revision itself sent on behalf of another
        // command, as a succession's retraction retracts its closures, keeps that one's).
        Object onBehalfOf = metaData.get(LedgerMetadata.COMMAND_ID);
        if (onBehalfOf != null) {
            commandId = onBehalfOf.toString();
        }
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        commandBus.dispatch(
                GenericCommandMessage.asCommandMessage(route.command().apply(owner.aggregateId(), judged))
                        .andMetaData(metaData)
                        .andMetaData(MetaData.with(LedgerMetadata.COMMAND_ID, commandId)),
                callback);
        CommandResultMessage<?> result = callback.getResult();
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        RevisedInThisWrite.mark(owner.aggregateId());
        CurrentUnitOfWork.get().root().afterCommit(uow -> aggregateCache.remove(owner.aggregateId()));
    }
}
