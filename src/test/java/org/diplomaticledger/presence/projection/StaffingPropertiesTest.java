package org.diplomaticledger.presence.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.diplomaticledger.presence.api.*;
import org.diplomaticledger.presence.projection.StaffingViews.*;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.RebuildStatus;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.support.LedgerApp;

/**
 * Random valid and invalid presence command sequences go through the real ledger on a presence of its own; the
 * staffing answers must equal an independent fold of the events the ledger stored (headcount by category per
 * mission and presence, named and counted, ceilings in force with room or excess, expelled still due and overdue,
 * the latest reports, and the trends at their end), and a rebuild must equal the live projection.
 */
class StaffingPropertiesTest {

    private static final Provenance SOURCE = new Provenance("property test", null);
    private static final LocalDate DAY = LocalDate.of(2025, 1, 1);
    private static final LocalDate ON = DAY.plusDays(45);
    private static final List<String> CODES = List.of(
            "AD", "AG", "BB", "BZ", "DM", "FJ", "GD", "KM", "KN", "LC", "MH", "FM", "MV", "SB", "SC", "SM", "ST", "SR",
            "VC", "VU", "CV", "GW", "LR", "MC", "LI", "NU", "CK", "PG");
    private static final List<String> NAMES = List.of("Ana Lima", "Ben Okoro", "Chen Wei", "Dara Noor");
    private static final List<StaffCategory> NAMED_CATEGORIES = List.of(
            StaffCategory.DIPLOMATIC,
            StaffCategory.ADMINISTRATIVE_TECHNICAL,
            StaffCategory.SERVICE,
            StaffCategory.LOCAL_HIRE);

    /** The presence a try works on and its two missions. */
    record Presence(CountryCode sending, CountryCode receiving, List<String> missions) {
        String id() {
            return sending.value() + "-" + receiving.value();
        }
    }

    @Property(tries = 20)
    void staffingEqualsAFoldOfTheStoredEvents(@ForAll("sequences") List<Function<Presence, LedgerCommand>> steps) {
        LedgerApp app = LedgerApp.get();
        Presence presence = freshPresence(app);
        app.send(new OpenMission(
                presence.sending(), presence.receiving(), MissionKind.EMBASSY, "Capital", null, null, DAY, SOURCE));
        app.send(new OpenMission(
                presence.sending(),
                presence.receiving(),
                MissionKind.CONSULATE_GENERAL,
                "Port",
                null,
                null,
                DAY,
                SOURCE));
        // Sent in effective order, so that this fold checks the handler as written; folds of late facts are checked by
        // TimeTravelHttpTest and by the rebuild below.
        List<LedgerCommand> commands = new ArrayList<>();
        for (Function<Presence, LedgerCommand> step : steps) {
            try {
                commands.add(step.apply(presence));
            } catch (RuntimeException invalidInput) {
                // a command the API would answer 400 to: nothing is written
            }
        }
        LedgerApp.inEffectiveOrderOfCommands(commands).forEach(app::send);
        app.awaitProjection(StaffingProjection.NAME);

        Fold expected = fold(LedgerApp.inEffectiveOrder(app.events(presence.id())));
        ReadView view = app.bean(Reads.class).await(StaffingProjection.NAME, ReadPosition.any());
        StaffingQueries queries = app.bean(StaffingQueries.class);
        StaffingTrends trends = app.bean(StaffingTrends.class);

        for (String missionId : presence.missions()) {
            MissionStaffingView mission =
                    queries.mission(view, missionId, ON).orElseThrow().mission();
            assertThat(mission.status()).as(missionId).isEqualTo(expected.status.get(missionId));
            assertThat(counts(mission.named())).as("named at " + missionId).isEqualTo(expected.named(missionId));
            assertThat(counts(mission.counted()))
                    .as("counted at " + missionId)
                    .isEqualTo(expected.counted(missionId, false));
            assertThat(mission.headcount().total())
                    .as("headcount at " + missionId)
                    .isEqualTo(expected.total(missionId));
            assertThat(ceilings(mission.ceilings()))
                    .as("ceilings of " + missionId)
                    .isEqualTo(expected.ceilings(missionId));
            assertThat(List.of(mission.expelled().due(), mission.expelled().overdue()))
                    .as("expelled from " + missionId)
                    .isEqualTo(expected.expelled(missionId));
            assertThat(reported(mission.reported()))
                    .as("reported at " + missionId)
                    .isEqualTo(expected.reported.get(missionId));
        }
        PresenceStaffingView actual =
                queries.presence(view, presence.id(), ON).orElseThrow().presence();
        assertThat(counts(actual.named())).as("named").isEqualTo(expected.named(null));
        assertThat(counts(actual.counted())).as("counted").isEqualTo(expected.counted(null, false));
        assertThat(counts(actual.presenceWide())).as("presence-wide").isEqualTo(expected.counted(null, true));
        assertThat(actual.headcount().total()).as("presence headcount").isEqualTo(expected.total(null));
        assertThat(ceilings(actual.ceilings())).as("presence ceilings").isEqualTo(expected.ceilings(null));
        assertThat(List.of(actual.expelled().due(), actual.expelled().overdue()))
                .as("expelled")
                .isEqualTo(expected.expelled(null));
        assertThat(reported(actual.reported())).as("reported").isEqualTo(expected.reported.get(null));

        // every change summed by effective date ends at the headcount now
        List<HeadcountPoint> months =
                trends.headcountTrend(view, presence.id(), YearMonth.of(2024, 12), YearMonth.of(2025, 12));
        assertThat(months.get(0).headcount()).isZero();
        assertThat(months.get(months.size() - 1).headcount()).isEqualTo(expected.totalAt(LocalDate.of(2025, 12, 31)));
        List<OpenMissionsPoint> years =
                trends.openMissionsTrend(view, presence.sending(), presence.receiving(), 2025, 2025);
        assertThat(years).hasSize(1);
        assertThat(years.get(0).missionIds()).isEqualTo(expected.openAtYearEnd());
    }

    @AfterContainer
    static void aRebuildEqualsTheLiveProjection() {
        // the rebuild compares with the live slot as far as it got: let it reach the ledger's head first
        LedgerApp.get().awaitProjection(StaffingProjection.NAME);
        RebuildStatus status = LedgerApp.get().rebuild(StaffingProjection.NAME);
        assertThat(status.state()).isEqualTo(RebuildStatus.State.SWITCHED);
        assertThat(status.identical()).as(String.valueOf(status.tables())).isTrue();
        assertThat(status.tables().get("staffing_presence").rebuiltRows()).isGreaterThan(0);
    }

    /** A pair of states no earlier try, nor any other test, has written to. */
    private static Presence freshPresence(LedgerApp app) {
        while (true) {
            int k = LedgerApp.unique();
            String sending = CODES.get(k % CODES.size());
            String receiving = CODES.get((k + 1 + k / CODES.size()) % CODES.size());
            if (!sending.equals(receiving)
                    && app.events(sending + "-" + receiving).isEmpty()) {
                CountryCode s = CountryCode.of(sending);
                CountryCode r = CountryCode.of(receiving);
                return new Presence(
                        s,
                        r,
                        List.of(
                                PresenceIds.mission(s, r, MissionKind.EMBASSY, "Capital", null),
                                PresenceIds.mission(s, r, MissionKind.CONSULATE_GENERAL, "Port", null)));
            }
        }
    }

    // ---------------------------------------------------------------- the independent fold

    /** What the events say, folded by this test alone: buckets as mission → category → staff ("" for the presence). */
    static final class Fold {
        final Map<String, String> status = new TreeMap<>();
        final Map<String, String[]> persons =
                new LinkedHashMap<>(); // personId → mission, category, expulsionId, departed
        final Map<String, Map<StaffCategory, Integer>> unnamed = new TreeMap<>();
        final Map<String, Object[]> ceilings = new LinkedHashMap<>(); // ceilingId → mission, category, limit, inForce
        final Map<String, Object[]> expulsions = new LinkedHashMap<>(); // expulsionId → mission, deadline, countedDue
        final Map<String, List<String>> reported = new LinkedHashMap<>(); // mission or null → headcount, category, on
        final Map<String, List<Object[]>> statusChanges = new TreeMap<>(); // mission → (date, seq, status)

        int held(String scope, StaffCategory category) {
            return unnamed.getOrDefault(scope, Map.of()).getOrDefault(category, 0);
        }

        void hold(String scope, StaffCategory category, int staff) {
            unnamed.computeIfAbsent(scope, k -> new EnumMap<>(StaffCategory.class))
                    .put(category, staff);
        }

        /**
         * Whether a named person was expelled and their deadline passed before {@link #ON} with no departure recorded:
         * from the deadline on no longer a member of the mission (VCDR Art. 9), so no longer counted on that day.
         */
        boolean goneOn(String[] person) {
            return goneOn(person, ON);
        }

        boolean goneOn(String[] person, LocalDate day) {
            Object[] expulsion = person[2] == null ? null : expulsions.get(person[2]);
            return person[3] == null && expulsion != null && ((LocalDate) expulsion[1]).isBefore(day);
        }

        /** The presence's headcount on a later day than every event: named expelled past their deadline then left out. */
        int totalAt(LocalDate day) {
            int count = staff(null, null);
            for (String[] person : persons.values()) {
                if (goneOn(person, day)) {
                    count--;
                }
            }
            return count;
        }

        /** Staff counted on {@link #ON}: {@link #staff} less the named expelled past their deadline. */
        int staffOn(String mission, StaffCategory category) {
            int count = staff(mission, category);
            for (String[] person : persons.values()) {
                if (goneOn(person)
                        && (mission == null || mission.equals(person[0]))
                        && (category == null || category.name().equals(person[1]))) {
                    count--;
                }
            }
            return count;
        }

        /** Staff in a scope (mission or null for all) of a category (null for all). */
        int staff(String mission, StaffCategory category) {
            int count = 0;
            for (String[] person : persons.values()) {
                if (person[3] == null
                        && (mission == null || mission.equals(person[0]))
                        && (category == null || category.name().equals(person[1]))) {
                    count++;
                }
            }
            for (Map.Entry<String, Map<StaffCategory, Integer>> scope : unnamed.entrySet()) {
                if (mission == null || mission.equals(scope.getKey())) {
                    for (Map.Entry<StaffCategory, Integer> bucket :
                            scope.getValue().entrySet()) {
                        if (category == null || category == bucket.getKey()) {
                            count += bucket.getValue();
                        }
                    }
                }
            }
            return count;
        }

        void change(String mission, StaffCategory category, int change) {
            String scope = mission == null ? "" : mission;
            if (change > 0) {
                hold(scope, category, held(scope, category) + change);
                return;
            }
            // departures: own category, own unspecified, presence-wide category, presence-wide unspecified (each once)
            java.util.LinkedHashSet<List<Object>> order = new java.util.LinkedHashSet<>();
            order.add(List.of(scope, category));
            order.add(List.of(scope, StaffCategory.UNSPECIFIED));
            order.add(List.of("", category));
            order.add(List.of("", StaffCategory.UNSPECIFIED));
            int left = -change;
            for (List<Object> bucket : order) {
                String s = (String) bucket.get(0);
                StaffCategory c = (StaffCategory) bucket.get(1);
                int take = Math.min(left, held(s, c));
                hold(s, c, held(s, c) - take);
                left -= take;
            }
        }

        List<Integer> named(String mission) {
            List<Integer> counts = new ArrayList<>();
            int total = 0;
            for (StaffCategory category : StaffCategory.values()) {
                int n = 0;
                for (String[] person : persons.values()) {
                    if (person[3] == null
                            && !goneOn(person)
                            && category.name().equals(person[1])
                            && (mission == null || mission.equals(person[0]))) {
                        n++;
                    }
                }
                counts.add(n);
                total += n;
            }
            counts.add(0, total);
            return counts;
        }

        List<Integer> counted(String mission, boolean presenceWideOnly) {
            List<Integer> counts = new ArrayList<>();
            int total = 0;
            for (StaffCategory category : StaffCategory.values()) {
                int n = 0;
                for (Map.Entry<String, Map<StaffCategory, Integer>> scope : unnamed.entrySet()) {
                    boolean inScope = presenceWideOnly
                            ? scope.getKey().isEmpty()
                            : mission == null || mission.equals(scope.getKey());
                    if (inScope) {
                        n += scope.getValue().getOrDefault(category, 0);
                    }
                }
                counts.add(n);
                total += n;
            }
            counts.add(0, total);
            return counts;
        }

        int total(String mission) {
            return staffOn(mission, null);
        }

        /** Ceilings in force on the scope, as "id limit staff room|excess". */
        List<String> ceilings(String mission) {
            List<String> result = new ArrayList<>();
            for (Map.Entry<String, Object[]> entry : ceilings.entrySet()) {
                Object[] c = entry.getValue();
                if ((Boolean) c[3] && java.util.Objects.equals(c[0], mission)) {
                    int staff = staffOn(mission, (StaffCategory) c[1]);
                    int limit = (Integer) c[2];
                    result.add(entry.getKey() + " " + limit + " " + staff + " "
                            + (staff > limit ? "excess " + (staff - limit) : "room " + (limit - staff)));
                }
            }
            return result.stream().sorted().toList();
        }

        List<Integer> expelled(String mission) {
            int due = 0;
            int overdue = 0;
            for (String[] person : persons.values()) {
                if (person[2] != null && person[3] == null && (mission == null || mission.equals(person[0]))) {
                    due++;
                    if (((LocalDate) expulsions.get(person[2])[1]).isBefore(ON)) {
                        overdue++;
                    }
                }
            }
            for (Object[] expulsion : expulsions.values()) {
                if (mission == null || mission.equals(expulsion[0])) {
                    due += (Integer) expulsion[2];
                    if (((LocalDate) expulsion[1]).isBefore(ON)) {
                        overdue += (Integer) expulsion[2];
                    }
                }
            }
            return List.of(due, overdue);
        }

        /** Missions whose last status change by effective date (then recording order) is not CLOSED at 2025-12-31. */
        List<String> openAtYearEnd() {
            List<String> open = new ArrayList<>();
            statusChanges.forEach((mission, changes) -> {
                Object[] last = changes.stream()
                        .filter(c -> !((LocalDate) c[0]).isAfter(LocalDate.of(2025, 12, 31)))
                        .max(Comparator.comparing((Object[] c) -> (LocalDate) c[0])
                                .thenComparing(c -> (Long) c[1]))
                        .orElse(null);
                if (last != null && !"CLOSED".equals(last[2])) {
                    open.add(mission);
                }
            });
            return open;
        }
    }

    private static Fold fold(List<DomainEventMessage<?>> events) {
        Fold f = new Fold();
        for (DomainEventMessage<?> message : events) {
            Object event = message.getPayload();
            if (event instanceof MissionOpened e) {
                f.status.put(e.missionId(), "OPEN");
                statusChange(f, e.missionId(), e.effectiveDate(), message.getSequenceNumber(), "OPEN");
            } else if (event instanceof MissionSuspended e) {
                f.status.put(e.missionId(), "SUSPENDED");
                statusChange(f, e.missionId(), e.effectiveDate(), message.getSequenceNumber(), "SUSPENDED");
            } else if (event instanceof MissionResumed e) {
                f.status.put(e.missionId(), "OPEN");
                statusChange(f, e.missionId(), e.effectiveDate(), message.getSequenceNumber(), "OPEN");
            } else if (event instanceof MissionClosed e) {
                f.status.put(e.missionId(), "CLOSED");
                statusChange(f, e.missionId(), e.effectiveDate(), message.getSequenceNumber(), "CLOSED");
                f.ceilings.values().stream()
                        .filter(c -> e.missionId().equals(c[0]))
                        .forEach(c -> c[3] = false);
            } else if (event instanceof DiplomatAccredited e) {
                f.persons.put(
                        e.personId(), new String[] {e.missionId(), e.category().name(), null, null});
            } else if (event instanceof DiplomatDeparted e) {
                f.persons.get(e.personId())[3] = "departed";
            } else if (event instanceof StaffCountReported e) {
                String scope = e.missionId() == null ? "" : e.missionId();
                StaffCategory category = e.category();
                int others = (category == StaffCategory.UNSPECIFIED
                                ? f.staff(e.missionId(), null)
                                : f.staff(e.missionId(), category))
                        - f.held(scope, category);
                int before = f.held(scope, category);
                int after = Math.max(0, e.headcount() - others);
                f.hold(scope, category, after);
                if (e.missionId() != null && after > before) {
                    int remaining = after - before;
                    for (StaffCategory pool : category == StaffCategory.UNSPECIFIED
                            ? List.of(StaffCategory.UNSPECIFIED)
                            : List.of(category, StaffCategory.UNSPECIFIED)) {
                        int taken = Math.min(f.held("", pool), remaining);
                        f.hold("", pool, f.held("", pool) - taken);
                        remaining -= taken;
                    }
                }
                List<String> previous = f.reported.get(e.missionId());
                if (previous == null || !LocalDate.parse(previous.get(2)).isAfter(e.effectiveDate())) {
                    f.reported.put(
                            e.missionId(),
                            List.of(
                                    String.valueOf(e.headcount()),
                                    category.name(),
                                    e.effectiveDate().toString()));
                }
            } else if (event instanceof StaffCountChanged e) {
                f.change(e.missionId(), e.category(), e.change());
            } else if (event instanceof CountedStaffDeparted e) {
                f.change(e.missionId(), e.category(), -e.count());
                if (e.expulsionId() != null) {
                    Object[] expulsion = f.expulsions.get(e.expulsionId());
                    expulsion[2] = Math.max(0, (Integer) expulsion[2] - e.count());
                }
            } else if (event instanceof DiplomatExpelled e) {
                f.expulsions.put(
                        e.expulsionId(),
                        new Object[] {e.missionId(), e.departureDeadline(), e.count() == null ? 0 : e.count()});
                e.persons().forEach(p -> f.persons.get(p.personId())[2] = e.expulsionId());
            } else if (event instanceof StaffCeilingImposed e) {
                if (e.replacesCeilingId() != null) {
                    f.ceilings.get(e.replacesCeilingId())[3] = false;
                }
                f.ceilings.put(e.ceilingId(), new Object[] {e.missionId(), e.category(), e.limit(), true});
            } else if (event instanceof StaffCeilingLifted e) {
                f.ceilings.get(e.ceilingId())[3] = false;
            }
        }
        return f;
    }

    private static void statusChange(Fold f, String mission, LocalDate on, long seq, String status) {
        f.statusChanges.computeIfAbsent(mission, k -> new ArrayList<>()).add(new Object[] {on, seq, status});
    }

    private static List<Integer> counts(StaffCounts counts) {
        return List.of(
                counts.total(),
                counts.diplomatic(),
                counts.administrativeTechnical(),
                counts.service(),
                counts.localHire(),
                counts.unspecified());
    }

    private static List<String> ceilings(List<CeilingView> ceilings) {
        // a scope with nothing counted says so (headcount unknown); the fold's 0 for it is compared as such
        return ceilings.stream()
                .map(c -> c.headcountKnown()
                        ? c.ceilingId() + " " + c.limit() + " " + c.headcount() + " "
                                + (c.excess() != null ? "excess " + c.excess() : "room " + c.room())
                        : c.headcount() == null && c.room() == null && c.excess() == null
                                ? c.ceilingId() + " " + c.limit() + " 0 room " + c.limit()
                                : "unknown with figures " + c)
                .sorted()
                .toList();
    }

    private static List<String> reported(ReportedHeadcount reported) {
        return reported == null
                ? null
                : List.of(
                        String.valueOf(reported.headcount()),
                        reported.category(),
                        reported.on().toString());
    }

    // ---------------------------------------------------------------- random commands

    @Provide
    Arbitrary<List<Function<Presence, LedgerCommand>>> sequences() {
        Arbitrary<Integer> mission = Arbitraries.integers().between(0, 1);
        Arbitrary<Integer> maybeMission = mission.injectNull(0.4);
        Arbitrary<LocalDate> day = Arbitraries.integers().between(0, 90).map(DAY::plusDays);
        Arbitrary<StaffCategory> category = Arbitraries.of(StaffCategory.class);
        Arbitrary<StaffCategory> maybeCategory = category.injectNull(0.4);
        Arbitrary<String> name = Arbitraries.of(NAMES);
        Arbitrary<String> expulsionId = Arbitraries.of("x0", "x1", "x2");
        Arbitrary<String> ceilingId = Arbitraries.of("c0", "c1", "c2", "c3");

        Arbitrary<Function<Presence, LedgerCommand>> accredit = Combinators.combine(
                        mission, name, Arbitraries.of(NAMED_CATEGORIES), day)
                .as((m, n, c, d) -> p -> new AccreditDiplomat(p.missions().get(m), null, n, "Secretary", c, d, SOURCE));
        Arbitrary<Function<Presence, LedgerCommand>> departNamed = Combinators.combine(mission, name, day)
                .as((m, n, d) -> p -> new RecordDeparture(
                        p.missions().get(m), org.diplomaticledger.shared.Slugs.lower(n), null, null, null, d, SOURCE));
        Arbitrary<Function<Presence, LedgerCommand>> departCounted = Combinators.combine(
                        mission, Arbitraries.integers().between(1, 6), maybeCategory, expulsionId.injectNull(0.6), day)
                .as((m, n, c, x, d) -> p -> new RecordDeparture(p.missions().get(m), null, n, c, x, d, SOURCE));
        Arbitrary<Function<Presence, LedgerCommand>> count = Combinators.combine(
                        maybeMission, maybeCategory, Arbitraries.integers().between(0, 20), day)
                .as((m, c, n, d) -> p -> new RecordStaffCount(
                        p.sending(),
                        p.receiving(),
                        m == null ? null : p.missions().get(m),
                        c,
                        n,
                        d,
                        SOURCE));
        Arbitrary<Function<Presence, LedgerCommand>> change = Combinators.combine(
                        maybeMission,
                        maybeCategory,
                        Arbitraries.integers().between(-8, 8).filter(n -> n != 0),
                        day)
                .as((m, c, n, d) -> p -> new RecordStaffChange(
                        p.sending(),
                        p.receiving(),
                        m == null ? null : p.missions().get(m),
                        c,
                        n,
                        null,
                        d,
                        SOURCE));
        Arbitrary<Function<Presence, LedgerCommand>> expel = Combinators.combine(
                        maybeMission,
                        name.list().ofMaxSize(2),
                        Arbitraries.integers().between(1, 5).injectNull(0.4),
                        maybeCategory,
                        expulsionId,
                        day,
                        Arbitraries.integers().between(0, 30))
                .as((m, names, n, c, x, d, grace) -> p -> new ExpelDiplomat(
                        p.sending(),
                        p.receiving(),
                        m == null ? null : p.missions().get(m),
                        names.stream()
                                .map(org.diplomaticledger.shared.Slugs::lower)
                                .toList(),
                        names.isEmpty() && n == null ? 1 : n,
                        c,
                        d.plusDays(grace),
                        null,
                        x,
                        "espionage",
                        d,
                        SOURCE));
        Arbitrary<Function<Presence, LedgerCommand>> impose = Combinators.combine(
                        maybeMission, maybeCategory, Arbitraries.integers().between(0, 15), ceilingId, day)
                .as((m, c, limit, id, d) -> p -> new ImposeStaffCeiling(
                        p.sending(),
                        p.receiving(),
                        m == null ? null : p.missions().get(m),
                        c,
                        limit,
                        d.plusDays(30),
                        id,
                        null,
                        d,
                        SOURCE));
        Arbitrary<Function<Presence, LedgerCommand>> lift = Combinators.combine(
                        maybeMission, maybeCategory, ceilingId.injectNull(0.5), day)
                .as((m, c, id, d) -> p -> new LiftStaffCeiling(
                        p.sending(),
                        p.receiving(),
                        m == null ? null : p.missions().get(m),
                        c,
                        id,
                        null,
                        d,
                        SOURCE));
        Arbitrary<Function<Presence, LedgerCommand>> lifecycle = Combinators.combine(
                        mission, Arbitraries.integers().between(0, 3), day)
                .as((m, what, d) -> p -> switch (what) {
                    case 0 -> new SuspendMission(p.missions().get(m), null, d, SOURCE);
                    case 1 -> new ResumeMission(p.missions().get(m), null, d, SOURCE);
                    case 2 -> new CloseMission(p.missions().get(m), ClosureReason.OTHER, null, null, null, d, SOURCE);
                    default ->
                        new OpenMission(
                                p.sending(),
                                p.receiving(),
                                m == 0 ? MissionKind.EMBASSY : MissionKind.CONSULATE_GENERAL,
                                m == 0 ? "Capital" : "Port",
                                null,
                                null,
                                d,
                                SOURCE);
                });
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, accredit),
                        net.jqwik.api.Tuple.of(2, departNamed),
                        net.jqwik.api.Tuple.of(3, departCounted),
                        net.jqwik.api.Tuple.of(3, count),
                        net.jqwik.api.Tuple.of(3, change),
                        net.jqwik.api.Tuple.of(2, expel),
                        net.jqwik.api.Tuple.of(2, impose),
                        net.jqwik.api.Tuple.of(1, lift),
                        net.jqwik.api.Tuple.of(1, lifecycle))
                .list()
                .ofMinSize(10)
                .ofMaxSize(24);
    }
}
