package org.diplomaticledger.presence.projection;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.diplomaticledger.presence.api.PresenceIds;
import org.diplomaticledger.presence.projection.ExpulsionsViews.ExpulsionTrendRow;
import org.diplomaticledger.presence.projection.ExpulsionsViews.ExpulsionView;
import org.diplomaticledger.presence.projection.HeadsOfMissionQueries.MissionFilter;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.MissionHeadView;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.TenureView;
import org.diplomaticledger.presence.projection.StaffingViews.HeadcountPoint;
import org.diplomaticledger.presence.projection.StaffingViews.MissionStaffingView;
import org.diplomaticledger.presence.projection.StaffingViews.OpenMissionsPoint;
import org.diplomaticledger.presence.projection.StaffingViews.PresenceStaffingDetail;
import org.diplomaticledger.presence.projection.StaffingViews.PresenceStaffingView;
import org.diplomaticledger.projection.ContinuedStates;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.StateAsThenView;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.states.api.StateAsThen;
import org.diplomaticledger.states.api.StateLineage;
import org.springframework.stereotype.Component;

/**
 * The staffing reads that name states, across continuations (docs/states.md#succession): a read of a state on a day
 * before it continued another answers with the other's rows, each marked {@code stateAsThen}, the state as it was
 * then; from that day on, with its own. A read of {@code RU} over 1985–2000 gives the USSR's ({@code SU}) rows for the
 * Soviet years. The register's continuations are in memory ({@link StateLineage}); a read of a state that continued
 * none is the plain read, at the cost of one look-up. Series are read once per run of days one pair of codes answers.
 */
@Component
public class SuccessorReads {

    private final StateLineage lineage;
    private final StaffingQueries queries;
    private final StaffingTrends trends;
    private final HeadsOfMissionQueries heads;
    private final ExpulsionsQueries expelled;
    private final ExpulsionTrends expulsionTrends;

    public SuccessorReads(
            StateLineage lineage,
            StaffingQueries queries,
            StaffingTrends trends,
            HeadsOfMissionQueries heads,
            ExpulsionsQueries expulsions,
            ExpulsionTrends expulsionTrends) {
        this.lineage = lineage;
        this.queries = queries;
        this.trends = trends;
        this.heads = heads;
        this.expelled = expulsions;
        this.expulsionTrends = expulsionTrends;
    }

    /** The pair of codes that answers for {@code sending} and {@code receiving} on a day, and the mark it carries. */
    private record Pair(CountryCode sending, CountryCode receiving, StateAsThenView mark) {}

    private final class Chains {
        final List<StateAsThen> sending;
        final List<StateAsThen> receiving;
        final CountryCode sendingState;
        final CountryCode receivingState;

        Chains(ReadView view, CountryCode sending, CountryCode receiving) {
            this.sendingState = sending;
            this.receivingState = receiving;
            this.sending = lineage.continued(sending, view.point().knownAt());
            this.receiving = receiving == null
                    ? List.of()
                    : lineage.continued(receiving, view.point().knownAt());
        }

        boolean none() {
            return sending.isEmpty() && receiving.isEmpty();
        }

        Pair on(LocalDate day) {
            Optional<StateAsThen> s = StateLineage.asThen(sending, day);
            Optional<StateAsThen> r = StateLineage.asThen(receiving, day);
            return new Pair(
                    s.map(StateAsThen::code).orElse(sendingState),
                    r.map(StateAsThen::code).orElse(receivingState),
                    s.or(() -> r).map(StateAsThenView::of).orElse(null));
        }
    }

    /** {@code GET /api/v1/presences/{sending}/{receiving}}: on the view's day, the pair answering then. */
    public Optional<PresenceStaffingDetail> presence(
            ReadView view, CountryCode sending, CountryCode receiving, LocalDate on) {
        Chains chains = new Chains(view, sending, receiving);
        if (chains.none()) {
            return queries.presence(view, PresenceIds.presence(sending, receiving), on);
        }
        Pair pair = chains.on(view.asOf());
        Optional<PresenceStaffingDetail> detail =
                queries.presence(view, PresenceIds.presence(pair.sending(), pair.receiving()), on);
        return pair.mark() == null ? detail : detail.map(found -> found.asThen(pair.mark()));
    }

    /**
     * {@code GET /api/v1/heads-of-mission}: a state named by {@code sending}, {@code receiving} or {@code state} that
     * continued another before the view's day is read as that other, each row marked. Otherwise the plain list.
     */
    public Page<MissionHeadView> headsOfMission(ReadView view, MissionFilter filter, PageQuery page) {
        Optional<StateAsThen> sending = asThen(view, filter.sending());
        Optional<StateAsThen> receiving = asThen(view, filter.receiving());
        Optional<StateAsThen> state = asThen(view, filter.state());
        if (sending.isEmpty() && receiving.isEmpty() && state.isEmpty()) {
            return heads.missions(view, filter, page);
        }
        MissionFilter then = new MissionFilter(
                sending.map(StateAsThen::code).orElse(filter.sending()),
                receiving.map(StateAsThen::code).orElse(filter.receiving()),
                state.map(StateAsThen::code).orElse(filter.state()),
                filter.missionId(),
                filter.vacant(),
                filter.post(),
                filter.on());
        StateAsThenView mark = mark(sending, receiving, state);
        return heads.missions(view, then, page).map(row -> row.asThen(mark));
    }

    /**
     * {@code GET /api/v1/missions}: a state named by {@code sending}, {@code receiving} or {@code state} that continued
     * another before the view's day is read as that other, each row marked. Otherwise the plain list.
     */
    public Page<MissionStaffingView> missions(
            ReadView view, StaffingQueries.MissionFilter filter, PageQuery page, LocalDate on) {
        Optional<StateAsThen> sending = asThen(view, filter.sending());
        Optional<StateAsThen> receiving = asThen(view, filter.receiving());
        Optional<StateAsThen> state = asThen(view, filter.state());
        if (sending.isEmpty() && receiving.isEmpty() && state.isEmpty()) {
            return queries.missions(view, filter, page, on);
        }
        StaffingQueries.MissionFilter then = new StaffingQueries.MissionFilter(
                sending.map(StateAsThen::code).orElse(filter.sending()),
                receiving.map(StateAsThen::code).orElse(filter.receiving()),
                state.map(StateAsThen::code).orElse(filter.state()),
                filter.kind(),
                filter.status(),
                filter.city());
        StateAsThenView mark = mark(sending, receiving, state);
        return queries.missions(view, then, page, on).map(row -> row.asThen(mark));
    }

    /** {@code GET /api/v1/presences}: as {@link #missions}, each presence of the state answering then, marked. */
    public Page<PresenceStaffingView> presences(
            ReadView view, StaffingQueries.PresenceFilter filter, PageQuery page, LocalDate on) {
        Optional<StateAsThen> sending = asThen(view, filter.sending());
        Optional<StateAsThen> receiving = asThen(view, filter.receiving());
        Optional<StateAsThen> state = asThen(view, filter.state());
        if (sending.isEmpty() && receiving.isEmpty() && state.isEmpty()) {
            return queries.presences(view, filter, page, on);
        }
        StaffingQueries.PresenceFilter then = new StaffingQueries.PresenceFilter(
                sending.map(StateAsThen::code).orElse(filter.sending()),
                receiving.map(StateAsThen::code).orElse(filter.receiving()),
                state.map(StateAsThen::code).orElse(filter.state()));
        StateAsThenView mark = mark(sending, receiving, state);
        return queries.presences(view, then, page, on).map(row -> row.asThen(mark));
    }

    private static StateAsThenView mark(
            Optional<StateAsThen> sending, Optional<StateAsThen> receiving, Optional<StateAsThen> state) {
        return StateAsThenView.of(sending.or(() -> receiving).or(() -> state).orElseThrow());
    }

    /**
     * {@code GET /api/v1/expulsions}: a state named by {@code by}, {@code against} or {@code state} that continued
     * another is matched, for the expulsions dated before the continuation, against that other; those rows are
     * marked. A list of {@code RU} over 1985–2000 holds the USSR's expulsions and Russia's. Otherwise the plain list.
     */
    public Page<ExpulsionView> expulsions(ReadView view, ExpulsionsQueries.Filter filter, PageQuery page) {
        ExpulsionsQueries.Continued continued = new ExpulsionsQueries.Continued(
                ContinuedStates.of(lineage, view, filter.by()),
                ContinuedStates.of(lineage, view, filter.against()),
                ContinuedStates.of(lineage, view, filter.state()));
        if (!continued.any()) {
            return expelled.list(view, filter, page);
        }
        List<ContinuedStates> named = List.of(continued.by(), continued.against(), continued.state());
        return expelled.list(view, filter, continued, page)
                .map(row -> marked(
                        row, ContinuedStates.markOf(named, row.declaredBy(), row.against()), ExpulsionView::asThen));
    }

    /**
     * {@code GET /api/v1/trends/expulsions}: as {@link #expulsions}, a state of the pair that continued another is
     * matched, for the expulsions dated before the continuation, against that other; each year some of whose days
     * the other answers for is marked. The trends of {@code RU} and {@code US} over 1985–1995 count the USSR's.
     */
    public Page<ExpulsionTrendRow> expulsionTrends(
            ReadView view, CountryCode a, CountryCode b, Integer from, Integer to, PageQuery page) {
        return expulsionTrends.trends(
                view, a, b, ContinuedStates.of(lineage, view, a), ContinuedStates.of(lineage, view, b), from, to, page);
    }

    /**
     * {@code GET /api/v1/heads-of-mission/tenures}: as {@link #expulsions}, a tenure begun before a continuation of
     * the {@code sending} or {@code receiving} state is matched against the predecessor, and marked.
     */
    public Page<TenureView> tenures(ReadView view, HeadsOfMissionQueries.TenureFilter filter, PageQuery page) {
        ContinuedStates sending = ContinuedStates.of(lineage, view, filter.sending());
        ContinuedStates receiving = ContinuedStates.of(lineage, view, filter.receiving());
        if (!sending.continues() && !receiving.continues()) {
            return heads.tenures(view, filter, page);
        }
        List<ContinuedStates> named = List.of(sending, receiving);
        return heads.tenures(view, filter, sending, receiving, page)
                .map(row -> marked(
                        row,
                        ContinuedStates.markOf(named, row.sendingState(), row.receivingState()),
                        TenureView::asThen));
    }

    /** The row marked with the state it was recorded under, or as it is when it is the named state's own. */
    private static <T> T marked(T row, StateAsThenView mark, BiFunction<T, StateAsThenView, T> asThen) {
        return mark == null ? row : asThen.apply(row, mark);
    }

    /** The state answering for {@code state} on the view's day, or empty for itself (or no state asked). */
    private Optional<StateAsThen> asThen(ReadView view, CountryCode state) {
        return state == null
                ? Optional.empty()
                : lineage.asThen(state, view.asOf(), view.point().knownAt());
    }

    /** Whether the projection knows the pair, or a pair answering for it on some day. */
    public boolean knowsPresence(ReadView view, CountryCode sending, CountryCode receiving) {
        if (trends.knowsPresence(view, PresenceIds.presence(sending, receiving))) {
            return true;
        }
        Chains chains = new Chains(view, sending, receiving);
        List<LocalDate> days = new ArrayList<>();
        chains.sending.forEach(state -> days.add(state.until().minusDays(1)));
        chains.receiving.forEach(state -> days.add(state.until().minusDays(1)));
        return days.stream()
                .map(chains::on)
                .anyMatch(pair -> trends.knowsPresence(view, PresenceIds.presence(pair.sending(), pair.receiving())));
    }

    /** {@code GET /api/v1/trends/headcount}: each month read for the pair answering at its end. */
    public List<HeadcountPoint> headcount(
            ReadView view, CountryCode sending, CountryCode receiving, YearMonth from, YearMonth to) {
        Chains chains = new Chains(view, sending, receiving);
        if (chains.none()) {
            return trends.headcountTrend(view, PresenceIds.presence(sending, receiving), from, to);
        }
        List<HeadcountPoint> points = new ArrayList<>();
        runs(chains, view, from, to, YearMonth::plusMonths, month -> month.atEndOfMonth(), (pair, run) -> {
            for (HeadcountPoint point : trends.headcountTrend(
                    view,
                    PresenceIds.presence(pair.sending(), pair.receiving()),
                    run.get(0),
                    run.get(run.size() - 1))) {
                // across a change of pair, the change is from the last point of the one before
                int change = points.isEmpty() || !Objects.equals(point.month(), run.get(0))
                        ? point.change()
                        : point.headcount() - points.get(points.size() - 1).headcount();
                points.add(new HeadcountPoint(
                        point.month(),
                        point.date(),
                        point.sendingState(),
                        point.receivingState(),
                        point.headcount(),
                        change,
                        pair.mark()));
            }
        });
        return points;
    }

    /** {@code GET /api/v1/trends/open-missions}: each year read for the pair answering at its end. */
    public List<OpenMissionsPoint> openMissions(
            ReadView view, CountryCode sending, CountryCode receiving, int from, int to) {
        Chains chains = new Chains(view, sending, receiving);
        if (chains.none()) {
            return trends.openMissionsTrend(view, sending, receiving, from, to);
        }
        List<OpenMissionsPoint> points = new ArrayList<>();
        runs(
                chains,
                view,
                from,
                to,
                (year, n) -> year + n.intValue(),
                year -> LocalDate.of(year, 12, 31),
                (pair, run) -> {
                    for (OpenMissionsPoint point : trends.openMissionsTrend(
                            view, pair.sending(), pair.receiving(), run.get(0), run.get(run.size() - 1))) {
                        points.add(new OpenMissionsPoint(
                                point.year(),
                                point.date(),
                                point.sendingState(),
                                point.receivingState(),
                                point.open(),
                                point.missionIds(),
                                pair.mark()));
                    }
                });
        return points;
    }

    /**
     * Splits {@code from}..{@code to} into runs of consecutive steps (months, years) whose end (or the view's asOf,
     * when earlier, as the trends take it) one pair answers for, and hands each run to {@code read}, in order.
     */
    private static <T extends Comparable<T>> void runs(
            Chains chains,
            ReadView view,
            T from,
            T to,
            BiFunction<T, Long, T> plus,
            java.util.function.Function<T, LocalDate> end,
            java.util.function.BiConsumer<Pair, List<T>> read) {
        Pair current = null;
        List<T> run = new ArrayList<>();
        for (T step = from; step.compareTo(to) <= 0; step = plus.apply(step, 1L)) {
            LocalDate day = end.apply(step);
            if (view.asOf() != null && view.asOf().isBefore(day)) {
                day = view.asOf();
            }
            Pair pair = chains.on(day);
            if (current != null && !pair.equals(current)) {
                read.accept(current, run);
                run = new ArrayList<>();
            }
            current = pair;
            run.add(step);
        }
        if (current != null) {
            read.accept(current, run);
        }
    }
}
