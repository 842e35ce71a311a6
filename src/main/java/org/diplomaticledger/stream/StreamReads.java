package org.diplomaticledger.stream;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The stream's own connections to the ledger's database, and a storage engine that reads the events through them
 * (with the ledger's serializer and upcasters, as the ledger's engine reads them). The tail, the catch-ups and the
 * event pages read here, not from the application's pool: under W1's load 16 request threads held the pool's
 * connections and the tail waited for one on every query, 45 ms on average (JFR: 241 waits in 15 s), which was most
 * of the stream's delivery latency. These connections only read; they never take part in a write's transaction.
 * Not a {@code DataSource} bean, so that the application's own data source stays Boot's.
 */
final class StreamReads implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final EventStorageEngine engine;

    StreamReads(
            HikariDataSource dataSource,
            EventSchema schema,
            Serializer eventSerializer,
            List<EventUpcaster> upcasters,
            int batchSize) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.engine = JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer) // the tail reads no snapshot
                .connectionProvider(dataSource::getConnection) // closed by the engine after each read: back to the pool
                .transactionManager(NoTransactionManager.INSTANCE) // reads only, each statement on its own
                .schema(schema)
                .dataType(byte[].class)
                .upcasterChain(new EventUpcasterChain(upcasters))
                .batchSize(batchSize)
                .build();
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    EventStorageEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
