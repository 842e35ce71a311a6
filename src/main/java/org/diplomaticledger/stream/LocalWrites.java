package org.diplomaticledger.stream;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * The writes in flight on this node: every unit of work that publishes events is numbered when it publishes its
 * first event (before the store hands out its positions) and forgotten once it has committed or rolled back. A
 * missing position seen while writes up to number n were started is settled once every write up to n has ended:
 * then it was either committed (and can be read) or rolled back (and stays empty for good). Commits also wake the
 * stream's reader, so live events go out without waiting for its next poll.
 */
final class LocalWrites implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final String RESOURCE = LocalWrites.class.getName();

    private final AtomicLong started = new AtomicLong();
    private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();
    private final Object signal = new Object();
    private boolean committed;

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            if (CurrentUnitOfWork.isStarted()) {
                UnitOfWork<?> root = CurrentUnitOfWork.get().root();
                root.getOrComputeResource(RESOURCE, key -> {
                    long number = started.incrementAndGet();
                    inFlight.add(number);
                    root.afterCommit(uow -> wake());
                    root.onCleanup(uow -> {
                        inFlight.remove(number);
                        wake();
                    });
                    return number;
                });
            }
            return event;
        };
    }

    /** The number of the last write started. */
    long lastStarted() {
        return started.get();
    }

    /** Whether every write numbered up to {@code number} has committed or rolled back. */
    boolean allEndedUpTo(long number) {
        Long oldest = inFlight.ceiling(Long.MIN_VALUE);
        return oldest == null || oldest > number;
    }

    /** Waits until a write ends or the timeout passes. */
    void awaitWrite(long timeoutMillis) throws InterruptedException {
        synchronized (signal) {
            if (!committed) {
                signal.wait(timeoutMillis);
            }
            committed = false;
        }
    }

    void wake() {
        synchronized (signal) {
            committed = true;
            signal.notifyAll();
        }
    }
}
