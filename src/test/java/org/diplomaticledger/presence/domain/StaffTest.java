package org.diplomaticledger.presence.domain;

import static org.diplomaticledger.presence.domain.PresenceTestData.*;
import static org.diplomaticledger.presence.domain.RuleViolationMatcher.violates;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.diplomaticledger.presence.api.*;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Named staff accredited and departed (VCDR Arts. 7, 10), and counted staff as sources report them. */
class StaffTest {

    private static final String PETROV = "ivan-petrov";
    private static final String SMIRNOVA = "olga-smirnova";

    private FixtureConfiguration<Presence> fixture;

    @BeforeEach
    void setUp() {
        fixture = PresenceTestData.fixture();
    }

    private static AccreditDiplomat accredit(String missionId, String personId, StaffCategory category) {
        return new AccreditDiplomat(missionId, personId, nameOf(personId), "First Secretary", category, ON, SOURCE);
    }

    @Nested
    class AccreditDiplomatCommand {

        @Test
        void accreditsANamedDiplomat() {
            fixture.given(embassyOpened())
                    .when(accredit(EMBASSY, PETROV, StaffCategory.DIPLOMATIC))
                    .expectEvents(new DiplomatAccredited(
                            PRESENCE,
                            EMBASSY,
                            PETROV,
                            "Ivan Petrov",
                            "First Secretary",
                            StaffCategory.DIPLOMATIC,
                            ON,
                            SOURCE));
        }

        @Test
        void derivesThePersonIdFromTheName() {
            fixture.given(embassyOpened())
                    .when(new AccreditDiplomat(EMBASSY, null, "Olga Smirnova", null, StaffCategory.SERVICE, ON, SOURCE))
                    .expectEvents(new DiplomatAccredited(
                            PRESENCE, EMBASSY, SMIRNOVA, "Olga Smirnova", null, StaffCategory.SERVICE, ON, SOURCE));
        }

        @Test
        void reaccreditsAPersonWhoDeparted() {
            fixture.given(embassyOpened(), consulateOpened(), accredited(PETROV), departed(PETROV))
                    .when(accredit(CONSULATE, PETROV, StaffCategory.DIPLOMATIC))
                    .expectEvents(new DiplomatAccredited(
                            PRESENCE,
                            CONSULATE,
                            PETROV,
                            "Ivan Petrov",
                            "First Secretary",
                            StaffCategory.DIPLOMATIC,
                            ON,
                            SOURCE));
        }

        @Test
        void refusesAnUnknownMission() {
            fixture.given(embassyOpened())
                    .when(accredit(CONSULATE, PETROV, StaffCategory.DIPLOMATIC))
                    .expectException(violates("unknown-mission", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAccreditationAtASuspendedMission() {
            fixture.given(embassyOpened(), suspended(EMBASSY))
                    .when(accredit(EMBASSY, PETROV, StaffCategory.DIPLOMATIC))
                    .expectException(violates("mission-not-open", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesANamedAccreditationWithoutCategory() {
            fixture.given(embassyOpened())
                    .when(accredit(EMBASSY, PETROV, StaffCategory.UNSPECIFIED))
                    .expectException(violates("category-required", "category"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPersonAlreadyAccredited() {
            fixture.given(embassyOpened(), consulateOpened(), accredited(PETROV))
                    .when(accredit(CONSULATE, PETROV, StaffCategory.DIPLOMATIC))
                    .expectException(violates("already-accredited", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPersonDeclaredPersonaNonGrata() {
            fixture.given(
                            embassyOpened(),
                            accredited(PETROV),
                            expelled("exp-1", day(-4), PETROV),
                            new DiplomatDeparted(
                                    PRESENCE,
                                    EMBASSY,
                                    PETROV,
                                    StaffCategory.DIPLOMATIC,
                                    "exp-1",
                                    false,
                                    day(-5),
                                    SOURCE))
                    .when(accredit(EMBASSY, PETROV, StaffCategory.DIPLOMATIC))
                    .expectException(violates("persona-non-grata", "personId"))
                    .expectNoEvents();
        }
    }

    @Nested
    class RecordDepartureCommand {

        @Test
        void recordsTheDepartureOfANamedPersonWithTheCategoryOfTheAccreditation() {
            fixture.given(embassyOpened(), accredited(EMBASSY, PETROV, StaffCategory.ADMINISTRATIVE_TECHNICAL))
                    .when(new RecordDeparture(EMBASSY, PETROV, null, null, null, ON, SOURCE))
                    .expectEvents(new DiplomatDeparted(
                            PRESENCE,
                            EMBASSY,
                            PETROV,
                            StaffCategory.ADMINISTRATIVE_TECHNICAL,
                            null,
                            false,
                            ON,
                            SOURCE));
        }

        @Test
        void recordsCountedDeparturesOfUnspecifiedCategory() {
            fixture.given(embassyOpened())
                    .when(new RecordDeparture(EMBASSY, null, 12, null, null, ON, SOURCE))
                    .expectEvents(new CountedStaffDeparted(
                            PRESENCE, EMBASSY, StaffCategory.UNSPECIFIED, 12, null, false, ON, SOURCE));
        }

        @Test
        void recordsCountedDeparturesOfACategory() {
            fixture.given(embassyOpened(), counted(EMBASSY, StaffCategory.SERVICE, 20))
                    .when(new RecordDeparture(EMBASSY, null, 5, StaffCategory.SERVICE, null, ON, SOURCE))
                    .expectEvents(new CountedStaffDeparted(
                            PRESENCE, EMBASSY, StaffCategory.SERVICE, 5, null, false, ON, SOURCE));
        }

        @Test
        void recordsADepartureFromASuspendedMission() {
            fixture.given(embassyOpened(), accredited(PETROV), suspended(EMBASSY))
                    .when(new RecordDeparture(EMBASSY, PETROV, null, null, null, ON, SOURCE))
                    .expectEvents(new DiplomatDeparted(
                            PRESENCE, EMBASSY, PETROV, StaffCategory.DIPLOMATIC, null, false, ON, SOURCE));
        }

        @Test
        void refusesAnUnknownMission() {
            fixture.given(embassyOpened(), accredited(PETROV))
                    .when(new RecordDeparture(CONSULATE, PETROV, null, null, null, ON, SOURCE))
                    .expectException(violates("unknown-mission", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPersonNeverAccredited() {
            fixture.given(embassyOpened())
                    .when(new RecordDeparture(EMBASSY, PETROV, null, null, null, ON, SOURCE))
                    .expectException(violates("not-accredited", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPersonAccreditedAtAnotherMission() {
            fixture.given(embassyOpened(), consulateOpened(), accredited(CONSULATE, PETROV, StaffCategory.DIPLOMATIC))
                    .when(new RecordDeparture(EMBASSY, PETROV, null, null, null, ON, SOURCE))
                    .expectException(violates("not-accredited", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesASecondDeparture() {
            fixture.given(embassyOpened(), accredited(PETROV), departed(PETROV))
                    .when(new RecordDeparture(EMBASSY, PETROV, null, null, null, ON, SOURCE))
                    .expectException(violates("already-departed", "personId"))
                    .expectNoEvents();
        }
    }

    @Nested
    class RecordStaffCountCommand {

        @Test
        void recordsAHeadcountOfTheWholePresenceBeforeAnyMissionIsKnown() {
            fixture.givenNoPriorActivity()
                    .when(new RecordStaffCount(RU, US, null, null, 455, ON, SOURCE))
                    .expectEvents(new StaffCountReported(PRESENCE, null, StaffCategory.UNSPECIFIED, 455, ON, SOURCE));
        }

        @Test
        void recordsAHeadcountOfOneMissionAndCategory() {
            fixture.given(embassyOpened())
                    .when(new RecordStaffCount(null, null, EMBASSY, StaffCategory.DIPLOMATIC, 40, ON, SOURCE))
                    .expectEvents(new StaffCountReported(PRESENCE, EMBASSY, StaffCategory.DIPLOMATIC, 40, ON, SOURCE));
        }

        @Test
        void refusesAnUnknownMission() {
            fixture.given(embassyOpened())
                    .when(new RecordStaffCount(null, null, CONSULATE, null, 10, ON, SOURCE))
                    .expectException(violates("unknown-mission", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPresenceOfAStateInItself() {
            fixture.givenNoPriorActivity()
                    .when(new RecordStaffCount(US, US, null, null, 10, ON, SOURCE))
                    .expectException(violates("same-state", "receivingState"))
                    .expectNoEvents();
        }
    }

    @Nested
    class RecordStaffChangeCommand {

        @Test
        void departuresFromAMissionComeOffThePresenceWideCountWhenTheMissionHasNoneOfItsOwn() {
            // 455 reported for the whole presence, then 35 counted departures from the embassy: 420 are left.
            fixture.given(
                            embassyOpened(),
                            counted(null, StaffCategory.UNSPECIFIED, 455),
                            new StaffCountChanged(
                                    PRESENCE, EMBASSY, StaffCategory.DIPLOMATIC, -35, null, day(-5), SOURCE))
                    .when(new ImposeStaffCeiling(RU, US, null, null, 420, null, "cap-420", null, ON, SOURCE))
                    .expectEvents(new StaffCeilingImposed(
                            PRESENCE, "cap-420", US, null, null, 420, null, 420, 0, null, null, ON, SOURCE));
        }

        @Test
        void aMissionsReportTakesItsStaffFromThePresenceWideCount() {
            // 455 reported for the whole presence, later 79 for the UN mission: the total stays 455.
            fixture.given(
                            unMissionOpened(),
                            counted(null, StaffCategory.UNSPECIFIED, 455),
                            counted(UN_MISSION, StaffCategory.DIPLOMATIC, 79))
                    .when(new ImposeStaffCeiling(RU, US, null, null, 400, null, "cap-400", null, ON, SOURCE))
                    .expectEvents(new StaffCeilingImposed(
                            PRESENCE, "cap-400", US, null, null, 400, null, 455, 55, null, null, ON, SOURCE));
        }

        @Test
        void departuresComeOffTheMissionsOwnCountFirst() {
            fixture.given(
                            embassyOpened(),
                            counted(null, StaffCategory.UNSPECIFIED, 100),
                            counted(EMBASSY, StaffCategory.DIPLOMATIC, 10),
                            new StaffCountChanged(
                                    PRESENCE, EMBASSY, StaffCategory.DIPLOMATIC, -4, null, day(-5), SOURCE))
                    .when(new ImposeStaffCeiling(
                            null, null, EMBASSY, StaffCategory.DIPLOMATIC, 5, null, "cap-embassy", null, ON, SOURCE))
                    .expectEvents(new StaffCeilingImposed(
                            PRESENCE,
                            "cap-embassy",
                            US,
                            EMBASSY,
                            StaffCategory.DIPLOMATIC,
                            5,
                            null,
                            6,
                            1,
                            null,
                            null,
                            ON,
                            SOURCE));
        }

        @Test
        void recordsCountedArrivalsInAPresenceNotYetKnown() {
            fixture.givenNoPriorActivity()
                    .when(new RecordStaffChange(RU, US, null, null, 10, "new staff allowed in", ON, SOURCE))
                    .expectEvents(new StaffCountChanged(
                            PRESENCE, null, StaffCategory.UNSPECIFIED, 10, "new staff allowed in", ON, SOURCE));
        }

        @Test
        void recordsCountedDeparturesOfAMission() {
            fixture.given(embassyOpened())
                    .when(new RecordStaffChange(null, null, EMBASSY, StaffCategory.SERVICE, -3, null, ON, SOURCE))
                    .expectEvents(
                            new StaffCountChanged(PRESENCE, EMBASSY, StaffCategory.SERVICE, -3, null, ON, SOURCE));
        }

        @Test
        void refusesAnUnknownMission() {
            fixture.given(embassyOpened())
                    .when(new RecordStaffChange(null, null, CONSULATE, null, 2, null, ON, SOURCE))
                    .expectException(violates("unknown-mission", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPresenceOfAStateInItself() {
            fixture.givenNoPriorActivity()
                    .when(new RecordStaffChange(RU, RU, null, null, 2, null, ON, SOURCE))
                    .expectException(violates("same-state"))
                    .expectNoEvents();
        }
    }
}
