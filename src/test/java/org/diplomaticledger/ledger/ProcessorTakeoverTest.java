package org.diplomaticledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Two nodes' processors on the ledger's token store, set up as the application sets up its own (its
 * {@link ProcessorClaims}, its connections and transactions): a node that is merely slow keeps its claim through a
 * batch longer than the claim timeout, and once it dies without releasing anything the other node takes the segment
 * over within 5 s and goes on from where it left, handling nothing twice. The events come from an in-memory store of
 * the test's own, so the shared ledger is untouched; the processor's name is this class's.
 */
class ProcessorTakeoverTest extends LedgerIntegrationTest {

    private static final String PROCESSOR = "takeover-check";

    @Autowired
    ProcessorClaims claims;

    @Autowired
    ConnectionProvider connections;

    @Autowired
    TransactionManager transactions;

    @Autowired
    TokenSchema tokenSchema;

    @Autowired
    @Qualifier("serializer")
    Serializer serializer;

    private final EmbeddedEventStore events = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final Queue<String> handled = new ConcurrentLinkedQueue<>();
    private final CountDownLatch slowBatchMayEnd = new CountDownLatch(1);

    /** A processor in a "node": its own token store (node id) on connections that die with it, its own threads. */
    private final class Node {
        final String id;
        final AtomicBoolean dead = new AtomicBoolean();
        final ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor();
        final ScheduledExecutorService workers = Executors.newScheduledThreadPool(2);
        final PooledStreamingEventProcessor processor;

        Node(String id) {
            this.id = id;
            ConnectionProvider ownConnections = () -> {
                if (dead.get()) {
                    throw new SQLException("node " + id + " is dead");
                }
                return connections.getConnection();
            };
            EventMessageHandler handler = new EventMessageHandler() {
                @Override
                public Object handle(EventMessage<?> event) throws Exception {
                    if ("slow".equals(event.getPayload())) {
                        slowBatchMayEnd.await(1, TimeUnit.MINUTES);
                    }
                    handled.add(id + ":" + event.getPayload());
                    return null;
                }
            };
            processor = claims.applyTo(PooledStreamingEventProcessor.builder())
                    .name(PROCESSOR)
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                            .eventHandlers(handler)
                            .build())
                    .messageSource(events)
                    .tokenStore(claims.tokenStore(ownConnections, serializer, tokenSchema, id))
                    .transactionManager(transactions)
                    .coordinatorExecutor(coordinator)
                    .workerExecutor(workers)
                    .initialSegmentCount(1)
                    .batchSize(10)
                    .build();
            processor.start();
        }

        /** As a crash or a cut network: no more database, no more threads, nothing released. */
        void die() {
            dead.set(true);
            coordinator.shutdownNow();
            workers.shutdownNow();
        }
    }

    private Node a;
    private Node b;

    private String owner() {
        List<String> owners =
                jdbc.queryForList("SELECT owner FROM token_entry WHERE processor_name = ?", String.class, PROCESSOR);
        return owners.isEmpty() ? null : owners.get(0);
    }

    @AfterEach
    void stopNodes() {
        slowBatchMayEnd.countDown();
        for (Node node : new Node[] {a, b}) {
            if (node != null && !node.dead.get()) {
                node.processor.shutDown();
                node.die();
            }
        }
        events.shutDown();
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", PROCESSOR);
    }

    @Test
    void aSlowNodeKeepsItsClaimAndADeadOneLosesItWithinFiveSeconds() {
        a = new Node("takeover-node-a");
        await().atMost(Duration.ofSeconds(30)).until(() -> "takeover-node-a".equals(owner()));
        b = new Node("takeover-node-b");
        events.publish(GenericEventMessage.asEventMessage("first"));
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("takeover-node-a:first"));

        // A batch that runs past the claim timeout: node A is alive, so it keeps its claim and B handles nothing.
        events.publish(GenericEventMessage.asEventMessage("slow"));
        Duration pastTheTimeout = claims.timeout().plus(claims.interval()).plusMillis(500);
        await().during(pastTheTimeout)
                .atMost(pastTheTimeout.plusSeconds(10))
                .until(() -> "takeover-node-a".equals(owner())
                        && handled.stream().noneMatch(h -> h.startsWith("takeover-node-b")));
        slowBatchMayEnd.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("takeover-node-a:slow"));

        // Node A dies holding the claim; B takes it over once it is older than the timeout, within 5 s.
        a.die();
        await().atMost(Duration.ofSeconds(5)).until(() -> "takeover-node-b".equals(owner()));
        events.publish(GenericEventMessage.asEventMessage("after"));
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("takeover-node-b:after"));
        assertThat(handled).containsExactly("takeover-node-a:first", "takeover-node-a:slow", "takeover-node-b:after");
    }
}
