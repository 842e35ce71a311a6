package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.diplomaticledger.support.ScratchH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/** A query of a projection runs only with its slot bound by a view: one without is refused before the database. */
class SlotJdbcTest {

    @RegisterExtension
    final ScratchH2 h2 = new ScratchH2();

    private JdbcTemplate jdbc;
    private SlotJdbc slots;
    private final ReadView b = new ReadView(
            "probe", Slot.B, 0, new TimePoint(LocalDate.of(2024, 6, 1), Instant.parse("2024-06-01T00:00:00Z")));

    @BeforeEach
    void database() {
        jdbc = h2.jdbc();
        slots = new SlotJdbc(jdbc);
        jdbc.execute("CREATE TABLE probe (slot CHAR(1) NOT NULL, presence_id VARCHAR(64) NOT NULL, headcount INTEGER, "
                + "valid_from DATE NOT NULL, valid_to DATE, valid_to_recorded TIMESTAMP WITH TIME ZONE, "
                + "recorded_from TIMESTAMP WITH TIME ZONE NOT NULL, recorded_to TIMESTAMP WITH TIME ZONE, reach DATE)");
        jdbc.update(
                "INSERT INTO probe VALUES ('A', 'NO-SE', 1, DATE '2024-01-01', NULL, NULL, TIMESTAMP WITH TIME ZONE "
                        + "'2024-01-01 00:00:00+00:00', NULL, DATE '2024-01-01')");
        jdbc.update(
                "INSERT INTO probe VALUES ('B', 'NO-SE', 2, DATE '2024-01-01', NULL, NULL, TIMESTAMP WITH TIME ZONE "
                        + "'2024-01-01 00:00:00+00:00', NULL, DATE '2024-01-01')");
    }

    @Test
    void readsTheViewsSlotOnly() {
        Sql rows = Sql.of("SELECT headcount FROM probe WHERE ").add(b.rows()).add(" AND presence_id = ?", "NO-SE");
        Sql known = Sql.of("SELECT headcount FROM probe WHERE ").add(b.knownRows(null));
        Sql typed = Sql.of("SELECT headcount FROM probe p WHERE ").add(b.typedRows("p"));
        Sql where = Where.slotOf(b).equal("presence_id", "NO-SE").select("SELECT headcount FROM probe");

        for (Sql query : List.of(rows, known, typed, where)) {
            assertThat(slots.query(query, (rs, i) -> rs.getInt(1)))
                    .as(query.text())
                    .containsExactly(2);
        }
        assertThat(slots.query(b.version("probe", "presence_id").of("NO-SE"), (rs, i) -> rs.getInt("headcount")))
                .containsExactly(2);
    }

    @Test
    void refusesAQueryWithoutTheSlot() {
        Sql validOnly = Sql.of("SELECT headcount FROM probe WHERE ").add(b.valid(null));
        Sql bySlotByHand =
                Sql.of("SELECT headcount FROM probe WHERE slot = ? AND ", "B").add(b.valid(null));

        for (Sql query : List.of(
                validOnly,
                bySlotByHand,
                Sql.unionAll(List.of(Sql.of("SELECT 1 FROM probe WHERE ").add(b.rows()), validOnly)))) {
            assertThatThrownBy(() -> slots.query(query, (rs, i) -> rs.getInt(1)))
                    .as(query.text())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("slot");
        }
    }
}
