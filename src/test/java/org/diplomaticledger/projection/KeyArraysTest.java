package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.diplomaticledger.support.PostgresTestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The rows whose key is one of a list, joined with the keys unnested from arrays: exactly the rows a condition on
 * each key answers, each once, in one statement whose text is the same for any number of keys. On the database the
 * suite runs on: an in-memory H2, or a database of the tests' real PostgreSQL.
 */
class KeyArraysTest {

    private static final int ROWS = 4000;

    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;
    private boolean h2;

    @BeforeEach
    void database() {
        h2 = !PostgresTestDatabases.enabled();
        dataSource = new SingleConnectionDataSource(
                h2 ? "jdbc:h2:mem:" + UUID.randomUUID() : PostgresTestDatabases.emptyDatabase("key-arrays-test"),
                h2 ? "sa" : "postgres",
                "",
                true);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("DROP TABLE IF EXISTS item");
        SqlProbes.itemTable(jdbc, ROWS);
    }

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    @Test
    void answersTheRowsOfEachKeyOnceAsAConditionOnEachDoes() {
        Random random = new Random(5);
        for (int round = 0; round < 30; round++) {
            List<List<String>> keys = new ArrayList<>();
            int count = random.nextInt(12);
            for (int i = 0; i < count; i++) {
                keys.add(List.of("O-" + random.nextInt(220), "P-" + random.nextInt(5))); // some unknown, some twice
            }
            Sql joined = KeyArrays.select("t.*", "item", "t", List.of("owner_id", "part_id"), keys)
                    .add("t.slot = ? ORDER BY t.owner_id, t.part_id, t.category, t.staff", "A");
            assertThat(rows(joined)).as("keys " + keys).isEqualTo(rows(eachKey(keys)));
        }
    }

    @Test
    void answersTheRowsOfEachValueOfOneColumn() {
        List<String> owners = List.of("O-3", "O-17", "O-3", "O-150", "O-999");
        Sql joined = KeyArrays.select(
                        "t.owner_id, t.staff",
                        "item",
                        "t",
                        List.of("owner_id"),
                        owners.stream().map(List::of).toList())
                .add("t.slot = ? AND t.staff > ? ORDER BY t.owner_id, t.staff", "B", 2);
        assertThat(rows(joined))
                .isNotEmpty()
                .isEqualTo(rows(Sql.of(
                        "SELECT owner_id, staff FROM item WHERE slot = ? AND staff > ? "
                                + "AND owner_id IN (?, ?, ?, ?) ORDER BY owner_id, staff",
                        "B",
                        2,
                        "O-3",
                        "O-17",
                        "O-150",
                        "O-999")));
    }

    @Test
    void noKeyAnswersNoRow() {
        assertThat(rows(KeyArrays.select("t.*", "item", "t", List.of("owner_id"), List.of())
                        .add("t.slot = ?", "A")))
                .isEmpty();
    }

    @Test
    void isOneStatementWhateverTheNumberOfKeys() {
        String one = KeyArrays.select(
                        "t.*", "item", "t", List.of("owner_id", "part_id"), List.of(List.of("O-1", "P-1")))
                .text();
        String many = KeyArrays.select(
                        "t.*",
                        "item",
                        "t",
                        List.of("owner_id", "part_id"),
                        List.of(List.of("O-1", "P-1"), List.of("O-2", "P-2"), List.of("O-3", "P-3")))
                .text();
        assertThat(many).isEqualTo(one).doesNotContain("UNION");
    }

    @Test
    void readsEachKeyThroughTheIndexNotTheWholeSlot() {
        List<List<String>> keys = List.of(List.of("O-3", "P-1"), List.of("O-17", "P-0"), List.of("O-150", "P-2"));
        Sql joined = KeyArrays.select("t.*", "item", "t", List.of("owner_id", "part_id"), keys)
                .add("t.slot = ?", "A");
        long found = rows(eachKey(keys)).size();
        if (h2) {
            String plan = SqlProbes.explainAnalyze(jdbc, joined);
            assertThat(plan).contains("IX_ITEM_OWNER");
            // the keys unnested, then one probe per key: its rows and the entry past them
            assertThat(SqlProbes.scanned(plan)).as(plan).isLessThanOrEqualTo(keys.size() + 1 + found + keys.size());
        } else {
            List<SqlProbes.Scan> scans = SqlProbes.scansOf(jdbc, joined, "item");
            assertThat(scans)
                    .as("the scans of item")
                    .isNotEmpty()
                    .allSatisfy(
                            scan -> assertThat(scan.index()).as(scan.toString()).isEqualTo("ix_item_owner"));
            // each key's rows and none of the slot's others (PostgreSQL rounds a scan's rows per loop: one loop a key)
            assertThat(scans.stream().mapToLong(SqlProbes.Scan::read).sum())
                    .as(scans.toString())
                    .isBetween(found, found + keys.size());
        }
    }

    /** The same rows as a condition on each key, joined with OR. */
    private static Sql eachKey(List<List<String>> keys) {
        Sql sql = Sql.of("SELECT * FROM item WHERE slot = ? AND (1 = 0", "A");
        for (List<String> key : keys) {
            sql.add(" OR (owner_id = ? AND part_id = ?)", key.get(0), key.get(1));
        }
        return sql.add(") ORDER BY owner_id, part_id, category, staff");
    }

    private List<List<Object>> rows(Sql sql) {
        return SqlProbes.rows(jdbc, sql);
    }
}
