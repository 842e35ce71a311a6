package org.diplomaticledger.presence.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.diplomaticledger.presence.api.CountedStaffDeparted;
import org.diplomaticledger.presence.api.DiplomatDeparted;
import org.diplomaticledger.presence.api.DiplomatExpelled;
import org.diplomaticledger.presence.api.ExpelledPerson;
import org.diplomaticledger.projection.CorrectionMark;
import org.diplomaticledger.projection.Head;
import org.diplomaticledger.projection.Projection;
import org.diplomaticledger.projection.Row;
import org.diplomaticledger.projection.Rows;
import org.diplomaticledger.projection.VersionedTable;
import org.diplomaticledger.shared.Provenance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

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

    /** The projection's tables with their partition, key and own columns (checked against the database at start-up). */
    private static final List<VersionedTable> TABLES = List.of(
            VersionedTable.of("expulsions_expulsion", "presence_id", "presence_id", "expulsion_id")
                    .columns("presence_id, expulsion_id, declared_by, against, mission_id, named_count, counted, "
                            + "counted_category, total_expelled, effective_date, departure_deadline, answers_id, "
                            + "reason, source, source_url, recorded_at, named_departed, counted_departed, still_due, "
                            + "late_departures, last_departure_on, correction"),
            VersionedTable.of("expulsions_person", "presence_id", "presence_id", "expulsion_id", "person_id")
                    .columns("presence_id, expulsion_id, person_id, position, name, mission_id, category, "
                            + "departed_on, departed_late"),
            VersionedTable.of("expulsions_departure", "presence_id", "presence_id", "expulsion_id", "seq")
                    .columns("presence_id, expulsion_id, seq, person_id, departed, category, mission_id, "
                            + "effective_date, late, recorded_at, source"));

    @Override
    public List<VersionedTable> versionedTables() {
        return TABLES;
    }

    @Override
    public Object handler(Head rows) {
        return new Handler(rows);
    }

    final class Handler {
        private final Rows expulsions;
        private final Rows persons;
        private final Rows departures;

        Handler(Head rows) {
            this.expulsions = rows.rows("expulsions_expulsion");
            this.persons = rows.rows("expulsions_person");
            this.departures = rows.rows("expulsions_departure");
        }

        @EventHandler
        void on(DiplomatExpelled e, @Timestamp Instant recorded, MetaData metaData) {
            int named = e.persons() == null ? 0 : e.persons().size();
            int counted = e.count() == null ? 0 : e.count();
            expulsions.put(expulsions
                    .create()
                    .with("presence_id", e.presenceId())
                    .with("expulsion_id", e.expulsionId())
                    .with("declared_by", e.declaredBy().value())
                    .with("against", e.sendingState().value())
                    .with("mission_id", e.missionId())
                    .with("named_count", named)
                    .with("counted", e.count())
                    .with(
                            "counted_category",
                            e.count() == null || e.category() == null
                                    ? null
                                    : e.category().name())
                    .with("total_expelled", named + counted)
                    .with("effective_date", e.effectiveDate())
                    .with("departure_deadline", e.departureDeadline())
                    .with("answers_id", e.answersExpulsionId())
                    .with("reason", e.reason())
                    .with("source", text(e.source()))
                    .with("source_url", url(e.source()))
                    .with("recorded_at", recorded)
                    .with("named_departed", 0)
                    .with("counted_departed", 0)
                    .with("still_due", named + counted)
                    .with("late_departures", 0)
                    .with("correction", CorrectionMark.column(metaData)));
            if (e.persons() != null) {
                int position = 0;
                for (ExpelledPerson person : e.persons()) {
                    persons.put(persons.create()
                            .with("presence_id", e.presenceId())
                            .with("expulsion_id", e.expulsionId())
                            .with("person_id", person.personId())
                            .with("position", position++)
                            .with("name", person.name())
                            .with("mission_id", person.missionId())
                            .with(
                                    "category",
                                    person.category() == null
                                            ? null
                                            : person.category().name())
                            .with("departed_late", false));
                }
            }
        }

        @EventHandler
        void on(DiplomatDeparted e, @Timestamp Instant recorded) {
            if (e.expulsionId() == null) {
                return;
            }
            Row person = persons.get(e.presenceId(), e.expulsionId(), e.personId());
            if (person != null) {
                persons.put(person.with("departed_on", e.effectiveDate()).with("departed_late", e.overdue()));
            }
            departed(e.presenceId(), e.expulsionId(), 1, 0, e.overdue(), e.effectiveDate());
            departure(
                    e.presenceId(),
                    e.expulsionId(),
                    e.personId(),
                    1,
                    e.category() == null ? null : e.category().name(),
                    e.missionId(),
                    e.effectiveDate(),
                    e.overdue(),
                    recorded,
                    e.source());
        }

        @EventHandler
        void on(CountedStaffDeparted e, @Timestamp Instant recorded) {
            if (e.expulsionId() == null) {
                return;
            }
            departed(e.presenceId(), e.expulsionId(), 0, e.count(), e.overdue(), e.effectiveDate());
            departure(
                    e.presenceId(),
                    e.expulsionId(),
                    null,
                    e.count(),
                    e.category() == null ? null : e.category().name(),
                    e.missionId(),
                    e.effectiveDate(),
                    e.overdue(),
                    recorded,
                    e.source());
        }

        /** Counted departures beyond the counted staff still due are not counted twice: the aggregate refuses them. */
        private void departed(
                String presenceId, String expulsionId, int named, int counted, boolean late, LocalDate on) {
            Row expulsion = expulsions.get(presenceId, expulsionId);
            if (expulsion == null) {
                return;
            }
            int namedDeparted = expulsion.count("named_departed") + named;
            int countedDeparted = Math.min(expulsion.count("counted"), expulsion.count("counted_departed") + counted);
            LocalDate last = expulsion.date("last_departure_on");
            expulsions.put(expulsion
                    .with("named_departed", namedDeparted)
                    .with("counted_departed", countedDeparted)
                    .with("late_departures", expulsion.count("late_departures") + (late ? named + counted : 0))
                    .with("last_departure_on", last == null || last.isBefore(on) ? on : last)
                    .with(
                            "still_due",
                            Math.max(0, expulsion.count("total_expelled") - namedDeparted - countedDeparted)));
        }

        private void departure(
                String presenceId,
                String expulsionId,
                String personId,
                int count,
                String category,
                String missionId,
                LocalDate effectiveDate,
                boolean late,
                Instant recorded,
                Provenance source) {
            int seq = departures.all().stream()
                            .filter(row -> expulsionId.equals(row.text("expulsion_id")))
                            .mapToInt(row -> row.count("seq"))
                            .max()
                            .orElse(0)
                    + 1;
            departures.put(departures
                    .create()
                    .with("presence_id", presenceId)
                    .with("expulsion_id", expulsionId)
                    .with("seq", seq)
                    .with("person_id", personId)
                    .with("departed", count)
                    .with("category", category)
                    .with("mission_id", missionId)
                    .with("effective_date", effectiveDate)
                    .with("late", late)
                    .with("recorded_at", recorded)
                    .with("source", text(source)));
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
