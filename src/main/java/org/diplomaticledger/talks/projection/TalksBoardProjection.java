package org.diplomaticledger.talks.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.diplomaticledger.projection.Projection;
import org.diplomaticledger.projection.SlotRef;
import org.diplomaticledger.projection.VersionedTable;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.talks.api.*;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Time;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The talks board: every talks' status, date, venue, scope, excluded topics, format, delegations and the history
 * of its status, from the talks events alone.
 */
@Component
public class TalksBoardProjection implements Projection {

    public static final String NAME = "talks";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public TalksBoardProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<VersionedTable> versionedTables() {
        return List.of(VersionedTable.of("talks_board", "talks_id", "talks_id"),
                VersionedTable.of("talks_delegation", "talks_id", "talks_id", "state"),
                VersionedTable.of("talks_status_history", "talks_id", "talks_id", "seq"));
    }

    @Override
    public Object handler(SlotRef slot) {
        return new Handler(slot);
    }

    /** Parties as stored: {@code ,RU,US,}, so that a party filters with {@code LIKE '%,RU,%'}. */
    static String parties(List<CountryCode> parties) {
        return "," + parties.stream().map(CountryCode::value).sorted().collect(Collectors.joining(",")) + ",";
    }

    final class Handler {
        private final SlotRef slot;

        Handler(SlotRef slot) {
            this.slot = slot;
        }

        @EventHandler
        void on(TalksScheduled e, @Timestamp Instant recorded) {
            jdbc.update("INSERT INTO talks_board (slot, talks_id, title, status, talks_date, talks_time, venue_city, "
                            + "venue_country, venue_place, third_location, scope, excluded_topics, talks_format, parties, "
                            + "status_since, last_recorded_at) VALUES (?, ?, ?, 'SCHEDULED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    slot.code(), e.talksId(), e.title(), Date.valueOf(e.date()), time(e.time()), e.venue().city(),
                    e.venue().country().value(), e.venue().place(), e.thirdLocation(), e.scope(), toJson(e.excludedTopics()),
                    e.format().name(), parties(e.parties()), Date.valueOf(e.effectiveDate()), at(recorded));
            history(e.talksId(), "SCHEDULED", e, recorded, "scheduled for " + e.date() + " in " + e.venue().city());
        }

        @EventHandler
        void on(DelegationNamed e, @Timestamp Instant recorded) {
            jdbc.update("DELETE FROM talks_delegation WHERE slot = ? AND talks_id = ? AND state = ?",
                    slot.code(), e.talksId(), e.state().value());
            jdbc.update("INSERT INTO talks_delegation (slot, talks_id, state, head_name, head_title, head_diplomat, members, "
                            + "named_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", slot.code(), e.talksId(), e.state().value(),
                    e.head().name(), e.head().title(), e.head().diplomat(), toJson(e.members()), Date.valueOf(e.effectiveDate()));
            touch(e.talksId(), recorded);
        }

        @EventHandler
        void on(TalksRescheduled e, @Timestamp Instant recorded) {
            jdbc.update("UPDATE talks_board SET status = 'RESCHEDULED', talks_date = ?, talks_time = ?, venue_city = ?, "
                            + "venue_country = ?, venue_place = ?, third_location = ?, status_since = ?, last_recorded_at = ? "
                            + "WHERE slot = ? AND talks_id = ?",
                    Date.valueOf(e.date()), time(e.time()), e.venue().city(), e.venue().country().value(), e.venue().place(),
                    e.thirdLocation(), Date.valueOf(e.effectiveDate()), at(recorded), slot.code(), e.talksId());
            history(e.talksId(), "RESCHEDULED", e, recorded, "from " + e.previousDate() + " to " + e.date()
                    + (e.reason() == null ? "" : ": " + e.reason()));
        }

        @EventHandler
        void on(TalksPostponed e, @Timestamp Instant recorded) {
            jdbc.update("UPDATE talks_board SET status = 'POSTPONED', talks_date = COALESCE(?, talks_date), status_since = ?, "
                            + "last_recorded_at = ? WHERE slot = ? AND talks_id = ?",
                    e.newDate() == null ? null : Date.valueOf(e.newDate()), Date.valueOf(e.effectiveDate()), at(recorded),
                    slot.code(), e.talksId());
            history(e.talksId(), "POSTPONED", e, recorded, (e.newDate() == null ? "without a new date" : "to " + e.newDate())
                    + (e.reason() == null ? "" : ": " + e.reason()));
        }

        @EventHandler
        void on(TalksCancelled e, @Timestamp Instant recorded) {
            jdbc.update("UPDATE talks_board SET status = 'CANCELLED', cancelled_by = ?, status_since = ?, last_recorded_at = ? "
                            + "WHERE slot = ? AND talks_id = ?", e.cancelledBy() == null ? null : e.cancelledBy().value(),
                    Date.valueOf(e.effectiveDate()), at(recorded), slot.code(), e.talksId());
            history(e.talksId(), "CANCELLED", e, recorded, e.reason());
        }

        @EventHandler
        void on(TalksHeld e, @Timestamp Instant recorded) {
            // Holding reported after the conclusion (a late fact) keeps the status CONCLUDED.
            jdbc.update("UPDATE talks_board SET status = CASE WHEN status = 'CONCLUDED' THEN status ELSE 'HELD' END, "
                            + "status_since = CASE WHEN status = 'CONCLUDED' THEN status_since ELSE ? END, held_on = ?, "
                            + "end_date = ?, venue_city = ?, venue_country = ?, venue_place = ?, third_location = ?, "
                            + "last_recorded_at = ? WHERE slot = ? AND talks_id = ?",
                    Date.valueOf(e.effectiveDate()), Date.valueOf(e.heldOn()), e.endDate() == null ? null : Date.valueOf(e.endDate()),
                    e.venue().city(), e.venue().country().value(), e.venue().place(), e.thirdLocation(), at(recorded),
                    slot.code(), e.talksId());
            history(e.talksId(), "HELD", e, recorded, e.summary());
        }

        @EventHandler
        void on(TalksConcluded e, @Timestamp Instant recorded) {
            jdbc.update("UPDATE talks_board SET status = 'CONCLUDED', concluded_on = ?, outcome = ?, statement = ?, "
                            + "follow_ups = ?, status_since = ?, last_recorded_at = ? WHERE slot = ? AND talks_id = ?",
                    Date.valueOf(e.effectiveDate()), e.outcome().name(), e.statement(), toJson(e.followUps()),
                    Date.valueOf(e.effectiveDate()), at(recorded), slot.code(), e.talksId());
            history(e.talksId(), "CONCLUDED", e, recorded, e.outcome() + (e.statement() == null ? "" : ": " + e.statement()));
        }

        private void touch(String talksId, Instant recorded) {
            jdbc.update("UPDATE talks_board SET last_recorded_at = ? WHERE slot = ? AND talks_id = ?", at(recorded),
                    slot.code(), talksId);
        }

        private void history(String talksId, String status, LedgerEvent event, Instant recorded, String note) {
            Integer seq = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) + 1 FROM talks_status_history WHERE slot = ? "
                    + "AND talks_id = ?", Integer.class, slot.code(), talksId);
            jdbc.update("INSERT INTO talks_status_history (slot, talks_id, seq, status, effective_date, recorded_at, "
                            + "event_type, note, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", slot.code(), talksId, seq, status,
                    Date.valueOf(event.effectiveDate()), at(recorded), event.getClass().getSimpleName(), note,
                    event.source() == null ? null : event.source().text());
        }
    }

    private static Time time(java.time.LocalTime time) {
        return time == null ? null : Time.valueOf(time);
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value == null ? List.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
