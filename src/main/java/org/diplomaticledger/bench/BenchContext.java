package org.diplomaticledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * What the scenarios of one run share: the sizes, the database, the running ledger, and the seeded ledger's growth
 * (how many events it holds, how long the imports and the projections took to get there).
 */
final class BenchContext {

    final Sizes sizes;
    final BenchDatabase database;
    final Path dataDir;
    final ObjectMapper json;
    final Random random;
    final PrintStream log;
    RunningLedger ledger;

    /** Seed lines imported so far, the events they wrote and the last event's position. */
    long seedLines;

    long seedEvents;
    long lastPosition = -1;
    /** Time spent in the seed's import requests, and waiting afterwards for the projections to be current. */
    long importNanos;

    long catchUpNanos;
    /** When the first chunk of the seed (every presence) was stored: the earliest {@code knownAt} worth asking. */
    Instant seedStartedAt;

    /** Heap after a GC: with an empty ledger, and serving the seeded ledger at its full size. */
    long heapEmpty;

    long heapServing = -1;
    /** Peak heap seen while the projections were rebuilt, and after a GC once they were; -1 until R2 ran. */
    long heapPeakRebuild = -1;

    long heapAfterRebuild = -1;

    /** The Spring Boot application class the ledgers are started from. */
    final Class<?> application;

    BenchContext(
            Class<?> application,
            Sizes sizes,
            BenchDatabase database,
            Path dataDir,
            ObjectMapper json,
            long seed,
            PrintStream log) {
        this.application = application;
        this.sizes = sizes;
        this.database = database;
        this.dataDir = dataDir;
        this.json = json;
        this.random = new Random(seed);
        this.log = log;
    }

    private final long startedNanos = System.nanoTime();

    void progress(String format, Object... args) {
        log.printf(
                "[bench %6.1f s] " + format + "%n",
                java.util.stream.Stream.concat(
                                java.util.stream.Stream.of((System.nanoTime() - startedNanos) / 1e9),
                                java.util.Arrays.stream(args))
                        .toArray());
        log.flush();
    }

    /**
     * Grows the seeded ledger through {@code POST /api/v1/imports} until it holds at least {@code events} seed
     * events, then waits until every projection is current.
     */
    void growTo(long events) throws Exception {
        if (seedEvents < events) {
            progress("importing the seed up to %,d events in chunks of %,d lines", events, sizes.chunk());
        }
        long lastReport = System.nanoTime();
        while (seedEvents < events) {
            long lines = Math.min(sizes.chunk(), events - seedEvents);
            byte[] body = LedgerSeed.lines(seedLines, seedLines + lines);
            long start = System.nanoTime();
            JsonNode receipt = ledger.http.parse(LedgerHttp.require(
                    ledger.http.postNdjson(LedgerHttp.CLERK, "/api/v1/imports", body),
                    "import of seed lines " + seedLines));
            importNanos += System.nanoTime() - start;
            if (seedStartedAt == null) {
                seedStartedAt = Instant.now();
            }
            seedLines += lines;
            seedEvents += receipt.path("events").asLong();
            lastPosition = Math.max(lastPosition, receipt.path("position").asLong());
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                progress("  %,d events imported (%.0f events/s)", seedEvents, seedEvents / (importNanos / 1e9));
                lastReport = System.nanoTime();
            }
        }
        awaitProjections("the seed");
    }

    /** Waits until every projection has applied the whole seed; the wait counts as the build's catch-up time. */
    void awaitProjections(String what) throws Exception {
        long start = System.nanoTime();
        long head = ledger.head();
        if (!ledger.awaitAll(head, sizes.catchUpTimeout(), Duration.ofMillis(100))) {
            throw new IllegalStateException("the projections did not apply " + what + " (position " + head + ") within "
                    + sizes.catchUpTimeout() + ": " + ledger.projections());
        }
        long waited = System.nanoTime() - start;
        if (what.equals("the seed")) {
            catchUpNanos += waited;
        }
        if (waited > 1_000_000_000L) {
            progress("  projections current after %.1f s more", waited / 1e9);
        }
    }

    /** The seeded ledger at its full size, every projection current, and the heap it needs to serve it. */
    void fullSize() throws Exception {
        growTo(sizes.events());
        if (heapServing < 0) {
            heapServing = RunningLedger.heapAfterGc();
        }
    }

    /** A new connection to the scratch database, where the raw write baselines insert. */
    java.sql.Connection scratch() throws java.sql.SQLException {
        return database.scratch(ledger.jdbcUrl, ledger.jdbcUser, ledger.jdbcPassword);
    }
}
