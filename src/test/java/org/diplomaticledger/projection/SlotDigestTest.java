package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two slots with the same rows give the same digest whatever order they were written in; a slot that differs in one
 * value of one row (a day, a microsecond, null against empty text, a reach left out) gives another, and the rows of a
 * slot larger than what H2 keeps in memory for a result are all counted.
 */
class SlotDigestTest {

    private static final OffsetDateTime RECORDED =
            OffsetDateTime.of(2026, 12, 6, 23, 0, 0, 123_456_000, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        dataSource = new SingleConnectionDataSource("jdbc:h2:file:" + dir.resolve("digest"), true);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute(
                "CREATE TABLE versions (slot VARCHAR(1) NOT NULL, presence_id VARCHAR(64) NOT NULL, headcount INTEGER, "
                        + "note VARCHAR(100), valid_from DATE NOT NULL, valid_to DATE, recorded_from TIMESTAMP WITH TIME ZONE NOT NULL, "
                        + "recorded_to TIMESTAMP WITH TIME ZONE, reach DATE)");
    }

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    private List<Object[]> rows(int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {
                "FR-JP-" + (i % 7),
                i % 11 == 0 ? null : 40 + i % 120,
                i % 5 == 0 ? "" : null,
                Date.valueOf(LocalDate.of(1950, 1, 1).plusDays(i)),
                i % 3 == 0 ? null : Date.valueOf(LocalDate.of(1950, 1, 2).plusDays(i)),
                RECORDED.plusNanos(1_000L * i),
                i % 4 == 0 ? RECORDED.plusDays(1) : null,
                Date.valueOf(LocalDate.of(1950, 1, 1).plusDays(i))
            });
        }
        return rows;
    }

    private void insert(String slot, List<Object[]> rows) {
        List<Object[]> args = new ArrayList<>();
        for (Object[] row : rows) {
            Object[] withSlot = new Object[row.length + 1];
            withSlot[0] = slot;
            System.arraycopy(row, 0, withSlot, 1, row.length);
            args.add(withSlot);
        }
        jdbc.batchUpdate(
                "INSERT INTO versions (slot, presence_id, headcount, note, valid_from, valid_to, recorded_from, "
                        + "recorded_to, reach) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                args);
    }

    private SlotDigest.Digest digest(Slot slot) {
        return SlotDigest.of(jdbc, "versions").get(slot);
    }

    @Test
    void sameRowsInAnyOrderGiveTheSameDigestAndEveryRowIsCounted() {
        List<Object[]> rows = rows(60_000); // more than H2 keeps in memory for one result
        insert("A", rows);
        List<Object[]> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(3));
        insert("B", shuffled);

        assertThat(digest(Slot.A).rows()).isEqualTo(60_000);
        assertThat(digest(Slot.B)).isEqualTo(digest(Slot.A));
    }

    @Test
    void oneValueChangedInOneRowChangesTheDigest() {
        List<Object[]> rows = rows(200);
        insert("A", rows);
        insert("B", rows);
        SlotDigest.Digest same = digest(Slot.A);
        assertThat(digest(Slot.B)).isEqualTo(same);

        String[] changes = {
            "UPDATE versions SET valid_to = DATEADD(DAY, 1, valid_to) WHERE slot = 'B' AND valid_from = DATE '1950-01-02'",
            "UPDATE versions SET recorded_from = DATEADD(MICROSECOND, 1, recorded_from) WHERE slot = 'B' AND valid_from = DATE '1950-01-02'",
            "UPDATE versions SET note = NULL WHERE slot = 'B' AND note = '' AND valid_from = DATE '1950-01-06'",
            "UPDATE versions SET headcount = NULL WHERE slot = 'B' AND valid_from = DATE '1950-01-06'",
            "UPDATE versions SET presence_id = 'FR-JP-x' WHERE slot = 'B' AND valid_from = DATE '1950-01-06'"
        };
        for (String change : changes) {
            jdbc.execute("DELETE FROM versions WHERE slot = 'B'");
            insert("B", rows);
            assertThat(jdbc.update(change)).as(change).isEqualTo(1);
            SlotDigest.Digest changed = digest(Slot.B);
            assertThat(changed.rows()).isEqualTo(200);
            assertThat(changed.hash()).as(change).isNotEqualTo(same.hash());
        }

        // reach bounds an index probe and is no content: a slot that differs only there is the same
        jdbc.execute("DELETE FROM versions WHERE slot = 'B'");
        insert("B", rows);
        jdbc.update("UPDATE versions SET reach = DATEADD(DAY, 30, reach) WHERE slot = 'B'");
        assertThat(digest(Slot.B)).isEqualTo(same);
    }
}
