package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.diplomaticledger.support.ScratchH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/** The skip scan finds every distinct key under a prefix once, in index order, whatever the versions per key. */
class IndexKeysTest {

    private static final IndexKeys BUCKETS =
            new IndexKeys("bucket", List.of("slot", "presence_id"), List.of("mission_key", "category"));

    @RegisterExtension
    final ScratchH2 h2 = new ScratchH2();

    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        jdbc = h2.jdbc();
        jdbc.execute(
                "CREATE TABLE bucket (slot CHAR(1) NOT NULL, presence_id VARCHAR(64) NOT NULL, mission_key VARCHAR(64) NOT NULL, "
                        + "category VARCHAR(32) NOT NULL, staff INTEGER NOT NULL)");
        jdbc.execute("CREATE INDEX ix_bucket ON bucket (slot, presence_id, mission_key, category)");
    }

    @Test
    void findsEachKeyUnderThePrefixOnceInIndexOrder() {
        Random random = new Random(7);
        List<Object[]> rows = new ArrayList<>();
        TreeSet<String> expected = new TreeSet<>();
        for (String slot : List.of("A", "B")) {
            for (String presence : List.of("FR-JP", "NO-SE", "US-RU")) {
                for (String mission : List.of("*", "M-1", "M-2")) {
                    for (String category : List.of("DIPLOMATIC", "TECHNICAL", "SERVICE")) {
                        if (random.nextInt(3) == 0) {
                            continue;
                        }
                        int versions = 1 + random.nextInt(5);
                        for (int v = 0; v < versions; v++) {
                            rows.add(new Object[] {slot, presence, mission, category, v});
                        }
                        if (slot.equals("A") && presence.equals("NO-SE")) {
                            expected.add(mission + "/" + category);
                        }
                    }
                }
            }
        }
        Collections.shuffle(rows, random);
        jdbc.batchUpdate("INSERT INTO bucket VALUES (?, ?, ?, ?, ?)", rows);

        List<String> found = BUCKETS.under(jdbc, "A", "NO-SE").stream()
                .map(key -> key.get(0) + "/" + key.get(1))
                .toList();

        assertThat(found).isNotEmpty().containsExactlyElementsOf(expected);
        assertThat(BUCKETS.under(jdbc, "A", "XX-YY")).isEmpty();
    }

    @Test
    void findsKeysOfOneColumn() {
        jdbc.batchUpdate(
                "INSERT INTO bucket VALUES (?, ?, ?, ?, ?)",
                List.of(
                        new Object[] {"A", "FR-JP", "M-2", "SERVICE", 1},
                        new Object[] {"A", "FR-JP", "M-1", "SERVICE", 1},
                        new Object[] {"A", "FR-JP", "M-1", "TECHNICAL", 1},
                        new Object[] {"B", "FR-JP", "M-3", "SERVICE", 1},
                        new Object[] {"A", "FR-JP", "M-10", "SERVICE", 1},
                        new Object[] {"A", "FR-JP", "M-1-A", "SERVICE", 1},
                        new Object[] {"A", "FR-JP", "M-1", "SERVICE", 2}));
        IndexKeys missions = new IndexKeys("bucket", List.of("slot", "presence_id"), List.of("mission_key"));

        // a key that begins another ("M-1", "M-1-A", "M-10") is followed by it, not skipped
        assertThat(missions.under(jdbc, "A", "FR-JP"))
                .containsExactly(List.of("M-1"), List.of("M-1-A"), List.of("M-10"), List.of("M-2"));
    }

    @Test
    void readsTheSlotOfAView() {
        jdbc.batchUpdate(
                "INSERT INTO bucket VALUES (?, ?, ?, ?, ?)",
                List.of(
                        new Object[] {"A", "FR-JP", "M-1", "SERVICE", 1},
                        new Object[] {"B", "FR-JP", "M-2", "SERVICE", 1}));
        TimePoint now =
                new TimePoint(java.time.LocalDate.of(2026, 1, 1), java.time.Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(BUCKETS.under(new SlotJdbc(jdbc), new ReadView("probe", Slot.B, 0, now), "FR-JP"))
                .containsExactly(List.of("M-2", "SERVICE"));
        IndexKeys bySlotLast = new IndexKeys("bucket", List.of("presence_id", "slot"), List.of("mission_key"));
        assertThatThrownBy(() -> bySlotLast.under(new SlotJdbc(jdbc), new ReadView("probe", Slot.A, 0, now), "FR-JP"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAPrefixOfTheWrongLength() {
        assertThatThrownBy(() -> BUCKETS.under(jdbc, "A")).isInstanceOf(IllegalArgumentException.class);
    }
}
