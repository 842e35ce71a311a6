package org.diplomaticledger.projection;

import java.time.Instant;
import java.util.Map;

/**
 * Where a rebuild stands: its step, events applied of the ledger's total, the rate (of the replay alone), the time left; at the end, whether every
 * table of the rebuilt slot held the same rows as the live one. {@code parked} lists the events the projection's
 * handler failed on, which the rebuild left out as the live processor parks them (with the {@code parkedWaiting}
 * later events of their aggregates), instead of failing.
 */
public record RebuildStatus(
        String projection,
        State state,
        Step step,
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
        long parkedWaiting,
        SlotRelease released) {

    public enum State {
        RUNNING,
        SWITCHED,
        FAILED
    }

    /**
     * What a running rebuild does: {@code CLEARING} the rows an earlier rebuild left in the slot it writes into,
     * {@code REPLAYING} the ledger's events, {@code COMPARING} the two slots; {@code ENDED} once it switched or failed.
     */
    public enum Step {
        CLEARING,
        REPLAYING,
        COMPARING,
        ENDED
    }

    /**
     * The slot a switch released (the one queries read until then): its rows are deleted in the background, in
     * batches, a few seconds after the switch, so that neither the switch nor the next rebuild waits for them.
     * {@code rowsDeleted} so far; {@code cleared} once the slot is empty.
     */
    public record SlotRelease(Slot slot, long rowsDeleted, boolean cleared) {}

    /** One table after the rebuild: rows in the slot that answered until now, rows rebuilt, and whether they are the same. */
    public record TableCheck(long liveRows, long rebuiltRows, boolean identical) {}

    /** Whether every table of the rebuilt slot equals the live one, row for row. */
    @com.fasterxml.jackson.annotation.JsonProperty("identical")
    public Boolean identical() {
        return tables == null ? null : tables.values().stream().allMatch(TableCheck::identical);
    }
}
