package org.diplomaticledger.states.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.diplomaticledger.history.RevisionsInAFixture;
import org.diplomaticledger.history.api.CorrectEntry;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.history.api.RetractEntry;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.LedgerMetadata;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.states.api.RecordSuccession;
import org.diplomaticledger.states.api.RegisterState;
import org.diplomaticledger.states.api.SeedStates;
import org.diplomaticledger.states.api.StatePeriod;
import org.diplomaticledger.states.api.StateRegistered;
import org.diplomaticledger.states.api.StateSucceeded;
import org.diplomaticledger.states.api.StatesSeeded;
import org.diplomaticledger.states.api.SuccessionKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The register of states' rules, one test per rule. */
class StateRegisterTest {

    private static final Provenance SOURCE = Provenance.of("test");
    private static final LocalDate EARLIEST = LocalDate.of(1648, 1, 1);
    private static final StateRegistered PRUSSIA_LIKE = new StateRegistered(
            CountryCode.of("DE"),
            List.of("Germany"),
            List.of(new StatePeriod(LocalDate.of(1871, 1, 18), null)),
            List.of(),
            List.of("cow:255", "cow:GMY"),
            false,
            LocalDate.of(1871, 1, 18),
            SOURCE);
    private static final StatesSeeded SEEDED = new StatesSeeded("test", List.of(PRUSSIA_LIKE), EARLIEST, SOURCE);

    private AggregateTestFixture<StateRegister> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StateRegister.class);
        fixture.registerAnnotatedCommandHandler(new SuccessionRecorder(fixture.getRepository()));
    }

    private static RegisterState register(
            String code, List<StatePeriod> periods, List<String> predecessors, List<String> schemeCodes) {
        return new RegisterState(
                CountryCode.of(code),
                List.of("A state"),
                periods,
                predecessors.stream().map(CountryCode::of).toList(),
                schemeCodes,
                null,
                SOURCE);
    }

    private static final List<StatePeriod> BAVARIA = List.of(new StatePeriod(EARLIEST, LocalDate.of(1871, 1, 18)));

    @Test
    void theSeedCreatesTheRegisterInOneEvent() {
        fixture.givenNoPriorActivity()
                .when(new SeedStates("test", List.of(PRUSSIA_LIKE), EARLIEST, SOURCE))
                .expectEvents(SEEDED);
    }

    @Test
    void theRegisterIsSeededOnce() {
        fixture.given(SEEDED)
                .when(new SeedStates("again", List.of(PRUSSIA_LIKE), EARLIEST, SOURCE))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("the register of states holds its seed already (1 states); register further"
                        + " states with RegisterState");
    }

    @Test
    void aSchemeCodeIsKeptWithoutLeadingZerosSoThatItNamesOneState() {
        RegisterState command = register("XTUS", BAVARIA, List.of(), List.of("cow:0337", "gw:tus"));
        assertThat(command.schemeCodes()).containsExactly("cow:337", "gw:TUS");
        fixture.given(
                        SEEDED,
                        register("XBAV", BAVARIA, List.of(), List.of("cow:337")).registered())
                .when(command)
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aStateIsRegisteredWithItsFirstDayAsEffectiveDate() {
        RegisterState command = register("XBAV", BAVARIA, List.of(), List.of("cow:245"));
        assertThat(command.effectiveDate()).isEqualTo(EARLIEST);
        fixture.given(SEEDED).when(command).expectEvents(command.registered());
    }

    @Test
    void aCodeIsRegisteredOnce() {
        fixture.given(SEEDED, register("XBAV", BAVARIA, List.of(), List.of()).registered())
                .when(register("XBAV", BAVARIA, List.of(), List.of()))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("XBAV is registered already")
                .expectNoEvents();
    }

    @Test
    void aRegisteredStateTakesALedgerCodeNotAnIsoOne() {
        fixture.given(SEEDED)
                .when(register("AT", BAVARIA, List.of(), List.of()))
                .expectException(InvalidValueException.class)
                .expectNoEvents();
    }

    @Test
    void aPredecessorMustBeInTheRegister() {
        fixture.given(SEEDED)
                .when(register(
                        "XNGC",
                        List.of(new StatePeriod(LocalDate.of(1867, 7, 1), LocalDate.of(1871, 1, 18))),
                        List.of("XPRU"),
                        List.of()))
                .expectException(InvalidValueException.class)
                .expectExceptionMessage("unknown state 'XPRU': not in the register (register it first)")
                .expectNoEvents();
    }

    @Test
    void aSchemeCodeNamesOneState() {
        fixture.given(SEEDED)
                .when(register(
                        "XPRU",
                        List.of(new StatePeriod(EARLIEST, LocalDate.of(1871, 1, 18))),
                        List.of(),
                        List.of("cow:255")))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("cow:255 already names DE; a scheme code names one state")
                .expectNoEvents();
    }

    @Test
    void periodsAreInOrderAndDoNotOverlap() {
        fixture.given(SEEDED)
                .when(register(
                        "XHAN",
                        List.of(
                                new StatePeriod(LocalDate.of(1814, 10, 12), LocalDate.of(1866, 9, 20)),
                                new StatePeriod(LocalDate.of(1860, 1, 1), null)),
                        List.of(),
                        List.of()))
                .expectException(InvalidValueException.class)
                .expectNoEvents();
        fixture.given(SEEDED)
                .when(register(
                        "XHAN",
                        List.of(new StatePeriod(LocalDate.of(1866, 9, 20), LocalDate.of(1814, 10, 12))),
                        List.of(),
                        List.of()))
                .expectException(InvalidValueException.class)
                .expectNoEvents();
    }

    /** RecordSuccession, judged on the seed's periods of these states (as in states.csv). */
    @Nested
    class RecordingASuccession {

        private static StateRegistered state(String code, String name, String from, String until) {
            return new StateRegistered(
                    CountryCode.of(code),
                    List.of(name),
                    List.of(new StatePeriod(LocalDate.parse(from), until == null ? null : LocalDate.parse(until))),
                    List.of(),
                    List.of(),
                    false,
                    LocalDate.parse(from),
                    SOURCE);
        }

        private static final StatesSeeded STATES = new StatesSeeded(
                "test",
                List.of(
                        state("SU", "Union of Soviet Socialist Republics", "1922-12-30", "1991-12-26"),
                        state("RU", "Russia", "1991-12-25", null),
                        state("DD", "German Democratic Republic", "1949-10-05", "1990-10-03"),
                        new StateRegistered(
                                CountryCode.of("DE"),
                                List.of("Germany"),
                                List.of(
                                        new StatePeriod(LocalDate.of(1871, 1, 18), LocalDate.of(1945, 5, 8)),
                                        new StatePeriod(LocalDate.of(1949, 9, 21), null)),
                                List.of(),
                                List.of(),
                                false,
                                LocalDate.of(1871, 1, 18),
                                SOURCE),
                        state("CSHH", "Czechoslovakia", "1918-11-11", "1993-01-01"),
                        state("CZ", "Czechia", "1993-01-01", null),
                        state("SK", "Slovakia", "1993-01-01", null),
                        state("HV", "Upper Volta", "1960-08-05", "1984-08-04"),
                        state("BF", "Burkina Faso", "1960-08-05", null)),
                EARLIEST,
                SOURCE);

        private static RecordSuccession succession(
                SuccessionKind kind, String predecessor, String date, String... successors) {
            return new RecordSuccession(
                    kind,
                    CountryCode.of(predecessor),
                    java.util.Arrays.stream(successors).map(CountryCode::of).toList(),
                    LocalDate.parse(date),
                    Provenance.of("a source"));
        }

        private static final RecordSuccession RUSSIA =
                succession(SuccessionKind.CONTINUATION, "SU", "1991-12-25", "RU");
        private static final RecordSuccession UNIFICATION =
                succession(SuccessionKind.ABSORPTION, "DD", "1990-10-03", "DE");
        private static final RecordSuccession VELVET_DIVORCE =
                succession(SuccessionKind.DISSOLUTION, "CSHH", "1993-01-01", "CZ", "SK");

        @Test
        void recordsEachKindOnTheDayThePredecessorsExistenceEnds() {
            // the USSR's last day is the day of the continuation; the GDR's and Czechoslovakia's the day before
            fixture.given(STATES)
                    .when(RUSSIA)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new StateSucceeded(
                            SuccessionKind.CONTINUATION,
                            CountryCode.of("SU"),
                            List.of(CountryCode.of("RU")),
                            LocalDate.of(1991, 12, 25),
                            Provenance.of("a source")));
            fixture.given(STATES).when(UNIFICATION).expectEvents(UNIFICATION.succeeded());
            fixture.given(STATES).when(VELVET_DIVORCE).expectEvents(VELVET_DIVORCE.succeeded());
        }

        @Test
        void aContinuationOrAnAbsorptionHasOneSuccessorADissolutionTwoOrMore() {
            fixture.given(STATES)
                    .when(succession(SuccessionKind.CONTINUATION, "CSHH", "1993-01-01", "CZ", "SK"))
                    .expectException(InvalidValueException.class)
                    .expectExceptionMessage("a continuation has exactly one successor, not 2 (a state dissolved into"
                            + " several: DISSOLUTION)")
                    .expectNoEvents();
            fixture.given(STATES)
                    .when(succession(SuccessionKind.DISSOLUTION, "CSHH", "1993-01-01", "CZ"))
                    .expectException(InvalidValueException.class)
                    .expectExceptionMessage("a dissolution has two or more successors, not 1")
                    .expectNoEvents();
        }

        @Test
        void thePredecessorAndTheSuccessorsAreInTheRegisterEachNamedOnce() {
            fixture.given(STATES)
                    .when(succession(SuccessionKind.ABSORPTION, "XPRU", "1871-01-18", "DE"))
                    .expectException(InvalidValueException.class)
                    .expectExceptionMessage("unknown state 'XPRU': not in the register")
                    .expectNoEvents();
            fixture.given(STATES)
                    .when(succession(SuccessionKind.DISSOLUTION, "CSHH", "1993-01-01", "CZ", "XBOH"))
                    .expectException(InvalidValueException.class)
                    .expectNoEvents();
            fixture.given(STATES)
                    .when(succession(SuccessionKind.DISSOLUTION, "CSHH", "1993-01-01", "CZ", "CZ"))
                    .expectException(InvalidValueException.class)
                    .expectNoEvents();
        }

        @Test
        void thePredecessorsExistenceEndsOnThatDayOrTheDayBefore() {
            fixture.given(STATES)
                    .when(succession(SuccessionKind.ABSORPTION, "DD", "1995-01-01", "DE"))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(
                            "DD existed from 1949-10-05 until 1990-10-03: a succession on 1995-01-01"
                                    + " needs its last day on 1995-01-01 or the day before (a period until 1995-01-01 or 1995-01-02)")
                    .expectNoEvents();
            // a state that still exists is not succeeded
            fixture.given(STATES)
                    .when(succession(SuccessionKind.CONTINUATION, "BF", "1984-08-04", "HV"))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void eachSuccessorExistsOnThatDay() {
            fixture.given(STATES)
                    .when(succession(SuccessionKind.DISSOLUTION, "SU", "1991-12-25", "RU", "CZ"))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("CZ did not exist on 1991-12-25; it existed from 1993-01-01 on")
                    .expectNoEvents();
        }

        @Test
        void anAbsorbingStateExistedAlready() {
            fixture.given(STATES)
                    .when(succession(SuccessionKind.ABSORPTION, "SU", "1991-12-25", "RU"))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(
                            "an absorption takes the predecessor into a state that existed already, and"
                                    + " RU did not exist on 1991-12-24; a new state following SU is a CONTINUATION or a DISSOLUTION")
                    .expectNoEvents();
        }

        @Test
        void aSuccessionIsRecordedOnce() {
            fixture.given(STATES, UNIFICATION.succeeded())
                    .when(succession(SuccessionKind.ABSORPTION, "DD", "1990-10-02", "DE"))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("the succession of DD at the end of its period 1949-10-05/1990-10-03 is"
                            + " recorded already")
                    .expectNoEvents();
        }

        /** A succession an ADMIN recorded can be retracted by an ADMIN; no other entry of the register can be. */
        @Nested
        class RetractingASuccession {

            private static final Map<String, Object> BY_ADMIN = Map.of(LedgerMetadata.SENT_BY_ADMIN, true);

            @BeforeEach
            void revisions() {
                RevisionsInAFixture.register(fixture, RegisterState.REGISTER_ID, RegisterRevisions.ROUTE);
            }

            private String idOf(Class<?> type) {
                return fixture.getEventStore()
                        .readEvents(RegisterState.REGISTER_ID)
                        .asStream()
                        .filter(event -> type.isInstance(event.getPayload()))
                        .findFirst()
                        .orElseThrow()
                        .getIdentifier();
            }

            private static RetractEntry retract(String eventId) {
                return new RetractEntry(eventId, "recorded in error", null, SOURCE);
            }

            @Test
            void anAdminRetractsASuccession() {
                var given = fixture.given(STATES, UNIFICATION.succeeded());
                String id = idOf(StateSucceeded.class);
                given.when(retract(id), BY_ADMIN)
                        .expectSuccessfulHandlerExecution()
                        .expectEvents(new EntryRetracted(
                                id, "StateSucceeded", "recorded in error", LocalDate.of(1990, 10, 3), SOURCE));
            }

            @Test
            void aRetractedSuccessionCanBeRecordedAgain() {
                var given = fixture.given(STATES, UNIFICATION.succeeded());
                given.andGiven(new EntryRetracted(
                                idOf(StateSucceeded.class),
                                "StateSucceeded",
                                "recorded in error",
                                LocalDate.of(1990, 10, 3),
                                SOURCE))
                        .when(UNIFICATION)
                        .expectEvents(UNIFICATION.succeeded());
            }

            @Test
            void aRetractedContinuationLetsItsSuccessorContinueAnother() {
                var given = fixture.given(
                        STATES,
                        succession(SuccessionKind.CONTINUATION, "HV", "1984-08-04", "BF")
                                .succeeded());
                given.andGiven(new EntryRetracted(
                                idOf(StateSucceeded.class),
                                "StateSucceeded",
                                "recorded in error",
                                LocalDate.of(1984, 8, 4),
                                SOURCE))
                        .when(succession(SuccessionKind.CONTINUATION, "DD", "1990-10-03", "BF"))
                        .expectSuccessfulHandlerExecution();
            }

            @Test
            void onlyAnAdminRetractsASuccession() {
                var given = fixture.given(STATES, UNIFICATION.succeeded());
                given.when(retract(idOf(StateSucceeded.class)))
                        .expectException(RuleViolation.class)
                        .expectExceptionMessage("the retraction of a succession is for ADMIN only, as its recording is")
                        .expectNoEvents();
            }

            @Test
            void noOtherEntryOfTheRegisterIsRetractedOrCorrected() {
                var given = fixture.given(STATES, UNIFICATION.succeeded());
                String seed = idOf(StatesSeeded.class);
                given.when(retract(seed), BY_ADMIN)
                        .expectException(RuleViolation.class)
                        .expectExceptionMessage(org.hamcrest.Matchers.containsString("whose entries are not"))
                        .expectNoEvents();
                var again = fixture.given(STATES, UNIFICATION.succeeded());
                again.when(
                                new CorrectEntry(
                                        idOf(StateSucceeded.class),
                                        Map.of("source", Map.of("text", "another source")),
                                        "a better source",
                                        null,
                                        SOURCE),
                                BY_ADMIN)
                        .expectException(RuleViolation.class)
                        .expectExceptionMessage(org.hamcrest.Matchers.containsString("whose entries are not"))
                        .expectNoEvents();
            }
        }

        @Test
        void aStateContinuesOnePredecessor() {
            fixture.given(
                            STATES,
                            succession(SuccessionKind.CONTINUATION, "HV", "1984-08-04", "BF")
                                    .succeeded())
                    .when(succession(SuccessionKind.CONTINUATION, "DD", "1990-10-03", "BF"))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("BF continues HV already; a state continues one predecessor")
                    .expectNoEvents();
        }
    }
}
