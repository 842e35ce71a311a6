package org.diplomaticledger.presence.domain;

import static org.diplomaticledger.presence.domain.PresenceTestData.*;
import static org.diplomaticledger.presence.domain.RuleViolationMatcher.violates;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.diplomaticledger.presence.api.*;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Persona non grata and counted expulsions with a departure deadline (VCDR Art. 9), and the departures they cause. */
class ExpulsionsTest {

    private static final String PETROV = "ivan-petrov";
    private static final String SMIRNOVA = "olga-smirnova";
    /** The deadline the expulsions of these tests set: three days after {@link PresenceTestData#ON}. */
    private static final LocalDate DEADLINE = day(3);

    private FixtureConfiguration<Presence> fixture;

    @BeforeEach
    void setUp() {
        fixture = PresenceTestData.fixture();
    }

    private static ExpelDiplomat expelNamed(String expulsionId, List<String> personIds) {
        return new ExpelDiplomat(
                RU,
                US,
                null,
                personIds,
                null,
                null,
                DEADLINE,
                null,
                expulsionId,
                "activities incompatible with their status",
                ON,
                SOURCE);
    }

    private static ExpelDiplomat expelCounted(String expulsionId, int count) {
        return new ExpelDiplomat(null, null, EMBASSY, null, count, null, DEADLINE, null, expulsionId, null, ON, SOURCE);
    }

    @Nested
    class ExpelDiplomatCommand {

        @Test
        void expelsNamedStaffWithTheirMissionAndCategory() {
            fixture.given(
                            embassyOpened(),
                            consulateOpened(),
                            accredited(PETROV),
                            accredited(CONSULATE, SMIRNOVA, StaffCategory.ADMINISTRATIVE_TECHNICAL))
                    .when(expelNamed("exp-1", List.of(PETROV, SMIRNOVA)))
                    .expectEvents(new DiplomatExpelled(
                            PRESENCE,
                            "exp-1",
                            US,
                            RU,
                            null,
                            List.of(
                                    new ExpelledPerson(PETROV, "Ivan Petrov", EMBASSY, StaffCategory.DIPLOMATIC),
                                    new ExpelledPerson(
                                            SMIRNOVA,
                                            "Olga Smirnova",
                                            CONSULATE,
                                            StaffCategory.ADMINISTRATIVE_TECHNICAL)),
                            null,
                            null,
                            DEADLINE,
                            null,
                            "activities incompatible with their status",
                            ON,
                            SOURCE));
        }

        @Test
        void expelsCountedStaff() {
            fixture.given(embassyOpened(), counted(EMBASSY, StaffCategory.UNSPECIFIED, 100))
                    .when(expelCounted("exp-1", 35))
                    .expectEvents(new DiplomatExpelled(
                            PRESENCE,
                            "exp-1",
                            US,
                            RU,
                            EMBASSY,
                            List.of(),
                            35,
                            StaffCategory.UNSPECIFIED,
                            DEADLINE,
                            null,
                            null,
                            ON,
                            SOURCE));
        }

        @Test
        void expelsCountedStaffOfAPresenceNotYetKnown() {
            fixture.givenNoPriorActivity()
                    .when(new ExpelDiplomat(
                            RU,
                            US,
                            null,
                            null,
                            35,
                            StaffCategory.DIPLOMATIC,
                            DEADLINE,
                            null,
                            "exp-1",
                            null,
                            ON,
                            SOURCE))
                    .expectEvents(new DiplomatExpelled(
                            PRESENCE,
                            "exp-1",
                            US,
                            RU,
                            null,
                            List.of(),
                            35,
                            StaffCategory.DIPLOMATIC,
                            DEADLINE,
                            null,
                            null,
                            ON,
                            SOURCE));
        }

        @Test
        void expelsInAnswerToAnExpulsionInTheOtherDirection() {
            fixture.given(embassyOpened(), accredited(PETROV))
                    .when(new ExpelDiplomat(
                            RU,
                            US,
                            null,
                            List.of(PETROV),
                            null,
                            null,
                            DEADLINE,
                            "us-ru-exp-1",
                            "exp-1",
                            null,
                            ON,
                            SOURCE))
                    .expectEvents(new DiplomatExpelled(
                            PRESENCE,
                            "exp-1",
                            US,
                            RU,
                            null,
                            List.of(new ExpelledPerson(PETROV, "Ivan Petrov", EMBASSY, StaffCategory.DIPLOMATIC)),
                            null,
                            null,
                            DEADLINE,
                            "us-ru-exp-1",
                            null,
                            ON,
                            SOURCE));
        }

        @Test
        void acceptsADeadlineOnTheEffectiveDate() {
            fixture.given(embassyOpened())
                    .when(new ExpelDiplomat(null, null, EMBASSY, null, 5, null, ON, null, "exp-1", null, ON, SOURCE))
                    .expectEvents(new DiplomatExpelled(
                            PRESENCE,
                            "exp-1",
                            US,
                            RU,
                            EMBASSY,
                            List.of(),
                            5,
                            StaffCategory.UNSPECIFIED,
                            ON,
                            null,
                            null,
                            ON,
                            SOURCE));
        }

        @Test
        void refusesAnUnknownMission() {
            fixture.given(embassyOpened())
                    .when(new ExpelDiplomat(
                            null, null, CONSULATE, null, 5, null, DEADLINE, null, "exp-1", null, ON, SOURCE))
                    .expectException(violates("unknown-mission", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnExpulsionIdAlreadyRecorded() {
            fixture.given(embassyOpened(), expelledCounted("exp-1", DEADLINE, 10))
                    .when(expelCounted("exp-1", 5))
                    .expectException(violates("expulsion-already-recorded", "expulsionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesToAnswerAnExpulsionInTheSameDirection() {
            fixture.given(embassyOpened(), expelledCounted("exp-1", DEADLINE, 10))
                    .when(new ExpelDiplomat(
                            null, null, EMBASSY, null, 5, null, DEADLINE, "exp-1", "exp-2", null, ON, SOURCE))
                    .expectException(violates("answer-in-same-direction", "answersExpulsionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesADepartureDeadlineBeforeTheEffectiveDate() {
            fixture.given(embassyOpened())
                    .when(new ExpelDiplomat(
                            null, null, EMBASSY, null, 5, null, day(-1), null, "exp-1", null, ON, SOURCE))
                    .expectException(violates("deadline-before-effective-date", "departureDeadline"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPersonNotOnTheStaff() {
            fixture.given(embassyOpened(), accredited(PETROV))
                    .when(expelNamed("exp-1", List.of(PETROV, SMIRNOVA)))
                    .expectException(violates("not-accredited", "personIds[1]"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPersonWhoAlreadyDeparted() {
            fixture.given(embassyOpened(), accredited(PETROV), departed(PETROV))
                    .when(expelNamed("exp-1", List.of(PETROV)))
                    .expectException(violates("not-accredited", "personIds[0]"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPersonAccreditedAtAnotherMissionThanTheOneNamed() {
            fixture.given(embassyOpened(), consulateOpened(), accredited(CONSULATE, PETROV, StaffCategory.DIPLOMATIC))
                    .when(new ExpelDiplomat(
                            null,
                            null,
                            EMBASSY,
                            List.of(PETROV),
                            null,
                            null,
                            DEADLINE,
                            null,
                            "exp-1",
                            null,
                            ON,
                            SOURCE))
                    .expectException(violates("not-at-mission", "personIds[0]"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPersonAlreadyExpelled() {
            fixture.given(embassyOpened(), accredited(PETROV), expelled("exp-1", DEADLINE, PETROV))
                    .when(expelNamed("exp-2", List.of(PETROV)))
                    .expectException(violates("already-expelled", "personIds[0]"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPersonNamedTwice() {
            fixture.given(embassyOpened(), accredited(PETROV))
                    .when(expelNamed("exp-1", List.of(PETROV, PETROV)))
                    .expectException(violates("named-twice", "personIds[1]"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPresenceOfAStateInItself() {
            fixture.givenNoPriorActivity()
                    .when(new ExpelDiplomat(US, US, null, null, 5, null, DEADLINE, null, "exp-1", null, ON, SOURCE))
                    .expectException(violates("same-state"))
                    .expectNoEvents();
        }
    }

    @Nested
    class DeparturesUnderExpulsions {

        @Test
        void recordsANamedDepartureUnderTheExpulsionOfThePerson() {
            fixture.given(embassyOpened(), accredited(PETROV), expelled("exp-1", DEADLINE, PETROV))
                    .when(new RecordDeparture(EMBASSY, PETROV, null, null, null, day(2), SOURCE))
                    .expectEvents(new DiplomatDeparted(
                            PRESENCE, EMBASSY, PETROV, StaffCategory.DIPLOMATIC, "exp-1", false, day(2), SOURCE));
        }

        @Test
        void recordsANamedDepartureOnTheDeadlineAsInTime() {
            fixture.given(embassyOpened(), accredited(PETROV), expelled("exp-1", DEADLINE, PETROV))
                    .when(new RecordDeparture(EMBASSY, PETROV, null, null, "exp-1", DEADLINE, SOURCE))
                    .expectEvents(new DiplomatDeparted(
                            PRESENCE, EMBASSY, PETROV, StaffCategory.DIPLOMATIC, "exp-1", false, DEADLINE, SOURCE));
        }

        @Test
        void marksANamedDepartureAfterTheDeadlineOverdue() {
            fixture.given(embassyOpened(), accredited(PETROV), expelled("exp-1", DEADLINE, PETROV))
                    .when(new RecordDeparture(EMBASSY, PETROV, null, null, null, day(4), SOURCE))
                    .expectEvents(new DiplomatDeparted(
                            PRESENCE, EMBASSY, PETROV, StaffCategory.DIPLOMATIC, "exp-1", true, day(4), SOURCE));
        }

        @Test
        void recordsCountedDeparturesUnderACountedExpulsion() {
            fixture.given(
                            embassyOpened(),
                            counted(EMBASSY, StaffCategory.UNSPECIFIED, 100),
                            expelledCounted("exp-1", DEADLINE, 35))
                    .when(new RecordDeparture(EMBASSY, null, 35, null, "exp-1", DEADLINE, SOURCE))
                    .expectEvents(new CountedStaffDeparted(
                            PRESENCE, EMBASSY, StaffCategory.UNSPECIFIED, 35, "exp-1", false, DEADLINE, SOURCE));
        }

        @Test
        void marksCountedDeparturesAfterTheDeadlineOverdue() {
            fixture.given(embassyOpened(), expelledCounted("exp-1", DEADLINE, 35))
                    .when(new RecordDeparture(EMBASSY, null, 10, null, "exp-1", day(5), SOURCE))
                    .expectEvents(new CountedStaffDeparted(
                            PRESENCE, EMBASSY, StaffCategory.UNSPECIFIED, 10, "exp-1", true, day(5), SOURCE));
        }

        @Test
        void recordsCountedDeparturesUnderAnExpulsionWhoseStaffWereNeverCounted() {
            fixture.given(embassyOpened(), expelledCounted("exp-1", DEADLINE, 35))
                    .when(new RecordDeparture(EMBASSY, null, 35, null, "exp-1", day(1), SOURCE))
                    .expectEvents(new CountedStaffDeparted(
                            PRESENCE, EMBASSY, StaffCategory.UNSPECIFIED, 35, "exp-1", false, day(1), SOURCE));
        }

        @Test
        void refusesMoreCountedDeparturesThanExpelled() {
            fixture.given(embassyOpened(), expelledCounted("exp-1", DEADLINE, 35))
                    .when(new RecordDeparture(EMBASSY, null, 36, null, "exp-1", day(1), SOURCE))
                    .expectException(violates("more-than-expelled", "count"))
                    .expectNoEvents();
        }

        @Test
        void refusesMoreCountedDeparturesThanStillDue() {
            fixture.given(
                            embassyOpened(),
                            expelledCounted("exp-1", DEADLINE, 35),
                            new CountedStaffDeparted(
                                    PRESENCE, EMBASSY, StaffCategory.UNSPECIFIED, 30, "exp-1", false, day(1), SOURCE))
                    .when(new RecordDeparture(EMBASSY, null, 6, null, "exp-1", day(2), SOURCE))
                    .expectException(violates("more-than-expelled", "count"))
                    .expectNoEvents();
        }

        @Test
        void refusesANamedDepartureUnderAnExpulsionBeforeTheExpulsionTookEffect() {
            fixture.given(embassyOpened(), accredited(PETROV), expelled("exp-1", DEADLINE, PETROV))
                    .when(new RecordDeparture(EMBASSY, PETROV, null, null, null, day(-8), SOURCE))
                    .expectException(violates("departure-before-expulsion", "effectiveDate"))
                    .expectNoEvents();
        }

        @Test
        void refusesCountedDeparturesUnderAnExpulsionBeforeTheExpulsionTookEffect() {
            fixture.given(embassyOpened(), expelledCounted("exp-1", DEADLINE, 35))
                    .when(new RecordDeparture(EMBASSY, null, 5, null, "exp-1", day(-8), SOURCE))
                    .expectException(violates("departure-before-expulsion", "effectiveDate"))
                    .expectNoEvents();
        }

        @Test
        void recordsADepartureOnTheDayTheExpulsionTookEffect() {
            fixture.given(embassyOpened(), accredited(PETROV), expelled("exp-1", DEADLINE, PETROV))
                    .when(new RecordDeparture(EMBASSY, PETROV, null, null, "exp-1", day(-7), SOURCE))
                    .expectEvents(new DiplomatDeparted(
                            PRESENCE, EMBASSY, PETROV, StaffCategory.DIPLOMATIC, "exp-1", false, day(-7), SOURCE));
        }

        @Test
        void refusesAnUnknownExpulsion() {
            fixture.given(embassyOpened(), accredited(PETROV))
                    .when(new RecordDeparture(EMBASSY, PETROV, null, null, "exp-9", day(1), SOURCE))
                    .expectException(violates("unknown-expulsion", "expulsionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesANamedDepartureUnderAnExpulsionThatDidNotNameThePerson() {
            fixture.given(
                            embassyOpened(),
                            accredited(PETROV),
                            accredited(SMIRNOVA),
                            expelled("exp-1", DEADLINE, SMIRNOVA))
                    .when(new RecordDeparture(EMBASSY, PETROV, null, null, "exp-1", day(1), SOURCE))
                    .expectException(violates("not-expelled-by", "expulsionId"))
                    .expectNoEvents();
        }
    }
}
