package org.diplomaticledger.presence.projection;

import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.diplomaticledger.presence.projection.ExpulsionsViews.ExpulsionLinkView;
import org.diplomaticledger.presence.projection.ExpulsionsViews.ExpulsionView;
import org.diplomaticledger.projection.KeyArrays;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.SlotJdbc;
import org.diplomaticledger.projection.Sql;

/**
 * The reciprocity of a page of expulsions (VCDR Art. 47(2)(a)): the expulsion each page row answers, stated or
 * inferred within the window, and those that answer it, worked out in Java over the rows a link can involve, as the
 * whole-slot links CTE of {@link ExpulsionsQueries} does for the {@code answered} filter.
 */
final class ExpulsionLinks {

    /** An expulsion: ids are unique within a presence only. */
    record Key(String presenceId, String expulsionId) {}

    /** For each page row, the expulsion it answers and those that answer it. */
    record Links(Map<Key, ExpulsionLinkView> answers, Map<Key, List<ExpulsionLinkView>> answeredBy) {}

    /** What a link needs of an expulsion ({@link LinkRow}), of the table as {@code x}. */
    private static final String COLUMNS = "x.presence_id, x.expulsion_id, x.declared_by, x.against, x.effective_date, "
            + "x.recorded_at, x.answers_id, x.total_expelled";

    private final SlotJdbc jdbc;
    private final int windowDays;

    ExpulsionLinks(SlotJdbc jdbc, int windowDays) {
        this.jdbc = jdbc;
        this.windowDays = windowDays;
    }

    /** The links of the page's rows, read at the view's point. */
    Links of(ReadView view, List<ExpulsionView> rows) {
        Map<Key, ExpulsionLinkView> answers = new HashMap<>();
        Map<Key, List<ExpulsionLinkView>> answeredBy = new HashMap<>();
        Set<Key> page = new HashSet<>();
        rows.forEach(r -> page.add(new Key(r.presenceId(), r.expulsionId())));
        List<LinkRow> candidates = new ArrayList<>(candidates(view, rows));
        candidates.sort(Comparator.comparing(LinkRow::effectiveDate)
                .thenComparing(r -> r.key().presenceId())
                .thenComparing(r -> r.key().expulsionId()));
        for (LinkRow x : candidates) {
            LinkRow t = answered(x, candidates, windowDays);
            if (x.answersId() == null && t == null) {
                continue;
            }
            if (page.contains(x.key())) {
                answers.put(
                        x.key(),
                        t != null
                                ? t.view(x.answersId() == null)
                                : new ExpulsionLinkView(x.answersId(), null, null, null, null, null, false));
            }
            if (t != null && page.contains(t.key())) {
                answeredBy.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(x.view(x.answersId() == null));
            }
        }

        return new Links(answers, answeredBy);
    }

    /*
     * The expulsions a link of a page row can involve, so that links are worked out over them instead of every
     * expulsion of the slot: the rows of the page's presences and their opposites within the reciprocity window
     * around the page's dates (an inferred link, either way, and the rows it competes with, lie there), the rows
     * bearing or naming a page row's id (explicit links to a page row) and those a page row names (its own explicit
     * link). Every link whose answer or answerer is a page row is then worked out over all the rows it depends on.
     */
    private List<LinkRow> candidates(ReadView view, List<ExpulsionView> rows) {
        // Each kind of row is read through an index of its own (one query joining them with OR read every expulsion
        // of the slot: 50,000 at a million events), and the rows found twice are kept once.
        Map<Key, LinkRow> found = new LinkedHashMap<>();
        Sql select = Sql.of("SELECT " + COLUMNS + " FROM expulsions_expulsion x WHERE ")
                .add(view.rows("x"));
        LocalDate first = null;
        LocalDate last = null;
        Set<List<String>> pairs = new LinkedHashSet<>();
        for (ExpulsionView row : rows) {
            pairs.add(List.of(row.declaredBy(), row.against()));
            pairs.add(List.of(row.against(), row.declaredBy())); // the opposite presence
            first = first == null || row.effectiveDate().isBefore(first) ? row.effectiveDate() : first;
            last = last == null || row.effectiveDate().isAfter(last) ? row.effectiveDate() : last;
        }
        // the page's presences and their opposites within the window around the page's dates: (slot, declared_by,
        // against, effective_date)
        for (List<String> pair : pairs) {
            add(
                    found,
                    Sql.of("")
                            .add(select)
                            .add(
                                    " AND x.declared_by = ? AND x.against = ? AND x.effective_date >= ? AND x.effective_date <= ?",
                                    pair.get(0),
                                    pair.get(1),
                                    Date.valueOf(first.minusDays(windowDays)),
                                    Date.valueOf(last.plusDays(windowDays))));
        }
        List<String> ids =
                rows.stream().map(ExpulsionView::expulsionId).distinct().toList();
        // the rows bearing a page row's id, in any presence, and the ids those name: (slot, expulsion_id)
        List<LinkRow> sameIds = byColumn(found, view, "expulsion_id", ids);
        // the rows naming a page row's id: (slot, answers_id)
        byColumn(found, view, "answers_id", ids);
        byColumn(
                found,
                view,
                "expulsion_id",
                sameIds.stream()
                        .map(LinkRow::answersId)
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .toList());
        return new ArrayList<>(found.values());
    }

    /**
     * The rows whose {@code column} is one of {@code values}, added to {@code found}: one probe of (slot, column) per
     * value, in one statement H2 plans once ({@link KeyArrays}; {@code column IN (…)} read every expulsion of the
     * slot on H2, and a union of equalities was planned again at every read).
     */
    private List<LinkRow> byColumn(Map<Key, LinkRow> found, ReadView view, String column, List<String> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        return add(
                found,
                KeyArrays.select(
                                COLUMNS,
                                "expulsions_expulsion",
                                "x",
                                List.of(column),
                                values.stream().map(List::of).toList())
                        .add(view.rows("x")));
    }

    /** The rows a query finds, added to {@code found} unless there already. */
    private List<LinkRow> add(Map<Key, LinkRow> found, Sql sql) {
        List<LinkRow> rows = jdbc.query(
                sql,
                (rs, i) -> new LinkRow(
                        new Key(rs.getString("presence_id"), rs.getString("expulsion_id")),
                        rs.getString("declared_by"),
                        rs.getString("against"),
                        rs.getObject("effective_date", LocalDate.class),
                        rs.getObject("recorded_at", OffsetDateTime.class),
                        rs.getString("answers_id"),
                        rs.getInt("total_expelled")));
        rows.forEach(row -> found.putIfAbsent(row.key(), row));
        return rows;
    }

    /** What a link needs of an expulsion. */
    private record LinkRow(
            Key key,
            String declaredBy,
            String against,
            LocalDate effectiveDate,
            OffsetDateTime recordedAt,
            String answersId,
            int totalExpelled) {
        String opposite() {
            return declaredBy + "-" + against;
        }

        ExpulsionLinkView view(boolean inferred) {
            return new ExpulsionLinkView(
                    key.expulsionId(), key.presenceId(), declaredBy, against, effectiveDate, totalExpelled, inferred);
        }
    }

    /*
     * The rule of the links CTE ({@link #links(ReadView)}) over a page's candidate rows, in Java: H2 (2.3.232)
     * answered the same CTE narrowed to these rows without some explicit links (a correlated look-up by
     * expulsion_id into a derived table filtered on expulsion_id lost the row), and the rows are few. The property
     * test ExpulsionsPropertiesTest holds both to one fold of the events.
     */
    private static LinkRow answered(LinkRow x, List<LinkRow> candidates, int windowDays) {
        LinkRow best = null;
        if (x.answersId() != null) {
            for (LinkRow y : candidates) {
                if (y.key().expulsionId().equals(x.answersId())
                        && !y.key().presenceId().equals(x.key().presenceId())
                        && (best == null || explicitOrder(x, y, best) < 0)) {
                    best = y;
                }
            }
            return best;
        }
        LocalDate earliest = x.effectiveDate().minusDays(windowDays);
        for (LinkRow y : candidates) {
            if (y.key().presenceId().equals(x.opposite())
                    && y.effectiveDate().isBefore(x.effectiveDate())
                    && !y.effectiveDate().isBefore(earliest)
                    && (best == null || inferredOrder(y, best) > 0)) {
                best = y;
            }
        }
        return best;
    }

    /** The opposite presence first, then by presence id. */
    private static int explicitOrder(LinkRow x, LinkRow a, LinkRow b) {
        boolean aOpposite = a.key().presenceId().equals(x.opposite());
        boolean bOpposite = b.key().presenceId().equals(x.opposite());
        return aOpposite != bOpposite
                ? (aOpposite ? -1 : 1)
                : a.key().presenceId().compareTo(b.key().presenceId());
    }

    /** The later date wins, then the one recorded last, then the greater id. */
    private static int inferredOrder(LinkRow a, LinkRow b) {
        int byDate = a.effectiveDate().compareTo(b.effectiveDate());
        if (byDate != 0) {
            return byDate;
        }
        int byRecording = a.recordedAt().compareTo(b.recordedAt());
        return byRecording != 0
                ? byRecording
                : a.key().expulsionId().compareTo(b.key().expulsionId());
    }
}
