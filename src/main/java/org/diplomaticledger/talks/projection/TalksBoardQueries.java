package org.diplomaticledger.talks.projection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.diplomaticledger.projection.OneOf;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.SlotJdbc;
import org.diplomaticledger.projection.Sql;
import org.diplomaticledger.projection.Where;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.talks.projection.TalksViews.*;
import org.springframework.stereotype.Component;

/** Reads the talks board. */
@Component
public class TalksBoardQueries {

    /** Filters of the talks list; every one optional. */
    public record Filter(
            CountryCode state,
            List<String> statuses,
            LocalDate from,
            LocalDate to,
            String format,
            CountryCode venueCountry) {}

    public static final Map<String, String> SORTABLE = Map.of(
            "date",
            "talks_date",
            "status",
            "status",
            "talksId",
            "talks_id",
            "title",
            "title",
            "venueCountry",
            "venue_country");
    private static final List<String> STATUSES =
            List.of("SCHEDULED", "RESCHEDULED", "POSTPONED", "HELD", "CONCLUDED", "CANCELLED");

    private final SlotJdbc jdbc;
    private final ObjectMapper json;

    public TalksBoardQueries(SlotJdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public static List<String> statuses(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return List.of();
        }
        List<String> statuses = new ArrayList<>();
        for (String status : parameter.split(",")) {
            String upper = status.trim().toUpperCase(Locale.ROOT);
            if (!STATUSES.contains(upper)) {
                throw new QueryParameterException(
                        "status", "one or more of " + String.join(", ", STATUSES) + ", not '" + status + "'");
            }
            statuses.add(upper);
        }
        return statuses;
    }

    public Page<TalksView> list(ReadView view, Filter filter, PageQuery page) {
        Where where = Where.slotOf(view)
                .and(
                        filter.state() != null,
                        "parties LIKE ?",
                        filter.state() == null ? null : "%," + filter.state().value() + ",%")
                .and(
                        !filter.statuses().isEmpty(),
                        "status IN ("
                                + String.join(
                                        ",",
                                        java.util.Collections.nCopies(
                                                Math.max(1, filter.statuses().size()), "?"))
                                + ")",
                        filter.statuses().toArray())
                .and(filter.from() != null, "talks_date >= ?", filter.from())
                .and(filter.to() != null, "talks_date <= ?", filter.to())
                .equal(
                        "talks_format",
                        filter.format() == null ? null : filter.format().toUpperCase(Locale.ROOT))
                .equal("venue_country", filter.venueCountry());
        Long total = jdbc.queryForObject(where.select("SELECT COUNT(*) FROM talks_board"), Long.class);
        List<TalksView> items =
                jdbc.query(where.select("SELECT * FROM talks_board").add(page.sql()), (rs, i) -> talks(rs, List.of()));
        return new Page<>(
                withDelegations(view, items), page.page(), page.size(), total == null ? 0 : total, view.position());
    }

    public Optional<TalksDetail> one(ReadView view, String talksId) {
        Sql board = Sql.of("SELECT * FROM talks_board WHERE ").add(view.rows()).add(" AND talks_id = ?", talksId);
        List<TalksView> found = jdbc.query(board, (rs, i) -> talks(rs, List.of()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Sql changes = Sql.of("SELECT * FROM talks_status_history WHERE ")
                .add(view.rows())
                .add(" AND talks_id = ? ORDER BY seq", talksId);
        List<StatusChange> history = jdbc.query(
                changes,
                (rs, i) -> new StatusChange(
                        rs.getInt("seq"),
                        rs.getString("status"),
                        rs.getObject("effective_date", LocalDate.class),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                        rs.getString("event_type"),
                        rs.getString("note"),
                        rs.getString("source")));
        return Optional.of(new TalksDetail(withDelegations(view, found).get(0), history));
    }

    private List<TalksView> withDelegations(ReadView view, List<TalksView> talks) {
        if (talks.isEmpty()) {
            return talks;
        }
        Map<String, List<DelegationView>> byTalks = new HashMap<>();
        // one probe of (slot, talks_id, …) per talks, not an IN list H2 reads the whole slot for
        Sql delegations = OneOf.rows(
                        Sql.of("SELECT * FROM talks_delegation WHERE ").add(view.rows()),
                        "talks_id",
                        talks.stream().map(TalksView::talksId).toList())
                .add(" ORDER BY talks_id, state");
        jdbc.query(delegations, rs -> {
            byTalks.computeIfAbsent(rs.getString("talks_id"), k -> new ArrayList<>())
                    .add(new DelegationView(
                            rs.getString("state"),
                            rs.getString("head_name"),
                            rs.getString("head_title"),
                            rs.getBoolean("head_diplomat"),
                            read(rs.getString("members"), new TypeReference<List<MemberView>>() {}),
                            rs.getObject("named_on", LocalDate.class)));
        });
        List<TalksView> result = new ArrayList<>(talks.size());
        for (TalksView t : talks) {
            result.add(new TalksView(
                    t.talksId(),
                    t.title(),
                    t.status(),
                    t.statusSince(),
                    t.date(),
                    t.time(),
                    t.venue(),
                    t.thirdLocation(),
                    t.scope(),
                    t.excludedTopics(),
                    t.format(),
                    t.parties(),
                    byTalks.getOrDefault(t.talksId(), List.of()),
                    t.heldOn(),
                    t.endDate(),
                    t.concludedOn(),
                    t.outcome(),
                    t.statement(),
                    t.followUps(),
                    t.cancelledBy(),
                    t.lastRecordedAt()));
        }
        return result;
    }

    private TalksView talks(ResultSet rs, List<DelegationView> delegations) throws SQLException {
        String parties = rs.getString("parties");
        return new TalksView(
                rs.getString("talks_id"),
                rs.getString("title"),
                rs.getString("status"),
                rs.getObject("status_since", LocalDate.class),
                rs.getObject("talks_date", LocalDate.class),
                rs.getObject("talks_time", java.time.LocalTime.class),
                new VenueView(rs.getString("venue_city"), rs.getString("venue_country"), rs.getString("venue_place")),
                rs.getBoolean("third_location"),
                rs.getString("scope"),
                read(rs.getString("excluded_topics"), new TypeReference<List<String>>() {}),
                rs.getString("talks_format"),
                Arrays.stream(parties.split(",")).filter(s -> !s.isEmpty()).toList(),
                delegations,
                rs.getObject("held_on", LocalDate.class),
                rs.getObject("end_date", LocalDate.class),
                rs.getObject("concluded_on", LocalDate.class),
                rs.getString("outcome"),
                rs.getString("statement"),
                read(rs.getString("follow_ups"), new TypeReference<List<String>>() {}),
                rs.getString("cancelled_by"),
                rs.getObject("last_recorded_at", OffsetDateTime.class).toInstant());
    }

    private <T> List<T> read(String text, TypeReference<List<T>> type) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> sortable() {
        return new LinkedHashMap<>(SORTABLE);
    }
}
