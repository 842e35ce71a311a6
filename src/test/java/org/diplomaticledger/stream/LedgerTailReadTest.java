package org.diplomaticledger.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tail's reads when the storage engine's connection does not yet show an event that the database already lists
 * (seen under heavy load: a whole write missing from one read): the read is checked and repeated, and what stays
 * unseen is never passed over, neither by a batch nor by the tail's frontier. The lag is made here by a store that
 * hides chosen positions from the real engine's reads for a while; Mongolia (MN) and Kazakhstan (KZ) are this class's.
 * And another node's write held open across a write of this node: the tail releases both once, in position order.
 */
class LedgerTailReadTest extends LedgerIntegrationTest {

    @Autowired
    EventStorageEngine engine;

    @Autowired
    LedgerCloudEvents cloudEvents;

    @Autowired
    TransactionTemplate transactions;

    private final Set<Long> hidden = ConcurrentHashMap.newKeySet();
    private final AtomicInteger hideForReads = new AtomicInteger();
    private LedgerTail tail;
    private long before;
    private List<Long> written;

    @BeforeEach
    void writes() {
        before = jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry", Long.class);
        for (int headcount = 1; headcount <= 6; headcount++) {
            ledger.accepted("RecordStaffCount", """
                    {"sendingState": "MN", "receivingState": "KZ", "headcount": %d, "source": "Mongolian MFA"}""".formatted(headcount));
        }
        written = jdbc.queryForList(
                "SELECT global_index FROM domain_event_entry WHERE global_index > ? ORDER BY global_index",
                Long.class,
                before);
        StreamProperties properties = new StreamProperties(
                URI.create("urn:test"),
                URI.create("http://localhost/schemas/"),
                Duration.ofSeconds(15),
                1000,
                Duration.ofMillis(500),
                10,
                1000,
                1000,
                2,
                Duration.ZERO);
        tail = new LedgerTail(
                new LaggingEngine(engine), jdbc, cloudEvents, new StatesNamed(engine), new LocalWrites(), properties);
    }

    private static List<Long> positions(List<StreamedEvent> events) {
        return events.stream().map(StreamedEvent::position).toList();
    }

    @Test
    void aReadThatMissesAnEventForAMomentReadsItAgainAndIsComplete() {
        hidden.add(written.get(2));
        hideForReads.set(3); // more reads than the engine's own read-on and step-over take

        LedgerTail.Batch batch = tail.read(before, written.get(5), 100);

        assertThat(positions(batch.events())).containsExactlyElementsOf(written);
        assertThat(batch.through()).isEqualTo(written.get(5));
    }

    @Test
    void anEventStillUnseenEndsTheBatchBeforeItAndIsReadNextTime() {
        hidden.add(written.get(3));
        hideForReads.set(Integer.MAX_VALUE);

        LedgerTail.Batch first = tail.read(before, written.get(5), 100);

        assertThat(positions(first.events())).containsExactlyElementsOf(written.subList(0, 3));
        assertThat(first.through())
                .as("complete only up to the event it could not read")
                .isLessThan(written.get(3));

        hidden.clear();
        LedgerTail.Batch next = tail.read(first.through(), written.get(5), 100);
        assertThat(positions(next.events())).containsExactlyElementsOf(written.subList(3, 6));
        assertThat(next.through()).isEqualTo(written.get(5));
    }

    @Test
    void theFrontierNeverPassesAnEventItsConsumersWereNotGiven() {
        List<Long> released = new ArrayList<>();
        LedgerTail.Consumer consumer = new LedgerTail.Consumer() {
            @Override
            public void released(Release release, long frontier) {
                release.events().stream()
                        .map(StreamedEvent::position)
                        .filter(position -> position > before)
                        .forEach(released::add);
            }

            @Override
            public void afterRelease() {}
        };
        assertThat(tail.attach(consumer, 0)).isTrue();
        hidden.add(written.get(1));
        hideForReads.set(Integer.MAX_VALUE);

        for (int i = 0; i < 50 && tail.frontier() < written.get(1) - 1; i++) {
            tail.poll();
        }
        for (int i = 0; i < 5; i++) {
            tail.poll(); // the hidden event stays unseen: the frontier waits before it
        }
        assertThat(tail.frontier()).isLessThan(written.get(1));
        assertThat(released).containsExactly(written.get(0));

        hidden.clear();
        for (int i = 0; i < 50 && tail.frontier() < written.get(5); i++) {
            tail.poll();
        }
        assertThat(tail.frontier()).isEqualTo(written.get(5));
        assertThat(released).as("each event once, in ledger order").containsExactlyElementsOf(written);
    }

    @Test
    void anotherWritersCommitHeldOpenIsReleasedOnceAndBeforeTheWriteThatWaitedBehindIt() throws Exception {
        long kzMn = ledger.accepted("RecordStaffCount", """
                {"sendingState": "KZ", "receivingState": "MN", "headcount": 3, "source": "Kazakh MFA"}""").path("position").asLong();
        for (int i = 0; i < 50 && tail.frontier() < kzMn; i++) {
            tail.poll();
        }
        List<Long> released = new java.util.concurrent.CopyOnWriteArrayList<>();
        LedgerTail.Consumer consumer = new LedgerTail.Consumer() {
            @Override
            public void released(Release release, long frontier) {
                release.events().stream().map(StreamedEvent::position).forEach(released::add);
            }

            @Override
            public void afterRelease() {}
        };
        assertThat(tail.attach(consumer, tail.frontier())).isTrue();

        // The other node appends the next event of KZ-MN (this test's aggregate) through the ledger's engine, so under
        // the chain's lock, and holds its transaction open. This node's dispatch interceptors never see that write.
        DomainEventMessage<?> last = engine.readEvents("KZ-MN")
                .asStream()
                .reduce((first, second) -> second)
                .orElseThrow();
        DomainEventMessage<?> late = new GenericDomainEventMessage<>(
                last.getType(),
                last.getAggregateIdentifier(),
                last.getSequenceNumber() + 1,
                last.getPayload(),
                last.getMetaData());
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<?> otherNode = nodes.submit(() -> transactions.executeWithoutResult(tx -> {
                engine.appendEvents(late);
                appended.countDown();
                try {
                    commit.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();

            // This node writes meanwhile: its append waits behind the open one, so it cannot take a later position and
            // commit first; and the tail, reading the chain's head, releases nothing yet.
            Future<JsonNode> local = nodes.submit(() -> ledger.accepted("RecordStaffCount", """
                    {"sendingState": "MN", "receivingState": "KZ", "headcount": 7, "source": "Mongolian MFA"}"""));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !local.isDone());
            for (int i = 0; i < 3; i++) {
                tail.poll();
            }
            assertThat(released).isEmpty();

            commit.countDown();
            otherNode.get(30, TimeUnit.SECONDS);
            long localPosition =
                    local.get(30, TimeUnit.SECONDS).path("position").asLong();
            long latePosition = jdbc.queryForObject(
                    "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                    Long.class,
                    late.getIdentifier());
            assertThat(latePosition).isLessThan(localPosition);
            for (int i = 0; i < 50 && tail.frontier() < localPosition; i++) {
                tail.poll();
            }
            assertThat(released).as("each once, in position order").containsExactly(latePosition, localPosition);
        } finally {
            commit.countDown();
            nodes.shutdownNow();
            tail.detach(consumer);
        }
    }

    /** The real engine, with the chosen positions left out of its next reads, as a connection that lags behind. */
    private final class LaggingEngine implements EventStorageEngine {
        private final EventStorageEngine store;

        LaggingEngine(EventStorageEngine store) {
            this.store = store;
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            if (hideForReads.getAndUpdate(left -> left == Integer.MAX_VALUE ? left : Math.max(0, left - 1)) == 0) {
                return store.readEvents(trackingToken, mayBlock);
            }
            Set<Long> hide = Set.copyOf(hidden);
            // What a lagging snapshot shows: the events before the first hidden one (a window read stops there).
            long firstHidden = hide.stream().min(Long::compare).orElse(Long.MAX_VALUE);
            return store.readEvents(trackingToken, mayBlock)
                    .takeWhile(message -> message.trackingToken().position().orElse(-1) < firstHidden);
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            store.appendEvents(events);
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            store.storeSnapshot(snapshot);
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            return store.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            return store.readSnapshot(aggregateIdentifier);
        }
    }
}
