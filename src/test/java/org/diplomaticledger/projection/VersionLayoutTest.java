package org.diplomaticledger.projection;

import org.diplomaticledger.support.ScratchH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A versioned table's columns are declared with its projection; a database that drifted from them fails the start. */
class VersionLayoutTest {

    private static final VersionedTable COUNTS = VersionedTable.of("probe_count", "presence_id", "presence_id").withReach()
            .columns("presence_id, headcount, reported_on");

    @RegisterExtension
    final ScratchH2 h2 = new ScratchH2();
    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        jdbc = h2.jdbc();
        jdbc.execute("CREATE TABLE probe_count (slot CHAR(1) NOT NULL, presence_id VARCHAR(64) NOT NULL, headcount INTEGER NOT NULL, "
                + "reported_on DATE NOT NULL, valid_from DATE, valid_to DATE, valid_to_recorded TIMESTAMP WITH TIME ZONE, "
                + "recorded_from TIMESTAMP WITH TIME ZONE, recorded_to TIMESTAMP WITH TIME ZONE, reach DATE)");
    }

    @Test
    void laysOutTheDeclaredColumnsWithoutTheDatabase() {
        VersionLayout layout = new VersionLayout(COUNTS);

        assertThat(layout.columns).containsExactly("presence_id", "headcount", "reported_on");
        assertThat(layout.index("reported_on")).isEqualTo(2);
        assertThat(layout.insertSql).startsWith("INSERT INTO probe_count (slot, presence_id, headcount, reported_on, valid_from");
        assertThatThrownBy(() -> new VersionLayout(VersionedTable.of("probe_count", "presence_id", "presence_id")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("declares no columns");
    }

    @Test
    void acceptsTheTableAsDeclared() {
        assertThatCode(() -> VersionLayout.check(jdbc, COUNTS)).doesNotThrowAnyException();
    }

    @Test
    void failsOnAColumnTheProjectionDoesNotDeclare() {
        jdbc.execute("ALTER TABLE probe_count ADD COLUMN reported_by VARCHAR(64)");

        assertThatThrownBy(() -> VersionLayout.check(jdbc, COUNTS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not declared [reported_by]");
    }

    @Test
    void failsOnAColumnTheDatabaseLacks() {
        jdbc.execute("ALTER TABLE probe_count DROP COLUMN reported_on");

        assertThatThrownBy(() -> VersionLayout.check(jdbc, COUNTS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing [reported_on]");
        // without reach declared, the table's reach column is one the projection does not know of
        jdbc.execute("ALTER TABLE probe_count ADD COLUMN reported_on DATE");
        VersionedTable withoutReach = new VersionedTable("probe_count", "presence_id", false, List.of("presence_id"), false,
                COUNTS.columns());
        assertThatThrownBy(() -> VersionLayout.check(jdbc, withoutReach)).hasMessageContaining("not declared [reach]");
    }

    @Test
    void refusesADeclarationWithoutItsKeyOrPartition() {
        assertThatThrownBy(() -> VersionedTable.of("probe_count", "presence_id", "person_id").columns("presence_id, headcount"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no key column person_id");
        assertThatThrownBy(() -> VersionedTable.of("probe_count", "presence_id", "presence_id").columns("presence_id, valid_from"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version's column");
    }
}
