package org.diplomaticledger.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R3: latency of the analysts' reads at a random {@code asOf} and {@code knownAt}, one client, on the small ledger
 * and again on the full one; beside a primary-key point select of one event on the same database at the same size.
 * One more kind, {@code presence today}, reads a random presence as most readers do: no {@code asOf}, no
 * {@code knownAt}.
 */
final class AsOfReadsScenario implements Scenario {

    private static final List<String> READS = List.of("presence", "heads-of-mission", "expulsions", "presence today");
    private static final int WARM_UP = 100;

    @Override
    public String name() {
        return "R3";
    }

    @Override
    public String title() {
        return "As-of reads (presence, heads of mission, expulsions) at a random asOf/knownAt, small vs large ledger";
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        context.growTo(Math.min(context.sizes.smallEvents(), context.sizes.events()));
        long small = context.seedEvents;
        Map<String, Latencies> atSmall = measure(context, result, small);
        context.fullSize();
        long large = context.seedEvents;
        Map<String, Latencies> atLarge = measure(context, result, large);
        for (String read : atSmall.keySet()) {
            String what = read.equals("raw") ? "raw point select" : read;
            result.add(
                    what + " p99, " + String.format("%,d", large) + " vs " + String.format("%,d", small) + " events",
                    atLarge.get(read).p99(),
                    "ms",
                    "the same at " + String.format("%,d", small) + " events",
                    atSmall.get(read).p99(),
                    "ms",
                    "p99(large) / p99(small)");
        }
        result.detail("smallEvents", small);
        result.detail("largeEvents", large);
        result.detail("readsPerSize", context.sizes.reads());
    }

    private Map<String, Latencies> measure(BenchContext context, ScenarioResult result, long events) throws Exception {
        context.progress("R3: %,d reads of each kind on %,d events", context.sizes.reads(), events);
        Map<String, Latencies> latencies = new LinkedHashMap<>();
        for (String read : READS) {
            for (int i = 0; i < WARM_UP; i++) {
                read(context, read);
            }
            Latencies measured = new Latencies(context.sizes.reads());
            for (int i = 0; i < context.sizes.reads(); i++) {
                measured.add(read(context, read));
            }
            latencies.put(read, measured);
        }
        Latencies raw;
        try (Connection connection = context.ledger.connect()) {
            RawJdbc.pointSelects(connection, WARM_UP, context.random);
            raw = RawJdbc.pointSelects(connection, context.sizes.reads(), context.random);
        }
        latencies.put("raw", raw);
        String at = " @ " + String.format("%,d", events) + " events";
        for (String read : READS) {
            Latencies measured = latencies.get(read);
            result.add(
                    read + " p50" + at,
                    measured.p50(),
                    "ms",
                    "raw JDBC point select p50",
                    raw.p50(),
                    "ms",
                    "read / raw");
            result.add(
                    read + " p99" + at,
                    measured.p99(),
                    "ms",
                    "raw JDBC point select p99",
                    raw.p99(),
                    "ms",
                    "read / raw");
        }
        return latencies;
    }

    /** One read at a random presence, day and moment; its latency in nanoseconds. */
    private static long read(BenchContext context, String read) throws Exception {
        int presence = context.random.nextInt(LedgerSeed.PRESENCES);
        long days = ChronoUnit.DAYS.between(LedgerSeed.FIRST_DAY, LedgerSeed.day(Math.max(0, context.seedLines - 1)));
        LocalDate asOf = LedgerSeed.FIRST_DAY.plusDays((long) (context.random.nextDouble() * (days + 1)));
        Instant from = context.seedStartedAt;
        Instant knownAt = from.plusMillis(
                (long) (context.random.nextDouble() * (Instant.now().toEpochMilli() - from.toEpochMilli())));
        String time = "asOf=" + asOf + "&knownAt=" + URLEncoder.encode(knownAt.toString(), StandardCharsets.UTF_8);
        String s = LedgerSeed.sending(presence);
        String path = switch (read) {
            case "presence" -> "/api/v1/presences/" + s + "/" + LedgerSeed.receiving(presence) + "?" + time;
            case "heads-of-mission" -> "/api/v1/heads-of-mission?sending=" + s + "&" + time;
            case "expulsions" -> "/api/v1/expulsions?state=" + s + "&" + time;
            case "presence today" -> "/api/v1/presences/" + s + "/" + LedgerSeed.receiving(presence);
            default -> throw new IllegalArgumentException(read);
        };
        long start = System.nanoTime();
        LedgerHttp.Answer answer = context.ledger.http.get(LedgerHttp.ANALYST, path);
        long took = System.nanoTime() - start;
        LedgerHttp.require(answer, "GET " + path);
        return took;
    }
}
