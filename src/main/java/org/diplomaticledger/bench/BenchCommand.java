package org.diplomaticledger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar target/diplomatic-ledger.jar bench [options]}: starts the ledger in this JVM on a fresh data
 * directory and a free port (on H2 files, or on a PostgreSQL it starts with {@code --postgres}), measures the
 * scenarios through the ledger's HTTP API, each figure beside a baseline measured in the same run on the same
 * database, prints them as a table and writes them as JSON. See docs/benchmark.md.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measures the ledger against raw JDBC on the same database, in one run (docs/benchmark.md).",
            "Scenarios: R1 back-fill order, R2 rebuild, R3 as-of reads, R4 memory and disk, BUILD imports, "
                    + "W1 single commands, W2 one large import, W3 projection lag under load, "
                    + "W4 200 SSE subscribers under load."
        })
public final class BenchCommand implements Callable<Integer> {

    enum Size {
        small,
        full
    }

    @Option(
            names = "--postgres",
            description = "Measure on a PostgreSQL the benchmark starts itself (default: H2 files)")
    boolean postgres;

    @Option(
            names = "--size",
            defaultValue = "small",
            description = "small (default: 5,000 events, a few minutes) or full (issue 12's sizes: 1,000,000 events)")
    Size size;

    @Option(names = "--events", description = "Events in the seeded ledger (small: 5,000; full: 1,000,000)")
    Long events;

    @Option(names = "--small-events", description = "Events of R3's small ledger (small: 1,000; full: 10,000)")
    Long smallEvents;

    @Option(names = "--facts", description = "R1: facts back-filled per order (small: 300; full: 3,000)")
    Integer facts;

    @Option(names = "--commands", description = "W1: commands per client count (small: 400; full: 10,000)")
    Integer commands;

    @Option(names = "--clients", split = ",", description = "W1: concurrent clients, e.g. 1,16 (the default)")
    List<Integer> clients;

    @Option(names = "--reads", description = "R3: reads of each kind at each size (small: 200; full: 2,000)")
    Integer reads;

    @Option(names = "--chunk", description = "Lines per import request (small: 2,500; full: 10,000)")
    Integer chunk;

    @Option(names = "--import-lines", description = "W2: lines of its one import (small: 5,000; full: 1,000,000)")
    Long importLines;

    @Option(names = "--load-seconds", description = "W3: how long W1's load runs (small: 15; full: 60)")
    Integer loadSeconds;

    @Option(names = "--subscribers", description = "W4: SSE subscribers during W1's load (default: 200)")
    Integer subscribers;

    @Option(names = "--only", split = ",", description = "Only these scenarios, e.g. R1,R2 (default: all)")
    List<String> only;

    @Option(names = "--out", defaultValue = "target/bench", description = "Where the JSON goes (default: target/bench)")
    Path out;

    @Option(
            names = "--catch-up-minutes",
            description = "How long to wait for the projections before giving up (small: 30; full: 360)")
    Integer catchUpMinutes;

    @Option(
            names = "--seed",
            defaultValue = "12",
            description = "Seed of the random choices (shuffle, read parameters)")
    long seed;

    @Option(names = "--keep", description = "Keep the ledger's data directory (printed) instead of deleting it")
    boolean keep;

    private final PrintStream console;
    /** The Spring Boot application class the benchmark starts its ledgers from (given: bench does not name it). */
    private final Class<?> application;

    public BenchCommand(Class<?> application) {
        this(application, System.out);
    }

    BenchCommand(Class<?> application, PrintStream console) {
        this.application = application;
        this.console = console;
    }

    /** Runs the command line, starting ledgers of the {@code application} class; the exit code. */
    public static int run(Class<?> application, String[] args) {
        return run(application, args, System.out);
    }

    static int run(Class<?> application, String[] args, PrintStream console) {
        return new CommandLine(new BenchCommand(application, console))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }

    Sizes sizes() {
        Sizes base = size == Size.full ? Sizes.full() : Sizes.small();
        return new Sizes(
                events != null ? events : base.events(),
                smallEvents != null ? smallEvents : base.smallEvents(),
                facts != null ? facts : base.facts(),
                commands != null ? commands : base.commands(),
                reads != null ? reads : base.reads(),
                clients != null ? List.copyOf(clients) : base.clients(),
                chunk != null ? chunk : base.chunk(),
                catchUpMinutes != null ? Duration.ofMinutes(catchUpMinutes) : base.catchUpTimeout(),
                importLines != null ? importLines : base.importLines(),
                loadSeconds != null ? loadSeconds : base.loadSeconds(),
                subscribers != null ? subscribers : base.subscribers());
    }

    @Override
    public Integer call() throws Exception {
        List<Scenario> scenarios;
        try {
            scenarios = Scenarios.select(only);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        // Axon's update checker would phone home from the benchmark's ledger (the environment variable is read too).
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        Sizes sizes = sizes();
        Instant started = Instant.now();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(started);
        ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
        Path dataDir = Files.createTempDirectory("ledger-bench-");
        PrintStream log = System.err;
        List<ScenarioResult> results = new ArrayList<>();
        Map<String, Object> run = new LinkedHashMap<>();
        boolean failed = false;
        try (BenchDatabase database = postgres ? new PostgresBenchDatabase() : new H2BenchDatabase()) {
            BenchContext context = new BenchContext(application, sizes, database, dataDir, json, seed, log);
            context.progress("starting the ledger on %s in %s", database.kind(), dataDir);
            byte[] secret = new byte[12];
            new SecureRandom().nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            context.ledger = RunningLedger.start(application, database, dataDir, password, List.of(), json);
            context.progress("the ledger listens on port %d", context.ledger.port);
            try {
                context.heapEmpty = RunningLedger.heapAfterGc();
                run.put("benchmark", "diplomatic-ledger bench");
                run.put("startedAt", started.toString());
                run.put("database", database.kind());
                try (Connection connection = context.ledger.connect()) {
                    run.put(
                            "databaseVersion",
                            connection.getMetaData().getDatabaseProductName() + " "
                                    + connection.getMetaData().getDatabaseProductVersion());
                }
                run.put(
                        "machine",
                        Map.of(
                                "processors",
                                Runtime.getRuntime().availableProcessors(),
                                "maxHeapBytes",
                                RunningLedger.heapMax(),
                                "java",
                                System.getProperty("java.version"),
                                "os",
                                System.getProperty("os.name") + " " + System.getProperty("os.arch")));
                run.put("sizes", sizes);
                run.put("scenariosRun", scenarios.stream().map(Scenario::name).toList());
                for (Scenario scenario : scenarios) {
                    ScenarioResult result = new ScenarioResult(scenario);
                    results.add(result);
                    context.progress("%s: %s", scenario.name(), scenario.title());
                    long start = System.nanoTime();
                    try {
                        scenario.run(context, result);
                    } catch (Exception | AssertionError e) {
                        failed = true;
                        result.error = e.toString();
                        e.printStackTrace(log);
                    }
                    result.seconds = (System.nanoTime() - start) / 1e9;
                }
                run.put("seedEvents", context.seedEvents);
                for (int i = 0; i < results.size(); i++) {
                    try {
                        scenarios.get(i).beforeLedgerStops(context, results.get(i));
                    } catch (Exception e) {
                        failed = true;
                        results.get(i).error = e.toString();
                        e.printStackTrace(log);
                    }
                }
            } finally {
                context.progress("stopping the ledger");
                context.ledger.close();
            }
            for (int i = 0; i < scenarios.size(); i++) {
                try {
                    scenarios.get(i).afterLedgerStopped(context, results.get(i));
                } catch (Exception e) {
                    failed = true;
                    results.get(i).error = e.toString();
                    e.printStackTrace(log);
                }
            }
        } finally {
            if (keep) {
                log.println("[bench] the ledger's data directory is kept: " + dataDir);
            } else {
                delete(dataDir);
            }
        }
        run.put("finishedAt", Instant.now().toString());
        run.put("seconds", Duration.between(started, Instant.now()).toMillis() / 1000.0);
        Report.print(results, run, console);
        Path file = Report.write(results, run, out, stamp, json);
        console.println("Figures written to " + file.toAbsolutePath());
        return failed ? 1 : 0;
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
