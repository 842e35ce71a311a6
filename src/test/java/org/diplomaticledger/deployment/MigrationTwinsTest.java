package org.diplomaticledger.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every migration exists for both databases under the same file name, so that an H2 ledger and a PostgreSQL
 * ledger have the same schema at the same version. A new {@code h2/V12__x.sql} without its
 * {@code postgresql/V12__x.sql} twin fails here, not on the first PostgreSQL deployment.
 */
class MigrationTwinsTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");

    @Test
    void everyMigrationHasATwinOfTheSameVersionAndName() throws IOException {
        Map<String, String> h2 = migrations("h2");
        Map<String, String> postgresql = migrations("postgresql");
        assertThat(h2).isNotEmpty();
        assertThat(postgresql.keySet())
                .as("versions of db/migration/postgresql against db/migration/h2")
                .containsExactlyElementsOf(h2.keySet());
        assertThat(postgresql).as("file names of the twins").isEqualTo(h2);
    }

    @Test
    void noOtherVendorDirectoryHoldsMigrations() throws IOException {
        try (Stream<Path> dirs = Files.list(MIGRATIONS)) {
            assertThat(dirs.map(dir -> dir.getFileName().toString())).containsExactlyInAnyOrder("h2", "postgresql");
        }
    }

    /** Version to file name, for the vendor's directory. */
    private static Map<String, String> migrations(String vendor) throws IOException {
        Map<String, String> versions = new TreeMap<>();
        try (Stream<Path> files = Files.list(MIGRATIONS.resolve(vendor))) {
            files.map(file -> file.getFileName().toString()).forEach(name -> {
                Matcher matcher = VERSIONED.matcher(name);
                assertThat(matcher.matches())
                        .as("%s/%s is a versioned migration V<n>__<name>.sql", vendor, name)
                        .isTrue();
                String previous = versions.put(matcher.group(1), name);
                assertThat(previous)
                        .as("%s has two migrations of version %s", vendor, matcher.group(1))
                        .isNull();
            });
        }
        return versions;
    }
}
