package org.diplomaticledger.presence.domain;

import static org.diplomaticledger.presence.domain.PresenceTestData.*;
import static org.diplomaticledger.presence.domain.RuleViolationMatcher.violates;
import static org.hamcrest.Matchers.containsString;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.diplomaticledger.presence.api.*;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Legations and embassies (VCDR Arts. 14, 15): a legation raised to an embassy, an embassy lowered to a legation,
 * each on a day the mission was open; the mission keeps the id it was opened under.
 */
class MissionRanksTest {

    private FixtureConfiguration<Presence> fixture;

    @BeforeEach
    void setUp() {
        fixture = PresenceTestData.fixture();
    }

    @Nested
    class ChangeMissionRankCommand {

        @Test
        void raisesALegationToAnEmbassy() {
            fixture.given(legationOpened())
                    .when(new ChangeMissionRank(LEGATION, MissionKind.EMBASSY, ON, SOURCE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(raised(ON));
        }

        @Test
        void lowersAnEmbassyToALegation() {
            fixture.given(embassyOpened())
                    .when(new ChangeMissionRank(EMBASSY, MissionKind.LEGATION, ON, SOURCE))
                    .expectEvents(new MissionRankChanged(
                            PRESENCE, EMBASSY, MissionKind.EMBASSY, MissionKind.LEGATION, ON, SOURCE));
        }

        @Test
        void lowersARaisedLegationAgain() {
            fixture.given(legationOpened(), raised(day(-100)))
                    .when(new ChangeMissionRank(LEGATION, MissionKind.LEGATION, ON, SOURCE))
                    .expectEvents(new MissionRankChanged(
                            PRESENCE, LEGATION, MissionKind.EMBASSY, MissionKind.LEGATION, ON, SOURCE));
        }

        @Test
        void raisesASuspendedLegationWhichIsOpenInLaw() {
            fixture.given(legationOpened(), suspended(LEGATION))
                    .when(new ChangeMissionRank(LEGATION, MissionKind.EMBASSY, ON, SOURCE))
                    .expectEvents(raised(ON));
        }

        @Test
        void raisesAClosedLegationOnADayBeforeItClosed() {
            fixture.given(legationOpened(), closed(LEGATION))
                    .when(new ChangeMissionRank(LEGATION, MissionKind.EMBASSY, day(-100), SOURCE))
                    .expectEvents(raised(day(-100)));
        }

        @Test
        void refusesAKindOtherThanLegationOrEmbassy() {
            fixture.given(legationOpened())
                    .when(new ChangeMissionRank(LEGATION, MissionKind.CONSULATE_GENERAL, ON, SOURCE))
                    .expectException(violates("legation-or-embassy-only", "kind"))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissionThatIsNeitherLegationNorEmbassy() {
            fixture.given(consulateOpened())
                    .when(new ChangeMissionRank(CONSULATE, MissionKind.EMBASSY, ON, SOURCE))
                    .expectException(violates("legation-or-embassy-only", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesADayBeforeTheMissionOpened() {
            fixture.given(legationOpened())
                    .when(new ChangeMissionRank(LEGATION, MissionKind.EMBASSY, day(-400), SOURCE))
                    .expectException(violates("mission-not-open", "effectiveDate"))
                    .expectNoEvents();
        }

        @Test
        void refusesADayOnWhichTheMissionWasClosed() {
            fixture.given(legationOpened(), closed(LEGATION))
                    .when(new ChangeMissionRank(LEGATION, MissionKind.EMBASSY, ON, SOURCE))
                    .expectException(violates("mission-not-open", "effectiveDate"))
                    .expectNoEvents();
        }

        @Test
        void refusesTheKindTheMissionHadOnTheDayOfAnEarlierChange() {
            fixture.given(legationOpened(), raised(day(-10)))
                    .when(new ChangeMissionRank(LEGATION, MissionKind.LEGATION, day(-100), SOURCE))
                    .expectException(violates("same-rank", "kind"))
                    .expectNoEvents();
        }

        /** Raised on day -100, the legation would be an embassy already when the recorded raise of day -10 came. */
        @Test
        void refusesAnEarlierChangeThatWouldMakeARecordedOneChangeNothing() {
            fixture.given(legationOpened(), raised(day(-10)))
                    .when(new ChangeMissionRank(LEGATION, MissionKind.EMBASSY, day(-100), SOURCE))
                    .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                    .expectNoEvents();
        }

        /** Judged on its own day: in the mission's first life, which a later reopening as a legation does not touch. */
        @Test
        void acceptsAChangeDatedInAnEarlierLifeOfTheMission() {
            fixture.given(
                            legationOpened(),
                            new MissionClosed(
                                    PRESENCE, LEGATION, ClosureReason.OTHER, null, null, null, day(-200), SOURCE),
                            new MissionOpened(
                                    PRESENCE,
                                    LEGATION,
                                    RU,
                                    US,
                                    MissionKind.LEGATION,
                                    "Washington",
                                    null,
                                    null,
                                    true,
                                    day(-100),
                                    SOURCE))
                    .when(new ChangeMissionRank(LEGATION, MissionKind.EMBASSY, day(-300), SOURCE))
                    .expectEvents(new MissionRankChanged(
                            PRESENCE, LEGATION, MissionKind.LEGATION, MissionKind.EMBASSY, day(-300), SOURCE));
        }

        @Test
        void refusesTheRankTheMissionAlreadyHas() {
            fixture.given(legationOpened(), raised(day(-10)))
                    .when(new ChangeMissionRank(LEGATION, MissionKind.EMBASSY, ON, SOURCE))
                    .expectException(violates("same-rank", "kind"))
                    .expectNoEvents();
        }

        @Test
        void aReopenedMissionIsOfTheKindItIsOpenedAs() {
            fixture.given(
                            legationOpened(),
                            raised(day(-100)),
                            closed(LEGATION),
                            new MissionOpened(
                                    PRESENCE,
                                    LEGATION,
                                    RU,
                                    US,
                                    MissionKind.LEGATION,
                                    "Washington",
                                    null,
                                    null,
                                    true,
                                    day(-1),
                                    SOURCE))
                    .when(new ChangeMissionRank(LEGATION, MissionKind.LEGATION, ON, SOURCE))
                    .expectException(violates("same-rank", "kind"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownMission() {
            fixture.given(legationOpened())
                    .when(new ChangeMissionRank(EMBASSY, MissionKind.LEGATION, ON, SOURCE))
                    .expectException(violates("unknown-mission", "missionId"))
                    .expectNoEvents();
        }
    }

    @Nested
    class AMissionKeepsTheIdItWasOpenedUnder {

        @Test
        void theEmbassyIdOfARaisedLegationNamesTheLegation() {
            fixture.given(legationOpened(), raised(day(-10)))
                    .when(new AccreditDiplomat(
                            EMBASSY, "ivan-petrov", "Ivan Petrov", null, StaffCategory.DIPLOMATIC, ON, SOURCE))
                    .expectException(violates("unknown-mission", "missionId"))
                    .expectExceptionMessage(containsString(LEGATION + " is an embassy since " + day(-10)))
                    .expectNoEvents();
        }

        @Test
        void refusesToOpenAnEmbassyWhereTheRaisedLegationIsOpen() {
            fixture.given(legationOpened(), raised(day(-10)))
                    .when(new OpenMission(RU, US, MissionKind.EMBASSY, "Washington", null, null, ON, SOURCE))
                    .expectException(violates("mission-already-open", "city"))
                    .expectNoEvents();
        }

        @Test
        void opensAnotherEmbassyOnceTheRaisedLegationClosed() {
            fixture.given(legationOpened(), raised(day(-100)), closed(LEGATION))
                    .when(new OpenMission(RU, US, MissionKind.EMBASSY, "Washington", null, null, ON, SOURCE))
                    .expectEvents(new MissionOpened(
                            PRESENCE,
                            EMBASSY,
                            RU,
                            US,
                            MissionKind.EMBASSY,
                            "Washington",
                            null,
                            null,
                            false,
                            ON,
                            SOURCE));
        }

        @Test
        void staffAreAccreditedToTheRaisedLegationUnderItsId() {
            fixture.given(legationOpened(), raised(day(-10)))
                    .when(new AccreditDiplomat(
                            LEGATION, "ivan-petrov", "Ivan Petrov", null, StaffCategory.DIPLOMATIC, ON, SOURCE))
                    .expectEvents(new DiplomatAccredited(
                            PRESENCE,
                            LEGATION,
                            "ivan-petrov",
                            "Ivan Petrov",
                            null,
                            StaffCategory.DIPLOMATIC,
                            ON,
                            SOURCE));
        }
    }
}
