package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.presence.api.StaffCategory;
import org.diplomaticledger.presence.api.StaffCountReported;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.support.ScratchH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The temporal engine on its own, without the application: a one-table projection (a presence's reported headcount)
 * on an in-memory H2 database, fed events by hand from Axon's in-memory event store. It checks the versions the
 * projector writes, in effective and in recorded time, and that a rebuild's projector (which holds its writes and
 * batches them) writes exactly the versions the live one wrote.
 */
class TemporalProjectorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @RegisterExtension
    final ScratchH2 h2 = new ScratchH2();

    private JdbcTemplate jdbc;
    private InMemoryEventStorageEngine store;
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private long sequence;

    @BeforeEach
    void database() {
        jdbc = h2.jdbc();
        jdbc.execute(
                "CREATE TABLE probe_count (slot CHAR(1) NOT NULL, presence_id VARCHAR(64) NOT NULL, headcount INTEGER NOT NULL, "
                        + "reported_on DATE NOT NULL, valid_from DATE, valid_to DATE, valid_to_recorded TIMESTAMP WITH TIME ZONE, "
                        + "recorded_from TIMESTAMP WITH TIME ZONE, "
                        + "recorded_to TIMESTAMP WITH TIME ZONE, reach DATE)");
        jdbc.execute("CREATE TABLE projection_partition (projection VARCHAR(100) NOT NULL, slot CHAR(1) NOT NULL, "
                + "partition_id VARCHAR(200) NOT NULL, folded_until DATE NOT NULL, last_sequence BIGINT DEFAULT -1 NOT NULL, "
                + "PRIMARY KEY (projection, slot, partition_id))");
        store = new InMemoryEventStorageEngine();
    }

    /** Each presence's latest reported headcount, by effective date. */
    static final class ProbeProjection implements Projection {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public List<VersionedTable> versionedTables() {
            return List.of(VersionedTable.of("probe_count", "presence_id", "presence_id")
                    .withReach()
                    .columns("presence_id, headcount, reported_on"));
        }

        @Override
        public Object handler(Head head) {
            Rows counts = head.rows("probe_count");
            return new Object() {
                @EventHandler
                void on(StaffCountReported e) {
                    counts.put(counts.create()
                            .with("presence_id", e.presenceId())
                            .with("headcount", e.headcount())
                            .with("reported_on", e.effectiveDate()));
                }
            };
        }
    }

    private TemporalProjector projector(Slot slot, boolean exclusive) {
        return new TemporalProjector(
                new ProbeProjection(), new SlotRef(slot), jdbc, () -> store, mapper, 1000, exclusive);
    }

    private DomainEventMessage<?> count(int headcount, String day, int recordedMinute) {
        return event(
                new StaffCountReported(
                        "NO-SE",
                        null,
                        StaffCategory.UNSPECIFIED,
                        headcount,
                        LocalDate.parse(day),
                        Provenance.of("a test")),
                recordedMinute);
    }

    private DomainEventMessage<?> event(Object payload, int recordedMinute) {
        DomainEventMessage<?> event = new GenericDomainEventMessage<>(
                "Presence",
                "NO-SE",
                sequence++,
                payload,
                MetaData.emptyInstance(),
                UUID.randomUUID().toString(),
                T0.plusSeconds(60L * recordedMinute));
        store.appendEvents(event);
        return event;
    }

    /** The versions of slot A believed at {@code knownAt} (null: now), as "from..to=headcount", as reads take them. */
    private List<String> timeline(Slot slot, Instant knownAt) {
        TimePoint point = knownAt == null
                ? new TimePoint(LocalDate.now(), Instant.now(), true)
                : new TimePoint(LocalDate.now(), knownAt);
        Sql versions = Sql.of("SELECT valid_from, ")
                .add(point.validTo(null))
                .add(", headcount FROM probe_count WHERE slot = ? AND ", slot.code())
                .add(point.known(null))
                .add(" ORDER BY valid_from");
        return jdbc.query(
                versions.text(),
                (rs, i) ->
                        rs.getObject(1, LocalDate.class) + ".." + rs.getObject(2, LocalDate.class) + "=" + rs.getInt(3),
                versions.args());
    }

    private List<String> everyVersion(Slot slot) {
        return jdbc.query(
                "SELECT presence_id, headcount, reported_on, valid_from, valid_to, recorded_from, recorded_to, "
                        + "valid_to_recorded FROM probe_count WHERE slot = ? ORDER BY valid_from, recorded_from, valid_to",
                (rs, i) -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getObject(3) + " " + rs.getObject(4) + ".."
                        + rs.getObject(5) + " @"
                        + rs.getObject(6, java.time.OffsetDateTime.class).toInstant() + ".."
                        + (rs.getObject(7) == null
                                ? ""
                                : rs.getObject(7, java.time.OffsetDateTime.class)
                                        .toInstant())
                        + (rs.getObject(8) == null
                                ? ""
                                : " ended@"
                                        + rs.getObject(8, java.time.OffsetDateTime.class)
                                                .toInstant()),
                slot.code());
    }

    /**
     * Whether the projector takes an event is decided by its payload's type alone: a rebuild reads every event of the
     * ledger, most of them of types a projection does not handle, and their payloads are left unread.
     */
    @Test
    void decidesWhichEventsItTakesWithoutReadingTheirPayloads() {
        TemporalProjector live = projector(Slot.A, false);
        assertThat(live.canHandle(unreadable("org.diplomaticledger.presence.api.MissionOpened")))
                .isFalse();
        assertThat(live.canHandle(unreadable(EntryRetracted.class.getName()))).isTrue();
        assertThat(live.canHandle(unreadable(StaffCountReported.class.getName())))
                .isTrue();
    }

    /** A stored event of the type whose payload cannot be read: reading it would throw. */
    private DomainEventMessage<?> unreadable(String type) {
        org.axonframework.serialization.Serializer serializer =
                org.axonframework.serialization.json.JacksonSerializer.builder()
                        .objectMapper(mapper)
                        .build();
        org.axonframework.serialization.SerializedMessage<Object> message =
                new org.axonframework.serialization.SerializedMessage<>(
                        UUID.randomUUID().toString(),
                        new org.axonframework.serialization.SimpleSerializedObject<>(
                                "{not json".getBytes(), byte[].class, type, null),
                        new org.axonframework.serialization.SimpleSerializedObject<>(
                                "{}".getBytes(), byte[].class, MetaData.class.getName(), null),
                        serializer);
        return new GenericDomainEventMessage<>("Presence", "NO-SE", 0, message, () -> T0);
    }

    @Test
    void anEventInOrderEndsTheOpenVersionInPlaceAndKeepsWhatWasBelieved() throws Exception {
        TemporalProjector live = projector(Slot.A, false);
        live.handle(count(10, "2000-01-01", 1));
        live.handle(count(12, "2001-01-01", 2));

        assertThat(timeline(Slot.A, null)).containsExactly("2000-01-01..2001-01-01=10", "2001-01-01..null=12");
        // What the ledger said between the two records: 10 from 2000 on, open-ended.
        assertThat(timeline(Slot.A, T0.plusSeconds(90))).containsExactly("2000-01-01..null=10");
        // One version per change: the first one ended in place, its end known from the second record on.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM probe_count", Long.class))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject(
                                "SELECT valid_to_recorded FROM probe_count WHERE valid_from = DATE '2000-01-01'",
                                java.time.OffsetDateTime.class)
                        .toInstant())
                .isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void aLateFactChangesOnlyTheDaysItReallyChanges() throws Exception {
        TemporalProjector live = projector(Slot.A, false);
        live.handle(count(10, "2000-01-01", 1));
        live.handle(count(12, "2001-01-01", 2));
        live.handle(count(11, "2000-06-01", 3));

        assertThat(timeline(Slot.A, null))
                .containsExactly("2000-01-01..2000-06-01=10", "2000-06-01..2001-01-01=11", "2001-01-01..null=12");
        assertThat(timeline(Slot.A, T0.plusSeconds(150)))
                .containsExactly("2000-01-01..2001-01-01=10", "2001-01-01..null=12");
        // The version from 2001 on was not rewritten: the refold stopped where the timeline stood.
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM probe_count WHERE valid_from = DATE '2001-01-01'", Long.class))
                .isEqualTo(1);
    }

    @Test
    void aRetractionTakesTheFactOutFromItsRecordingOn() throws Exception {
        TemporalProjector live = projector(Slot.A, false);
        live.handle(count(10, "2000-01-01", 1));
        DomainEventMessage<?> typo = count(99, "2000-06-01", 2);
        live.handle(typo);
        live.handle(event(
                new EntryRetracted(
                        typo.getIdentifier(),
                        "StaffCountReported",
                        "a typo",
                        LocalDate.parse("2000-06-01"),
                        Provenance.of("a test")),
                3));

        assertThat(headcountOn("2000-03-01", null)).isEqualTo(10);
        assertThat(headcountOn("2000-07-01", null)).isEqualTo(10);
        assertThat(headcountOn("2030-01-01", null)).isEqualTo(10);
        // Known before the retraction was recorded, the typo stood.
        assertThat(headcountOn("2000-07-01", T0.plusSeconds(150))).isEqualTo(99);
        assertThat(headcountOn("2000-03-01", T0.plusSeconds(150))).isEqualTo(10);
    }

    /** The headcount of slot A on {@code day} as known at {@code knownAt} (null: now), as a query reads it. */
    private Integer headcountOn(String day, Instant knownAt) {
        // without knownAt, as a reader who gives none: the latest belief, written without the instant
        TimePoint point = knownAt == null
                ? new TimePoint(LocalDate.parse(day), Instant.now(), true)
                : new TimePoint(LocalDate.parse(day), knownAt);
        Sql valid = Sql.of("SELECT headcount FROM probe_count WHERE ").add(point.rows(null, "A"));
        List<Integer> found = jdbc.queryForList(valid.text(), Integer.class, valid.args());
        assertThat(found).as("versions valid on " + day).hasSizeLessThanOrEqualTo(1);
        // the point read of the key through its reach finds what the scan of every version finds
        KeyVersion version =
                point.version("probe_count", List.of("presence_id")).inSlot("A");
        assertThat(jdbc.queryForList(
                        "SELECT headcount FROM (" + version.sql() + ") p", Integer.class, version.args("NO-SE")))
                .as("the version valid on " + day)
                .isEqualTo(found);
        return found.isEmpty() ? null : found.get(0);
    }

    @Test
    void aVersionRecordedBeforeOnesStoredRaisesTheirReach() throws Exception {
        // Event timestamps of concurrent writers need not follow the ledger's order: the third fact is handled last
        // but stamped before the second, and dated after both.
        TemporalProjector live = projector(Slot.A, false);
        live.handle(count(10, "2000-01-01", 5));
        live.handle(count(20, "2001-01-01", 7));
        live.handle(count(30, "2002-01-01", 6));
        live.handle(count(40, "2000-06-01", 9));
        assertThat(jdbc.queryForList(
                        "SELECT reach FROM probe_count WHERE recorded_from >= ? ORDER BY reach",
                        LocalDate.class,
                        T0.plusSeconds(60L * 6).atOffset(java.time.ZoneOffset.UTC)))
                .as("every version recorded from minute 6 on reaches 2002")
                .allMatch(reach -> !reach.isBefore(LocalDate.of(2002, 1, 1)));
        // Known after the last record, the versions bound by the last one recorded (minute 9) still reach 2002.
        for (int second = 9 * 60 + 30; second <= 12 * 60; second += 30) {
            for (String day : List.of("1999-12-31", "2000-01-01", "2000-07-01", "2001-06-01", "2002-06-01")) {
                headcountOn(day, T0.plusSeconds(second));
            }
        }
        assertThat(headcountOn("2002-06-01", T0.plusSeconds(60L * 9 + 30))).isEqualTo(30);
        assertThat(headcountOn("2000-07-01", null)).isEqualTo(40);
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
        events.add(event(
                new EntryRetracted(
                        events.get(3).getIdentifier(),
                        "StaffCountReported",
                        "wrong",
                        LocalDate.parse(days.get(3)),
                        Provenance.of("a test")),
                100));
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

    @Test
    void aLateFactRefoldedInMemoryClosesTheVersionAnEarlierHeldWriteEnded() {
        // The rebuild's projector holds its writes. A stored version is ended in place by an event in order (an
        // UPDATE held), then a late fact refolds that partition from memory, without reading the database, and
        // closes the ended version (another UPDATE held, which finds its row by the end the first one sets): the
        // held statements must reach the database in that order, or the ended version stays believed beside the
        // versions that replace it.
        TemporalProjector live = projector(Slot.A, false);
        TemporalProjector rebuild = projector(Slot.B, true);
        List<DomainEventMessage<?>> events = new ArrayList<>();
        events.add(count(10, "1990-01-01", 1));
        events.add(count(20, "1990-03-01", 2));
        events.add(count(15, "1990-02-01", 3)); // late: the partition's versions are read once, and kept in memory
        events.add(count(12, "1990-01-15", 4)); // late: closes a stored version (UPDATE held)
        events.add(count(30, "1990-04-01", 5)); // in order: ends the stored open version in place (UPDATE held)
        events.add(count(25, "1990-03-15", 6)); // late: closes that ended version (an UPDATE like the first)
        for (int i = 0; i < events.size(); i++) {
            handle(live, events.get(i));
            handle(rebuild, events.get(i));
            if (i == 2) {
                rebuild.flush(); // what follows changes stored versions by UPDATE
            }
        }
        rebuild.flush();

        assertThat(timeline(Slot.B, null))
                .containsExactly(
                        "1990-01-01..1990-01-15=10",
                        "1990-01-15..1990-02-01=12",
                        "1990-02-01..1990-03-01=15",
                        "1990-03-01..1990-03-15=20",
                        "1990-03-15..1990-04-01=25",
                        "1990-04-01..null=30");
        assertThat(everyVersion(Slot.B)).isEqualTo(everyVersion(Slot.A));
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM probe_count WHERE slot = 'B' AND recorded_to IS NULL", Integer.class))
                .isEqualTo(6);
    }

    private static void handle(TemporalProjector projector, DomainEventMessage<?> event) {
        try {
            projector.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void whatTheLedgerSaidAtEveryInstantIsTheFoldOfWhatItHadRecordedByThen() throws Exception {
        // Mostly in order (versions ended in place), some late facts (refolds) and a retraction: at every instant
        // between two records, every day reads as the latest report recorded by then and dated by that day.
        record Report(int headcount, LocalDate day, int minute, String id) {}
        Random random = new Random(12);
        List<Report> reports = new ArrayList<>();
        Map<String, Integer> retractedAt = new HashMap<>();
        TemporalProjector live = projector(Slot.A, false);
        TemporalProjector rebuild = projector(Slot.B, true);
        LocalDate latest = LocalDate.of(1990, 1, 1);
        int minute = 0;
        for (int i = 0; i < 80; i++) {
            minute++;
            DomainEventMessage<?> event;
            if (i > 10 && i % 13 == 0) {
                Report retracted = reports.get(random.nextInt(reports.size()));
                event = event(
                        new EntryRetracted(
                                retracted.id(),
                                "StaffCountReported",
                                "wrong",
                                retracted.day(),
                                Provenance.of("a test")),
                        minute);
                retractedAt.putIfAbsent(retracted.id(), minute);
            } else {
                boolean late = random.nextInt(5) == 0;
                LocalDate day = late ? latest.minusDays(1 + random.nextInt(400)) : latest.plusDays(random.nextInt(60));
                latest = day.isAfter(latest) ? day : latest;
                event = count(random.nextInt(50), day.toString(), minute);
                reports.add(new Report(
                        ((StaffCountReported) event.getPayload()).headcount(), day, minute, event.getIdentifier()));
            }
            live.handle(event);
            rebuild.handle(event);
        }
        rebuild.flush();
        assertThat(everyVersion(Slot.B)).isEqualTo(everyVersion(Slot.A));

        for (int known = 1; known <= minute + 1; known++) {
            // the last round reads as a reader who gives no knownAt does
            Instant knownAt = known > minute ? null : T0.plusSeconds(60L * known + 30);
            for (LocalDate day = LocalDate.of(1989, 6, 1); day.isBefore(latest.plusDays(90)); day = day.plusDays(97)) {
                int by = known;
                LocalDate on = day;
                Integer expected = reports.stream()
                        .filter(r -> r.minute() <= by
                                && !r.day().isAfter(on)
                                && retractedAt.getOrDefault(r.id(), Integer.MAX_VALUE) > by)
                        .max(Comparator.comparing(Report::day).thenComparingInt(Report::minute))
                        .map(Report::headcount)
                        .orElse(null);
                assertThat(headcountOn(day.toString(), knownAt))
                        .as("on " + day + " known at minute " + known)
                        .isEqualTo(expected);
            }
        }
    }
}
