package org.diplomaticledger.projection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rebuild's handler that parks as the live processor does, in memory: an event the projection's handler fails on
 * is left out (its writes undone, see {@link IsolatedHandler}) and reported, and so are the later events of the
 * same aggregate, which would wait behind it. The rebuilt slot then holds what the live slot holds while those
 * events are parked, and the rebuild goes on to switch instead of failing.
 */
final class RebuildParking implements EventMessageHandler {

    private static final Logger log = LoggerFactory.getLogger(RebuildParking.class);
    private static final int REPORTED = 100;

    private final String projection;
    private final EventMessageHandler delegate;
    private final Set<String> blocked = new HashSet<>();
    private final List<ParkedEvent> parked = new ArrayList<>();
    private final AtomicLong waiting = new AtomicLong();

    RebuildParking(String projection, EventMessageHandler delegate) {
        this.projection = projection;
        this.delegate = delegate;
    }

    @Override
    public Object handle(EventMessage<?> event) throws Exception {
        String aggregate = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        if (aggregate != null && blocked.contains(aggregate)) {
            waiting.incrementAndGet();
            return null;
        }
        try {
            return delegate.handle(event);
        } catch (Exception e) {
            if (aggregate != null) {
                blocked.add(aggregate);
            }
            log.warn(
                    "Rebuilding projection {}: parked event {} of {} ({}), and the later events of its aggregate",
                    projection,
                    event.getIdentifier(),
                    aggregate,
                    e.toString());
            synchronized (parked) {
                if (parked.size() < REPORTED) {
                    Long position = event instanceof TrackedEventMessage<?> tracked
                            ? tracked.trackingToken().position().orElse(0)
                            : null;
                    parked.add(new ParkedEvent(
                            event.getIdentifier(),
                            position,
                            aggregate,
                            event.getPayloadType().getSimpleName(),
                            e.getClass().getSimpleName() + ": " + e.getMessage(),
                            false,
                            null,
                            null,
                            null));
                }
            }
            return null;
        }
    }

    /** The events the handler failed on (the first hundred). */
    List<ParkedEvent> parked() {
        synchronized (parked) {
            return List.copyOf(parked);
        }
    }

    /** How many events were left out because they waited behind a failed one of their aggregate. */
    long waiting() {
        return waiting.get();
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
}
