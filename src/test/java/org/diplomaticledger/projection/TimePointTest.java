package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.diplomaticledger.support.ScratchH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A point in time is bound as parameters, not written into the query: the text of a read is the same at every point
 * (so the database parses and plans it once), and the values bound with it still select the versions valid there.
 * On a real (in-memory) H2 database.
 */
class TimePointTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @RegisterExtension
    final ScratchH2 h2 = new ScratchH2();

    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        jdbc = h2.jdbc();
        jdbc.execute(
                "CREATE TABLE probe (slot CHAR(1) NOT NULL, presence_id VARCHAR(64) NOT NULL, headcount INTEGER NOT NULL, "
                        + "valid_from DATE, valid_to DATE, valid_to_recorded TIMESTAMP WITH TIME ZONE, "
                        + "recorded_from TIMESTAMP WITH TIME ZONE, recorded_to TIMESTAMP WITH TIME ZONE)");
        // 10 from 2000-01-01 as recorded at 10:00; corrected to 12 at 11:00; at 12:00 it ends on 2000-06-01 (an end
        // recorded in place) and 20 follows; slot B holds another history of the same key
        insert("A", 10, "2000-01-01", null, null, minutes(0), minutes(60));
        insert("A", 12, "2000-01-01", "2000-06-01", minutes(120), minutes(60), null);
        insert("A", 20, "2000-06-01", null, null, minutes(120), null);
        insert("B", 99, "2000-01-01", null, null, minutes(0), null);
    }

    @Test
    void theTextOfARowsReadIsTheSameAtEveryPointAndHoldsNoneOfIt() {
        TimePoint march = at("2000-03-01", 30);
        TimePoint july = at("2000-07-01", 150);

        for (TimePoint point : List.of(march, july)) {
            String text = point.rows("p", "A").text();
            assertThat(text)
                    .doesNotContain(point.asOf().toString())
                    .doesNotContain("2000")
                    .doesNotContain("2026")
                    .doesNotContain("'");
            assertThat(point.valid("p").text()).doesNotContain("2000").doesNotContain("2026");
            assertThat(point.known("p").text()).doesNotContain("2026");
            assertThat(point.validTo("p").text()).doesNotContain("2026");
            assertThat(point.validAfter("p", LocalDate.parse("1999-01-01")).text())
                    .doesNotContain("2026")
                    .doesNotContain("1999");
        }
        assertThat(march.rows("p", "A").text()).isEqualTo(july.rows("p", "A").text());
        assertThat(march.rows("p", "A").text()).isEqualTo(march.rows("p", "B").text());
        assertThat(march.known("p").text()).isEqualTo(july.known("p").text());
        assertThat(march.validTo("p").text()).isEqualTo(july.validTo("p").text());
        assertThat(march.validAfter("p", LocalDate.parse("1999-01-01")).text())
                .isEqualTo(july.validAfter("p", LocalDate.parse("2001-01-01")).text());
        // the point is in the values instead
        assertThat(march.rows("p", "A").args()).contains("A", Date.valueOf("2000-03-01"));
        // a reader who gives no knownAt: the same text whatever the day
        assertThat(latest("2000-03-01").rows(null, "A").text())
                .isEqualTo(latest("2000-07-01").rows(null, "A").text())
                .doesNotContain("2000");
        ReadView one = new ReadView("probe", Slot.A, 1, march);
        ReadView other = new ReadView("probe", Slot.A, 1, july);
        assertThat(Where.slotOf(one).select("").text())
                .isEqualTo(Where.slotOf(other).select("").text());
    }

    @Test
    void theBoundPointSelectsTheVersionsValidThere() {
        assertThat(headcount(at("2000-03-01", 30))).containsExactly(10);
        assertThat(headcount(at("2000-03-01", 90))).containsExactly(12);
        // on 2000-07-01 as known at 11:30 the version's end was not yet recorded: it reads as open
        assertThat(headcount(at("2000-07-01", 90))).containsExactly(12);
        assertThat(headcount(at("2000-07-01", 150))).containsExactly(20);
        assertThat(headcount(at("1999-12-31", 150))).isEmpty();
        assertThat(headcount(at("2000-07-01", -60))).isEmpty();
        assertThat(headcount(latest("2000-03-01"))).containsExactly(12);
        assertThat(headcount(latest("2000-07-01"))).containsExactly(20);
        // the same text, prepared once, answers each point by its values
        TimePoint one = at("2000-03-01", 30);
        TimePoint other = at("2000-07-01", 150);
        Sql first = Sql.of("SELECT headcount FROM probe p WHERE ").add(one.rows("p", "A"));
        Sql second = Sql.of("SELECT headcount FROM probe p WHERE ").add(other.rows("p", "A"));
        assertThat(first.text()).isEqualTo(second.text());
        assertThat(jdbc.queryForList(first.text(), Integer.class, first.args())).containsExactly(10);
        assertThat(jdbc.queryForList(second.text(), Integer.class, second.args()))
                .containsExactly(20);
        // in slot B
        Sql slotB = Sql.of("SELECT headcount FROM probe p WHERE ").add(other.rows("p", "B"));
        assertThat(jdbc.queryForList(slotB.text(), Integer.class, slotB.args())).containsExactly(99);
    }

    @Test
    void theSpansOfTheVersionsAreThoseKnownAtThePoint() {
        // the versions believed at 11:30, with their ends as known then, still valid after 1999-12-31
        assertThat(spans(at("2000-03-01", 90))).containsExactly("2000-01-01..null=12");
        assertThat(spans(at("2000-03-01", 150))).containsExactly("2000-01-01..2000-06-01=12", "2000-06-01..null=20");
        assertThat(spans(at("2000-03-01", 30))).containsExactly("2000-01-01..null=10");
        assertThat(spans(latest("2000-03-01"))).containsExactly("2000-01-01..2000-06-01=12", "2000-06-01..null=20");
    }

    private List<Integer> headcount(TimePoint point) {
        Sql sql = Sql.of("SELECT headcount FROM probe WHERE ")
                .add(point.rows(null, "A"))
                .add(" AND presence_id = ?", "NO-SE");
        return jdbc.queryForList(sql.text(), Integer.class, sql.args());
    }

    private List<String> spans(TimePoint point) {
        Sql sql = Sql.of("SELECT valid_from, ")
                .add(point.validTo(null))
                .add(", headcount FROM probe WHERE slot = ? AND ", "A")
                .add(point.known(null))
                .add(" AND ")
                .add(point.validAfter(null, LocalDate.parse("1999-12-31")))
                .add(" ORDER BY valid_from");
        return jdbc.query(
                sql.text(),
                (rs, i) ->
                        rs.getObject(1, LocalDate.class) + ".." + rs.getObject(2, LocalDate.class) + "=" + rs.getInt(3),
                sql.args());
    }

    private static TimePoint at(String day, int minute) {
        return new TimePoint(LocalDate.parse(day), T0.plusSeconds(60L * minute));
    }

    private static TimePoint latest(String day) {
        return new TimePoint(LocalDate.parse(day), Instant.now(), true);
    }

    private static OffsetDateTime minutes(int minute) {
        return T0.plusSeconds(60L * minute).atOffset(ZoneOffset.UTC);
    }

    private void insert(
            String slot,
            int headcount,
            String from,
            String to,
            OffsetDateTime toRecorded,
            OffsetDateTime recordedFrom,
            OffsetDateTime recordedTo) {
        jdbc.update(
                "INSERT INTO probe VALUES (?, 'NO-SE', ?, ?, ?, ?, ?, ?)",
                slot,
                headcount,
                Date.valueOf(from),
                to == null ? null : Date.valueOf(to),
                toRecorded,
                recordedFrom,
                recordedTo);
    }
}
