package org.diplomaticledger.presence.domain;

import static org.diplomaticledger.presence.domain.PresenceTestData.*;
import static org.diplomaticledger.presence.domain.RuleViolationMatcher.violates;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.diplomaticledger.presence.api.*;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staff ceilings, the headcount they are checked against, and persona non grata are judged where each fact's effective
 * date puts it in the presence's history (issue 20, item 1), not against the presence as it stands after the last
 * fact recorded. The embassy opened on day -365.
 */
class CeilingsInEffectiveTimeTest {

    private static final String ALPHA = "anna-alpha";
    private static final String BRAVO = "boris-bravo";
    private static final String CHARLIE = "clara-charlie";

    private FixtureConfiguration<Presence> fixture;

    @BeforeEach
    void setUp() {
        fixture = PresenceTestData.fixture();
    }

    private static DiplomatAccredited accreditedOn(String personId, int day) {
        return new DiplomatAccredited(
                PRESENCE, EMBASSY, personId, nameOf(personId), null, StaffCategory.DIPLOMATIC, day(day), SOURCE);
    }

    private static DiplomatDeparted departedOn(String personId, int day) {
        return new DiplomatDeparted(
                PRESENCE, EMBASSY, personId, StaffCategory.DIPLOMATIC, null, false, day(day), SOURCE);
    }

    private static StaffCeilingImposed ceilingOf(String ceilingId, int limit, int day) {
        return ceiling(ceilingId, null, null, limit, day(day));
    }

    private static StaffCeilingLifted liftedOn(String ceilingId, String missionId, int day) {
        return new StaffCeilingLifted(PRESENCE, ceilingId, missionId, null, null, day(day), SOURCE);
    }

    private static AccreditDiplomat accredit(String personId, int day) {
        return new AccreditDiplomat(
                EMBASSY, personId, nameOf(personId), null, StaffCategory.DIPLOMATIC, day(day), SOURCE);
    }

    private static LocalDate day(int offset) {
        return PresenceTestData.day(offset);
    }

    /** Two diplomats filled the ceiling of two from day -250 to day -50: nobody else could be accredited then. */
    @Test
    void refusesAnAccreditationOverTheCeilingOfItsDayThoughStaffLeftSince() {
        fixture.given(
                        embassyOpened(),
                        ceilingOf("c-2", 2, -300),
                        accreditedOn(ALPHA, -250),
                        accreditedOn(BRAVO, -250),
                        departedOn(ALPHA, -50),
                        departedOn(BRAVO, -50))
                .when(accredit(CHARLIE, -100))
                .expectException(violates("ceiling-exceeded", "missionId"))
                .expectExceptionMessage(allOf(containsString("on " + day(-100)), containsString("ceiling of 2")))
                .expectNoEvents();
    }

    /** The ceiling of two in force on day -100 refuses, though the ceiling of nine that replaced it has room today. */
    @Test
    void judgesByTheCeilingInForceOnItsDayNotByTodays() {
        fixture.given(
                        embassyOpened(),
                        ceilingOf("c-2", 2, -300),
                        accreditedOn(ALPHA, -250),
                        accreditedOn(BRAVO, -250),
                        ceilingOf("c-9", 9, -50))
                .when(accredit(CHARLIE, -100))
                .expectException(violates("ceiling-exceeded", "missionId"))
                .expectExceptionMessage(containsString("ceiling of 2 in force since " + day(-300)))
                .expectNoEvents();
    }

    /**
     * A count of two reported on day -50 fills the ceiling today, but on day -100 nobody was counted yet; the count,
     * a headcount reported for its day, still stands with one more named diplomat before it.
     */
    @Test
    void acceptsAnAccreditationWhoseDayHadRoomThoughTheCeilingIsFullToday() {
        fixture.given(
                        embassyOpened(),
                        ceilingOf("c-2", 2, -300),
                        new StaffCountReported(PRESENCE, null, StaffCategory.UNSPECIFIED, 2, day(-50), SOURCE))
                .when(accredit(CHARLIE, -100))
                .expectSuccessfulHandlerExecution()
                .expectEvents(accreditedOn(CHARLIE, -100));
    }

    /** Accepted alone on day -100, Charlie would bring Bravo's recorded accreditation of day -50 over the ceiling. */
    @Test
    void refusesAnAccreditationThatWouldPutARecordedOneOverTheCeiling() {
        fixture.given(embassyOpened(), ceilingOf("c-2", 2, -300), accreditedOn(ALPHA, -250), accreditedOn(BRAVO, -50))
                .when(accredit(CHARLIE, -100))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(
                        allOf(containsString("DiplomatAccredited of " + day(-50)), containsString("ceiling-exceeded")))
                .expectNoEvents();
    }

    /** A ceiling of one back-filled to day -300 would have refused the second of two accreditations recorded since. */
    @Test
    void refusesACeilingBackFilledBelowStaffAccreditedUnderIt() {
        fixture.given(embassyOpened(), accreditedOn(ALPHA, -250), accreditedOn(BRAVO, -250))
                .when(new ImposeStaffCeiling(RU, US, null, null, 1, null, "c-1", null, day(-300), SOURCE))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(allOf(
                        containsString("StaffCeilingImposed c-1"),
                        containsString("DiplomatAccredited of " + day(-250)),
                        containsString("ceiling-exceeded")))
                .expectNoEvents();
    }

    /**
     * Back-filled to day -280, a ceiling records the headcount of that day (nobody yet) and replaces nothing: the
     * ceiling imposed on day -50 was not in force then, and replaces it on its own day.
     */
    @Test
    void recordsTheHeadcountAndTheCeilingReplacedOnItsDay() {
        fixture.given(embassyOpened(), accreditedOn(ALPHA, -250), accreditedOn(BRAVO, -250), ceilingOf("c-5", 5, -50))
                .when(new ImposeStaffCeiling(RU, US, null, null, 9, null, "c-9", null, day(-280), SOURCE))
                .expectEvents(new StaffCeilingImposed(
                        PRESENCE, "c-9", US, null, null, 9, null, 0, 0, null, null, day(-280), SOURCE));
    }

    /** Replaced on day -50 by the ceiling of five, the ceiling of nine back-filled before it is not in force on day -10. */
    @Test
    void aCeilingRecordedForALaterDayReplacesOneBackFilledBeforeIt() {
        fixture.given(embassyOpened(), ceilingOf("c-5", 5, -50), ceilingOf("c-9", 9, -280))
                .when(new LiftStaffCeiling(RU, US, null, null, "c-9", null, day(-10), SOURCE))
                .expectException(violates("no-ceiling-in-force", "ceilingId"))
                .expectExceptionMessage(containsString("no longer in force on " + day(-10)))
                .expectNoEvents();
    }

    @Test
    void refusesLiftingACeilingBeforeItWasImposed() {
        fixture.given(embassyOpened(), ceilingOf("c-5", 5, -50))
                .when(new LiftStaffCeiling(RU, US, null, null, "c-5", null, day(-100), SOURCE))
                .expectException(violates("no-ceiling-in-force", "ceilingId"))
                .expectExceptionMessage(containsString("imposed only after " + day(-100)))
                .expectNoEvents();
    }

    /** Lifted on day -100, the ceiling could not be lifted again on day -50, as recorded. */
    @Test
    void refusesALiftingBackFilledBeforeARecordedOne() {
        fixture.given(embassyOpened(), ceilingOf("c-5", 5, -300), liftedOn("c-5", null, -50))
                .when(new LiftStaffCeiling(RU, US, null, null, "c-5", null, day(-100), SOURCE))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(allOf(
                        containsString("StaffCeilingLifted of " + day(-50)), containsString("no-ceiling-in-force")))
                .expectNoEvents();
    }

    /** A closure ends the mission's ceilings: back-filled to day -100, it leaves the lifting of day -50 nothing to lift. */
    @Test
    void refusesAClosureBackFilledBeforeALiftingOfItsMissionsCeiling() {
        fixture.given(embassyOpened(), ceiling("c-m", EMBASSY, null, 5, day(-300)), liftedOn("c-m", EMBASSY, -50))
                .when(new CloseMission(EMBASSY, ClosureReason.CONSENT_WITHDRAWN, US, null, null, day(-100), SOURCE))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(containsString("StaffCeilingLifted of " + day(-50)))
                .expectNoEvents();
    }

    /**
     * Persona non grata from the expulsion's day on: an expulsion back-filled into Alpha's first stint would make her
     * recorded return on day -100 one the receiving state could not accept (VCDR Art. 9).
     */
    @Test
    void refusesAnExpulsionBackFilledBeforeARecordedReturn() {
        fixture.given(embassyOpened(), accreditedOn(ALPHA, -300), departedOn(ALPHA, -200), accreditedOn(ALPHA, -100))
                .when(new ExpelDiplomat(
                        null,
                        null,
                        EMBASSY,
                        List.of(ALPHA),
                        null,
                        null,
                        day(-240),
                        null,
                        "exp-x",
                        null,
                        day(-250),
                        SOURCE))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(allOf(
                        containsString("DiplomatAccredited of " + day(-100)), containsString("persona-non-grata")))
                .expectNoEvents();
    }

    /** Expelled on day -7, Alpha can no longer be accredited on a later day, under any mission of the presence. */
    @Test
    void refusesAnAccreditationAfterTheExpulsionOfThePerson() {
        fixture.given(
                        embassyOpened(),
                        consulateOpened(),
                        accreditedOn(ALPHA, -300),
                        expelled("exp-1", day(-5), ALPHA),
                        departedOn(ALPHA, -6))
                .when(new AccreditDiplomat(
                        CONSULATE, ALPHA, nameOf(ALPHA), null, StaffCategory.DIPLOMATIC, day(-1), SOURCE))
                .expectException(violates("persona-non-grata", "personId"))
                .expectExceptionMessage(containsString("exp-1"))
                .expectNoEvents();
    }
}
