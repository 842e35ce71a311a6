package org.diplomaticledger.bench;

import java.sql.Connection;

/**
 * R4: the heap the ledger needs (after a GC) to serve the seeded ledger and to rebuild its projections, against the
 * heap of the same ledger empty; and the database's size once the ledger has stopped cleanly, against the bytes of
 * the events' payloads and metadata.
 */
final class FootprintScenario implements Scenario {

    private static final double MB = 1024 * 1024;

    private long eventBytes;
    private long events;

    @Override
    public String name() {
        return "R4";
    }

    @Override
    public String title() {
        return "Heap to serve and rebuild, database size vs the events' payload+metadata bytes";
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        context.fullSize();
        if (context.heapAfterRebuild < 0) {
            RebuildScenario.rebuildAll(context);
        }
        String empty = "heap after GC, empty ledger";
        result.add(
                "heap after GC, serving " + String.format("%,d", context.seedEvents) + " seeded events",
                context.heapServing / MB,
                "MB",
                empty,
                context.heapEmpty / MB,
                "MB",
                "serving / empty");
        result.add(
                "peak heap while rebuilding every projection",
                context.heapPeakRebuild / MB,
                "MB",
                empty,
                context.heapEmpty / MB,
                "MB",
                "peak / empty");
        result.add(
                "heap after GC, after the rebuilds",
                context.heapAfterRebuild / MB,
                "MB",
                empty,
                context.heapEmpty / MB,
                "MB",
                "after rebuild / empty");
        result.detail("maxHeapBytes", RunningLedger.heapMax());
        result.detail("heapNote", "heap of the whole JVM: the ledger plus the benchmark's own small buffers");
    }

    /** The events' bytes once every scenario has written its events: what the stopped database holds. */
    @Override
    public void beforeLedgerStops(BenchContext context, ScenarioResult result) throws Exception {
        try (Connection connection = context.ledger.connect()) {
            long[] bytes = RawJdbc.eventBytes(connection);
            events = bytes[0];
            eventBytes = bytes[1] + bytes[2];
            result.detail("events", bytes[0]);
            result.detail("payloadBytes", bytes[1]);
            result.detail("metadataBytes", bytes[2]);
        }
    }

    @Override
    public void afterLedgerStopped(BenchContext context, ScenarioResult result) throws Exception {
        if (eventBytes == 0) {
            return;
        }
        long size = context.database.sizeAfterStop(context.dataDir);
        result.add(
                "database size, stopped",
                size / MB,
                "MB",
                "the events' payload + metadata",
                eventBytes / MB,
                "MB",
                "database / event bytes");
        result.add(
                "database bytes per event",
                (double) size / events,
                "bytes",
                "payload + metadata per event",
                (double) eventBytes / events,
                "bytes",
                "database / event bytes");
        result.detail("databaseBytes", size);
        result.detail("databaseSize", context.database.sizeMeaning());
    }
}
