package org.diplomaticledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W3 (issue 13): W1's closed-loop load (the largest client count, Mexico in the 50 states of W1's list) kept on for
 * {@code --load-seconds} while every projection stays live. Every 100 ms the benchmark reads
 * {@code GET /api/v1/projections}; a projection's lag at that moment is how long ago the ledger's head first reached
 * the position the slowest projection is at. Baseline: the same delay for one command at a time with no load.
 */
final class LagUnderLoadScenario implements Scenario {

    private final AtomicLong sent = new AtomicLong();

    @Override
    public String name() {
        return "W3";
    }

    @Override
    public String title() {
        return "Projection lag while W1's load runs vs the delay of one command with no load";
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        int clients = context.sizes.clients().stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElse(16);
        context.awaitProjections("the ledger before W3");
        for (int i = 0; i < SingleCommandsScenario.RECEIVING.size(); i++) {
            send(context); // creates the 50 presences, unmeasured
        }
        context.awaitProjections("W3's warm-up");
        // 3 to 10 idle samples (one per 6 s of load): each waits for every projection, about 5 s apiece today.
        int idleSamples = Math.max(3, Math.min(10, context.sizes.loadSeconds() / 6));
        Latencies idle = new Latencies(idleSamples);
        for (int i = 0; i < idleSamples; i++) {
            long position = send(context);
            long answered = System.nanoTime();
            while (minPosition(context.ledger.projections()) < position) {
                Thread.sleep(5);
            }
            idle.add(System.nanoTime() - answered);
        }

        context.progress(
                "W3: %d clients for %d s, projections sampled every 100 ms", clients, context.sizes.loadSeconds());
        long end = System.nanoTime() + context.sizes.loadSeconds() * 1_000_000_000L;
        AtomicInteger commands = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> load = new ArrayList<>();
        List<long[]> heads = new ArrayList<>(); // {nanos, head}
        Latencies lags = new Latencies(context.sizes.loadSeconds() * 10);
        long start = System.nanoTime();
        try {
            for (int c = 0; c < clients; c++) {
                load.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        LedgerHttp.Answer answer = context.ledger.http.postJson(
                                LedgerHttp.CLERK,
                                "/api/v1/commands/RecordStaffCount",
                                SingleCommandsScenario.staffCount("MX", sent.getAndIncrement()));
                        (answer.ok() ? commands : refused).incrementAndGet();
                    }
                    return null;
                }));
            }
            while (System.nanoTime() < end) {
                long now = System.nanoTime();
                JsonNode projections = context.ledger.projections();
                long head = -1;
                for (JsonNode projection : projections) {
                    head = Math.max(head, projection.path("head").asLong());
                }
                heads.add(new long[] {now, head});
                long slowest = minPosition(projections);
                long reached = now;
                for (long[] sample : heads) {
                    if (sample[1] >= slowest) {
                        reached = sample[0];
                        break;
                    }
                }
                lags.add(slowest >= head ? 0 : Math.max(0, now - reached));
                Thread.sleep(Math.max(0, 100 - (System.nanoTime() - now) / 1_000_000));
            }
            for (Future<?> done : load) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long loadEnded = System.nanoTime();
        double seconds = (loadEnded - start) / 1e9;
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " of W3's commands were refused");
        }
        context.awaitProjections("W3's load");
        double drain = (System.nanoTime() - loadEnded) / 1e9;
        double maxLag = lags.millis(1.0) / 1000;
        result.add(
                "max projection lag during the load",
                maxLag,
                "s",
                "one command at a time, no load: max delay",
                idle.millis(1.0) / 1000,
                "s",
                "lag under load / idle delay");
        result.add(
                "p99 projection lag during the load",
                lags.p99() / 1000,
                "s",
                "one command at a time, no load: p99 delay",
                idle.p99() / 1000,
                "s",
                "lag under load / idle delay");
        result.add(
                "time for the projections to drain after the load",
                drain,
                "s",
                "the load's duration",
                seconds,
                "s",
                "drain / load");
        result.detail("clients", clients);
        result.detail("commands", commands.get());
        result.detail("commandsPerSecond", commands.get() / seconds);
        result.detail("samples", lags.count());
        result.detail("idleDelayMillis.p50", idle.p50());
    }

    private long send(BenchContext context) throws Exception {
        return context.ledger
                .http
                .parse(LedgerHttp.require(
                        context.ledger.http.postJson(
                                LedgerHttp.CLERK,
                                "/api/v1/commands/RecordStaffCount",
                                SingleCommandsScenario.staffCount("MX", sent.getAndIncrement())),
                        "W3 command"))
                .path("position")
                .asLong();
    }

    private static long minPosition(JsonNode projections) {
        long min = Long.MAX_VALUE;
        for (JsonNode projection : projections) {
            min = Math.min(min, projection.path("position").asLong(-1));
        }
        return min;
    }
}
