package org.diplomaticledger.ledger;

import java.util.List;
import java.util.Map;

/**
 * The answer to a command, given once its events are durably stored: the ids it created or addressed, the
 * events it wrote and the ledger position of the last one (a client may wait for projections to reach it).
 */
public record CommandReceipt(
        String command,
        String commandId,
        String aggregateId,
        Map<String, Object> ids,
        List<RecordedEvent> events,
        long position,
        String correlationId) {}
