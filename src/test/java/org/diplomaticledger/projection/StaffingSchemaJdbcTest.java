package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.diplomaticledger.presence.api.MissionKind;
import org.diplomaticledger.presence.api.MissionOpened;
import org.diplomaticledger.presence.api.StaffCategory;
import org.diplomaticledger.presence.api.StaffCountReported;
import org.diplomaticledger.presence.projection.StaffingProjection;
import org.diplomaticledger.presence.projection.StaffingQueries;
import org.diplomaticledger.presence.projection.StaffingViews.PresenceStaffingDetail;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.Provenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The staffing projection's SQL on the ledger's real schema, and nothing else: Flyway's migrations on an in-memory H2
 * ({@code @JdbcTest}), the real projection and its queries, events handed to its projector by hand from Axon's
 * in-memory store. No command side, no web, no processors: it checks, in a fraction of a ledger's start, that what
 * the projection writes into the migrated tables reads back by effective day and by what was known when, facts
 * back-filled out of date order included. (Not in a test transaction: the projector writes as its own work commits.)
 */
@JdbcTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class StaffingSchemaJdbcTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Provenance SOURCE = Provenance.of("a gazette");

    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final InMemoryEventStorageEngine store = new InMemoryEventStorageEngine();
    private ProjectionHandlers handlers;
    private StaffingQueries queries;
    private long sequence;

    @BeforeEach
    void projection() {
        handlers = new ProjectionHandlers(List.of(new StaffingProjection(jdbc)), jdbc, () -> store, mapper, 1000);
        queries = new StaffingQueries(new SlotJdbc(jdbc), handlers);
    }

    private void record(String presenceId, Object payload, int minute) throws Exception {
        GenericDomainEventMessage<?> event = new GenericDomainEventMessage<>(
                "Presence",
                presenceId,
                sequence++,
                payload,
                MetaData.emptyInstance(),
                UUID.randomUUID().toString(),
                T0.plusSeconds(60L * minute));
        store.appendEvents(event);
        handlers.get(StaffingProjection.NAME).handler().handle(event);
    }

    private void count(String presenceId, int headcount, String day, int minute) throws Exception {
        record(
                presenceId,
                new StaffCountReported(
                        presenceId, null, StaffCategory.DIPLOMATIC, headcount, LocalDate.parse(day), SOURCE),
                minute);
    }

    private Optional<Integer> headcount(String presenceId, String day, Instant knownAt) {
        ReadView view = new ReadView(
                StaffingProjection.NAME,
                handlers.activeSlot(StaffingProjection.NAME),
                sequence,
                knownAt == null
                        ? new TimePoint(LocalDate.parse(day), Instant.now(), true)
                        : new TimePoint(LocalDate.parse(day), knownAt));
        return queries.presence(view, presenceId, LocalDate.parse(day))
                .map(PresenceStaffingDetail::presence)
                .filter(presence -> presence.headcountKnown())
                .map(presence -> presence.headcount().total());
    }

    @Test
    void countsBackFilledOutOfDateOrderReadByDayAndByWhatWasKnown() throws Exception {
        String presence = "GD-LC";
        record(
                presence,
                new MissionOpened(
                        presence,
                        "GD-LC-EMBASSY-CASTRIES",
                        CountryCode.of("GD"),
                        CountryCode.of("LC"),
                        MissionKind.EMBASSY,
                        "Castries",
                        null,
                        null,
                        false,
                        LocalDate.parse("2019-01-01"),
                        SOURCE),
                0);
        count(presence, 10, "2019-06-01", 1);
        count(presence, 12, "2019-09-01", 2);
        count(presence, 4, "2019-03-01", 3); // back-filled: recorded last, effective first

        assertThat(headcount(presence, "2019-04-01", null)).contains(4);
        assertThat(headcount(presence, "2019-07-01", null)).contains(10);
        assertThat(headcount(presence, "2019-10-01", null)).contains(12);
        assertThat(headcount(presence, "2019-02-01", null)).isEmpty();
        // Before the back-filled count was recorded, the ledger knew nothing of April.
        assertThat(headcount(presence, "2019-04-01", T0.plusSeconds(150))).isEmpty();
        assertThat(headcount(presence, "2019-07-01", T0.plusSeconds(150))).contains(10);
    }

    @Test
    void aRebuildIntoTheOtherSlotWritesWhatTheLiveSlotHolds() throws Exception {
        String presence = "LC-GD";
        count(presence, 7, "2020-05-01", 10);
        count(presence, 3, "2020-01-01", 11);
        count(presence, 9, "2020-08-01", 12);
        count(presence, 8, "2020-05-01", 13); // the same day again: a later report replaces the first
        Slot live = handlers.activeSlot(StaffingProjection.NAME);
        assertThat(headcount(presence, "2020-06-01", null)).contains(8);

        TemporalProjector rebuild = handlers.projector(new StaffingProjection(jdbc), new SlotRef(live.other()), true);
        var events = store.readEvents(presence, 0);
        while (events.hasNext()) {
            rebuild.handle(events.next());
        }
        rebuild.flush();
        for (String table : List.of("staffing_presence", "staffing_bucket")) {
            String versions = "SELECT presence_id, valid_from, valid_to, recorded_to IS NULL FROM " + table
                    + " WHERE slot = ? AND presence_id = ? ORDER BY valid_from, valid_to, 4";
            List<String> rebuilt = jdbc.query(
                    versions,
                    (rs, i) -> rs.getString(2) + ".." + rs.getString(3) + (rs.getBoolean(4) ? "" : " (superseded)"),
                    live.other().code(),
                    presence);
            List<String> lived = jdbc.query(
                    versions,
                    (rs, i) -> rs.getString(2) + ".." + rs.getString(3) + (rs.getBoolean(4) ? "" : " (superseded)"),
                    live.code(),
                    presence);
            assertThat(rebuilt).as(table).isNotEmpty();
            assertThat(rebuilt.stream().filter(v -> !v.endsWith("(superseded)")).toList())
                    .as(table + ": the current versions")
                    .isEqualTo(lived.stream()
                            .filter(v -> !v.endsWith("(superseded)"))
                            .toList());
        }
    }
}
