package org.diplomaticledger.presence.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomaticledger.presence.domain.PresenceTestData.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.diplomaticledger.presence.api.*;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.RuleViolation;

/**
 * For random valid lives of one embassy (openings, suspensions, resumptions, closures, reopenings and accreditations
 * on distinct days), recorded in date order and in a random order: date order accepts every fact, and whatever a
 * random order accepts, placed by effective date (as the projections place it), is a life that breaks no rule. So
 * the write side never accepts what the reads would show as a contradiction (a closure in 1941 of a mission opened in
 * 1990), and an order that accepts every fact records the same life as date order.
 */
class EffectiveTimePropertiesTest {

    /** One fact of the mission's life, on day {@code day} after 1900-01-01. */
    record Fact(String type, int day, int person) {
        LocalDate on() {
            return LocalDate.of(1900, 1, 1).plusDays(day);
        }

        LedgerCommand command() {
            return switch (type) {
                case "MissionOpened" ->
                    new OpenMission(RU, US, MissionKind.EMBASSY, "Washington", null, null, on(), SOURCE);
                case "MissionSuspended" -> new SuspendMission(EMBASSY, "property", on(), SOURCE);
                case "MissionResumed" -> new ResumeMission(EMBASSY, null, on(), SOURCE);
                case "MissionClosed" -> new CloseMission(EMBASSY, ClosureReason.OTHER, null, null, null, on(), SOURCE);
                default ->
                    new AccreditDiplomat(
                            EMBASSY,
                            "person-" + person,
                            "Person " + person,
                            null,
                            StaffCategory.DIPLOMATIC,
                            on(),
                            SOURCE);
            };
        }
    }

    @Provide
    Arbitrary<List<Fact>> lives() {
        return Arbitraries.integers()
                .between(0, Integer.MAX_VALUE)
                .list()
                .ofMinSize(2)
                .ofMaxSize(12)
                .map(draws -> {
                    List<Fact> life = new ArrayList<>();
                    int day = 0;
                    String status = null;
                    for (int i = 0; i < draws.size(); i++) {
                        int draw = draws.get(i);
                        day += 1 + draw % 3000;
                        String type = status == null || status.equals("MissionClosed")
                                ? "MissionOpened"
                                : status.equals("MissionSuspended")
                                        ? (draw % 2 == 0 ? "MissionResumed" : "MissionClosed")
                                        : switch (draw % 4) {
                                            case 0 -> "MissionSuspended";
                                            case 1 -> "MissionClosed";
                                            default -> "DiplomatAccredited";
                                        };
                        life.add(new Fact(type, day, i));
                        if (!type.equals("DiplomatAccredited")) {
                            status = type.equals("MissionResumed") || type.equals("MissionOpened") ? "open" : type;
                        }
                    }
                    return life;
                });
    }

    @Property(tries = 25)
    void whateverTheOrderOfRecordingTheAcceptedFactsFormAValidLife(
            @ForAll("lives") List<Fact> life, @ForAll long seed) {
        assertThat(record(life)).as("date order accepts a valid life").containsExactlyElementsOf(life);

        List<Fact> shuffled = new ArrayList<>(life);
        Collections.shuffle(shuffled, new Random(seed));
        List<Fact> accepted = record(shuffled);
        List<Fact> inEffectiveOrder = new ArrayList<>(accepted);
        inEffectiveOrder.sort(java.util.Comparator.comparingInt(Fact::day));
        assertThat(brokenRule(inEffectiveOrder))
                .as("accepted in the order %s, placed by date: %s", accepted, inEffectiveOrder)
                .isNull();
    }

    /**
     * The first fact that breaks a mission's life read in effective order, or null: this test's own account of the
     * rules (opened only when not open, suspended only when open, resumed only when suspended, closed only when open
     * or suspended, staff accredited only when open), not the ledger's.
     */
    private static Fact brokenRule(List<Fact> inEffectiveOrder) {
        String status = "never opened";
        for (Fact fact : inEffectiveOrder) {
            boolean fits = switch (fact.type()) {
                case "MissionOpened" -> status.equals("never opened") || status.equals("closed");
                case "MissionSuspended", "DiplomatAccredited" -> status.equals("open");
                case "MissionResumed" -> status.equals("suspended");
                default -> status.equals("open") || status.equals("suspended");
            };
            if (!fits) {
                return fact;
            }
            status = switch (fact.type()) {
                case "MissionOpened", "MissionResumed" -> "open";
                case "MissionSuspended" -> "suspended";
                case "MissionClosed" -> "closed";
                default -> status;
            };
        }
        return null;
    }

    /** One fact of a person's career at the embassy (open since before day 0), on day {@code day}. */
    record Move(String type, int day) {
        LocalDate on() {
            return LocalDate.of(1950, 1, 1).plusDays(day);
        }

        LedgerCommand command() {
            return switch (type) {
                case "DiplomatAccredited" ->
                    new AccreditDiplomat(
                            EMBASSY, "ivan-petrov", "Ivan Petrov", null, StaffCategory.DIPLOMATIC, on(), SOURCE);
                case "DiplomatDeparted" -> new RecordDeparture(EMBASSY, "ivan-petrov", null, null, null, on(), SOURCE);
                default ->
                    new ExpelDiplomat(
                            null,
                            null,
                            EMBASSY,
                            List.of("ivan-petrov"),
                            null,
                            null,
                            on().plusDays(30),
                            null,
                            "exp-" + day,
                            null,
                            on(),
                            SOURCE);
            };
        }
    }

    @Provide
    Arbitrary<List<Move>> careers() {
        return Arbitraries.integers()
                .between(0, Integer.MAX_VALUE)
                .list()
                .ofMinSize(1)
                .ofMaxSize(10)
                .map(draws -> {
                    List<Move> career = new ArrayList<>();
                    int day = 0;
                    String status = "off";
                    for (int draw : draws) {
                        if (status.equals("gone")) {
                            break; // expelled and departed: persona non grata, never accredited again
                        }
                        day += 1 + draw % 1000;
                        String type = status.equals("off")
                                ? "DiplomatAccredited"
                                : status.equals("on") && draw % 3 == 0 ? "DiplomatExpelled" : "DiplomatDeparted";
                        career.add(new Move(type, day));
                        status = switch (type) {
                            case "DiplomatAccredited" -> "on";
                            case "DiplomatExpelled" -> "expelled";
                            default -> status.equals("expelled") ? "gone" : "off";
                        };
                    }
                    return career;
                });
    }

    /** As for a mission's life: a person's accepted facts, placed by date, form a career that breaks no rule. */
    @Property(tries = 20)
    void whateverTheOrderOfRecordingTheAcceptedStaffFactsFormAValidCareer(
            @ForAll("careers") List<Move> career, @ForAll long seed) {
        MissionOpened opened = new MissionOpened(
                PRESENCE,
                EMBASSY,
                RU,
                US,
                MissionKind.EMBASSY,
                "Washington",
                null,
                null,
                false,
                LocalDate.of(1949, 1, 1),
                SOURCE);
        assertThat(recordMoves(opened, career))
                .as("date order accepts a valid career")
                .containsExactlyElementsOf(career);
        List<Move> shuffled = new ArrayList<>(career);
        Collections.shuffle(shuffled, new Random(seed));
        List<Move> accepted = recordMoves(opened, shuffled);
        List<Move> inEffectiveOrder = new ArrayList<>(accepted);
        inEffectiveOrder.sort(java.util.Comparator.comparingInt(Move::day));
        String status = "off";
        for (Move move : inEffectiveOrder) {
            boolean fits = switch (move.type()) {
                case "DiplomatAccredited" -> status.equals("off");
                case "DiplomatExpelled" -> status.equals("on");
                default -> !status.equals("off");
            };
            assertThat(fits)
                    .as("%s in %s, accepted in the order %s", move, inEffectiveOrder, accepted)
                    .isTrue();
            status = switch (move.type()) {
                case "DiplomatAccredited" -> "on";
                case "DiplomatExpelled" -> "expelled";
                default -> "off";
            };
        }
    }

    /** One step of a head of the embassy (open since before day 0): person 0, 1 or 2, on day {@code day}. */
    record Step(String type, int person, int day) {
        LocalDate on() {
            return LocalDate.of(1950, 1, 1).plusDays(day);
        }

        String personId() {
            return "head-" + person;
        }

        LedgerCommand command() {
            return switch (type) {
                case "AmbassadorAppointed" ->
                    new AppointAmbassador(EMBASSY, personId(), "Head " + person, null, on(), SOURCE);
                case "CredentialsPresented" ->
                    new PresentCredentials(
                            EMBASSY, personId(), null, CredentialsStep.PRESENTATION_TO_HEAD_OF_STATE, on(), SOURCE);
                case "AmbassadorRecalled" ->
                    new RecallAmbassador(EMBASSY, personId(), null, RecallKind.FOR_CONSULTATIONS, null, on(), SOURCE);
                case "AmbassadorReturned" -> new ReturnAmbassador(EMBASSY, personId(), null, on(), SOURCE);
                default -> new EndAmbassadorship(EMBASSY, personId(), null, null, on(), SOURCE);
            };
        }
    }

    /**
     * This test's own account of a tenure, not the ledger's: a person never appointed, appointed, in functions,
     * recalled (from functions, or before taking them up) or ended; whoever takes up functions ends the functions of
     * the head in them before. {@code fits} answers
     * whether a step may follow; {@code apply} what it leaves.
     */
    private static final class Tenures implements Oracle<Step> {
        final String[] state = {"never", "never", "never"};

        public boolean fits(Step step) {
            String now = state[step.person()];
            return switch (step.type()) {
                case "AmbassadorAppointed" -> now.equals("never") || now.equals("ended");
                case "CredentialsPresented" ->
                    now.equals("never") || now.equals("appointed") || now.equals("recalled from appointed");
                case "AmbassadorRecalled" -> now.equals("appointed") || now.equals("in");
                case "AmbassadorReturned" -> now.equals("recalled") || now.equals("recalled from appointed");
                default -> !now.equals("never") && !now.equals("ended");
            };
        }

        public void apply(Step step) {
            int person = step.person();
            switch (step.type()) {
                case "AmbassadorAppointed" -> state[person] = "appointed";
                case "CredentialsPresented" -> {
                    for (int other = 0; other < state.length; other++) {
                        if (other != person && (state[other].equals("in") || state[other].equals("recalled"))) {
                            state[other] = "ended"; // taken over: only the head in functions, recalled or not
                        }
                    }
                    state[person] = state[person].equals("recalled from appointed") ? "recalled" : "in";
                }
                case "AmbassadorRecalled" ->
                    state[person] = state[person].equals("in") ? "recalled" : "recalled from appointed";
                case "AmbassadorReturned" -> state[person] = state[person].equals("recalled") ? "in" : "appointed";
                default -> state[person] = "ended";
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> successions() {
        return Arbitraries.integers()
                .between(0, Integer.MAX_VALUE)
                .list()
                .ofMinSize(1)
                .ofMaxSize(12)
                .map(draws -> {
                    List<Step> steps = new ArrayList<>();
                    Tenures tenures = new Tenures();
                    int day = 0;
                    for (int draw : draws) {
                        int person = draw % 3;
                        boolean either = (draw / 3) % 2 == 0;
                        day += 1 + (draw / 6) % 500;
                        String type = switch (tenures.state[person]) {
                            case "never", "ended" -> "AmbassadorAppointed";
                            case "appointed" -> either ? "CredentialsPresented" : "AmbassadorshipEnded";
                            case "in" -> either ? "AmbassadorRecalled" : "AmbassadorshipEnded";
                            default -> "AmbassadorshipEnded";
                        };
                        if (tenures.state[person].equals("recalled") && either) {
                            type = "AmbassadorReturned";
                        }
                        Step step = new Step(type, person, day);
                        steps.add(step);
                        tenures.apply(step);
                    }
                    return steps;
                });
    }

    /** As for a mission's life: the heads' accepted steps, placed by date, form a succession that breaks no rule. */
    @Property(tries = 25)
    void whateverTheOrderOfRecordingTheAcceptedStepsOfHeadsFormAValidSuccession(
            @ForAll("successions") List<Step> succession, @ForAll long seed) {
        everyOrderKeepsTheRules(succession, seed, Step::command, Step::day, Tenures::new);
    }

    /**
     * One staff or ceiling fact of the presence (its embassy open since before day 0), on day {@code day}: person
     * {@code id} accredited or departed, ceiling {@code id} (of {@code limit} on the whole presence) imposed or lifted.
     */
    record StaffStep(String type, int id, int limit, int day) {
        LocalDate on() {
            return LocalDate.of(1950, 1, 1).plusDays(day);
        }

        LedgerCommand command() {
            return switch (type) {
                case "DiplomatAccredited" ->
                    new AccreditDiplomat(
                            EMBASSY, "person-" + id, "Person " + id, null, StaffCategory.DIPLOMATIC, on(), SOURCE);
                case "DiplomatDeparted" -> new RecordDeparture(EMBASSY, "person-" + id, null, null, null, on(), SOURCE);
                case "StaffCeilingImposed" ->
                    new ImposeStaffCeiling(RU, US, null, null, limit, null, "ceiling-" + id, null, on(), SOURCE);
                default -> new LiftStaffCeiling(RU, US, null, null, "ceiling-" + id, null, on(), SOURCE);
            };
        }
    }

    /**
     * This test's own account of a presence's staff under ceilings, not the ledger's: each person serves once; an
     * accreditation fits when no ceiling is in force or the headcount stays within it; a new ceiling replaces the one
     * in force; only the ceiling in force may be lifted.
     */
    private static final class Staffing implements Oracle<StaffStep> {
        final java.util.Set<Integer> onStaff = new java.util.HashSet<>();
        final java.util.Set<Integer> served = new java.util.HashSet<>();
        Integer ceiling;
        int limit;

        public boolean fits(StaffStep step) {
            return switch (step.type()) {
                case "DiplomatAccredited" ->
                    !served.contains(step.id()) && (ceiling == null || onStaff.size() + 1 <= limit);
                case "DiplomatDeparted" -> onStaff.contains(step.id());
                case "StaffCeilingImposed" -> true;
                default -> ceiling != null && ceiling == step.id();
            };
        }

        public void apply(StaffStep step) {
            switch (step.type()) {
                case "DiplomatAccredited" -> {
                    onStaff.add(step.id());
                    served.add(step.id());
                }
                case "DiplomatDeparted" -> onStaff.remove(step.id());
                case "StaffCeilingImposed" -> {
                    ceiling = step.id();
                    limit = step.limit();
                }
                default -> ceiling = null;
            }
        }
    }

    @Provide
    Arbitrary<List<StaffStep>> staffings() {
        return Arbitraries.integers()
                .between(0, Integer.MAX_VALUE)
                .list()
                .ofMinSize(1)
                .ofMaxSize(14)
                .map(draws -> {
                    List<StaffStep> history = new ArrayList<>();
                    Staffing staffing = new Staffing();
                    int day = 0;
                    int persons = 0;
                    int ceilings = 0;
                    for (int draw : draws) {
                        day += 1 + draw % 700;
                        StaffStep step = switch (draw % 5) {
                            case 0 -> new StaffStep("StaffCeilingImposed", ceilings++, draw / 5 % 4, day);
                            case 1 ->
                                staffing.ceiling == null
                                        ? null
                                        : new StaffStep("StaffCeilingLifted", staffing.ceiling, 0, day);
                            case 2 ->
                                staffing.onStaff.isEmpty()
                                        ? null
                                        : new StaffStep(
                                                "DiplomatDeparted",
                                                staffing.onStaff.iterator().next(),
                                                0,
                                                day);
                            default -> new StaffStep("DiplomatAccredited", persons++, 0, day);
                        };
                        if (step != null && staffing.fits(step)) {
                            history.add(step);
                            staffing.apply(step);
                        }
                    }
                    return history;
                });
    }

    /**
     * As for a mission's life: a presence's accepted staff and ceiling facts, placed by date, never put the staff over
     * a ceiling in force on a day, nor lift a ceiling not in force then; date order accepts every valid history.
     */
    @Property(tries = 25)
    void whateverTheOrderOfRecordingTheAcceptedStaffAndCeilingsKeepEveryCeiling(
            @ForAll("staffings") List<StaffStep> history, @ForAll long seed) {
        everyOrderKeepsTheRules(history, seed, StaffStep::command, StaffStep::day, Staffing::new);
    }

    /** This test's own account of a record's rules: whether a fact may follow, and what it leaves. */
    interface Oracle<T> {
        boolean fits(T fact);

        void apply(T fact);
    }

    /**
     * The facts of a history at the embassy (open since 1949), recorded in date order, are all accepted; recorded in
     * the order {@code seed} shuffles them to, those accepted, placed by date, break none of the {@code oracle}'s rules.
     */
    private static <T> void everyOrderKeepsTheRules(
            List<T> history,
            long seed,
            Function<T, LedgerCommand> command,
            java.util.function.ToIntFunction<T> day,
            java.util.function.Supplier<Oracle<T>> oracle) {
        MissionOpened opened = new MissionOpened(
                PRESENCE,
                EMBASSY,
                RU,
                US,
                MissionKind.EMBASSY,
                "Washington",
                null,
                null,
                false,
                LocalDate.of(1949, 1, 1),
                SOURCE);
        assertThat(accepted(List.of(opened), history, command))
                .as("date order accepts a valid history")
                .containsExactlyElementsOf(history);
        List<T> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, new Random(seed));
        List<T> accepted = accepted(List.of(opened), shuffled, command);
        List<T> inEffectiveOrder = new ArrayList<>(accepted);
        inEffectiveOrder.sort(java.util.Comparator.comparingInt(day));
        Oracle<T> rules = oracle.get();
        for (T fact : inEffectiveOrder) {
            assertThat(rules.fits(fact))
                    .as("%s in %s, accepted in the order %s", fact, inEffectiveOrder, accepted)
                    .isTrue();
            rules.apply(fact);
        }
    }

    private static List<Fact> record(List<Fact> facts) {
        return accepted(List.of(), facts, Fact::command);
    }

    private static List<Move> recordMoves(MissionOpened opened, List<Move> moves) {
        return accepted(List.of(opened), moves, Move::command);
    }

    /**
     * Sends the facts one by one after the events {@code given}, each judged against the events accepted before it;
     * answers those accepted (a refusal by a rule, or a mission's fact before any mission is recorded, is skipped).
     */
    private static <T> List<T> accepted(List<Object> given, List<T> facts, Function<T, LedgerCommand> command) {
        List<Object> events = new ArrayList<>(given);
        List<T> accepted = new ArrayList<>();
        for (T fact : facts) {
            FixtureConfiguration<Presence> fixture = PresenceTestData.fixture();
            List<Object> before = List.copyOf(events);
            boolean[] refused = {false};
            fixture.registerCommandHandlerInterceptor((unitOfWork, chain) -> {
                try {
                    return chain.proceed();
                } catch (RuleViolation | AggregateNotFoundException refusal) {
                    refused[0] = true;
                    throw refusal;
                }
            });
            (before.isEmpty() ? fixture.givenNoPriorActivity() : fixture.given(before)).when(command.apply(fact));
            if (refused[0]) {
                continue;
            }
            fixture.getEventStore()
                    .readEvents(PRESENCE)
                    .asStream()
                    .skip(before.size())
                    .map(EventMessage::getPayload)
                    .forEach(events::add);
            accepted.add(fact);
        }
        return accepted;
    }
}
