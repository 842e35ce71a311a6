package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.diplomaticledger.support.ScratchH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/** A versioned table's columns are declared with its projection; a database that drifted from them fails the start. */
class VersionLayoutTest {

    private static final VersionedTable COUNTS = VersionedTable.of("probe_count", "presence_id", "presence_id")
            .withReach()
            .columns("presence_id, headcount, reported_on");

    @RegisterExtension
    final ScratchH2 h2 = new ScratchH2();

    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        jdbc = h2.jdbc();
        jdbc.execute(
                "CREATE TABLE probe_count (slot CHAR(1) NOT NULL, presence_id VARCHAR(64) NOT NULL, headcount INTEGER NOT NULL, "
                        + "reported_on DATE NOT NULL, valid_from DATE, valid_to DATE, valid_to_recorded TIMESTAMP WITH TIME ZONE, "
                        + "recorded_from TIMESTAMP WITH TIME ZONE, recorded_to TIMESTAMP WITH TIME ZONE, reach DATE)");
    }

    @Test
    void laysOutTheDeclaredColumnsWithoutTheDatabase() {
        VersionLayout layout = new VersionLayout(COUNTS);

        assertThat(layout.columns).containsExactly("presence_id", "headcount", "reported_on");
        assertThat(layout.index("reported_on")).isEqualTo(2);
        assertThat(layout.insertSql)
                .startsWith("INSERT INTO probe_count (slot, presence_id, headcount, reported_on, valid_from");
        assertThatThrownBy(() -> new VersionLayout(VersionedTable.of("probe_count", "presence_id", "presence_id")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declares no columns");
    }

    @Test
    void acceptsTheTableAsDeclared() {
        assertThatCode(() -> VersionLayout.check(jdbc, COUNTS)).doesNotThrowAnyException();
    }

    @Test
    void failsOnAColumnTheProjectionDoesNotDeclare() {
        jdbc.execute("ALTER TABLE probe_count ADD COLUMN reported_by VARCHAR(64)");

        assertThatThrownBy(() -> VersionLayout.check(jdbc, COUNTS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not declared [reported_by]");
    }

    @Test
    void failsOnAColumnTheDatabaseLacks() {
        jdbc.execute("ALTER TABLE probe_count DROP COLUMN reported_on");

        assertThatThrownBy(() -> VersionLayout.check(jdbc, COUNTS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing [reported_on]");
        // without reach declared, the table's reach column is one the projection does not know of
        jdbc.execute("ALTER TABLE probe_count ADD COLUMN reported_on DATE");
        VersionedTable withoutReach = new VersionedTable(
                "probe_count", "presence_id", false, List.of("presence_id"), false, COUNTS.columns());
        assertThatThrownBy(() -> VersionLayout.check(jdbc, withoutReach)).hasMessageContaining("not declared [reach]");
    }

    @Test
    void refusesADeclarationWithoutItsKeyOrPartition() {
        assertThatThrownBy(() -> VersionedTable.of("probe_count", "presence_id", "person_id")
                        .columns("presence_id, headcount"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no key column person_id");
        assertThatThrownBy(() -> VersionedTable.of("probe_count", "presence_id", "presence_id")
                        .columns("presence_id, valid_from"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version's column");
    }

    @Test
    void findsTheOpenVersionsOfATableWithFewKeysKeyByKey() {
        VersionedTable buckets = VersionedTable.of(
                        "probe_bucket", "presence_id", "presence_id", "mission_key", "category")
                .withFewKeys()
                .columns("presence_id, mission_key, category, staff");
        jdbc.execute("CREATE TABLE probe_bucket (slot CHAR(1) NOT NULL, presence_id VARCHAR(64) NOT NULL, "
                + "mission_key VARCHAR(64) NOT NULL, category VARCHAR(16) NOT NULL, staff INTEGER NOT NULL, valid_from DATE, "
                + "valid_to DATE, valid_to_recorded TIMESTAMP WITH TIME ZONE, recorded_from TIMESTAMP WITH TIME ZONE, "
                + "recorded_to TIMESTAMP WITH TIME ZONE)");
        jdbc.execute(
                "CREATE INDEX ix_probe_bucket_versions ON probe_bucket (slot, presence_id, mission_key, category, valid_from DESC)");
        String version =
                "INSERT INTO probe_bucket VALUES ('a', 'RU-US', ?, ?, ?, CAST(? AS DATE), CAST(? AS DATE), NULL, "
                        + "TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00Z', CAST(? AS TIMESTAMP WITH TIME ZONE))";
        // the whole presence's diplomats: ended in place, then open from 2001 on; a version no longer believed after it
        jdbc.update(version, "", "DIPLOMATIC", 3, "2000-01-01", "2001-01-01", null);
        jdbc.update(version, "", "DIPLOMATIC", 4, "2001-01-01", null, null);
        jdbc.update(version, "", "DIPLOMATIC", 9, "2002-01-01", null, "2020-02-01 00:00:00Z");
        // a mission's technical staff, ended: no open version
        jdbc.update(version, "M1", "TECHNICAL", 2, "2000-01-01", "2003-01-01", null);
        // another presence and another slot are not this partition's
        jdbc.execute(
                "INSERT INTO probe_bucket SELECT 'b', presence_id, mission_key, category, staff, valid_from, valid_to, "
                        + "valid_to_recorded, recorded_from, recorded_to FROM probe_bucket");
        jdbc.update(
                "INSERT INTO probe_bucket VALUES ('a', 'RU-USA', 'X', 'DIPLOMATIC', 1, DATE '2000-01-01', NULL, NULL, "
                        + "TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00Z', NULL)");
        VersionLayout layout = new VersionLayout(buckets);

        assertThat(layout.partitionKeys.under(jdbc, "a", "RU-US"))
                .containsExactly(List.of("", "DIPLOMATIC"), List.of("M1", "TECHNICAL"));
        assertThat(jdbc.queryForList(
                        layout.latestCurrentSql.replace(
                                "SELECT presence_id, mission_key, category, staff,", "SELECT staff,"),
                        "a",
                        "RU-US",
                        "",
                        "DIPLOMATIC"))
                .singleElement()
                .satisfies(row -> assertThat(row).containsEntry("STAFF", 4).containsEntry("VALID_TO", null));
        assertThat(jdbc.queryForList(layout.latestCurrentSql, "a", "RU-US", "M1", "TECHNICAL"))
                .singleElement()
                .satisfies(row -> assertThat(row.get("VALID_TO")).isNotNull());
        assertThatThrownBy(() -> VersionedTable.of("probe_count", "presence_id", "presence_id")
                        .withFewKeys())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("begins with the partition column");
    }
}
