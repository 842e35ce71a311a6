package org.diplomaticledger.talks.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.diplomaticledger.projection.Head;
import org.diplomaticledger.projection.Projection;
import org.diplomaticledger.projection.Row;
import org.diplomaticledger.projection.Rows;
import org.diplomaticledger.projection.VersionedTable;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.talks.api.*;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

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

    /** The projection's tables with their partition, key and own columns (checked against the database at start-up). */
    private static final List<VersionedTable> TABLES = List.of(
            VersionedTable.of("talks_board", "talks_id", "talks_id")
                    .columns("talks_id, title, status, talks_date, talks_time, venue_city, venue_country, "
                            + "venue_place, third_location, scope, excluded_topics, talks_format, parties, held_on, "
                            + "end_date, concluded_on, outcome, statement, follow_ups, cancelled_by, status_since, "
                            + "last_recorded_at"),
            VersionedTable.of("talks_delegation", "talks_id", "talks_id", "state")
                    .columns("talks_id, state, head_name, head_title, head_diplomat, members, named_on"),
            VersionedTable.of("talks_status_history", "talks_id", "talks_id", "seq")
                    .columns("talks_id, seq, status, effective_date, recorded_at, event_type, note, source"));

    @Override
    public List<VersionedTable> versionedTables() {
        return TABLES;
    }

    @Override
    public Object handler(Head rows) {
        return new Handler(rows);
    }

    /** Parties as stored: {@code ,RU,US,}, so that a party filters with {@code LIKE '%,RU,%'}. */
    static String parties(List<CountryCode> parties) {
        return "," + parties.stream().map(CountryCode::value).sorted().collect(Collectors.joining(",")) + ",";
    }

    final class Handler {
        private final Rows boards;
        private final Rows delegations;
        private final Rows history;

        Handler(Head rows) {
            this.boards = rows.rows("talks_board");
            this.delegations = rows.rows("talks_delegation");
            this.history = rows.rows("talks_status_history");
        }

        @EventHandler
        void on(TalksScheduled e, @Timestamp Instant recorded) {
            boards.put(boards.create()
                    .with("talks_id", e.talksId())
                    .with("title", e.title())
                    .with("status", "SCHEDULED")
                    .with("talks_date", e.date())
                    .with("talks_time", e.time())
                    .with("venue_city", e.venue().city())
                    .with("venue_country", e.venue().country().value())
                    .with("venue_place", e.venue().place())
                    .with("third_location", e.thirdLocation())
                    .with("scope", e.scope())
                    .with("excluded_topics", toJson(e.excludedTopics()))
                    .with("talks_format", e.format().name())
                    .with("parties", parties(e.parties()))
                    .with("status_since", e.effectiveDate())
                    .with("last_recorded_at", recorded));
            history(
                    e.talksId(),
                    "SCHEDULED",
                    e,
                    recorded,
                    "scheduled for " + e.date() + " in " + e.venue().city());
        }

        @EventHandler
        void on(DelegationNamed e, @Timestamp Instant recorded) {
            delegations.put(delegations
                    .create()
                    .with("talks_id", e.talksId())
                    .with("state", e.state().value())
                    .with("head_name", e.head().name())
                    .with("head_title", e.head().title())
                    .with("head_diplomat", e.head().diplomat())
                    .with("members", toJson(e.members()))
                    .with("named_on", e.effectiveDate()));
            touch(e.talksId(), recorded);
        }

        @EventHandler
        void on(TalksRescheduled e, @Timestamp Instant recorded) {
            update(
                    e.talksId(),
                    board -> board.with("status", "RESCHEDULED")
                            .with("talks_date", e.date())
                            .with("talks_time", e.time())
                            .with("venue_city", e.venue().city())
                            .with("venue_country", e.venue().country().value())
                            .with("venue_place", e.venue().place())
                            .with("third_location", e.thirdLocation())
                            .with("status_since", e.effectiveDate())
                            .with("last_recorded_at", recorded));
            history(
                    e.talksId(),
                    "RESCHEDULED",
                    e,
                    recorded,
                    "from " + e.previousDate() + " to " + e.date() + (e.reason() == null ? "" : ": " + e.reason()));
        }

        @EventHandler
        void on(TalksPostponed e, @Timestamp Instant recorded) {
            update(
                    e.talksId(),
                    board -> board.with("status", "POSTPONED")
                            .with("talks_date", e.newDate() == null ? board.date("talks_date") : e.newDate())
                            .with("status_since", e.effectiveDate())
                            .with("last_recorded_at", recorded));
            history(
                    e.talksId(),
                    "POSTPONED",
                    e,
                    recorded,
                    (e.newDate() == null ? "without a new date" : "to " + e.newDate())
                            + (e.reason() == null ? "" : ": " + e.reason()));
        }

        @EventHandler
        void on(TalksCancelled e, @Timestamp Instant recorded) {
            update(
                    e.talksId(),
                    board -> board.with("status", "CANCELLED")
                            .with(
                                    "cancelled_by",
                                    e.cancelledBy() == null
                                            ? null
                                            : e.cancelledBy().value())
                            .with("status_since", e.effectiveDate())
                            .with("last_recorded_at", recorded));
            history(e.talksId(), "CANCELLED", e, recorded, e.reason());
        }

        @EventHandler
        void on(TalksHeld e, @Timestamp Instant recorded) {
            update(e.talksId(), board -> {
                // Holding reported after the conclusion (a late fact) keeps the status CONCLUDED.
                boolean concluded = "CONCLUDED".equals(board.text("status"));
                return board.with("status", concluded ? "CONCLUDED" : "HELD")
                        .with("status_since", concluded ? board.date("status_since") : e.effectiveDate())
                        .with("held_on", e.heldOn())
                        .with("end_date", e.endDate())
                        .with("venue_city", e.venue().city())
                        .with("venue_country", e.venue().country().value())
                        .with("venue_place", e.venue().place())
                        .with("third_location", e.thirdLocation())
                        .with("last_recorded_at", recorded);
            });
            history(e.talksId(), "HELD", e, recorded, e.summary());
        }

        @EventHandler
        void on(TalksConcluded e, @Timestamp Instant recorded) {
            update(
                    e.talksId(),
                    board -> board.with("status", "CONCLUDED")
                            .with("concluded_on", e.effectiveDate())
                            .with("outcome", e.outcome().name())
                            .with("statement", e.statement())
                            .with("follow_ups", toJson(e.followUps()))
                            .with("status_since", e.effectiveDate())
                            .with("last_recorded_at", recorded));
            history(
                    e.talksId(),
                    "CONCLUDED",
                    e,
                    recorded,
                    e.outcome() + (e.statement() == null ? "" : ": " + e.statement()));
        }

        private void touch(String talksId, Instant recorded) {
            update(talksId, board -> board.with("last_recorded_at", recorded));
        }

        /** Changes the talks' row, if the board has it. */
        private void update(String talksId, java.util.function.UnaryOperator<Row> change) {
            Row board = boards.get(talksId);
            if (board != null) {
                boards.put(change.apply(board));
            }
        }

        private void history(String talksId, String status, LedgerEvent event, Instant recorded, String note) {
            int seq = history.all().stream()
                            .mapToInt(row -> row.count("seq"))
                            .max()
                            .orElse(0)
                    + 1;
            history.put(history.create()
                    .with("talks_id", talksId)
                    .with("seq", seq)
                    .with("status", status)
                    .with("effective_date", event.effectiveDate())
                    .with("recorded_at", recorded)
                    .with("event_type", event.getClass().getSimpleName())
                    .with("note", note)
                    .with(
                            "source",
                            event.source() == null ? null : event.source().text()));
        }
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
