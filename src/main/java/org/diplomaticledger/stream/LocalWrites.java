package org.diplomaticledger.stream;

import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Wakes the stream's reader when a write on this node commits, so that live events go out without waiting for its
 * next poll; writes on other nodes are found by the poll ({@code ledger.stream.poll-interval}). Which positions are
 * settled is not this class's concern: the audit chain's head says it for every node's writes ({@link LedgerTail}).
 */
final class LocalWrites implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final String RESOURCE = LocalWrites.class.getName();

    private final Object signal = new Object();
    private boolean committed;

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            if (CurrentUnitOfWork.isStarted()) {
                UnitOfWork<?> root = CurrentUnitOfWork.get().root();
                root.getOrComputeResource(RESOURCE, key -> {
                    root.afterCommit(uow -> wake());
                    return Boolean.TRUE;
                });
            }
            return event;
        };
    }

    /** Waits until a write commits or the timeout passes. */
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
