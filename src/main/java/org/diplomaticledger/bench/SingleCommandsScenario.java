package org.diplomaticledger.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W1 (issue 13): single {@code POST /api/v1/commands/RecordStaffCount} requests from 1 and 16 concurrent clients
 * over 50 presences of their own (the United States in 50 states), closed loop; beside plain JDBC single-row
 * insert+commit transactions from as many threads on the same database. On PostgreSQL also the transactions and
 * the WAL bytes each command cost (whole database and server during the run: the projections' work included).
 */
final class SingleCommandsScenario implements Scenario {

    static final List<String> RECEIVING = List.of(
            "AE", "AF", "AG", "AL", "AM", "AO", "AR", "AU", "AZ", "BA", "BB", "BD", "BF", "BG", "BH", "BI", "BJ", "BN",
            "BO", "BS", "BT", "BW", "BY", "BZ", "CD", "CF", "CG", "CH", "CI", "CM", "CN", "CO", "CR", "CU", "CY", "CZ",
            "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "ER", "ET", "FI", "FJ", "GA", "GD");
    private static final LocalDate FIRST = LocalDate.of(2001, 1, 1);

    /** Commands sent so far: each command's effective date follows the one before on its presence. */
    private final AtomicLong sent = new AtomicLong();

    /**
     * The n-th staff count of a load from {@code sending} over the 50 receiving states: presence n mod 50, each
     * presence's counts one day after another.
     */
    static String staffCount(String sending, long n) {
        String receiving = RECEIVING.get((int) (n % RECEIVING.size()));
        return "{\"sendingState\":\"" + sending + "\",\"receivingState\":\"" + receiving + "\",\"headcount\":"
                + (20 + n % 60) + ",\"effectiveDate\":\"" + FIRST.plusDays(n / RECEIVING.size())
                + "\",\"source\":\"Benchmark: a clerk records one staff count\"}";
    }

    @Override
    public String name() {
        return "W1";
    }

    @Override
    public String title() {
        return "Single commands over HTTP, 1 and 16 clients, vs raw JDBC single-row insert+commit";
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        // Warm-up: creates the 50 presences and warms the path, unmeasured.
        Load warmUp = load(context, 1, RECEIVING.size());
        if (warmUp.refused.get() > 0) {
            throw new IllegalStateException(warmUp.refused.get() + " of W1's warm-up commands were refused");
        }
        for (int clients : context.sizes.clients()) {
            int commands = context.sizes.commands();
            context.progress("W1: %,d commands from %d client(s)", commands, clients);
            PostgresBenchDatabase postgres = context.database instanceof PostgresBenchDatabase pg ? pg : null;
            long xactsBefore = postgres == null ? 0 : postgres.transactions(PostgresBenchDatabase.LEDGER_DB);
            long walBefore = postgres == null ? 0 : postgres.walPosition();
            Load measured = load(context, clients, commands);
            if (measured.refused.get() > 0) {
                throw new IllegalStateException(
                        measured.refused.get() + " of W1's commands were refused: the figures would be wrong");
            }
            long xacts = 0;
            long wal = 0;
            if (postgres != null) {
                Thread.sleep(1_000); // backends report their statistics at most every 500 ms
                xacts = postgres.transactions(PostgresBenchDatabase.LEDGER_DB) - xactsBefore;
                wal = postgres.walPosition() - walBefore;
            }
            context.progress("W1: raw single-row insert+commit, %d thread(s)", clients);
            long rawXactsBefore = postgres == null ? 0 : postgres.transactions(PostgresBenchDatabase.SCRATCH_DB);
            long rawWalBefore = postgres == null ? 0 : postgres.walPosition();
            RawJdbc.SingleRows raw =
                    RawJdbc.singleRowInserts(context::scratch, context.database.binaryType(), clients, commands);
            String who = clients + (clients == 1 ? " client" : " clients");
            String rawName = "raw JDBC single-row insert+commit, " + clients + (clients == 1 ? " thread" : " threads");
            result.add(
                    who + ": throughput",
                    measured.perSecond,
                    "commands/s",
                    rawName,
                    raw.rowsPerSecond(),
                    "rows/s",
                    "commands/s / rows/s");
            result.add(
                    who + ": p50",
                    measured.latencies.p50(),
                    "ms",
                    rawName + " p50",
                    raw.latencies().p50(),
                    "ms",
                    "command / raw");
            result.add(
                    who + ": p99",
                    measured.latencies.p99(),
                    "ms",
                    rawName + " p99",
                    raw.latencies().p99(),
                    "ms",
                    "command / raw");
            if (postgres != null) {
                Thread.sleep(1_000);
                long rawXacts = postgres.transactions(PostgresBenchDatabase.SCRATCH_DB) - rawXactsBefore;
                long rawWal = postgres.walPosition() - rawWalBefore;
                result.add(
                        who + ": transactions per command",
                        (double) xacts / commands,
                        "transactions",
                        rawName + ": transactions per row",
                        (double) rawXacts / commands,
                        "transactions",
                        "command / raw");
                result.add(
                        who + ": WAL bytes per command",
                        (double) wal / commands,
                        "bytes",
                        rawName + ": WAL bytes per row",
                        (double) rawWal / commands,
                        "bytes",
                        "command / raw");
            }
            result.detail(clients + "clients.commands", commands);
            result.detail(clients + "clients.refused", measured.refused.get());
            result.detail(clients + "clients.seconds", measured.seconds);
            context.awaitProjections("W1's commands");
        }
        result.detail("presences", "US in " + RECEIVING.size() + " states");
    }

    /** A closed-loop load's outcome. */
    private record Load(double perSecond, double seconds, Latencies latencies, AtomicInteger refused) {}

    private Load load(BenchContext context, int clients, int commands) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Latencies latencies = new Latencies(commands);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<Void>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(() -> {
                    while (next.getAndIncrement() < commands) {
                        String body = staffCount("US", sent.getAndIncrement());
                        long start = System.nanoTime();
                        LedgerHttp.Answer answer = context.ledger.http.postJson(
                                LedgerHttp.CLERK, "/api/v1/commands/RecordStaffCount", body);
                        latencies.add(System.nanoTime() - start);
                        if (!answer.ok()) {
                            if (refused.incrementAndGet() == 1) {
                                context.progress("W1: a command answered %d: %s", answer.status(), answer.body());
                            }
                        }
                    }
                    return null;
                });
            }
            long start = System.nanoTime();
            for (Future<Void> done : pool.invokeAll(workers)) {
                done.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Load(commands / seconds, seconds, latencies, refused);
        } finally {
            pool.shutdownNow();
        }
    }
}
