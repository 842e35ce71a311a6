package org.diplomaticledger.support;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Test speed only: a ledger started on a fresh data directory begins from a copy of a store that Flyway migrated once
 * in this JVM, instead of running every migration again (about a third of a warm start, and the suite starts a
 * hundred ledgers). The migrations themselves still run, on the template, from the same locations the application
 * uses; at start the application's Flyway finds them all applied and validates their checksums, as it does on every
 * restart of a real ledger. A directory that already holds a store (a restart, or a test that prepared one) is left
 * alone.
 *
 * <p>H2: the template file is copied to the path the data source's URL names, just before its first connection.
 * PostgreSQL: {@link PostgresTestDatabases} creates each database {@code TEMPLATE} {@link #POSTGRES_TEMPLATE}.
 */
public final class MigratedTemplates implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The migrated database every PostgreSQL test database is created from. */
    static final String POSTGRES_TEMPLATE = "ledger_migrated_template";

    private static final Pattern H2_FILE_URL = Pattern.compile("^jdbc:h2:file:([^;]+)(;.*)?$");

    private static Path h2Template;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (PostgresTestDatabases.enabled()) {
            return;
        }
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource dataSource) {
                    seedH2(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
                }
                return bean;
            }
        });
    }

    /** Copies the migrated template to the file an H2 file URL names, if no store is there yet. */
    static void seedH2(String url, String user, String password) {
        Matcher matcher = H2_FILE_URL.matcher(url == null ? "" : url);
        if (!matcher.matches()) {
            return;
        }
        Path target = Path.of(matcher.group(1) + ".mv.db").toAbsolutePath();
        if (Files.exists(target)) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            Files.copy(h2Template(user, password), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path h2Template(String user, String password) throws IOException {
        if (h2Template == null) {
            Path dir = Files.createTempDirectory("ledger-template-");
            dir.toFile().deleteOnExit();
            String url = "jdbc:h2:file:" + dir.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE;MAX_COMPACT_TIME=0";
            migrate(url, user, password, "classpath:db/migration/h2");
            try (Connection connection = DriverManager.getConnection(url, user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot close the template store " + url, e);
            }
            h2Template = dir.resolve("ledger.mv.db");
            h2Template.toFile().deleteOnExit();
        }
        return h2Template;
    }

    /** Runs the application's migrations of one vendor on a store, as its Flyway would at start. */
    static void migrate(String url, String user, String password, String location) {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations(location)
                .load()
                .migrate();
    }
}
