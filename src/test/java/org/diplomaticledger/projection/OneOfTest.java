package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.diplomaticledger.support.ScratchH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows whose key is one of some values, read one equality per value: exactly the rows an {@code IN} list
 * answers, each once, and through the index on {@code (slot, key)}, where H2 reads the whole slot for the IN list.
 * On a real (in-memory) H2 database.
 */
class OneOfTest {

    private static final int ROWS = 4000;

    @RegisterExtension
    final ScratchH2 h2 = new ScratchH2();

    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        jdbc = h2.jdbc();
        SqlProbes.itemTable(jdbc, ROWS);
    }

    @Test
    void answersTheRowsOfEachValueOnceAsAnInListDoes() {
        Random random = new Random(5);
        for (int round = 0; round < 30; round++) {
            List<String> owners = new ArrayList<>();
            int count = random.nextInt(12);
            for (int i = 0; i < count; i++) {
                owners.add("O-" + random.nextInt(220)); // some unknown, some twice
            }
            Sql union = OneOf.rows(Sql.of("SELECT * FROM item WHERE slot = ?", "A"), "owner_id", owners)
                    .add(" ORDER BY owner_id, part_id, category, staff");
            assertThat(rows(union))
                    .as("owners " + owners)
                    .isEqualTo(rows(inList(
                            "SELECT * FROM item WHERE slot = ?",
                            "A",
                            owners,
                            " ORDER BY owner_id, part_id, category, staff")));
        }
    }

    @Test
    void noValueAnswersNoRow() {
        assertThat(rows(OneOf.rows(Sql.of("SELECT * FROM item WHERE slot = ?", "A"), "owner_id", List.of())))
                .isEmpty();
        assertThat(rows(OneOf.rows(
                        Sql.of("SELECT owner_id, SUM(staff) FROM item WHERE slot = ?", "A"),
                        "owner_id",
                        List.of(),
                        Sql.of(" GROUP BY owner_id"))))
                .isEmpty();
    }

    @Test
    void groupsAndFiltersEachValueAsTheWholeList() {
        List<String> owners = List.of("O-3", "O-17", "O-3", "O-150", "O-999");
        Sql union = OneOf.rows(
                        Sql.of("SELECT owner_id, category, SUM(staff) FROM item WHERE slot = ?", "B"),
                        "owner_id",
                        owners,
                        Sql.of(" AND staff > ? GROUP BY owner_id, category", 2))
                .add(" ORDER BY owner_id, category");
        assertThat(rows(union))
                .isNotEmpty()
                .isEqualTo(rows(inList(
                        "SELECT owner_id, category, SUM(staff) FROM item WHERE slot = ?",
                        "B",
                        owners,
                        " AND staff > 2 GROUP BY owner_id, category ORDER BY owner_id, category")));
    }

    @Test
    void answersTheRowsOfEachKeyOfSeveralColumns() {
        List<List<String>> keys =
                List.of(List.of("O-3", "P-1"), List.of("O-17", "P-0"), List.of("O-3", "P-1"), List.of("O-3", "P-2"));
        Sql union = OneOf.rows(
                        Sql.of("SELECT * FROM item WHERE slot = ?", "A"),
                        List.of("owner_id", "part_id"),
                        keys,
                        Sql.of(""))
                .add(" ORDER BY owner_id, part_id, category, staff");
        List<List<Object>> expected = rows(Sql.of(
                "SELECT * FROM item WHERE slot = ? AND ((owner_id = ? AND part_id = ?) OR "
                        + "(owner_id = ? AND part_id = ?) OR (owner_id = ? AND part_id = ?)) ORDER BY owner_id, part_id, category, staff",
                "A",
                "O-3",
                "P-1",
                "O-17",
                "P-0",
                "O-3",
                "P-2"));
        assertThat(rows(union)).isNotEmpty().isEqualTo(expected);
    }

    @Test
    void readsEachValueThroughTheIndexNotTheWholeSlot() {
        List<String> owners = List.of("O-3", "O-17", "O-150");
        Sql union = OneOf.rows(Sql.of("SELECT * FROM item WHERE slot = ?", "A"), "owner_id", owners);
        // H2's EXPLAIN ANALYZE, with the values bound: each query of the union takes the index by slot and owner
        String plan = explainAnalyze(union);
        assertThat(plan).contains("IX_ITEM_OWNER: SLOT = ?1").contains("OWNER_ID = ?2");
        long expected = jdbc.queryForObject(
                inList("SELECT COUNT(*) FROM item WHERE slot = ?", "A", owners, "")
                        .text(),
                Long.class,
                inList("SELECT COUNT(*) FROM item WHERE slot = ?", "A", owners, "")
                        .args());
        assertThat(scanned(plan)).as(plan).isLessThanOrEqualTo(expected + owners.size());
        // the IN list H2 cannot use past the index's first column reads every row of the slot
        String inPlan = explainAnalyze(inList("SELECT * FROM item WHERE slot = ?", "A", owners, ""));
        assertThat(scanned(inPlan)).as(inPlan).isGreaterThan(ROWS / 3);
    }

    private static Sql inList(String select, String slot, List<String> owners, String rest) {
        if (owners.isEmpty()) {
            return Sql.of(select + " AND 1 = 0" + rest, slot);
        }
        List<Object> args = new ArrayList<>(List.of(slot));
        args.addAll(owners);
        return Sql.of(
                select + " AND owner_id IN (" + String.join(",", Collections.nCopies(owners.size(), "?")) + ")" + rest,
                args.toArray());
    }

    private List<List<Object>> rows(Sql sql) {
        return SqlProbes.rows(jdbc, sql);
    }

    private String explainAnalyze(Sql sql) {
        return SqlProbes.explainAnalyze(jdbc, sql);
    }

    private static long scanned(String plan) {
        return SqlProbes.scanned(plan);
    }
}
