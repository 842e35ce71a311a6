package org.diplomaticledger.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
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
 * closed-loop load runs from the largest {@code --clients} count. Figures: the writers' rate beside the same load
 * with no subscriber, measured before and after (averaged); the p99 delivery latency of every (subscriber, event);
 * and whether every subscriber received every event once, in ledger order. The three loads write on presences of
 * their own (Canada, New Zealand, South Africa in the 50 states of W1's list, all created by an unmeasured warm-up)
 * and each starts once the projections are current: commands slow down as an aggregate's history grows and while
 * projections catch up, and either would otherwise be measured as the subscribers' cost. The subscribers run in this JVM (the ledger's), read by one
 * thread with a selector ({@link SseSubscribers}), so their CPU counts against the writers, as a co-located
 * consumer's would; it is kept small so that what is measured is the ledger's fan-out.
 * <p>
 * The commit's instant is not visible from outside; a command's event is committed after its request was sent and
 * before its answer arrived (the ledger answers only after the commit). So delivery is measured both ways: from the
 * answer (a lower bound: an event that reached the subscriber before the writer had its answer counts 0) and from
 * the sending (an upper bound, which includes the command's own latency).
 */
final class FanOutScenario implements Scenario {

    /** The sending states of the three loads: before, with and after the subscribers, each on presences of its own. */
    static final List<String> SENDING = List.of("CA", "NZ", "ZA");

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
    private record Sent(long position, long sentAt, long answeredAt) {
    }

    private record Load(double perSecond, double seconds, Latencies latencies, List<Sent> commands) {
    }

    @Override
    public void run(BenchContext context, ScenarioResult result) throws Exception {
        int clients = context.sizes.clients().stream().mapToInt(Integer::intValue).max().orElse(16);
        int commands = context.sizes.commands();
        int subscriberCount = context.sizes.subscribers();
        // Warm-up: creates the 150 presences and warms the path, unmeasured.
        for (String sending : SENDING) {
            load(context, sending, 1, SingleCommandsScenario.RECEIVING.size());
        }
        context.awaitProjections("W4's warm-up");

        context.progress("W4: %,d commands from %d clients, no subscribers", commands, clients);
        Load before = load(context, SENDING.get(0), clients, commands);
        context.awaitProjections("W4's first load");
        long after = before.commands.stream().mapToLong(Sent::position).max().orElse(0);

        context.progress("W4: %d subscribers connect after position %d", subscriberCount, after);
        LedgerHttp http = context.ledger.http;
        Load with;
        long last;
        long connectNanos;
        List<SseSubscribers.Subscriber> subscribers;
        try (SseSubscribers streams = SseSubscribers.open(context.ledger.port,
                LedgerHttp.INTEGRATOR, http.password(), "/api/v1/stream?after=" + after, subscriberCount,
                Duration.ofMinutes(1))) {
            connectNanos = System.nanoTime();
            for (SseSubscribers.Subscriber subscriber : streams.subscribers()) {
                if (subscriber.status() != 200) {
                    throw new IllegalStateException("W4: a stream answered " + subscriber.status());
                }
            }
            Thread.sleep(500); // each stream has nothing to catch up: it attaches to the live tail at once

            context.progress("W4: %,d commands from %d clients, %d subscribers", commands, clients, subscriberCount);
            with = load(context, SENDING.get(1), clients, commands);
            last = with.commands.stream().mapToLong(Sent::position).max().orElse(after);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!streams.allReached(last) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            connectNanos = System.nanoTime() - connectNanos;
            subscribers = streams.subscribers();
        }

        Thread.sleep(1_000); // the server notices the closed streams at their next write
        context.awaitProjections("W4's load with subscribers");
        context.progress("W4: %,d commands from %d clients, no subscribers again", commands, clients);
        Load afterwards = load(context, SENDING.get(2), clients, commands);
        double withoutRate = 2.0 * commands / (before.seconds + afterwards.seconds);

        // Every chained event the load wrote, from the ledger's own tables.
        List<Long> expected = new ArrayList<>();
        try (Connection connection = context.ledger.connect();
             PreparedStatement select = connection.prepareStatement("SELECT e.global_index FROM domain_event_entry e "
                     + "JOIN audit_chain c ON c.global_index = e.global_index AND c.event_identifier = e.event_identifier "
                     + "WHERE e.global_index > ? AND e.global_index <= ? ORDER BY e.global_index")) {
            select.setLong(1, after);
            select.setLong(2, last);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    expected.add(rows.getLong(1));
                }
            }
        }
        ConcurrentHashMap<Long, Sent> byPosition = new ConcurrentHashMap<>();
        for (Sent command : with.commands) {
            byPosition.put(command.position, command);
        }
        Latencies fromAnswer = new Latencies(subscriberCount * commands);
        Latencies fromSending = new Latencies(subscriberCount * commands);
        int complete = 0;
        long missing = 0;
        long extra = 0;
        long bytes = 0;
        int ended = 0;
        String firstShort = null;
        for (SseSubscribers.Subscriber subscriber : subscribers) {
            long[] positions = subscriber.positions();
            long[] arrivals = subscriber.arrivals();
            bytes += subscriber.bytes();
            if (subscriber.ended()) {
                ended++;
            }
            List<Long> received = new ArrayList<>(positions.length);
            for (int i = 0; i < positions.length; i++) {
                if (positions[i] > last) {
                    continue;
                }
                received.add(positions[i]);
                Sent command = byPosition.get(positions[i]);
                if (command != null) {
                    fromAnswer.add(Math.max(0, arrivals[i] - command.answeredAt));
                    fromSending.add(arrivals[i] - command.sentAt);
                }
            }
            if (received.equals(expected)) {
                complete++;
            } else {
                List<Long> absent = new ArrayList<>(expected);
                absent.removeAll(new java.util.HashSet<>(received));
                missing += absent.size();
                extra += Math.max(0, received.size() - (expected.size() - absent.size()));
                if (firstShort == null) {
                    firstShort = "subscriber #" + subscriber.number() + ": " + received.size() + " of " + expected.size()
                            + " events" + (subscriber.closingComment() == null ? "" : ", " + subscriber.closingComment());
                }
            }
        }
        if (firstShort != null) {
            context.progress("W4: %d of %d subscribers short; %s", subscriberCount - complete, subscriberCount, firstShort);
        }

        result.add("writers' throughput with the subscribers", with.perSecond, "commands/s",
                "the same load with no subscriber (before and after)", withoutRate, "commands/s", "with / without");
        result.add("p99 delivery, answer to arrival", fromAnswer.p99(), "ms",
                "the load's p99 command latency with no subscriber", noSubscriberP99(before, afterwards), "ms",
                "delivery / command latency");
        result.add("p99 delivery, sending to arrival", fromSending.p99(), "ms",
                "the load's p99 command latency with no subscriber", noSubscriberP99(before, afterwards), "ms",
                "delivery / command latency");
        result.add("subscribers that received every event once, in order", complete, "subscribers",
                "subscribers", subscriberCount, "subscribers", "complete / all");
        result.detail("subscribers", subscriberCount);
        result.detail("subscribersShort", subscriberCount - complete);
        result.detail("firstShort", firstShort);
        result.detail("eventsExpectedPerSubscriber", expected.size());
        result.detail("eventsMissing", missing);
        result.detail("eventsExtraOrDuplicated", extra);
        result.detail("streamsEndedByTheServer", ended);
        result.detail("bytesReceived", bytes);
        result.detail("clients", clients);
        result.detail("commands", commands);
        result.detail("commandsPerSecond.before", commands / before.seconds);
        result.detail("commandsPerSecond.with", with.perSecond);
        result.detail("commandsPerSecond.after", commands / afterwards.seconds);
        result.detail("commandLatencyMillis.with.p99", with.latencies.p99());
        result.detail("deliveryMillis.fromAnswer.p50", fromAnswer.p50());
        result.detail("deliveryMillis.fromSending.p50", fromSending.p50());
        result.detail("deliverySamples", fromAnswer.count());
        result.detail("streamsOpenSeconds", connectNanos / 1e9);
        result.detail("presences", String.join(", ", SENDING) + " in " + SingleCommandsScenario.RECEIVING.size()
                + " states (before, with, after)");
    }

    private static double noSubscriberP99(Load before, Load afterwards) {
        return Math.max(before.latencies.p99(), afterwards.latencies.p99());
    }

    /** W1's closed loop on W4's presences; every answer's position and times kept. */
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
                        LedgerHttp.Answer answer = context.ledger.http.postJson(LedgerHttp.CLERK,
                                "/api/v1/commands/RecordStaffCount", body);
                        long answered = System.nanoTime();
                        latencies.add(answered - start);
                        if (!answer.ok()) {
                            if (refused.incrementAndGet() == 1) {
                                context.progress("W4: a command answered %d: %s", answer.status(), answer.body());
                            }
                            continue;
                        }
                        all.add(new Sent(context.ledger.http.parse(answer.body()).path("position").asLong(), start, answered));
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
                throw new IllegalStateException(refused.get() + " of W4's commands were refused: the figures would be wrong");
            }
            return new Load(commands / seconds, seconds, latencies, all);
        } finally {
            pool.shutdownNow();
        }
    }
}
