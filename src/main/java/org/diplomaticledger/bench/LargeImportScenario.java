package org.diplomaticledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.diplomaticledger.shared.RetryAfter;

/**
 * W2 (issue 13): one import request of {@code --import-lines} staff counts (Japan in the 50 states of W1's list), sent
 * with {@code Prefer: respond-async} and followed through its status resource until it succeeded (its time: from the
 * first byte sent to the status saying SUCCEEDED),
 * against raw JDBC inserting as many rows, 1,000 to a transaction, on the same database. The heap is sampled while
 * the import runs (the issue asks for a 1,000,000-line import in the default heap); the body is made while it is
 * sent, so the benchmark holds none of it.
 */
final class LargeImportScenario implements Scenario {

    private static final double MB = 1024 * 1024;

    @Override
    public String name() {
        return "W2";
    }

    @Override
    public String title() {
        return "One large NDJSON import vs raw JDBC inserts of 1,000 rows per transaction";
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        long lines = context.sizes.importLines();
        context.awaitProjections("the ledger before W2");
        GeneratedLines body = new GeneratedLines(
                lines,
                n -> "{\"command\":\"RecordStaffCount\",\"payload\":" + SingleCommandsScenario.staffCount("JP", n)
                        + "}");
        // The baseline first, on the idle database: after the import the projections catch up for a long while, and
        // a baseline measured beside them would be slowed by them.
        context.progress("W2: raw JDBC baseline: %,d rows, 1,000 per transaction", lines);
        double raw = RawJdbc.batchInsert(context::scratch, context.database.binaryType(), lines, 1_000);
        context.progress("W2: raw JDBC baseline: %,.0f rows/s", raw);
        context.progress("W2: one import of %,d lines", lines);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong peak = new AtomicLong(RunningLedger.heapUsed());
        Thread sampler = new Thread(
                () -> {
                    while (running.get()) {
                        peak.accumulateAndGet(RunningLedger.heapUsed(), Math::max);
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        JsonNode receipt;
        double uploadSeconds;
        double validatedAt = -1;
        int polls = 0;
        String firstProgress = null;
        String lastRunning = null;
        try {
            // As an integrator sends a large file: "Prefer: respond-async", then the status resource until it ends.
            LedgerHttp.Answer answer = context.ledger.http.postNdjson(
                    LedgerHttp.CLERK, "/api/v1/imports", () -> body, java.util.Map.of("Prefer", "respond-async"));
            JsonNode accepted = context.ledger.http.parse(LedgerHttp.require(answer, "W2 import"));
            uploadSeconds = (System.nanoTime() - start) / 1e9;
            String status = "/api/v1/imports/" + accepted.path("id").asText();
            while (true) {
                // Asked again when the last answer's Retry-After says (1 s when it has none).
                Thread.sleep(RetryAfter.of(answer.retryAfter(), Duration.ofSeconds(1), Instant.now())
                        .toMillis());
                answer = context.ledger.http.get(LedgerHttp.CLERK, status);
                receipt = context.ledger.http.parse(LedgerHttp.require(answer, "GET " + status));
                polls++;
                String state = receipt.path("state").asText();
                double at = (System.nanoTime() - start) / 1e9;
                if (state.equals("WRITING") && validatedAt < 0) {
                    validatedAt = at;
                }
                if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                    break;
                }
                String progress = String.format(
                        java.util.Locale.ROOT,
                        "%.1f s: %s, %,d lines validated, %,d written",
                        at,
                        state,
                        receipt.path("linesValidated").asLong(),
                        receipt.path("linesWritten").asLong());
                if (firstProgress == null && (receipt.path("linesValidated").asLong() > 0)) {
                    firstProgress = progress;
                }
                lastRunning = progress;
                if (polls % 10 == 0) {
                    context.progress("W2: %s", progress);
                }
            }
            if (!receipt.path("state").asText().equals("SUCCEEDED")) {
                throw new IllegalStateException("W2's import failed: " + receipt);
            }
        } finally {
            running.set(false);
            sampler.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long events = receipt.path("events").asLong();
        context.progress(
                "W2: imported %,d events in %.1f s: %,.0f events/s, %.3f× raw (%,.0f rows/s); peak heap %.0f MB",
                events, seconds, events / seconds, events / seconds / raw, raw, peak.get() / MB);
        long imported = System.nanoTime();
        context.awaitProjections("W2's import");
        double catchUp = (System.nanoTime() - imported) / 1e9;
        result.add(
                "import of " + String.format("%,d", lines) + " lines in one request",
                events / seconds,
                "events/s",
                "raw JDBC insert, 1,000 rows per transaction",
                raw,
                "rows/s",
                "import rate / raw rate");
        result.add(
                "peak heap in use during the import",
                peak.get() / MB,
                "MB",
                "heap after GC, empty ledger",
                context.heapEmpty / MB,
                "MB",
                "peak / empty");
        result.detail("lines", lines);
        result.detail("events", events);
        result.detail("bodyBytes", body.bytes());
        result.detail("importSeconds", seconds);
        result.detail("projectionsCurrentSecondsAfterImport", catchUp);
        result.detail("uploadSeconds", uploadSeconds);
        result.detail("validatedSeconds", validatedAt);
        result.detail("statusPolls", polls);
        result.detail(
                "progress",
                "202 at once, then GET /api/v1/imports/{id} as its Retry-After says; e.g. " + firstProgress + "; "
                        + lastRunning);
    }
}
