package org.diplomaticledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The ledger started in this JVM, as {@code java -jar} starts it (the same application class and configuration), on
 * a fresh data directory and a free port, with three users of the benchmark's own (a clerk, an analyst, an auditor)
 * whose password is drawn for the run.
 */
final class RunningLedger implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    final LedgerHttp http;
    final String jdbcUrl;
    final String jdbcUser;
    final String jdbcPassword;
    final int port;
    final String password;

    private RunningLedger(ConfigurableApplicationContext context, String password, ObjectMapper json) {
        this.context = context;
        this.password = password;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.http = new LedgerHttp(port, password, json);
        Environment environment = context.getEnvironment();
        this.jdbcUrl = environment.getRequiredProperty("spring.datasource.url");
        this.jdbcUser = environment.getProperty("spring.datasource.username", "");
        this.jdbcPassword = environment.getProperty("spring.datasource.password", "");
    }

    static RunningLedger start(
            Class<?> application,
            BenchDatabase database,
            Path dataDir,
            String password,
            List<String> extra,
            ObjectMapper json) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .profiles(database.profiles().toArray(String[]::new))
                .run(arguments(database, dataDir, password, extra).toArray(String[]::new));
        return new RunningLedger(context, password, json);
    }

    /** The command-line arguments of a ledger of the benchmark's: its data directory, database and users. */
    static List<String> arguments(BenchDatabase database, Path dataDir, String password, List<String> extra) {
        // the ledger refuses plain-text passwords outside the demo profile
        String hash =
                "{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(10).encode(password);
        List<String> args = new ArrayList<>(List.of(
                "--ledger.data-dir=" + dataDir,
                "--server.port=0",
                "--ledger.demo.load=false",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--ledger.security.users[0].username=" + LedgerHttp.CLERK,
                "--ledger.security.users[0].password=" + hash,
                "--ledger.security.users[0].roles=CLERK",
                "--ledger.security.users[1].username=" + LedgerHttp.ANALYST,
                "--ledger.security.users[1].password=" + hash,
                "--ledger.security.users[1].roles=ANALYST",
                "--ledger.security.users[2].username=" + LedgerHttp.AUDITOR,
                "--ledger.security.users[2].password=" + hash,
                "--ledger.security.users[2].roles=AUDITOR",
                "--ledger.security.users[3].username=" + LedgerHttp.INTEGRATOR,
                "--ledger.security.users[3].password=" + hash,
                "--ledger.security.users[3].roles=INTEGRATOR"));
        args.addAll(database.ledgerArguments(dataDir));
        args.addAll(extra);
        return args;
    }

    /** One of the running ledger's beans (its event processors, for the failover scenario). */
    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A plain JDBC connection to the ledger's own database (not from its pool), for the raw baselines. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword);
    }

    /** The ledger's projections as {@code GET /api/v1/projections} lists them. */
    JsonNode projections() throws Exception {
        return http.getJson(LedgerHttp.ANALYST, "/api/v1/projections");
    }

    /** Waits until every projection has applied the ledger up to {@code position}; false when the time ran out. */
    boolean awaitAll(long position, Duration timeout, Duration poll) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean current = true;
            for (JsonNode projection : projections()) {
                if (projection.path("position").asLong(-1) < position) {
                    current = false;
                    break;
                }
            }
            if (current) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(poll.toMillis());
        }
    }

    /** Waits until the projection has applied the ledger up to {@code position}; false when the time ran out. */
    boolean await(String projection, long position, Duration timeout, Duration poll) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (http.getJson(LedgerHttp.ANALYST, "/api/v1/projections/" + projection)
                        .path("position")
                        .asLong(-1)
                < position) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(poll.toMillis());
        }
        return true;
    }

    /** The ledger's head: the highest position any projection reports as the head. */
    long head() throws Exception {
        long head = -1;
        for (JsonNode projection : projections()) {
            head = Math.max(head, projection.path("head").asLong(-1));
        }
        return head;
    }

    /** Heap in use after a full GC, in bytes (this JVM: the ledger plus the benchmark's few buffers). */
    static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long heapMax() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    @Override
    public void close() {
        context.close();
    }
}
