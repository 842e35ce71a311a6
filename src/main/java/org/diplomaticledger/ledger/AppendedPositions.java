package org.diplomaticledger.ledger;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The ledger positions the database gave the events a root unit of work appended, by event id, as the append's
 * interceptors read them back (the audit chain reads every appended row to link it). The writer answers with them
 * instead of reading the rows a second time.
 */
final class AppendedPositions {

    private static final String RESOURCE = AppendedPositions.class.getName();

    private AppendedPositions() {}

    static void record(Map<String, Long> positions) {
        if (!positions.isEmpty() && CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            root.<Map<String, Long>>getOrComputeResource(RESOURCE, key -> new HashMap<>())
                    .putAll(positions);
        }
    }

    static Map<String, Long> of(UnitOfWork<?> root) {
        return root.getOrDefaultResource(RESOURCE, Map.of());
    }
}
