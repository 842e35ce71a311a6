package org.diplomaticledger.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W4 (issue 13): {@code --subscribers} (200) server-sent-event subscribers on {@code GET /api/v1/stream} while W1's
 * closed-loop load runs from the largest {@code --clients} count. Figures: the writers' rate with the subscribers
 * beside the same load with none; the p99 delivery latency of every (subscriber, event); and how many subscribers
 * received every event once, in ledger order.
 * <p>
 * The load runs in {@value #ROUNDS} rounds of two phases of {@code --commands} commands each, one with the
 * subscribers connected and one without, in the order without-with, with-without, without-with, so that a drift of
 * the machine during the run (other processes, the JIT, the database's caches) weighs on both sides alike; the
 * phases with subscribers write on Canada's presences in the 50 states of W1's list, those without on New
 * Zealand's, and an unmeasured warm-up creates them all and runs the load once on Singapore's, with subscribers (so
 * that compiling the stream's path is not measured either). Each phase starts once
 * the projections are current. For each phase with subscribers, {@code --subscribers} streams connect after the
 * ledger's last position, are given 60 s after the load to receive its last event, and are closed.
 * <p>
 * The subscribers run in this JVM (the ledger's), read by one thread with a selector ({@link SseSubscribers}): their
 * CPU counts against the writers, as a co-located consumer's would, kept small so that what is measured is the
 * ledger's fan-out. The commit's instant is not visible from outside: a command's event is committed after its
 * request was sent and before its answer arrived (the ledger answers only after the commit). So delivery is measured
 * both ways: from the answer (a lower bound; an event that reached the subscriber before the writer had its answer
 * counts 0) and from the sending (an upper bound, which includes the command's own latency).
 */
final class FanOutScenario implements Scenario {

    static final int ROUNDS = 3;
    static final String WITH = "CA";
    static final String WITHOUT = "NZ";
    /** The unmeasured warm-up's, so that the first measured phase does not pay for compiling the path. */
    static final String WARM_UP = "SG";

    private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "W4";
    }

    @Override
    public String title() {
        return "SSE subscribers during W1's load: delivery latency, writers' rate vs no subscribers, completeness";
    }

    /** One command of a load: the position its answer named, when it was sent and when it was answered. */
    private record Sent(long position, long sentAt, long answeredAt) {}

    private record Load(double perSecond, double seconds, Latencies latencies, List<Sent> commands) {
        long lastPosition(long otherwise) {
            return commands.stream().mapToLong(Sent::position).max().orElse(otherwise);
        }
    }

    /** What the subscribers of the phases with subscribers received. */
    private static final class Deliveries {
        final Latencies fromAnswer;
        final Latencies fromSending;
        int subscribers;
        int complete;
        long expectedEvents;
        long missing;
        long extra;
        long bytes;
        int ended;
        String firstShort;
        final List<String> phases = new ArrayList<>();

        Deliveries(int samples) {
            fromAnswer = new Latencies(samples);
            fromSending = new Latencies(samples);
        }
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        int clients = context.sizes.clients().stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElse(16);
        int commands = context.sizes.commands();
        int subscriberCount = context.sizes.subscribers();
        for (String sending : List.of(WITH, WITHOUT, WARM_UP)) {
            load(context, sending, 1, SingleCommandsScenario.RECEIVING.size()); // creates the 50 presences
        }
        context.progress(
                "W4: warm-up, %,d commands from %d clients, %d subscribers", commands, clients, subscriberCount);
        withSubscribers(
                context, WARM_UP, clients, commands, subscriberCount, new Deliveries(subscriberCount * commands));

        Deliveries deliveries = new Deliveries(ROUNDS * subscriberCount * commands);
        double withSeconds = 0;
        double withoutSeconds = 0;
        Latencies withLatencies = new Latencies(ROUNDS * commands);
        Latencies withoutLatencies = new Latencies(ROUNDS * commands);
        List<String> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            double[] rates = new double[2];
            for (int phase = 0; phase < 2; phase++) {
                boolean subscribed = (round % 2 == 0) == (phase == 1);
                context.awaitProjections("W4's previous phase");
                context.progress(
                        "W4: round %d: %,d commands from %d clients, %s",
                        round + 1, commands, clients, subscribed ? subscriberCount + " subscribers" : "no subscribers");
                Load load = subscribed
                        ? withSubscribers(context, WITH, clients, commands, subscriberCount, deliveries)
                        : load(context, WITHOUT, clients, commands);
                for (Sent command : load.commands) {
                    (subscribed ? withLatencies : withoutLatencies).add(command.answeredAt - command.sentAt);
                }
                if (subscribed) {
                    withSeconds += load.seconds;
                } else {
                    withoutSeconds += load.seconds;
                }
                rates[subscribed ? 0 : 1] = load.perSecond;
            }
            rounds.add(String.format("%.1f with / %.1f without = %.2f", rates[0], rates[1], rates[0] / rates[1]));
        }
        if (deliveries.firstShort != null) {
            context.progress(
                    "W4: %d of %d subscribers short; %s",
                    deliveries.subscribers - deliveries.complete, deliveries.subscribers, deliveries.firstShort);
        }

        double withRate = ROUNDS * commands / withSeconds;
        double withoutRate = ROUNDS * commands / withoutSeconds;
        result.add(
                "writers' throughput with the subscribers",
                withRate,
                "commands/s",
                "the same load with no subscriber (interleaved)",
                withoutRate,
                "commands/s",
                "with / without");
        result.add(
                "p99 delivery, answer to arrival",
                deliveries.fromAnswer.p99(),
                "ms",
                "the load's p99 command latency with no subscriber",
                withoutLatencies.p99(),
                "ms",
                "delivery / command latency");
        result.add(
                "p99 delivery, sending to arrival",
                deliveries.fromSending.p99(),
                "ms",
                "the load's p99 command latency with no subscriber",
                withoutLatencies.p99(),
                "ms",
                "delivery / command latency");
        result.add(
                "subscribers that received every event once, in order",
                deliveries.complete,
                "subscribers",
                "subscribers connected",
                deliveries.subscribers,
                "subscribers",
                "complete / all");
        result.detail("rounds", rounds);
        result.detail("deliveryByPhase", deliveries.phases);
        result.detail("subscribers", subscriberCount);
        result.detail("subscribersShort", deliveries.subscribers - deliveries.complete);
        result.detail("firstShort", deliveries.firstShort);
        result.detail("eventsExpected", deliveries.expectedEvents);
        result.detail("eventsMissing", deliveries.missing);
        result.detail("eventsExtraOrDuplicated", deliveries.extra);
        result.detail("streamsEndedByTheServer", deliveries.ended);
        result.detail("bytesReceived", deliveries.bytes);
        result.detail("clients", clients);
        result.detail("commandsPerPhase", commands);
        result.detail("commandLatencyMillis.with.p99", withLatencies.p99());
        result.detail("commandLatencyMillis.without.p99", withoutLatencies.p99());
        result.detail("deliveryMillis.fromAnswer.p50", deliveries.fromAnswer.p50());
        result.detail("deliveryMillis.fromSending.p50", deliveries.fromSending.p50());
        result.detail("deliverySamples", deliveries.fromAnswer.count());
        result.detail(
                "presences",
                WITH + " (with subscribers), " + WITHOUT + " (without) in " + SingleCommandsScenario.RECEIVING.size()
                        + " states");
    }

    /** One phase with subscribers: they connect, the load runs, they receive its last event (or 60 s pass). */
    private Load withSubscribers(
            BenchContext context, String sending, int clients, int commands, int count, Deliveries deliveries)
            throws Exception {
        long after = context.ledger
                .http
                .parse(LedgerHttp.require(
                        context.ledger.http.get(
                                LedgerHttp.INTEGRATOR, "/api/v1/events?limit=1&after=" + Long.MAX_VALUE / 2),
                        "W4: the ledger's position"))
                .path("position")
                .asLong();
        Load load;
        long last;
        List<SseSubscribers.Subscriber> subscribers;
        try (SseSubscribers streams = SseSubscribers.open(
                context.ledger.port,
                LedgerHttp.INTEGRATOR,
                context.ledger.http.password(),
                "/api/v1/stream?after=" + after,
                count,
                Duration.ofMinutes(1))) {
            for (SseSubscribers.Subscriber subscriber : streams.subscribers()) {
                if (subscriber.status() != 200) {
                    throw new IllegalStateException("W4: a stream answered " + subscriber.status());
                }
            }
            Thread.sleep(500); // each stream has nothing to catch up: it attaches to the live tail at once
            load = load(context, sending, clients, commands);
            last = load.lastPosition(after);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!streams.allReached(last) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            subscribers = streams.subscribers();
        }
        Thread.sleep(1_000); // the server notices the closed streams at their next write

        List<Long> expected = chainedPositions(context, after, last);
        Latencies phase = new Latencies(count * commands);
        Map<Long, Sent> byPosition = new HashMap<>();
        for (Sent command : load.commands) {
            byPosition.put(command.position, command);
        }
        for (SseSubscribers.Subscriber subscriber : subscribers) {
            deliveries.subscribers++;
            deliveries.expectedEvents += expected.size();
            deliveries.bytes += subscriber.bytes();
            if (subscriber.closingComment() != null) {
                deliveries.ended++;
            }
            long[] positions = subscriber.positions();
            long[] arrivals = subscriber.arrivals();
            List<Long> received = new ArrayList<>(positions.length);
            for (int i = 0; i < positions.length; i++) {
                if (positions[i] > last) {
                    continue;
                }
                received.add(positions[i]);
                Sent command = byPosition.get(positions[i]);
                if (command != null) {
                    deliveries.fromAnswer.add(Math.max(0, arrivals[i] - command.answeredAt));
                    phase.add(Math.max(0, arrivals[i] - command.answeredAt));
                    deliveries.fromSending.add(arrivals[i] - command.sentAt);
                }
            }
            if (received.equals(expected)) {
                deliveries.complete++;
                continue;
            }
            List<Long> absent = new ArrayList<>(expected);
            absent.removeAll(new HashSet<>(received));
            deliveries.missing += absent.size();
            deliveries.extra += Math.max(0, received.size() - (expected.size() - absent.size()));
            if (deliveries.firstShort == null) {
                deliveries.firstShort = "subscriber #" + subscriber.number() + ": " + received.size() + " of "
                        + expected.size() + " events"
                        + (subscriber.closingComment() == null ? "" : ", " + subscriber.closingComment());
            }
        }
        deliveries.phases.add(String.format(
                "answer to arrival p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                phase.p50(), phase.p99(), phase.millis(1.0)));
        return load;
    }

    /** Every chained event after {@code after} up to {@code last}, from the ledger's own tables. */
    private static List<Long> chainedPositions(BenchContext context, long after, long last) throws Exception {
        List<Long> positions = new ArrayList<>();
        try (Connection connection = context.ledger.connect();
                PreparedStatement select =
                        connection.prepareStatement("SELECT e.global_index FROM domain_event_entry e "
                                + "JOIN audit_chain c ON c.global_index = e.global_index AND c.event_identifier = e.event_identifier "
                                + "WHERE e.global_index > ? AND e.global_index <= ? ORDER BY e.global_index")) {
            select.setLong(1, after);
            select.setLong(2, last);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    positions.add(rows.getLong(1));
                }
            }
        }
        return positions;
    }

    /** W1's closed loop on the presences of {@code sending}; every answer's position and times kept. */
    private Load load(BenchContext context, String sending, int clients, int commands) throws Exception {
        AtomicLong counter = sent.computeIfAbsent(sending, key -> new AtomicLong());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Latencies latencies = new Latencies(commands);
        List<Sent> all = java.util.Collections.synchronizedList(new ArrayList<>(commands));
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<Void>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(() -> {
                    while (next.getAndIncrement() < commands) {
                        String body = SingleCommandsScenario.staffCount(sending, counter.getAndIncrement());
                        long start = System.nanoTime();
                        LedgerHttp.Answer answer = context.ledger.http.postJson(
                                LedgerHttp.CLERK, "/api/v1/commands/RecordStaffCount", body);
                        long answered = System.nanoTime();
                        latencies.add(answered - start);
                        if (!answer.ok()) {
                            if (refused.incrementAndGet() == 1) {
                                context.progress("W4: a command answered %d: %s", answer.status(), answer.body());
                            }
                            continue;
                        }
                        all.add(new Sent(
                                context.ledger
                                        .http
                                        .parse(answer.body())
                                        .path("position")
                                        .asLong(),
                                start,
                                answered));
                    }
                    return null;
                });
            }
            long start = System.nanoTime();
            for (Future<Void> done : pool.invokeAll(workers)) {
                done.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (refused.get() > 0) {
                throw new IllegalStateException(
                        refused.get() + " of W4's commands were refused: the figures would be wrong");
            }
            return new Load(commands / seconds, seconds, latencies, all);
        } finally {
            pool.shutdownNow();
        }
    }
}
