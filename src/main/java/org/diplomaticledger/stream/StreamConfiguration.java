package org.diplomaticledger.stream;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The stream's parts: the CloudEvents mapping every publisher uses, the one shared reader of the ledger's tail, the
 * small pool that catches consumers up from the store, and the heartbeat.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamProperties.class)
public class StreamConfiguration {

    @Bean
    LedgerCloudEvents ledgerCloudEvents(
            StreamProperties properties, @Qualifier("eventSerializer") Serializer eventSerializer) {
        if (!(eventSerializer instanceof JacksonSerializer jackson)) {
            throw new IllegalStateException("the stream needs the ledger's Jackson event serializer");
        }
        return new LedgerCloudEvents(properties.source(), properties.schemaBase(), jackson.getObjectMapper());
    }

    @Bean
    LocalWrites localWrites(EventStore eventStore) {
        LocalWrites writes = new LocalWrites();
        eventStore.registerDispatchInterceptor(writes);
        return writes;
    }

    /**
     * A small pool of the stream's own (ledger.stream.read-connections), on the application's database settings, and
     * an engine reading the events through it: see {@link StreamReads}.
     */
    @Bean(destroyMethod = "close")
    StreamReads streamReads(
            DataSourceProperties dataSource,
            EventSchema schema,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            ObjectProvider<EventUpcaster> upcasters,
            StreamProperties properties,
            org.diplomaticledger.ledger.LedgerProperties ledger) {
        int batchSize = ledger.eventStore().batchSize();
        HikariDataSource pool = dataSource
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        pool.setPoolName("ledger-stream");
        pool.setMaximumPoolSize(properties.readConnections());
        pool.setMinimumIdle(0); // the tail keeps one busy; the others close after idling (test contexts add few)
        pool.setIdleTimeout(java.time.Duration.ofSeconds(30).toMillis());
        pool.setReadOnly(true);
        return new StreamReads(
                pool, schema, eventSerializer, upcasters.orderedStream().toList(), batchSize);
    }

    /**
     * The tail settles positions by the audit chain's head, correct whether one node writes or many. The settings
     * that once told it how long to wait for a missing position, and whether other nodes write, are gone: a node
     * still given them says so at start, so that nobody believes they do something.
     */
    @Bean
    LedgerTail ledgerTail(
            EventStorageEngine engine,
            StreamReads reads,
            LedgerCloudEvents cloudEvents,
            LocalWrites writes,
            StreamProperties properties,
            org.springframework.core.env.Environment environment) {
        for (String gone : new String[] {"ledger.stream.only-local-writers", "ledger.stream.gap-timeout"}) {
            if (environment.containsProperty(gone)) {
                org.slf4j.LoggerFactory.getLogger(LedgerTail.class)
                        .warn(
                                "{} is set but has no effect any more: the stream "
                                        + "releases positions up to the audit chain's head, which is correct with one writing node or many "
                                        + "(docs/stream.md)",
                                gone);
            }
        }
        // Aggregate reads for state filters (the parties of talks) stay on the ledger's engine, with its snapshots.
        return new LedgerTail(reads.engine(), reads.jdbc(), cloudEvents, new StatesNamed(engine), writes, properties);
    }

    @Bean
    EventTypes eventTypes() {
        return EventTypes.scan();
    }

    /**
     * Catches consumers up from the store (two threads, one batch per task, so a few threads serve any number of
     * consumers), writes the streams to their connections (two threads, one run per stream with something to write)
     * and sends heartbeats. Plain executors, not Spring task beans, so that they replace none of Spring's.
     */
    @Bean(destroyMethod = "close")
    StreamWorkers streamWorkers(LedgerTail tail, StreamProperties properties) {
        return new StreamWorkers(tail, properties.heartbeat());
    }

    public static final class StreamWorkers implements AutoCloseable {
        private final ExecutorService catchUp;

        private final ExecutorService writer;
        private final ScheduledExecutorService heartbeat;

        public java.util.concurrent.Executor catchUp() {
            return catchUp;
        }

        /** Writes the streams' queued messages to their connections (non-blocking), off the tail's thread. */
        public java.util.concurrent.Executor writer() {
            return writer;
        }

        StreamWorkers(LedgerTail tail, Duration every) {
            catchUp = Executors.newFixedThreadPool(2, daemon("ledger-stream-catch-up"));
            // Two threads: writes never block (non-blocking servlet output), so threads only add CPU parallelism,
            // and the machine this ledger is sized for has two cores.
            writer = Executors.newFixedThreadPool(2, daemon("ledger-stream-writer"));
            heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("ledger-stream-heartbeat"));
            heartbeat.scheduleAtFixedRate(tail::heartbeat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            heartbeat.shutdownNow();
            catchUp.shutdownNow();
            writer.shutdownNow();
        }

        private static ThreadFactory daemon(String name) {
            AtomicInteger count = new AtomicInteger();
            return runnable -> {
                Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
