package org.diplomaticledger.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Collects, in the root unit of work, the events the commands of one write applied, so that the writer can
 * answer with their ids and ledger positions.
 */
final class AppliedEvents implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final String RESOURCE = AppliedEvents.class.getName();

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            if (CurrentUnitOfWork.isStarted()) {
                eventsOf(CurrentUnitOfWork.get().root()).add(event);
            }
            return event;
        };
    }

    static List<EventMessage<?>> eventsOf(UnitOfWork<?> root) {
        return root.getOrComputeResource(RESOURCE, key -> Collections.synchronizedList(new ArrayList<>()));
    }
}
