package org.diplomaticledger.projection;

import java.time.Instant;
import java.util.Map;

/**
 * Where a rebuild stands: events applied of the ledger's total, the rate, the time left; at the end, whether every
 * table of the rebuilt slot held the same rows as the live one. {@code parked} lists the events the projection's
 * handler failed on, which the rebuild left out as the live processor parks them (with the {@code parkedWaiting}
 * later events of their aggregates), instead of failing.
 */
public record RebuildStatus(String projection,
                            State state,
                            Slot into,
                            Instant startedAt,
                            Instant finishedAt,
                            long done,
                            long total,
                            double eventsPerSecond,
                            Long secondsLeft,
                            Map<String, TableCheck> tables,
                            String error,
                            java.util.List<ParkedEvent> parked,
                            long parkedWaiting) {

    public enum State { RUNNING, SWITCHED, FAILED }

    /** One table after the rebuild: rows in the slot that answered until now, rows rebuilt, and whether they are the same. */
    public record TableCheck(long liveRows, long rebuiltRows, boolean identical) {
    }

    /** Whether every table of the rebuilt slot equals the live one, row for row. */
    @com.fasterxml.jackson.annotation.JsonProperty("identical")
    public Boolean identical() {
        return tables == null ? null : tables.values().stream().allMatch(TableCheck::identical);
    }
}
