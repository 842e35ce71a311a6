package org.diplomaticledger.presence.projection;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.diplomaticledger.presence.api.CountedStaffDeparted;
import org.diplomaticledger.presence.api.DiplomatDeparted;
import org.diplomaticledger.presence.api.DiplomatExpelled;
import org.diplomaticledger.presence.api.ExpelledPerson;
import org.diplomaticledger.projection.Projection;
import org.diplomaticledger.projection.SlotRef;
import org.diplomaticledger.projection.VersionedTable;
import org.diplomaticledger.shared.Provenance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Expulsions and reciprocity: every expulsion (VCDR Art. 9) with the persons it named, its counted staff, its
 * deadline and the departures recorded under it. What is stored comes from the expulsion's own events; which
 * expulsion answers which (VCDR Art. 47(2)(a)) is linked when queried, see {@link ExpulsionsQueries}.
 */
@Component
public class ExpulsionsProjection implements Projection {

    public static final String NAME = "expulsions";

    private final JdbcTemplate jdbc;

    public ExpulsionsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<VersionedTable> versionedTables() {
        return List.of(VersionedTable.of("expulsions_expulsion", "presence_id", "presence_id", "expulsion_id"),
                VersionedTable.of("expulsions_person", "presence_id", "presence_id", "expulsion_id", "person_id"),
                VersionedTable.of("expulsions_departure", "presence_id", "presence_id", "expulsion_id", "seq"));
    }

    @Override
    public Object handler(SlotRef slot) {
        return new Handler(slot);
    }

    final class Handler {
        private final SlotRef slot;

        Handler(SlotRef slot) {
            this.slot = slot;
        }

        @EventHandler
        void on(DiplomatExpelled e, @Timestamp Instant recorded) {
            int named = e.persons() == null ? 0 : e.persons().size();
            int counted = e.count() == null ? 0 : e.count();
            jdbc.update("INSERT INTO expulsions_expulsion (slot, presence_id, expulsion_id, declared_by, against, mission_id, "
                            + "named_count, counted, counted_category, total_expelled, effective_date, departure_deadline, "
                            + "answers_id, reason, source, source_url, recorded_at, named_departed, counted_departed, still_due, "
                            + "late_departures) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, 0)",
                    slot.code(), e.presenceId(), e.expulsionId(), e.declaredBy().value(), e.sendingState().value(),
                    e.missionId(), named, e.count(), e.count() == null || e.category() == null ? null : e.category().name(),
                    named + counted, Date.valueOf(e.effectiveDate()), Date.valueOf(e.departureDeadline()),
                    e.answersExpulsionId(), e.reason(), text(e.source()), url(e.source()), at(recorded), named + counted);
            if (e.persons() != null) {
                int position = 0;
                for (ExpelledPerson person : e.persons()) {
                    jdbc.update("INSERT INTO expulsions_person (slot, presence_id, expulsion_id, person_id, position, name, "
                                    + "mission_id, category, departed_late) VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE)",
                            slot.code(), e.presenceId(), e.expulsionId(), person.personId(), position++, person.name(),
                            person.missionId(), person.category() == null ? null : person.category().name());
                }
            }
        }

        @EventHandler
        void on(DiplomatDeparted e, @Timestamp Instant recorded) {
            if (e.expulsionId() == null) {
                return;
            }
            jdbc.update("UPDATE expulsions_person SET departed_on = ?, departed_late = ? WHERE slot = ? AND presence_id = ? "
                            + "AND expulsion_id = ? AND person_id = ?", Date.valueOf(e.effectiveDate()), e.overdue(),
                    slot.code(), e.presenceId(), e.expulsionId(), e.personId());
            departed(e.presenceId(), e.expulsionId(), 1, 0, e.overdue(), e.effectiveDate());
            departure(e.presenceId(), e.expulsionId(), e.personId(), 1, e.category() == null ? null : e.category().name(),
                    e.missionId(), e.effectiveDate(), e.overdue(), recorded, e.source());
        }

        @EventHandler
        void on(CountedStaffDeparted e, @Timestamp Instant recorded) {
            if (e.expulsionId() == null) {
                return;
            }
            departed(e.presenceId(), e.expulsionId(), 0, e.count(), e.overdue(), e.effectiveDate());
            departure(e.presenceId(), e.expulsionId(), null, e.count(), e.category() == null ? null : e.category().name(),
                    e.missionId(), e.effectiveDate(), e.overdue(), recorded, e.source());
        }

        /** Counted departures beyond the counted staff still due are not counted twice: the aggregate refuses them. */
        private void departed(String presenceId, String expulsionId, int named, int counted, boolean late, LocalDate on) {
            jdbc.update("UPDATE expulsions_expulsion SET named_departed = named_departed + ?, "
                            + "counted_departed = LEAST(COALESCE(counted, 0), counted_departed + ?), "
                            + "late_departures = late_departures + ?, "
                            + "last_departure_on = CASE WHEN last_departure_on IS NULL OR last_departure_on < ? THEN ? "
                            + "ELSE last_departure_on END "
                            + "WHERE slot = ? AND presence_id = ? AND expulsion_id = ?",
                    named, counted, late ? named + counted : 0, Date.valueOf(on), Date.valueOf(on), slot.code(), presenceId,
                    expulsionId);
            jdbc.update("UPDATE expulsions_expulsion SET still_due = GREATEST(0, total_expelled - named_departed - counted_departed) "
                    + "WHERE slot = ? AND presence_id = ? AND expulsion_id = ?", slot.code(), presenceId, expulsionId);
        }

        private void departure(String presenceId, String expulsionId, String personId, int count, String category,
                               String missionId, LocalDate effectiveDate, boolean late, Instant recorded, Provenance source) {
            Integer seq = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) + 1 FROM expulsions_departure WHERE slot = ? "
                    + "AND presence_id = ? AND expulsion_id = ?", Integer.class, slot.code(), presenceId, expulsionId);
            jdbc.update("INSERT INTO expulsions_departure (slot, presence_id, expulsion_id, seq, person_id, departed, category, "
                            + "mission_id, effective_date, late, recorded_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    slot.code(), presenceId, expulsionId, seq, personId, count, category, missionId,
                    Date.valueOf(effectiveDate), late, at(recorded), text(source));
        }
    }

    private static String text(Provenance source) {
        return source == null ? null : source.text();
    }

    private static String url(Provenance source) {
        return source == null ? null : source.url();
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
