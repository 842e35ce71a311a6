package org.diplomaticledger.projection;

import java.time.Instant;

/**
 * An event a projection has parked: its handler failed on it ({@code error} set), or it waits behind such an event
 * of the same aggregate ({@code error} null, {@code waiting} true), so that the aggregate's events are applied in
 * order once the first one goes through.
 *
 * @param eventId     the event's id
 * @param position    its ledger position
 * @param aggregateId the aggregate (record) it belongs to; only that aggregate's later events wait behind it
 * @param type        the event's type, e.g. {@code StaffCountReported}
 * @param error       what the handler failed with, as {@code ExceptionType: message}; null for an event that waits
 * @param waiting     whether the event only waits behind an earlier parked event of its aggregate
 * @param since       when it was parked (null in a rebuild's report, which parks nothing in the database)
 * @param lastTried   when it was last tried (null in a rebuild's report)
 * @param retries     how often a retry failed on it since it was parked (null in a rebuild's report)
 */
public record ParkedEvent(
        String eventId,
        Long position,
        String aggregateId,
        String type,
        String error,
        boolean waiting,
        Instant since,
        Instant lastTried,
        Integer retries) {}
