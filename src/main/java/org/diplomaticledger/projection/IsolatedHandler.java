package org.diplomaticledger.projection;

import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A projection's handler run one event at a time inside a savepoint of the surrounding transaction (the processor's
 * batch, a rebuild's batch, or the retry of a parked event). Axon's dead-letter invoker catches a handler's failure
 * and parks the event, but it does not undo what the handler wrote before it failed, and the batch then commits:
 * rolling back to the savepoint leaves nothing of the failed event behind.
 *
 * <p>Without a transaction manager there is no savepoint: for a delegate that writes nothing of an event it fails
 * on (a rebuild's {@link TemporalProjector}, which holds its writes and queues an event's only once its handler
 * succeeded), where a rollback to a savepoint would also undo the earlier events' writes it flushed meanwhile.
 *
 * <p>An event that fails although a later event of its aggregate corrects or retracts it is not parked: that later
 * event refolds the aggregate from the event store with the correction applied (see {@link TemporalProjector}), so
 * the failed event counts as handled. This is what releases a parked event once it is retracted or corrected.
 */
final class IsolatedHandler implements EventMessageHandler {

    private static final Logger log = LoggerFactory.getLogger(IsolatedHandler.class);

    private final String projection;
    private final EventMessageHandler delegate;
    private final TransactionTemplate savepoint;
    private final Supplier<EventStorageEngine> store;

    IsolatedHandler(
            String projection,
            EventMessageHandler delegate,
            PlatformTransactionManager transactions,
            Supplier<EventStorageEngine> store) {
        this.projection = projection;
        this.delegate = delegate;
        if (transactions == null) {
            this.savepoint = null;
        } else {
            this.savepoint = new TransactionTemplate(transactions);
            this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        }
        this.store = store;
    }

    EventMessageHandler delegate() {
        return delegate;
    }

    @Override
    public Object handle(EventMessage<?> event) throws Exception {
        Exception failure;
        if (savepoint == null) {
            try {
                return delegate.handle(event);
            } catch (Exception e) {
                failure = e;
            }
            return superseded(event, failure);
        }
        if (delegate instanceof TemporalProjector projector) {
            projector.prepare(event);
        }
        try {
            return savepoint.execute(status -> {
                try {
                    return delegate.handle(event);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new Checked(e);
                }
            });
        } catch (Checked wrapped) {
            failure = (Exception) wrapped.getCause();
        } catch (RuntimeException e) {
            failure = e;
        }
        return superseded(event, failure);
    }

    private Object superseded(EventMessage<?> event, Exception failure) throws Exception {
        Optional<String> supersededBy = supersededBy(event);
        if (supersededBy.isPresent()) {
            log.warn(
                    "Projection {} failed on event {} ({}), which a later event of its aggregate replaces ({}): "
                            + "left to that event's refold",
                    projection,
                    event.getIdentifier(),
                    failure.toString(),
                    supersededBy.get());
            return null;
        }
        throw failure;
    }

    /** The type and id of a later event of the same aggregate that corrects or retracts {@code event}, if any. */
    Optional<String> supersededBy(EventMessage<?> event) {
        if (!(event instanceof DomainEventMessage<?> domain)
                || event.getPayload() instanceof EntryCorrected
                || event.getPayload() instanceof EntryRetracted) {
            return Optional.empty();
        }
        DomainEventStream later =
                store.get().readEvents(domain.getAggregateIdentifier(), domain.getSequenceNumber() + 1);
        while (later.hasNext()) {
            DomainEventMessage<?> next = later.next();
            Object payload = next.getPayload();
            if (payload instanceof EntryCorrected corrected
                            && corrected.eventId().equals(event.getIdentifier())
                    || payload instanceof EntryRetracted retracted
                            && retracted.eventId().equals(event.getIdentifier())) {
                return Optional.of(payload.getClass().getSimpleName() + " " + next.getIdentifier());
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean canHandle(EventMessage<?> event) {
        return delegate.canHandle(event);
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return delegate.canHandleType(payloadType);
    }

    @Override
    public Class<?> getTargetType() {
        return delegate.getTargetType();
    }

    @Override
    public <R> void prepareReset(R resetContext) {
        delegate.prepareReset(resetContext);
    }

    @Override
    public boolean supportsReset() {
        return delegate.supportsReset();
    }

    /** Carries a checked exception through the transaction template's callback. */
    private static final class Checked extends RuntimeException {
        Checked(Exception cause) {
            super(cause);
        }
    }
}
