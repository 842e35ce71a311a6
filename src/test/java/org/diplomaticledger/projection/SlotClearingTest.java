package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.diplomaticledger.support.PostgresTestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The released slot is emptied in the background once its grace is over, and stopping the application (as a context
 * closes, before its pool) drops a clear still waiting and ends one under way after its batch: nothing reaches for
 * the closed pool afterwards. A small Spring context with a real pool on a real database (H2 in memory, or the
 * suite's PostgreSQL with {@code -Dledger.test.database=postgresql}), and a projection of one table.
 */
class SlotClearingTest {

    private static final Projection PROJECTION = new Projection() {
        @Override
        public String name() {
            return "clearing";
        }

        @Override
        public List<VersionedTable> versionedTables() {
            return List.of(VersionedTable.of("clearing_rows", "partition_id", "id"));
        }

        @Override
        public Object handler(Head rows) {
            throw new IllegalStateException("clearing a slot reads no events");
        }
    };

    private final String url = PostgresTestDatabases.enabled()
            ? PostgresTestDatabases.emptyDatabase("slot-clearing-" + UUID.randomUUID())
            : "jdbc:h2:mem:slot-clearing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private SingleConnectionDataSource outside;
    private JdbcTemplate db;
    private AnnotationConfigApplicationContext context;

    /** The test's knobs, handed to the context's beans. */
    record Settings(String url, Duration grace, int batch) {}

    /** A real pool that counts the connections asked of it once closed. */
    static final class WatchedPool extends HikariDataSource {
        final AtomicInteger askedWhenClosed = new AtomicInteger();

        WatchedPool(HikariConfig config) {
            super(config);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (isClosed()) {
                askedWhenClosed.incrementAndGet();
            }
            return super.getConnection();
        }
    }

    /** Wired as the application wires it: the clearing uses a JdbcTemplate and a TransactionTemplate on the pool. */
    @Configuration(proxyBeanMethods = false)
    static class Beans {
        @Bean(destroyMethod = "close")
        WatchedPool dataSource(Settings settings) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(settings.url());
            if (PostgresTestDatabases.enabled()) {
                config.setUsername("postgres");
            }
            config.setMaximumPoolSize(3);
            return new WatchedPool(config);
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean
        TransactionTemplate transactionTemplate(DataSource dataSource) {
            return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        }

        @Bean
        SlotClearing slotClearing(JdbcTemplate jdbc, TransactionTemplate transactions, Settings settings) {
            return new SlotClearing(jdbc, transactions, 2, settings.grace(), settings.batch());
        }
    }

    @BeforeEach
    void tables() {
        outside = new SingleConnectionDataSource(url, PostgresTestDatabases.enabled() ? "postgres" : "", "", true);
        db = new JdbcTemplate(outside);
        db.execute("CREATE TABLE clearing_rows (id BIGINT PRIMARY KEY, slot CHAR(1) NOT NULL)");
        db.execute("""
                CREATE TABLE projection_partition (projection VARCHAR(100) NOT NULL, slot CHAR(1) NOT NULL,
                    partition_id VARCHAR(200) NOT NULL, folded_until DATE NOT NULL,
                    PRIMARY KEY (projection, slot, partition_id))""");
        db.update("INSERT INTO projection_partition VALUES ('clearing', 'a', 'p1', DATE '2024-01-01'), "
                + "('clearing', 'b', 'p1', DATE '2024-01-01'), ('other', 'a', 'p1', DATE '2024-01-01')");
        logged.start();
        clearingLogger().addAppender(logged);
    }

    @AfterEach
    void dropDatabase() {
        clearingLogger().detachAppender(logged);
        if (context != null) {
            context.close();
        }
        if (!PostgresTestDatabases.enabled()) {
            db.execute("SHUTDOWN");
        }
        outside.destroy();
    }

    private static Logger clearingLogger() {
        return (Logger) LoggerFactory.getLogger(SlotClearing.class);
    }

    private SlotClearing start(Duration grace, int batch) {
        context = new AnnotationConfigApplicationContext();
        context.registerBean(Settings.class, () -> new Settings(url, grace, batch));
        context.register(Beans.class);
        context.refresh();
        return context.getBean(SlotClearing.class);
    }

    /** Rows {@code from}..{@code to} of the table, in the slot column's value {@code code}. */
    private void fill(String code, long from, long to) {
        String range = PostgresTestDatabases.enabled() ? "generate_series(?, ?) AS r(x)" : "SYSTEM_RANGE(?, ?)";
        db.update("INSERT INTO clearing_rows (id, slot) SELECT x, ? FROM " + range, code, from, to);
    }

    private long rows(String... codes) {
        return db.queryForObject(
                "SELECT COUNT(*) FROM clearing_rows WHERE slot IN ("
                        + String.join(", ", Collections.nCopies(codes.length, "?")) + ")",
                Long.class,
                (Object[]) codes);
    }

    private long partitions(String projection, String slot) {
        return db.queryForObject(
                "SELECT COUNT(*) FROM projection_partition WHERE projection = ? AND slot = ?",
                Long.class,
                projection,
                slot);
    }

    private List<String> warnings() {
        return logged.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void clearsTheReleasedSlotInBatchesOnceTheGraceIsOver() {
        fill("A", 1, 100);
        fill("a", 101, 110);
        fill("B", 201, 250);
        Duration grace = Duration.ofSeconds(2);
        SlotClearing clearing = start(grace, 7);

        long releasedAt = System.nanoTime();
        SlotClearing.Release release = clearing.release(PROJECTION, Slot.A);
        assertThat(release.status()).isEqualTo(new RebuildStatus.SlotRelease(Slot.A, 0, false));

        await().atMost(Duration.ofSeconds(30)).until(() -> release.status().cleared());
        assertThat(Duration.ofNanos(System.nanoTime() - releasedAt)).isGreaterThanOrEqualTo(grace);
        assertThat(release.status()).isEqualTo(new RebuildStatus.SlotRelease(Slot.A, 110, true));
        assertThat(rows("A", "a")).isZero();
        assertThat(rows("B")).isEqualTo(50);
        assertThat(partitions("clearing", "a")).isZero();
        assertThat(partitions("clearing", "b")).isOne();
        assertThat(partitions("other", "a")).isOne();
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aRebuildIntoASlotStillInItsGraceWaitsForItsClear() {
        fill("A", 1, 30);
        fill("B", 101, 120);
        SlotClearing clearing = start(Duration.ofSeconds(1), 7);
        SlotClearing.Release release = clearing.release(PROJECTION, Slot.A);

        clearing.empty(PROJECTION, Slot.A);
        assertThat(release.status()).isEqualTo(new RebuildStatus.SlotRelease(Slot.A, 30, true));
        assertThat(rows("A", "a")).isZero();

        clearing.empty(PROJECTION, Slot.B); // no clear pending there: emptied at once
        assertThat(rows("B", "b")).isZero();
        assertThat(partitions("clearing", "b")).isZero();
    }

    @Test
    void closingTheContextDropsAClearStillInItsGraceAndNothingTouchesTheClosedPoolLater() {
        fill("A", 1, 40);
        Duration grace = Duration.ofSeconds(2);
        SlotClearing clearing = start(grace, 7);
        WatchedPool pool = context.getBean(WatchedPool.class);
        SlotClearing.Release release = clearing.release(PROJECTION, Slot.A);

        context.close();
        assertThat(pool.isClosed()).isTrue();
        assertThat(release.done).isDone();
        assertThat(release.status()).isEqualTo(new RebuildStatus.SlotRelease(Slot.A, 0, false));
        await("no connection asked of the closed pool")
                .during(grace.plusSeconds(1))
                .atMost(grace.plusSeconds(5))
                .until(() -> pool.askedWhenClosed.get() == 0);
        assertThat(rows("A")).isEqualTo(40); // left for the next rebuild into the slot
        assertThat(warnings()).isEmpty();
    }

    @Test
    void closingTheContextEndsAClearUnderWayAfterItsBatch() {
        long total = 50_000;
        fill("A", 1, total);
        SlotClearing clearing = start(Duration.ZERO, 1);
        WatchedPool pool = context.getBean(WatchedPool.class);
        SlotClearing.Release release = clearing.release(PROJECTION, Slot.A);
        await().pollInterval(Duration.ofMillis(5))
                .atMost(Duration.ofSeconds(30))
                .until(() -> release.status().rowsDeleted() > 0);

        context.close();
        assertThat(release.done).isDone();
        RebuildStatus.SlotRelease status = release.status();
        assertThat(status.cleared()).isFalse();
        assertThat(status.rowsDeleted()).isBetween(1L, total - 1);
        assertThat(rows("A")).isEqualTo(total - status.rowsDeleted()); // every batch counted was committed, no other
        assertThat(pool.askedWhenClosed).hasValue(0);
        assertThat(warnings()).isEmpty();
    }
}
