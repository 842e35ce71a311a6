package org.diplomaticledger.states.domain;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.states.api.RegisterState;
import org.diplomaticledger.states.api.SeedStates;
import org.diplomaticledger.states.api.StatePeriod;
import org.diplomaticledger.states.api.StateRegistered;
import org.diplomaticledger.states.api.StatesSeeded;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The register of states' rules, one test per rule. */
class StateRegisterTest {

    private static final Provenance SOURCE = Provenance.of("test");
    private static final LocalDate EARLIEST = LocalDate.of(1648, 1, 1);
    private static final StateRegistered PRUSSIA_LIKE = new StateRegistered(CountryCode.of("DE"), List.of("Germany"),
            List.of(new StatePeriod(LocalDate.of(1871, 1, 18), null)), List.of(), List.of("cow:255", "cow:GMY"), false,
            LocalDate.of(1871, 1, 18), SOURCE);
    private static final StatesSeeded SEEDED = new StatesSeeded("test", List.of(PRUSSIA_LIKE), EARLIEST, SOURCE);

    private AggregateTestFixture<StateRegister> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StateRegister.class);
    }

    private static RegisterState register(String code, List<StatePeriod> periods, List<String> predecessors, List<String> schemeCodes) {
        return new RegisterState(CountryCode.of(code), List.of("A state"), periods,
                predecessors.stream().map(CountryCode::of).toList(), schemeCodes, null, SOURCE);
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
        fixture.given(SEEDED, register("XBAV", BAVARIA, List.of(), List.of("cow:337")).registered())
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
                .when(register("XNGC", List.of(new StatePeriod(LocalDate.of(1867, 7, 1), LocalDate.of(1871, 1, 18))),
                        List.of("XPRU"), List.of()))
                .expectException(InvalidValueException.class)
                .expectExceptionMessage("unknown state 'XPRU': not in the register (register it first)")
                .expectNoEvents();
    }

    @Test
    void aSchemeCodeNamesOneState() {
        fixture.given(SEEDED)
                .when(register("XPRU", List.of(new StatePeriod(EARLIEST, LocalDate.of(1871, 1, 18))), List.of(), List.of("cow:255")))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("cow:255 already names DE; a scheme code names one state")
                .expectNoEvents();
    }

    @Test
    void periodsAreInOrderAndDoNotOverlap() {
        fixture.given(SEEDED)
                .when(register("XHAN", List.of(new StatePeriod(LocalDate.of(1814, 10, 12), LocalDate.of(1866, 9, 20)),
                        new StatePeriod(LocalDate.of(1860, 1, 1), null)), List.of(), List.of()))
                .expectException(InvalidValueException.class)
                .expectNoEvents();
        fixture.given(SEEDED)
                .when(register("XHAN", List.of(new StatePeriod(LocalDate.of(1866, 9, 20), LocalDate.of(1814, 10, 12))),
                        List.of(), List.of()))
                .expectException(InvalidValueException.class)
                .expectNoEvents();
    }
}
