package org.diplomaticledger.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.presence.api.StaffCategory;
import org.diplomaticledger.presence.api.StaffCountReported;
import org.diplomaticledger.shared.Provenance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The temporal engine on its own, without the application: a one-table projection (a presence's reported headcount)
 * on an in-memory H2 database, fed events by hand from Axon's in-memory event store. It checks the versions the
 * projector writes, in effective and in recorded time, and that a rebuild's projector (which holds its writes and
 * batches them) writes exactly the versions the live one wrote.
 */
class TemporalProjectorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;
    private InMemoryEventStorageEngine store;
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private long sequence;

    @BeforeEach
    void database() {
        dataSource = new SingleConnectionDataSource("jdbc:h2:mem:" + UUID.randomUUID(), true);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE probe_count (slot CHAR(1) NOT NULL, presence_id VARCHAR(64) NOT NULL, headcount INTEGER NOT NULL, "
                + "reported_on DATE NOT NULL, valid_from DATE, valid_to DATE, recorded_from TIMESTAMP WITH TIME ZONE, "
                + "recorded_to TIMESTAMP WITH TIME ZONE)");
        jdbc.execute("CREATE TABLE projection_partition (projection VARCHAR(100) NOT NULL, slot CHAR(1) NOT NULL, "
                + "partition_id VARCHAR(200) NOT NULL, folded_until DATE NOT NULL, last_sequence BIGINT DEFAULT -1 NOT NULL, "
                + "PRIMARY KEY (projection, slot, partition_id))");
        store = new InMemoryEventStorageEngine();
    }

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    /** Each presence's latest reported headcount, by effective date. */
    static final class ProbeProjection implements Projection {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public List<VersionedTable> versionedTables() {
            return List.of(VersionedTable.of("probe_count", "presence_id", "presence_id"));
        }

        @Override
        public Object handler(Head head) {
            Rows counts = head.rows("probe_count");
            return new Object() {
                @EventHandler
                void on(StaffCountReported e) {
                    counts.put(counts.create().with("presence_id", e.presenceId()).with("headcount", e.headcount())
                            .with("reported_on", e.effectiveDate()));
                }
            };
        }
    }

    private TemporalProjector projector(Slot slot, boolean exclusive) {
        return new TemporalProjector(new ProbeProjection(), new SlotRef(slot), jdbc, () -> store, mapper, 1000, exclusive);
    }

    private DomainEventMessage<?> count(int headcount, String day, int recordedMinute) {
        return event(new StaffCountReported("NO-SE", null, StaffCategory.UNSPECIFIED, headcount, LocalDate.parse(day),
                Provenance.of("a test")), recordedMinute);
    }

    private DomainEventMessage<?> event(Object payload, int recordedMinute) {
        DomainEventMessage<?> event = new GenericDomainEventMessage<>("Presence", "NO-SE", sequence++, payload, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), T0.plusSeconds(60L * recordedMinute));
        store.appendEvents(event);
        return event;
    }

    /** The versions of slot A believed at {@code knownAt} (null: now), as "from..to=headcount". */
    private List<String> timeline(Slot slot, Instant knownAt) {
        String known = knownAt == null ? "recorded_to IS NULL"
                : "recorded_from <= ? AND (recorded_to IS NULL OR recorded_to > ?)";
        Object[] args = knownAt == null ? new Object[] {slot.code()}
                : new Object[] {slot.code(), knownAt.atOffset(java.time.ZoneOffset.UTC), knownAt.atOffset(java.time.ZoneOffset.UTC)};
        return jdbc.query("SELECT valid_from, valid_to, headcount FROM probe_count WHERE slot = ? AND " + known
                + " ORDER BY valid_from", (rs, i) -> rs.getObject(1, LocalDate.class) + ".." + rs.getObject(2, LocalDate.class)
                + "=" + rs.getInt(3), args);
    }

    private List<String> everyVersion(Slot slot) {
        return jdbc.query("SELECT presence_id, headcount, reported_on, valid_from, valid_to, recorded_from, recorded_to "
                        + "FROM probe_count WHERE slot = ? ORDER BY valid_from, recorded_from, valid_to",
                (rs, i) -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getObject(3) + " " + rs.getObject(4) + ".."
                        + rs.getObject(5) + " @" + rs.getObject(6, java.time.OffsetDateTime.class).toInstant() + ".."
                        + (rs.getObject(7) == null ? "" : rs.getObject(7, java.time.OffsetDateTime.class).toInstant()),
                slot.code());
    }

    @Test
    void anEventInOrderClosesTheOpenVersionAndKeepsWhatWasBelieved() throws Exception {
        TemporalProjector live = projector(Slot.A, false);
        live.handle(count(10, "2000-01-01", 1));
        live.handle(count(12, "2001-01-01", 2));

        assertThat(timeline(Slot.A, null)).containsExactly("2000-01-01..2001-01-01=10", "2001-01-01..null=12");
        // What the ledger said between the two records: 10 from 2000 on, open-ended.
        assertThat(timeline(Slot.A, T0.plusSeconds(90))).containsExactly("2000-01-01..null=10");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM probe_count", Long.class)).isEqualTo(3);
    }

    @Test
    void aLateFactChangesOnlyTheDaysItReallyChanges() throws Exception {
        TemporalProjector live = projector(Slot.A, false);
        live.handle(count(10, "2000-01-01", 1));
        live.handle(count(12, "2001-01-01", 2));
        live.handle(count(11, "2000-06-01", 3));

        assertThat(timeline(Slot.A, null)).containsExactly(
                "2000-01-01..2000-06-01=10", "2000-06-01..2001-01-01=11", "2001-01-01..null=12");
        assertThat(timeline(Slot.A, T0.plusSeconds(150))).containsExactly("2000-01-01..2001-01-01=10", "2001-01-01..null=12");
        // The version from 2001 on was not rewritten: the refold stopped where the timeline stood.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM probe_count WHERE valid_from = DATE '2001-01-01'", Long.class))
                .isEqualTo(1);
    }

    @Test
    void aRetractionTakesTheFactOutFromItsRecordingOn() throws Exception {
        TemporalProjector live = projector(Slot.A, false);
        live.handle(count(10, "2000-01-01", 1));
        DomainEventMessage<?> typo = count(99, "2000-06-01", 2);
        live.handle(typo);
        live.handle(event(new EntryRetracted(typo.getIdentifier(), "StaffCountReported", "a typo", LocalDate.parse("2000-06-01"),
                Provenance.of("a test")), 3));

        assertThat(headcountOn("2000-03-01", null)).isEqualTo(10);
        assertThat(headcountOn("2000-07-01", null)).isEqualTo(10);
        assertThat(headcountOn("2030-01-01", null)).isEqualTo(10);
        // Known before the retraction was recorded, the typo stood.
        assertThat(headcountOn("2000-07-01", T0.plusSeconds(150))).isEqualTo(99);
        assertThat(headcountOn("2000-03-01", T0.plusSeconds(150))).isEqualTo(10);
    }

    /** The headcount of slot A on {@code day} as known at {@code knownAt} (null: now), as a query reads it. */
    private Integer headcountOn(String day, Instant knownAt) {
        java.time.OffsetDateTime known = (knownAt == null ? Instant.now() : knownAt).atOffset(java.time.ZoneOffset.UTC);
        List<Integer> found = jdbc.queryForList("SELECT headcount FROM probe_count WHERE slot = 'A' AND valid_from <= ? "
                + "AND (valid_to IS NULL OR valid_to > ?) AND recorded_from <= ? AND (recorded_to IS NULL OR recorded_to > ?)",
                Integer.class, LocalDate.parse(day), LocalDate.parse(day), known, known);
        assertThat(found).as("versions valid on " + day).hasSizeLessThanOrEqualTo(1);
        return found.isEmpty() ? null : found.get(0);
    }

    @Test
    void aRebuildsBatchedWritesAreTheLiveVersionsRowForRow() throws Exception {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        List<String> days = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            days.add(LocalDate.of(1990, 1, 1).plusDays(30L * i).toString());
        }
        // the same facts recorded out of order, some twice on one day, one retracted
        Collections.shuffle(days, new Random(7));
        for (int i = 0; i < days.size(); i++) {
            events.add(count(20 + i % 5, days.get(i), i + 1));
        }
        events.add(event(new EntryRetracted(events.get(3).getIdentifier(), "StaffCountReported", "wrong", LocalDate.parse(days.get(3)),
                Provenance.of("a test")), 100));
        events.add(count(30, days.get(10), 101));

        TemporalProjector live = projector(Slot.A, false);
        for (DomainEventMessage<?> event : events) {
            live.handle(event);
        }
        TemporalProjector rebuild = projector(Slot.B, true);
        for (int i = 0; i < events.size(); i++) {
            rebuild.handle(events.get(i));
            if (i % 17 == 16) {
                rebuild.flush();
            }
        }
        rebuild.flush();

        assertThat(everyVersion(Slot.B)).hasSizeGreaterThan(events.size()).isEqualTo(everyVersion(Slot.A));
    }
}
