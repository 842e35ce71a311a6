package org.diplomaticledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R2: every projection rebuilt from the ledger's events, one after another, through
 * {@code POST /api/v1/projections/{name}/rebuild} (followed until its state is no longer RUNNING); beside a raw
 * JDBC read of the same {@code domain_event_entry} rows with a Jackson parse of each payload.
 */
final class RebuildScenario implements Scenario {

    @Override
    public String name() {
        return "R2";
    }

    @Override
    public String title() {
        return "Rebuild every projection vs raw JDBC read + Jackson parse of the same rows";
    }

    /** One projection's rebuild as the ledger reported it. */
    record Rebuilt(String projection, String state, long events, double seconds, String error) {}

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        context.fullSize();
        RawJdbc.ReadAndParse raw = fastestRawRead(context, null);
        context.progress("R2: raw read + parse of %,d rows: %.2f s", raw.rows(), raw.seconds());
        List<Rebuilt> rebuilt = rebuildAll(context);
        // read again after the rebuilds: the baseline is the fastest of all, so that a moment of load on the machine
        // while the baseline ran cannot flatter the ratios
        raw = fastestRawRead(context, raw);
        context.progress("R2: fastest raw read + parse: %.2f s", raw.seconds());
        double total = 0;
        long events = 0;
        List<Map<String, Object>> details = new ArrayList<>();
        for (Rebuilt one : rebuilt) {
            total += one.seconds();
            events = Math.max(events, one.events());
            result.add(
                    one.projection() + " rebuild" + (one.state().equals("SWITCHED") ? "" : " (" + one.state() + ")"),
                    one.events() / one.seconds(),
                    "events/s",
                    "raw JDBC read + Jackson parse",
                    raw.rowsPerSecond(),
                    "rows/s",
                    "rebuild rate / raw rate");
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("projection", one.projection());
            detail.put("state", one.state());
            detail.put("events", one.events());
            detail.put("seconds", one.seconds());
            detail.put("error", one.error());
            details.add(detail);
        }
        result.add(
                "every projection, one after another",
                events / total,
                "events/s",
                "raw JDBC read + Jackson parse",
                raw.rowsPerSecond(),
                "rows/s",
                "rebuild rate / raw rate");
        result.add(
                "every projection, one after another: time",
                total,
                "s",
                "raw JDBC read + Jackson parse",
                raw.seconds(),
                "s",
                "rebuild time / raw time");
        Together together = rebuildTogether(context);
        result.add(
                "every projection at once"
                        + (together.failed().isEmpty() ? "" : " (failed: " + together.failed() + ")"),
                together.events() / together.seconds(),
                "events/s",
                "raw JDBC read + Jackson parse",
                raw.rowsPerSecond(),
                "rows/s",
                "rebuild rate / raw rate");
        result.add(
                "every projection at once: time",
                together.seconds(),
                "s",
                "raw JDBC read + Jackson parse",
                raw.seconds(),
                "s",
                "rebuild time / raw time");
        result.detail("rebuilds", details);
        result.detail("togetherSeconds", together.seconds());
        result.detail("togetherWaitForReleasedSlotsSeconds", together.waitedForReleases());
        result.detail("rawRows", raw.rows());
        result.detail("rawSeconds", raw.seconds());
        result.detail("rawPayloadBytes", raw.payloadBytes());
    }

    record Together(long events, double seconds, double waitedForReleases, List<String> failed) {}

    /**
     * Every projection rebuilt at once, as {@code --ledger.projections.rebuild=all} does at start: all started
     * together, timed until the last one ended. First waits, untimed, until the slots the one-after-another pass
     * released are cleared (that runs in the background after each switch; a rebuild into a slot still being cleared
     * waits for it).
     */
    private static Together rebuildTogether(BenchContext context) throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode projection : context.ledger.projections()) {
            names.add(projection.path("name").asText());
        }
        long waitStart = System.nanoTime();
        for (String name : names) {
            while (true) {
                JsonNode released = context.ledger
                        .http
                        .getJson(LedgerHttp.ANALYST, "/api/v1/projections/" + name)
                        .path("lastRebuild")
                        .path("released");
                if (released.isMissingNode()
                        || released.isNull()
                        || released.path("cleared").asBoolean()) {
                    break;
                }
                Thread.sleep(200);
            }
        }
        double waited = (System.nanoTime() - waitStart) / 1e9;
        context.progress("R2: rebuilding every projection at once");
        long start = System.nanoTime();
        Map<String, String> startedAt = new LinkedHashMap<>();
        for (String name : names) {
            JsonNode started = context.ledger.http.parse(LedgerHttp.require(
                    context.ledger.http.postJson(LedgerHttp.AUDITOR, "/api/v1/projections/" + name + "/rebuild", ""),
                    "rebuild of " + name));
            startedAt.put(name, started.path("startedAt").asText());
        }
        long events = 0;
        List<String> failed = new ArrayList<>();
        long peak = context.heapPeakRebuild;
        for (String name : names) {
            while (true) {
                peak = Math.max(peak, RunningLedger.heapUsed());
                JsonNode status = context.ledger
                        .http
                        .getJson(LedgerHttp.ANALYST, "/api/v1/projections/" + name)
                        .path("lastRebuild");
                if (status.path("startedAt").asText().equals(startedAt.get(name))
                        && !status.path("state").asText().equals("RUNNING")) {
                    events = Math.max(events, status.path("done").asLong());
                    if (!status.path("state").asText().equals("SWITCHED")) {
                        failed.add(name);
                    }
                    break;
                }
                Thread.sleep(50);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        context.heapPeakRebuild = Math.max(peak, RunningLedger.heapUsed());
        context.heapAfterRebuild = RunningLedger.heapAfterGc();
        return new Together(events, seconds, waited, failed);
    }

    /** After a warm-up (JIT and page cache, as the rebuilds get them), the fastest of three raw reads and {@code best}. */
    private static RawJdbc.ReadAndParse fastestRawRead(BenchContext context, RawJdbc.ReadAndParse best)
            throws Exception {
        try (Connection connection = context.ledger.connect()) {
            if (best == null) {
                RawJdbc.readAndParse(connection, context.json);
            }
            for (int i = 0; i < 3; i++) {
                RawJdbc.ReadAndParse read = RawJdbc.readAndParse(connection, context.json);
                if (best == null || read.seconds() < best.seconds()) {
                    best = read;
                }
            }
        }
        return best;
    }

    /**
     * Rebuilds every projection the ledger lists, one after another, sampling the heap while they run (R4 reads the
     * peak and the heap after a GC once they are done).
     */
    static List<Rebuilt> rebuildAll(BenchContext context) throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode projection : context.ledger.projections()) {
            names.add(projection.path("name").asText());
        }
        long peak = RunningLedger.heapUsed();
        List<Rebuilt> rebuilt = new ArrayList<>();
        for (String name : names) {
            context.progress("R2: rebuilding %s", name);
            long start = System.nanoTime();
            JsonNode started = context.ledger.http.parse(LedgerHttp.require(
                    context.ledger.http.postJson(LedgerHttp.AUDITOR, "/api/v1/projections/" + name + "/rebuild", ""),
                    "rebuild of " + name));
            String startedAt = started.path("startedAt").asText();
            JsonNode status;
            while (true) {
                peak = Math.max(peak, RunningLedger.heapUsed());
                status = context.ledger
                        .http
                        .getJson(LedgerHttp.ANALYST, "/api/v1/projections/" + name)
                        .path("lastRebuild");
                if (status.path("startedAt").asText().equals(startedAt)
                        && !status.path("state").asText().equals("RUNNING")) {
                    break;
                }
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            rebuilt.add(new Rebuilt(
                    name,
                    status.path("state").asText(),
                    status.path("done").asLong(),
                    seconds,
                    status.path("error").isMissingNode() || status.path("error").isNull()
                            ? null
                            : status.path("error").asText()));
        }
        context.heapPeakRebuild = Math.max(peak, RunningLedger.heapUsed());
        context.heapAfterRebuild = RunningLedger.heapAfterGc();
        return rebuilt;
    }
}
