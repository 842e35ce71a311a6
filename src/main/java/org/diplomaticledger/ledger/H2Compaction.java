package org.diplomaticledger.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Gives the embedded H2 file back its unused pages when the ledger stops cleanly.
 * <p>
 * H2 (MVStore) never overwrites a page in place: every changed row writes new pages and leaves the old ones as free
 * space that the file keeps. The projections change their rows at every event and a rebuild rewrites a whole slot, so
 * a ledger's file grows to many times what it holds (the benchmark's R4 measured a 5,000-event ledger at 15.6 MB,
 * 4.8 MB once compacted). H2 compacts on close only for {@code MAX_COMPACT_TIME} (200 ms by default, and not at all
 * when the last session closes normally); {@code SHUTDOWN COMPACT} rewrites the file completely. The ledger runs it
 * once every connection of the pool is closed, so nothing else can be using the database: this bean is made a
 * dependency of the {@code dataSource} bean, and Spring destroys a bean only after everything that depends on it.
 * A stop by {@code kill -9} skips it; the next clean stop catches up. Off with {@code ledger.h2.compact-on-stop=false}
 * (a very large file takes a while to rewrite: about the time to read and write it once).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ledger.h2.compact-on-stop", havingValue = "true", matchIfMissing = true)
class H2Compaction {

    static final String BEAN = "ledgerH2Compaction";

    private static final Logger log = LoggerFactory.getLogger(H2Compaction.class);
    private static final Pattern FILE_URL = Pattern.compile("^jdbc:h2:file:([^;]+)(;.*)?$");

    /** Makes the pool wait for the compaction bean, so that the compaction runs after the pool has closed. */
    @Bean
    static BeanFactoryPostProcessor h2CompactionAfterThePool() {
        return (ConfigurableListableBeanFactory factory) -> {
            if (!factory.containsBeanDefinition("dataSource") || !factory.containsBeanDefinition(BEAN)) {
                return;
            }
            BeanDefinition dataSource = factory.getBeanDefinition("dataSource");
            Set<String> dependsOn = new LinkedHashSet<>();
            if (dataSource.getDependsOn() != null) {
                dependsOn.addAll(Arrays.asList(dataSource.getDependsOn()));
            }
            dependsOn.add(BEAN);
            dataSource.setDependsOn(dependsOn.toArray(String[]::new));
        };
    }

    @Bean(BEAN)
    static OnStop ledgerH2Compaction() {
        return new OnStop();
    }

    /** Reads the store's URL and credentials from the environment: it must not depend on the pool it outlives. */
    static final class OnStop implements DisposableBean, EnvironmentAware {
        private Environment environment;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void destroy() {
            String url = environment.getProperty("spring.datasource.url", "");
            compact(
                    url,
                    environment.getProperty("spring.datasource.username", ""),
                    environment.getProperty("spring.datasource.password", ""));
        }
    }

    /** The {@code .mv.db} file an H2 file URL names, if it is one. */
    static Optional<Path> file(String url) {
        Matcher matcher = FILE_URL.matcher(url == null ? "" : url);
        return matcher.matches() ? Optional.of(Path.of(matcher.group(1) + ".mv.db")) : Optional.empty();
    }

    /** Rewrites the H2 file at {@code url} without its free pages; does nothing for another store. */
    static void compact(String url, String user, String password) {
        Optional<Path> file = file(url);
        if (file.isEmpty() || !Files.exists(file.get())) {
            return;
        }
        long before = size(file.get());
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            try (var sessions = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
                if (sessions.next() && sessions.getLong(1) > 1) {
                    // someone else in this JVM still has it open (a tool, another context on the same directory):
                    // a shutdown would close it under them
                    log.info(
                            "Left the H2 store {} as it is on stop: {} other sessions have it open",
                            file.get(),
                            sessions.getLong(1) - 1);
                    return;
                }
            }
            statement.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            // still open elsewhere (another process, a test's second context) or already gone: it stays as it is
            log.warn("Could not compact the H2 store {} on stop: {}", file.get(), e.getMessage());
            return;
        }
        log.info(
                "Compacted the H2 store {} on stop: {} MB to {} MB in {} ms",
                file.get(),
                megabytes(before),
                megabytes(size(file.get())),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1_048_576.0);
    }
}
