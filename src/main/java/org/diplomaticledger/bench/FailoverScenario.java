package org.diplomaticledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.diplomaticledger.ledger.ProcessorClaims;

/**
 * F1 (issue 21), PostgreSQL only: a second ledger node in a JVM of its own on the same database takes every
 * projection's claim (the benchmark's ledger releases its segments to it for a few seconds), W1's closed-loop load
 * (the largest client count, Brazil in the 50 states of W1's list) runs against the benchmark's ledger, and the
 * second node is killed with SIGKILL, releasing nothing. Sampled every 50 ms from then on: when the survivor holds
 * every claim, when every projection has moved past where it stood at the kill (each one's time in the details), and
 * when all are back at the head (lag 0) while the load goes on. Baseline of the first two: the bound the claim settings give
 * ({@code claim-timeout + claim-interval}); of the last, issue 21's 30 s.
 */
final class FailoverScenario implements Scenario {

    static final String NODE_B = "bench-node-b";
    private static final long SAMPLE_MILLIS = 50;
    private static final int MAX_SECONDS_AFTER_KILL = 60;

    private final AtomicLong sent = new AtomicLong();

    @Override
    public String name() {
        return "F1";
    }

    @Override
    public String title() {
        return "Failover: the node holding the projections killed under load; time until they move and are current";
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        if (!context.database.isPostgres()) {
            // Two processes cannot share an H2 file: the failover needs the database both nodes use in production.
            result.detail("skipped", "needs --postgres (two ledger nodes on one database)");
            context.progress("F1: skipped on H2 (needs --postgres)");
            return;
        }
        ProcessorClaims claims = context.ledger.bean(ProcessorClaims.class);
        double bound = claims.timeout().plus(claims.interval()).toMillis() / 1000.0;
        int clients = context.sizes.clients().stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElse(16);
        for (int i = 0; i < SingleCommandsScenario.RECEIVING.size(); i++) {
            send(context); // creates the 50 presences, unmeasured
        }
        context.awaitProjections("F1's warm-up");

        Path dirB = Files.createDirectories(context.dataDir.resolve("node-b"));
        int portB = freePort();
        context.progress("F1: starting node %s on port %d (log: %s)", NODE_B, portB, dirB.resolve("node.log"));
        Process nodeB = launch(context, dirB, portB);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean loading = new AtomicBoolean(true);
        try {
            LedgerHttp httpB = new LedgerHttp(portB, context.ledger.password, context.json);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!answers(httpB)) {
                if (!nodeB.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("node B did not start; see " + dirB.resolve("node.log"));
                }
                Thread.sleep(250);
            }
            // Hand every segment to B: this node lets go of its claims and keeps off them for a few seconds, B's next
            // look finds them free. Once the few seconds are over, this node is ready to take them back, as a
            // survivor is.
            long keepOff = 3 * claims.interval().toMillis() + 2000;
            EventProcessingConfiguration processing = context.ledger.bean(EventProcessingConfiguration.class);
            for (EventProcessor processor : processing.eventProcessors().values()) {
                if (processor instanceof StreamingEventProcessor streaming) {
                    for (int segment : streaming.processingStatus().keySet()) {
                        streaming.releaseSegment(segment, keepOff, TimeUnit.MILLISECONDS);
                    }
                }
            }
            long released = System.nanoTime();
            while (!owners(context).values().stream().allMatch(NODE_B::equals)) {
                if (System.nanoTime() - released > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IllegalStateException("node B did not take the claims over: " + owners(context));
                }
                Thread.sleep(100);
            }
            long keepOffLeft = keepOff - (System.nanoTime() - released) / 1_000_000;
            Thread.sleep(Math.max(0, keepOffLeft) + 500);

            // The load, on the survivor; B (holding every projection) is killed once it has run a while.
            AtomicInteger commands = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<Future<?>> load = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                load.add(pool.submit(() -> {
                    while (loading.get()) {
                        LedgerHttp.Answer answer = context.ledger.http.postJson(
                                LedgerHttp.CLERK,
                                "/api/v1/commands/RecordStaffCount",
                                SingleCommandsScenario.staffCount("BR", sent.getAndIncrement()));
                        (answer.ok() ? commands : refused).incrementAndGet();
                    }
                    return null;
                }));
            }
            int before = Math.max(3, context.sizes.loadSeconds() / 5);
            context.progress("F1: %d clients on the survivor; node B killed (SIGKILL) after %d s", clients, before);
            Thread.sleep(before * 1000L);
            int commandsBefore = commands.get();
            nodeB.destroyForcibly();
            long killed = System.nanoTime();
            nodeB.waitFor(30, TimeUnit.SECONDS);
            JsonNode atKill = context.ledger.projections();
            long stoodAt = slowest(atKill);
            long backlogAtKill = head(atKill) - stoodAt;
            Map<String, Long> positionAtKill = new HashMap<>();
            for (JsonNode projection : atKill) {
                positionAtKill.put(
                        projection.path("name").asText(),
                        projection.path("position").asLong());
            }
            Map<String, Double> movedAt = new java.util.TreeMap<>();

            double claimed = -1;
            double moved = -1;
            double current = -1;
            long maxBacklog = backlogAtKill;
            while (System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(MAX_SECONDS_AFTER_KILL) && current < 0) {
                long sample = System.nanoTime();
                double since = (sample - killed) / 1e9;
                if (claimed < 0 && owners(context).values().stream().noneMatch(NODE_B::equals)) {
                    claimed = since;
                }
                JsonNode projections = context.ledger.projections();
                long slowest = slowest(projections);
                long head = head(projections);
                maxBacklog = Math.max(maxBacklog, head - slowest);
                for (JsonNode projection : projections) {
                    String name = projection.path("name").asText();
                    if (!movedAt.containsKey(name)
                            && projection.path("position").asLong()
                                    > positionAtKill.getOrDefault(name, Long.MAX_VALUE)) {
                        movedAt.put(name, since);
                    }
                }
                if (moved < 0 && movedAt.size() == positionAtKill.size()) {
                    moved = since; // every projection has committed a batch past where it stood at the kill
                }
                if (moved >= 0 && slowest >= head) {
                    current = since;
                }
                Thread.sleep(Math.max(0, SAMPLE_MILLIS - (System.nanoTime() - sample) / 1_000_000));
            }
            double loadSeconds = (System.nanoTime() - killed) / 1e9 + before;
            loading.set(false);
            for (Future<?> done : load) {
                done.get(2, TimeUnit.MINUTES);
            }
            JsonNode atEnd = context.ledger.projections();
            result.detail("clients", clients);
            result.detail("commandsPerSecond", commands.get() / loadSeconds);
            result.detail("commandsBeforeKill", commandsBefore);
            result.detail("commandsAfterKill", commands.get() - commandsBefore);
            result.detail("backlogAtKillEvents", backlogAtKill);
            result.detail("maxBacklogEvents", maxBacklog);
            result.detail("claimTimeoutSeconds", claims.timeout().toMillis() / 1000.0);
            movedAt.forEach((name, seconds) -> result.detail("movedAfterKillSeconds." + name, seconds));
            for (JsonNode projection : atKill) {
                result.detail(
                        "lagAtKill." + projection.path("name").asText(),
                        projection.path("lag").asLong());
            }
            for (JsonNode projection : atEnd) {
                result.detail(
                        "lagWhenLoadStopped." + projection.path("name").asText(),
                        projection.path("lag").asLong());
            }
            if (refused.get() > 0) {
                throw new IllegalStateException(refused.get() + " of F1's commands were refused");
            }
            if (claimed < 0 || moved < 0) {
                throw new IllegalStateException("the survivor's projections did not move within "
                        + MAX_SECONDS_AFTER_KILL + " s of the kill: " + atEnd);
            }
            result.add(
                    "survivor holds every claim, after the kill",
                    claimed,
                    "s",
                    "claim-timeout + claim-interval",
                    bound,
                    "s",
                    "takeover / bound");
            result.add(
                    "every projection moves again, after the kill",
                    moved,
                    "s",
                    "claim-timeout + claim-interval",
                    bound,
                    "s",
                    "move / bound");
            if (current < 0) {
                // The takeover figures stand; the catch-up is the projections' speed against the load's rate.
                throw new IllegalStateException(
                        "the projections did not reach the head within " + MAX_SECONDS_AFTER_KILL
                                + " s of the kill while the load went on (lags when it stopped: " + atEnd + ")");
            }
            context.awaitProjections("F1's load");
            result.add(
                    "projections at lag 0 under load, after the kill",
                    current,
                    "s",
                    "issue 21's bound",
                    30,
                    "s",
                    "time / 30 s");
        } finally {
            loading.set(false);
            pool.shutdownNow();
            nodeB.destroyForcibly();
        }
    }

    /**
     * Node B: the same application in a JVM of its own (so it can be killed as a crash kills it), on the benchmark's
     * database, with a data directory, port and node id of its own. From the jar when the benchmark runs from it,
     * else from this JVM's class path (the tests).
     */
    private static Process launch(BenchContext context, Path dir, int port) throws Exception {
        List<String> args =
                new ArrayList<>(RunningLedger.arguments(context.database, dir, context.ledger.password, List.of()));
        args.removeIf(arg -> arg.startsWith("--server.port="));
        args.add("--server.port=" + port);
        args.add("--ledger.node-id=" + NODE_B);
        args.add("--spring.profiles.active=" + String.join(",", context.database.profiles()));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        String launchedAs = System.getProperty("sun.java.command", "").split(" ")[0];
        if (launchedAs.endsWith(".jar")) {
            command.addAll(List.of("-jar", launchedAs));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), context.application.getName()));
        }
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("node.log").toFile());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return builder.start();
    }

    private static boolean answers(LedgerHttp http) {
        try {
            return http.get(LedgerHttp.ANALYST, "/api/v1/projections").ok();
        } catch (Exception notYet) {
            return false;
        }
    }

    /** Each processor's owner in the token store, as the database has it now. */
    private static Map<String, String> owners(BenchContext context) throws Exception {
        Map<String, String> owners = new HashMap<>();
        try (Connection connection = context.ledger.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT processor_name, segment, owner FROM token_entry")) {
            while (rs.next()) {
                owners.put(rs.getString(1) + "/" + rs.getInt(2), String.valueOf(rs.getString(3)));
            }
        }
        return owners;
    }

    private long send(BenchContext context) throws Exception {
        return context.ledger
                .http
                .parse(LedgerHttp.require(
                        context.ledger.http.postJson(
                                LedgerHttp.CLERK,
                                "/api/v1/commands/RecordStaffCount",
                                SingleCommandsScenario.staffCount("BR", sent.getAndIncrement())),
                        "F1 command"))
                .path("position")
                .asLong();
    }

    private static long slowest(JsonNode projections) {
        long min = Long.MAX_VALUE;
        for (JsonNode projection : projections) {
            min = Math.min(min, projection.path("position").asLong(-1));
        }
        return min;
    }

    private static long head(JsonNode projections) {
        long head = -1;
        for (JsonNode projection : projections) {
            head = Math.max(head, projection.path("head").asLong(-1));
        }
        return head;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
