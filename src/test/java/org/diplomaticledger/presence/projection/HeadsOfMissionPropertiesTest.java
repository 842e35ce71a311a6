package org.diplomaticledger.presence.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.CurrentHead;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.MissionHeadsDetail;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.Post;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.RebuildStatus;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.support.LedgerApp;

/**
 * Random valid and invalid sequences of head-of-mission commands at one embassy go through the real ledger; the
 * projection's current head, tenures and vacancies must equal an independent fold of the events the ledger stored,
 * and a rebuild must equal the live projection. Named *Test so that surefire runs it with the whole suite.
 */
class HeadsOfMissionPropertiesTest {

    private static final Provenance SOURCE = new Provenance("property test", null);
    private static final LocalDate DAY = LocalDate.of(2010, 1, 1);
    private static final LocalDate ON = LocalDate.of(2030, 1, 1);
    private static final List<String> CODES =
            List.of("GL", "FO", "AX", "SJ", "BV", "HM", "TF", "IO", "PN", "NF", "CX", "CC");
    private static final List<String> CANDIDATES = List.of("Aino Virtanen", "Bjorn Olsen");
    private static final List<String> CHARGES = List.of("Dara Quinn", "Emil Berg", "Aino Virtanen");

    /** The embassy of one try: sending and receiving state and the mission id. */
    private record Embassy(CountryCode sending, CountryCode receiving, String city) {
        String missionId() {
            return PresenceIds.mission(sending, receiving, MissionKind.EMBASSY, city, null);
        }

        String presenceId() {
            return PresenceIds.presence(sending, receiving);
        }
    }

    @Property(tries = 20)
    void currentHeadTenuresAndVacanciesEqualAFoldOfTheStoredEvents(
            @ForAll("sequences") List<Function<String, List<LedgerCommand>>> steps) {
        LedgerApp app = LedgerApp.get();
        int n = LedgerApp.unique();
        String sending = CODES.get(n % CODES.size());
        String receiving = CODES.get((n + 1 + (n / CODES.size()) % (CODES.size() - 1)) % CODES.size());
        Embassy embassy = new Embassy(CountryCode.of(sending), CountryCode.of(receiving), "Heads " + n);
        app.send(new OpenMission(
                        embassy.sending(),
                        embassy.receiving(),
                        MissionKind.EMBASSY,
                        embassy.city(),
                        null,
                        null,
                        DAY,
                        SOURCE))
                .orElseThrow();
        // Sent in effective order, so that this fold checks the handler as written; folds of late facts are checked by
        // TimeTravelHttpTest and by the rebuild below.
        List<LedgerCommand> commands = new java.util.ArrayList<>();
        steps.forEach(step -> commands.addAll(step.apply(embassy.missionId())));
        LedgerApp.inEffectiveOrderOfCommands(commands).forEach(app::send);
        app.awaitProjection(HeadsOfMissionProjection.NAME);

        Expected expected = fold(embassy.missionId(), LedgerApp.inEffectiveOrder(app.events(embassy.presenceId())));
        ReadView view = app.bean(Reads.class).await(HeadsOfMissionProjection.NAME, ReadPosition.any());
        HeadsOfMissionQueries queries = app.bean(HeadsOfMissionQueries.class);
        MissionHeadsDetail actual =
                queries.mission(view, embassy.missionId(), ON).orElseThrow();

        Statistics.label("tenures").collect(expected.tenures.size());
        Statistics.label("vacancies").collect(expected.vacancies.size());
        Statistics.label("current")
                .collect(
                        expected.current() == null ? "none" : expected.current().status());
        Statistics.label("post").collect(expected.post());
        Statistics.label("reopened").collect(expected.reopened);
        assertThat(actual.mission().current()).isEqualTo(expected.current());
        assertThat(actual.mission().vacant()).isEqualTo(expected.vacant());
        assertThat(actual.mission().post()).isEqualTo(expected.post());
        assertThat(actual.mission().vacantSince()).isEqualTo(expected.openVacancySince());
        assertThat(actual.tenures().stream()
                        .map(t ->
                                new ExpectedTenure(t.personId(), t.appointedOn(), t.functionsStartedOn(), t.endedOn()))
                        .toList())
                .isEqualTo(expected.tenures.stream().map(TenureState::view).toList());
        assertThat(actual.vacancies().stream()
                        .map(v -> new ExpectedVacancy(v.from(), v.to(), v.afterPersonId(), v.nextPersonId(), v.days()))
                        .toList())
                .isEqualTo(expected.vacancies.stream().map(VacancyState::view).toList());

        // The list holds the mission under its own post state alone: vacant=true the vacant, vacant=false the headed
        // (a closed mission is neither), post=… the post's state; with no filter, always.
        assertThat(listed(queries, view, embassy, null, null)).containsExactly(actual.mission());
        for (Post post : Post.values()) {
            assertThat(listed(queries, view, embassy, null, post))
                    .as("post=" + post)
                    .isEqualTo(post == expected.post() ? List.of(actual.mission()) : List.of());
        }
        assertThat(listed(queries, view, embassy, true, null))
                .as("vacant=true")
                .isEqualTo(expected.post() == Post.VACANT ? List.of(actual.mission()) : List.of());
        assertThat(listed(queries, view, embassy, false, null))
                .as("vacant=false")
                .isEqualTo(expected.post() == Post.HEADED ? List.of(actual.mission()) : List.of());
    }

    private static List<HeadsOfMissionViews.MissionHeadView> listed(
            HeadsOfMissionQueries queries, ReadView view, Embassy embassy, Boolean vacant, Post post) {
        PageQuery paging = PageQuery.of(
                null,
                null,
                null,
                false,
                HeadsOfMissionQueries.MISSION_SORTABLE,
                HeadsOfMissionQueries.MISSION_DEFAULT_SORT);
        // by the mission (the index probes) and by its sending state with the receiving one (the slot's rows)
        List<HeadsOfMissionViews.MissionHeadView> byMission = queries.missions(
                        view,
                        new HeadsOfMissionQueries.MissionFilter(
                                null, null, null, embassy.missionId(), vacant, post, ON),
                        paging)
                .items();
        List<HeadsOfMissionViews.MissionHeadView> byStates = queries
                .missions(
                        view,
                        new HeadsOfMissionQueries.MissionFilter(
                                embassy.sending(), embassy.receiving(), null, null, vacant, post, ON),
                        paging)
                .items()
                .stream()
                .filter(m -> m.missionId().equals(embassy.missionId()))
                .toList();
        assertThat(byStates).as("by states, vacant=%s post=%s", vacant, post).isEqualTo(byMission);
        return byMission;
    }

    @AfterContainer
    static void aRebuildEqualsTheLiveProjection() {
        // The rebuild compares against the live slot as it stands when the live processor pauses: let it catch up
        // first.
        LedgerApp.get().awaitProjection(HeadsOfMissionProjection.NAME);
        RebuildStatus status = LedgerApp.get().rebuild(HeadsOfMissionProjection.NAME);
        assertThat(status.state()).isEqualTo(RebuildStatus.State.SWITCHED);
        assertThat(status.identical()).as(String.valueOf(status.tables())).isTrue();
    }

    // ---------------------------------------------------------------- the independent fold

    private record ExpectedTenure(
            String personId, LocalDate appointedOn, LocalDate functionsStartedOn, LocalDate endedOn) {}

    private record ExpectedVacancy(LocalDate from, LocalDate to, String after, String next, long days) {}

    private static final class TenureState {
        final String personId;
        LocalDate appointedOn;
        LocalDate functionsStartedOn;
        LocalDate endedOn;
        boolean over;
        RecallKind recall;
        String headClass;

        TenureState(String personId) {
            this.personId = personId;
        }

        ExpectedTenure view() {
            return new ExpectedTenure(personId, appointedOn, functionsStartedOn, endedOn);
        }
    }

    private static final class VacancyState {
        final LocalDate from;
        final String after;
        LocalDate to;
        String next;

        VacancyState(LocalDate from, String after) {
            this.from = from;
            this.after = after;
        }

        ExpectedVacancy view() {
            return new ExpectedVacancy(
                    from, to, after, next, java.time.temporal.ChronoUnit.DAYS.between(from, to == null ? ON : to));
        }
    }

    private static final class Expected {
        final List<TenureState> tenures = new ArrayList<>();
        final Map<String, TenureState> latest = new HashMap<>();
        final List<VacancyState> vacancies = new ArrayList<>();
        /** The last name any head-of-mission event gave each person. */
        final Map<String, String> names = new HashMap<>();

        TenureState head;
        String charge;
        String chargeName;
        LocalDate chargeSince;
        boolean closed;
        boolean reopened;

        TenureState tenure(String personId, String name) {
            if (name != null) {
                names.put(personId, name);
            }
            TenureState last = latest.get(personId);
            if (last == null || last.over) {
                last = new TenureState(personId);
                tenures.add(last);
                latest.put(personId, last);
            }
            return last;
        }

        VacancyState openVacancy() {
            return vacancies.isEmpty() || vacancies.get(vacancies.size() - 1).to != null
                    ? null
                    : vacancies.get(vacancies.size() - 1);
        }

        void functionsStart(String personId, String predecessor, LocalDate on) {
            TenureState tenure = latest.get(personId);
            tenure.functionsStartedOn = on;
            if (predecessor != null) {
                TenureState previous = latest.get(predecessor);
                previous.over = true;
                previous.endedOn = on;
            }
            head = tenure;
            charge = null;
            VacancyState open = openVacancy();
            if (open != null) {
                open.to = on;
                open.next = personId;
            }
        }

        CurrentHead current() {
            if (charge != null) {
                return new CurrentHead(charge, chargeName, "CHARGE_D_AFFAIRES_AD_INTERIM", chargeSince, "ACTING");
            }
            if (head == null) {
                return null;
            }
            return new CurrentHead(
                    head.personId,
                    names.get(head.personId),
                    head.headClass,
                    head.functionsStartedOn,
                    head.recall == null ? "IN_OFFICE" : "RECALLED_" + head.recall.name());
        }

        boolean vacant() {
            return head == null && !closed;
        }

        /** Closed whatever head it had (a closure ends no tenure), else headed while a head is in functions. */
        Post post() {
            return closed ? Post.CLOSED : head == null ? Post.VACANT : Post.HEADED;
        }

        LocalDate openVacancySince() {
            VacancyState open = openVacancy();
            return open == null ? null : open.from;
        }
    }

    private static Expected fold(String missionId, List<DomainEventMessage<?>> events) {
        Expected e = new Expected();
        for (DomainEventMessage<?> message : events) {
            Object event = message.getPayload();
            if (event instanceof MissionOpened o && o.missionId().equals(missionId)) {
                e.reopened |= e.closed;
                e.closed = false;
            } else if (event instanceof MissionClosed c && c.missionId().equals(missionId)) {
                e.closed = true;
                VacancyState open = e.openVacancy();
                if (open != null) {
                    open.to = c.effectiveDate();
                }
            } else if (event instanceof AgrementRequested r && r.missionId().equals(missionId)) {
                TenureState t = e.tenure(r.personId(), r.name());
                if (t.headClass == null) {
                    t.headClass = r.headClass().name();
                }
            } else if (event instanceof AgrementGranted g && g.missionId().equals(missionId)) {
                e.tenure(g.personId(), g.name());
            } else if (event instanceof AgrementRefused r && r.missionId().equals(missionId)) {
                e.tenure(r.personId(), r.name());
            } else if (event instanceof AmbassadorAppointed a && a.missionId().equals(missionId)) {
                TenureState t = e.tenure(a.personId(), a.name());
                t.appointedOn = a.effectiveDate();
                t.headClass = a.headClass().name();
            } else if (event instanceof CredentialsCopyPresented c
                    && c.missionId().equals(missionId)) {
                e.tenure(c.personId(), c.name());
                e.functionsStart(c.personId(), c.predecessorPersonId(), c.effectiveDate());
            } else if (event instanceof CredentialsPresented c && c.missionId().equals(missionId)) {
                e.tenure(c.personId(), c.name());
                if (c.functionsStartHere()) {
                    e.functionsStart(c.personId(), c.predecessorPersonId(), c.effectiveDate());
                }
            } else if (event instanceof AmbassadorRecalled r && r.missionId().equals(missionId)) {
                e.latest.get(r.personId()).recall = r.kind();
            } else if (event instanceof AmbassadorReturned r && r.missionId().equals(missionId)) {
                e.latest.get(r.personId()).recall = null;
                e.charge = null;
            } else if (event instanceof AmbassadorshipEnded end
                    && end.missionId().equals(missionId)) {
                TenureState t = e.latest.get(end.personId());
                t.over = true;
                t.endedOn = end.effectiveDate();
                if (e.head == t) {
                    e.head = null;
                    if (!e.closed) {
                        e.vacancies.add(new VacancyState(end.effectiveDate(), end.personId()));
                    }
                }
            } else if (event instanceof ChargeDAffairesAppointed c
                    && c.missionId().equals(missionId)) {
                e.charge = c.personId();
                e.chargeName = c.name();
                e.chargeSince = c.effectiveDate();
            }
        }
        return e;
    }

    // ---------------------------------------------------------------- random commands

    private static Arbitrary<Function<String, List<LedgerCommand>>> single(
            Arbitrary<Function<String, LedgerCommand>> command) {
        return command.map(f -> m -> List.of(f.apply(m)));
    }

    @Provide
    Arbitrary<List<Function<String, List<LedgerCommand>>>> sequences() {
        Arbitrary<LocalDate> days = Arbitraries.integers().between(0, 3000).map(DAY::plusDays);
        Arbitrary<String> candidates = Arbitraries.of(CANDIDATES);
        Arbitrary<String> ids = candidates.map(name -> PresenceIds.person(null, name));
        Arbitrary<Function<String, LedgerCommand>> request = Combinators.combine(
                        candidates, Arbitraries.of(HeadOfMissionClass.class).injectNull(0.5), days)
                .as((name, headClass, day) -> m -> new RequestAgrement(m, null, name, headClass, day, SOURCE));
        Arbitrary<Function<String, LedgerCommand>> grant =
                Combinators.combine(ids, days).as((id, day) -> m -> new GrantAgrement(m, id, null, day, SOURCE));
        Arbitrary<Function<String, LedgerCommand>> refuse = Combinators.combine(ids, days)
                .as((id, day) -> m -> new RefuseAgrement(m, id, null, "no reasons", day, SOURCE));
        Arbitrary<Function<String, LedgerCommand>> appoint = Combinators.combine(
                        candidates, Arbitraries.of(HeadOfMissionClass.class).injectNull(0.5), days)
                .as((name, headClass, day) -> m -> new AppointAmbassador(m, null, name, headClass, day, SOURCE));
        Arbitrary<Function<String, LedgerCommand>> credentials = Combinators.combine(
                        ids, Arbitraries.of(CredentialsStep.class), days)
                .as((id, step, day) -> m -> new PresentCredentials(m, id, null, step, day, SOURCE));
        Arbitrary<Function<String, LedgerCommand>> recall = Combinators.combine(
                        ids, Arbitraries.of(RecallKind.class), days)
                .as((id, kind, day) -> m -> new RecallAmbassador(m, id, null, kind, "consultations", day, SOURCE));
        Arbitrary<Function<String, LedgerCommand>> comeBack =
                Combinators.combine(ids, days).as((id, day) -> m -> new ReturnAmbassador(m, id, null, day, SOURCE));
        Arbitrary<Function<String, LedgerCommand>> end = Combinators.combine(ids, days)
                .as((id, day) -> m -> new EndAmbassadorship(m, id, null, "left", day, SOURCE));
        Arbitrary<Function<String, LedgerCommand>> charge = Combinators.combine(Arbitraries.of(CHARGES), days)
                .as((name, day) -> m -> new AppointChargeDAffaires(m, null, name, "Counsellor", day, SOURCE));
        Arbitrary<Function<String, LedgerCommand>> close =
                days.map(day -> m -> new CloseMission(m, ClosureReason.OTHER, null, null, null, day, SOURCE));
        // The mission reopened (refused unless closed before that day): the post is headed or vacant again.
        Arbitrary<Function<String, LedgerCommand>> reopen = days.map(day -> m -> new OpenMission(
                CountryCode.of(PresenceIds.sendingOf(m)),
                CountryCode.of(PresenceIds.receivingOf(m)),
                MissionKind.EMBASSY,
                m.substring(m.indexOf("-EMBASSY-") + "-EMBASSY-".length()),
                null,
                null,
                day,
                SOURCE));
        // A head arriving: appointment and the first credentials step together, so that sequences reach office often.
        Arbitrary<Function<String, List<LedgerCommand>>> arrive = Combinators.combine(
                        candidates, days, Arbitraries.of(CredentialsStep.class))
                .as((name, day, step) -> m -> List.of(
                        new AppointAmbassador(m, null, name, null, day, SOURCE),
                        new PresentCredentials(m, null, name, step, day.plusDays(20), SOURCE)));
        // A head away for consultations with a chargé acting, who may come back; a head leaving with a chargé stepping
        // in.
        Arbitrary<Function<String, List<LedgerCommand>>> absence = Combinators.combine(
                        ids, days, Arbitraries.of(true, false), Arbitraries.of(CHARGES))
                .as((id, day, back, chargeName) -> m -> back
                        ? List.of(
                                new RecallAmbassador(m, id, null, RecallKind.FOR_CONSULTATIONS, null, day, SOURCE),
                                new AppointChargeDAffaires(m, null, chargeName, null, day.plusDays(1), SOURCE),
                                new ReturnAmbassador(m, id, null, day.plusDays(30), SOURCE))
                        : List.of(
                                new RecallAmbassador(m, id, null, RecallKind.FOR_CONSULTATIONS, null, day, SOURCE),
                                new AppointChargeDAffaires(m, null, chargeName, null, day.plusDays(1), SOURCE)));
        Arbitrary<Function<String, List<LedgerCommand>>> leave = Combinators.combine(ids, days, Arbitraries.of(CHARGES))
                .as((id, day, chargeName) -> m -> List.of(
                        new EndAmbassadorship(m, id, null, "left", day, SOURCE),
                        new AppointChargeDAffaires(m, null, chargeName, null, day.plusDays(1), SOURCE)));
        return Arbitraries.frequencyOf(
                        Tuple.of(3, absence),
                        Tuple.of(3, leave),
                        Tuple.of(3, single(request)),
                        Tuple.of(3, single(grant)),
                        Tuple.of(1, single(refuse)),
                        Tuple.of(3, single(appoint)),
                        Tuple.of(4, single(credentials)),
                        Tuple.of(4, arrive),
                        Tuple.of(4, single(recall)),
                        Tuple.of(4, single(comeBack)),
                        Tuple.of(4, single(end)),
                        Tuple.of(4, single(charge)),
                        Tuple.of(1, single(close)),
                        Tuple.of(2, single(reopen)))
                .list()
                .ofMinSize(4)
                .ofMaxSize(24);
    }
}
