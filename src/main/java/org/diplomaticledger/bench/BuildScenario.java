package org.diplomaticledger.bench;

/**
 * BUILD: how fast the seeded ledger was written through {@code POST /api/v1/imports} (the write path users have),
 * against plain JDBC inserting as many rows shaped like {@code domain_event_entry}, 1,000 to a transaction, on the
 * same database.
 */
final class BuildScenario implements Scenario {

    @Override
    public String name() {
        return "BUILD";
    }

    @Override
    public String title() {
        return "Build the ledger through imports vs raw JDBC inserts of 1,000 rows per transaction";
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        context.fullSize();
        double importSeconds = context.importNanos / 1e9;
        double currentSeconds = (context.importNanos + context.catchUpNanos) / 1e9;
        context.progress("raw JDBC baseline: %,d rows, 1,000 per transaction", context.seedEvents);
        double raw = RawJdbc.batchInsert(context::scratch, context.database.binaryType(), context.seedEvents, 1_000);
        String baseline = "raw JDBC insert, 1,000 rows per transaction";
        result.add(
                "import rate",
                context.seedEvents / importSeconds,
                "events/s",
                baseline,
                raw,
                "rows/s",
                "import rate / raw rate");
        result.add(
                "build rate until every projection is current",
                context.seedEvents / currentSeconds,
                "events/s",
                baseline,
                raw,
                "rows/s",
                "rate / raw rate");
        result.add(
                "build time until every projection is current",
                currentSeconds,
                "s",
                "raw JDBC, the same number of rows",
                context.seedEvents / raw,
                "s",
                "build time / raw time");
        result.detail("events", context.seedEvents);
        result.detail("importLines", context.seedLines);
        result.detail("chunkLines", context.sizes.chunk());
        result.detail("importSeconds", importSeconds);
        result.detail("catchUpSecondsAfterImports", context.catchUpNanos / 1e9);
        result.detail("rawRowsPerSecond", raw);
    }
}
