package org.diplomaticledger.presence.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.axonframework.eventhandling.DomainEventMessage;
import org.diplomaticledger.presence.api.*;
import org.diplomaticledger.presence.projection.ExpulsionsViews.ExpulsionDetail;
import org.diplomaticledger.presence.projection.ExpulsionsViews.ExpulsionLinkView;
import org.diplomaticledger.presence.projection.ExpulsionsViews.ExpulsionView;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.RebuildStatus;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.support.LedgerApp;

/**
 * Random valid and invalid command sequences over a pair of presences in opposite directions (A's staff in B and
 * B's staff in A) go through the real ledger; every expulsion's tallies, its explicit and inferred reciprocity in
 * both directions, and the pair's yearly totals must equal an independent fold of the stored events; a rebuild must
 * equal the live projection. Named {@code ...Test} so that Surefire's default includes run it with {@code mvn test}
 * (a class named {@code ...Properties} is not run by the build).
 */
class ExpulsionsPropertiesTest {

    private static final Provenance SOURCE = new Provenance("property test", null);
    /** Around a new year, so that the yearly totals have two years, and wider than the 30-day window. */
    private static final LocalDate BASE = LocalDate.of(2019, 11, 15);

    private static final LocalDate ON = BASE.plusDays(50);
    private static final int WINDOW = 30;
    private static final List<String> CODES = List.of(
            "AD", "AG", "BB", "BZ", "CV", "DM", "FJ", "GD", "GW", "KM", "KN", "LC", "LI", "MC", "MV", "NR", "PW", "SC",
            "SM", "ST", "SR", "TL", "TV", "VC", "VU", "WS", "MH", "FM", "KI", "TO");
    private static final List<String> CITIES = List.of("Capital", "Port");

    /** The pair of states of one try, and the prefix of its expulsion ids (ids must not meet another try's). */
    record Ctx(CountryCode a, CountryCode b, String prefix) {
        CountryCode sending(boolean ab) {
            return ab ? a : b;
        }

        CountryCode receiving(boolean ab) {
            return ab ? b : a;
        }

        String mission(boolean ab, int city) {
            return PresenceIds.mission(sending(ab), receiving(ab), MissionKind.EMBASSY, CITIES.get(city), null);
        }

        String expulsion(int index) {
            return prefix + "-e" + index;
        }
    }

    @Property(tries = 20)
    void expulsionsEqualAFoldOfTheStoredEvents(@ForAll("sequences") List<Function<Ctx, LedgerCommand>> steps) {
        LedgerApp app = LedgerApp.get();
        Ctx ctx = freshPair(app);
        for (boolean ab : new boolean[] {true, false}) {
            app.send(new OpenMission(
                    ctx.sending(ab),
                    ctx.receiving(ab),
                    MissionKind.EMBASSY,
                    CITIES.get(0),
                    null,
                    null,
                    BASE.minusYears(10),
                    SOURCE));
            for (int p = 0; p < 4; p++) {
                app.send(new AccreditDiplomat(
                        ctx.mission(ab, 0),
                        "p" + p,
                        "Person " + p,
                        null,
                        StaffCategory.DIPLOMATIC,
                        BASE.minusYears(2),
                        SOURCE));
            }
        }
        // Sent in effective order, so that this fold checks the handler as written; folds of late facts are checked by
        // TimeTravelHttpTest and by the rebuild below.
        List<LedgerCommand> commands = new ArrayList<>();
        for (Function<Ctx, LedgerCommand> step : steps) {
            try {
                commands.add(step.apply(ctx));
            } catch (InvalidValueException refusedOnInput) {
                // refused on input: nothing is written
            }
        }
        LedgerApp.inEffectiveOrderOfCommands(commands).forEach(app::send);
        app.awaitProjection(ExpulsionsProjection.NAME);

        List<DomainEventMessage<?>> events = new ArrayList<>(app.events(PresenceIds.presence(ctx.a(), ctx.b())));
        events.addAll(app.events(PresenceIds.presence(ctx.b(), ctx.a())));
        Map<String, Expected> expected = fold(LedgerApp.inEffectiveOrder(events));
        ExpulsionsQueries queries = app.bean(ExpulsionsQueries.class);
        expected.values().forEach(e -> {
            Statistics.label("links")
                    .collect(
                            e.answers == null
                                    ? "none"
                                    : e.answers.endsWith(" inferred")
                                            ? "inferred"
                                            : e.answers.startsWith("null/") ? "explicit, unrecorded" : "explicit");
            Statistics.label("departures").collect(e.departures == 0 ? "none" : e.late > 0 ? "some late" : "on time");
            Statistics.label("expelled").collect(e.named.isEmpty() ? "counted" : e.counted == null ? "named" : "both");
        });
        ReadView view = app.bean(Reads.class).await(ExpulsionsProjection.NAME, ReadPosition.any());

        for (Expected e : expected.values()) {
            ExpulsionDetail detail = queries.one(view, e.id, e.presence, ON).orElseThrow();
            ExpulsionView actual = detail.expulsion();
            String what = e.presence + "/" + e.id;
            assertThat(actual.declaredBy()).as(what).isEqualTo(e.declaredBy);
            assertThat(actual.against()).as(what).isEqualTo(e.against);
            assertThat(actual.namedCount()).as(what).isEqualTo(e.named.size());
            assertThat(actual.count()).as(what).isEqualTo(e.counted);
            assertThat(actual.totalExpelled()).as(what).isEqualTo(e.total());
            assertThat(actual.namedDeparted()).as(what).isEqualTo(e.namedDeparted);
            assertThat(actual.countedDeparted()).as(what).isEqualTo(e.countedDeparted);
            assertThat(actual.stillDue()).as(what).isEqualTo(e.stillDue());
            assertThat(actual.overdue()).as(what).isEqualTo(e.stillDue() > 0 && e.deadline.isBefore(ON));
            assertThat(actual.lateDepartures()).as(what).isEqualTo(e.late);
            assertThat(actual.persons().stream()
                            .map(p -> p.personId() + "@" + p.departedOn())
                            .toList())
                    .as(what)
                    .isEqualTo(e.named.entrySet().stream()
                            .map(n -> n.getKey() + "@" + n.getValue())
                            .toList());
            assertThat(detail.departures()).as(what).hasSize(e.departures);
            assertThat(link(actual.answers())).as(what + " answers").isEqualTo(e.answers);
            assertThat(actual.answeredBy().stream()
                            .map(ExpulsionsPropertiesTest::link)
                            .toList())
                    .as(what + " answered by")
                    .isEqualTo(e.answeredBy);
        }

        assertThat(listed(queries, view, ctx, null, null)).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(listed(queries, view, ctx, true, null))
                .containsExactlyInAnyOrderElementsOf(expected.values().stream()
                        .filter(e -> !e.answeredBy.isEmpty())
                        .map(Expected::key)
                        .toList());
        assertThat(listed(queries, view, ctx, false, null))
                .containsExactlyInAnyOrderElementsOf(expected.values().stream()
                        .filter(e -> e.answeredBy.isEmpty())
                        .map(Expected::key)
                        .toList());
        assertThat(listed(queries, view, ctx, null, true))
                .containsExactlyInAnyOrderElementsOf(expected.values().stream()
                        .filter(e -> e.stillDue() > 0 && e.deadline.isBefore(ON))
                        .map(Expected::key)
                        .toList());

        Map<Integer, int[]> years = new TreeMap<>();
        for (Expected e : expected.values()) {
            int[] row = years.computeIfAbsent(e.effective.getYear(), y -> new int[2]);
            row[e.declaredBy.equals(ctx.a().value()) ? 0 : 1] += e.total();
        }
        if (!years.isEmpty()) {
            int first = years.keySet().iterator().next();
            int last = ((TreeMap<Integer, int[]>) years).lastKey();
            IntStream.rangeClosed(first, last).forEach(y -> years.putIfAbsent(y, new int[2]));
        }
        PageQuery trendPage =
                PageQuery.of(null, 1000, null, false, ExpulsionTrends.SORTABLE, ExpulsionTrends.DEFAULT_SORT);
        List<String> trend =
                app.bean(ExpulsionTrends.class).trends(view, ctx.a(), ctx.b(), null, null, trendPage).items().stream()
                        .map(r -> r.year() + ":" + r.aToB() + "/" + r.bToA() + "=" + r.balance())
                        .toList();
        assertThat(trend)
                .isEqualTo(years.entrySet().stream()
                        .map(y -> y.getKey() + ":" + y.getValue()[0] + "/" + y.getValue()[1] + "="
                                + (y.getValue()[0] - y.getValue()[1]))
                        .toList());
    }

    @AfterContainer
    static void aRebuildEqualsTheLiveProjection() {
        LedgerApp.get().awaitProjection(ExpulsionsProjection.NAME);
        RebuildStatus status = LedgerApp.get().rebuild(ExpulsionsProjection.NAME);
        assertThat(status.state()).isEqualTo(RebuildStatus.State.SWITCHED);
        assertThat(status.identical()).as(String.valueOf(status.tables())).isTrue();
    }

    /** The pair's expulsions in both directions that the list answers with these filters, as presence/id. */
    private static List<String> listed(
            ExpulsionsQueries queries, ReadView view, Ctx ctx, Boolean answered, Boolean overdue) {
        PageQuery all =
                PageQuery.of(null, 1000, null, false, ExpulsionsQueries.SORTABLE, ExpulsionsQueries.DEFAULT_SORT);
        List<String> keys = new ArrayList<>();
        for (boolean ab : new boolean[] {true, false}) {
            Page<ExpulsionView> page = queries.list(
                    view,
                    new ExpulsionsQueries.Filter(
                            ctx.receiving(ab), ctx.sending(ab), null, null, null, null, answered, overdue, ON),
                    all);
            assertThat(page.total()).isEqualTo(page.items().size());
            page.items().forEach(e -> keys.add(e.presenceId() + "/" + e.expulsionId()));
        }
        return keys;
    }

    private static String link(ExpulsionLinkView link) {
        return link == null
                ? null
                : link.presenceId() + "/" + link.expulsionId() + (link.inferred() ? " inferred" : "");
    }

    /** A pair of states whose presences hold no events yet (other tests may use states of the same list). */
    private static Ctx freshPair(LedgerApp app) {
        while (true) {
            int n = LedgerApp.unique();
            int i = n % CODES.size();
            int j = (i + 1 + (n / CODES.size()) % (CODES.size() - 1)) % CODES.size();
            CountryCode a = CountryCode.of(CODES.get(i));
            CountryCode b = CountryCode.of(CODES.get(j));
            if (app.events(PresenceIds.presence(a, b)).isEmpty()
                    && app.events(PresenceIds.presence(b, a)).isEmpty()) {
                return new Ctx(a, b, "xp" + n);
            }
        }
    }

    // ---------------------------------------------------------------- the independent fold

    /** One expulsion as this test alone folds it from the events. */
    private static final class Expected {
        String presence;
        String id;
        String declaredBy;
        String against;
        Integer counted;
        LocalDate effective;
        LocalDate deadline;
        String answersId;
        Instant recorded;
        /** Named persons, in the order expelled, with the day they left (null while due). */
        final Map<String, LocalDate> named = new LinkedHashMap<>();

        int namedDeparted;
        int countedDeparted;
        int late;
        int departures;
        String answers;
        final List<String> answeredBy = new ArrayList<>();

        int total() {
            return named.size() + (counted == null ? 0 : counted);
        }

        int stillDue() {
            return total() - namedDeparted - countedDeparted;
        }

        String key() {
            return presence + "/" + id;
        }
    }

    private static Map<String, Expected> fold(List<DomainEventMessage<?>> events) {
        Map<String, Expected> all = new LinkedHashMap<>();
        for (DomainEventMessage<?> message : events) {
            Object event = message.getPayload();
            if (event instanceof DiplomatExpelled x) {
                Expected e = new Expected();
                e.presence = x.presenceId();
                e.id = x.expulsionId();
                e.declaredBy = x.declaredBy().value();
                e.against = x.sendingState().value();
                e.counted = x.count();
                e.effective = x.effectiveDate();
                e.deadline = x.departureDeadline();
                e.answersId = x.answersExpulsionId();
                e.recorded = message.getTimestamp();
                x.persons().forEach(p -> e.named.put(p.personId(), null));
                all.put(e.key(), e);
            } else if (event instanceof DiplomatDeparted d && d.expulsionId() != null) {
                Expected e = all.get(d.presenceId() + "/" + d.expulsionId());
                e.named.put(d.personId(), d.effectiveDate());
                e.namedDeparted++;
                e.late += d.overdue() ? 1 : 0;
                e.departures++;
            } else if (event instanceof CountedStaffDeparted c && c.expulsionId() != null) {
                Expected e = all.get(c.presenceId() + "/" + c.expulsionId());
                e.countedDeparted += c.count();
                e.late += c.overdue() ? c.count() : 0;
                e.departures++;
            }
        }
        // Reciprocity: what each expulsion answers, then the reverse, ordered by the answering one's date.
        for (Expected x : all.values()) {
            String reversed = x.declaredBy + "-" + x.against;
            if (x.answersId != null) {
                Expected target = all.get(reversed + "/" + x.answersId);
                x.answers = (target == null ? "null" : reversed) + "/" + x.answersId;
                if (target != null) {
                    target.answeredBy.add(x.key());
                }
            } else {
                Expected best = null;
                for (Expected y : all.values()) {
                    long days = ChronoUnit.DAYS.between(y.effective, x.effective);
                    if (y.presence.equals(reversed)
                            && days >= 1
                            && days <= WINDOW
                            && (best == null
                                    || Comparator.comparing((Expected z) -> z.effective)
                                                    .thenComparing(z -> z.recorded)
                                                    .thenComparing(z -> z.id)
                                                    .compare(y, best)
                                            > 0)) {
                        best = y;
                    }
                }
                if (best != null) {
                    x.answers = best.key() + " inferred";
                    best.answeredBy.add(x.key() + " inferred");
                }
            }
        }
        Map<String, Expected> byKey = new LinkedHashMap<>(all);
        for (Expected e : all.values()) {
            e.answeredBy.sort(Comparator.comparing((String k) -> byKey.get(k.replace(" inferred", "")).effective)
                    .thenComparing(k -> k));
        }
        return all;
    }

    // ---------------------------------------------------------------- the commands

    @Provide
    Arbitrary<List<Function<Ctx, LedgerCommand>>> sequences() {
        Arbitrary<Boolean> direction = Arbitraries.of(true, false);
        Arbitrary<Integer> city = Arbitraries.frequency(Tuple.of(5, 0), Tuple.of(1, 1));
        Arbitrary<Integer> person = Arbitraries.integers().between(0, 5);
        Arbitrary<Integer> expulsion = Arbitraries.integers().between(0, 5);
        // Days whose differences are often 0, 1, 30 and 31: the edges of "earlier" and of the 30-day window.
        Arbitrary<Integer> day = Arbitraries.of(0, 1, 15, 30, 31, 45, 46, 61, 62, 76, 92);
        Arbitrary<StaffCategory> category =
                Arbitraries.of(StaffCategory.DIPLOMATIC, StaffCategory.SERVICE, StaffCategory.UNSPECIFIED);

        Arbitrary<Function<Ctx, LedgerCommand>> open = Combinators.combine(direction, city)
                .as((ab, c) -> ctx -> new OpenMission(
                        ctx.sending(ab),
                        ctx.receiving(ab),
                        MissionKind.EMBASSY,
                        CITIES.get(c),
                        null,
                        null,
                        BASE.minusYears(5),
                        SOURCE));
        Arbitrary<Function<Ctx, LedgerCommand>> accredit = Combinators.combine(direction, city, person, category)
                .as((ab, c, p, cat) -> ctx -> new AccreditDiplomat(
                        ctx.mission(ab, c), "p" + p, "Person " + p, null, cat, BASE.minusYears(1), SOURCE));
        Arbitrary<Function<Ctx, LedgerCommand>> expel = Combinators.combine(
                        direction,
                        person.list().ofMaxSize(2),
                        Arbitraries.integers().between(1, 5).injectNull(0.4),
                        city.injectNull(0.6),
                        expulsion,
                        expulsion.injectNull(0.6),
                        day,
                        Arbitraries.integers().between(0, 20))
                .as((ab, persons, count, c, id, answers, d, deadline) -> ctx -> new ExpelDiplomat(
                        ctx.sending(ab),
                        ctx.receiving(ab),
                        c == null ? null : ctx.mission(ab, c),
                        persons.stream().map(p -> "p" + p).toList(),
                        count,
                        count == null ? null : StaffCategory.DIPLOMATIC,
                        BASE.plusDays(d + deadline),
                        answers == null ? null : ctx.expulsion(answers),
                        ctx.expulsion(id),
                        "tit for tat",
                        BASE.plusDays(d),
                        SOURCE));
        Arbitrary<Function<Ctx, LedgerCommand>> departNamed = Combinators.combine(
                        direction, city, person, expulsion.injectNull(0.7), day)
                .as((ab, c, p, id, d) -> ctx -> new RecordDeparture(
                        ctx.mission(ab, c),
                        "p" + p,
                        null,
                        null,
                        id == null ? null : ctx.expulsion(id),
                        BASE.plusDays(d + 5),
                        SOURCE));
        Arbitrary<Function<Ctx, LedgerCommand>> departCounted = Combinators.combine(
                        direction, city, Arbitraries.integers().between(1, 4), category, expulsion.injectNull(0.2), day)
                .as((ab, c, n, cat, id, d) -> ctx -> new RecordDeparture(
                        ctx.mission(ab, c),
                        null,
                        n,
                        cat,
                        id == null ? null : ctx.expulsion(id),
                        BASE.plusDays(d + 5),
                        SOURCE));
        return Arbitraries.frequencyOf(
                        Tuple.of(1, open),
                        Tuple.of(2, accredit),
                        Tuple.of(8, expel),
                        Tuple.of(4, departNamed),
                        Tuple.of(6, departCounted))
                .list()
                .ofMinSize(10)
                .ofMaxSize(40);
    }
}
