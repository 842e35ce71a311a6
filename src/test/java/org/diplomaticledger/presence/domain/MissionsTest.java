package org.diplomaticledger.presence.domain;

import static org.diplomaticledger.presence.domain.PresenceTestData.*;
import static org.diplomaticledger.presence.domain.RuleViolationMatcher.violates;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.diplomaticledger.presence.api.*;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Opening, suspending, resuming and closing missions (VCDR Art. 2; VCCR Art. 4). */
class MissionsTest {

    private FixtureConfiguration<Presence> fixture;

    @BeforeEach
    void setUp() {
        fixture = PresenceTestData.fixture();
    }

    @Nested
    class OpenMissionCommand {

        @Test
        void opensTheFirstMissionOfAPresence() {
            fixture.givenNoPriorActivity()
                    .when(new OpenMission(
                            RU, US, MissionKind.EMBASSY, "Washington", null, "Embassy of Russia", ON, SOURCE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new MissionOpened(
                            PRESENCE,
                            EMBASSY,
                            RU,
                            US,
                            MissionKind.EMBASSY,
                            "Washington",
                            null,
                            "Embassy of Russia",
                            false,
                            ON,
                            SOURCE));
        }

        @Test
        void opensAFurtherMissionInAnExistingPresence() {
            fixture.given(embassyOpened())
                    .when(new OpenMission(RU, US, MissionKind.CONSULATE_GENERAL, "New York", null, null, ON, SOURCE))
                    .expectEvents(new MissionOpened(
                            PRESENCE,
                            CONSULATE,
                            RU,
                            US,
                            MissionKind.CONSULATE_GENERAL,
                            "New York",
                            null,
                            null,
                            false,
                            ON,
                            SOURCE));
        }

        @Test
        void opensAPermanentMissionToAnOrganisation() {
            fixture.givenNoPriorActivity()
                    .when(new OpenMission(RU, US, MissionKind.PERMANENT_MISSION, "New York", "UN", null, ON, SOURCE))
                    .expectEvents(new MissionOpened(
                            PRESENCE,
                            UN_MISSION,
                            RU,
                            US,
                            MissionKind.PERMANENT_MISSION,
                            "New York",
                            "UN",
                            null,
                            false,
                            ON,
                            SOURCE));
        }

        @Test
        void reopensAClosedMission() {
            fixture.given(embassyOpened(), closed(EMBASSY))
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
                            true,
                            ON,
                            SOURCE));
        }

        @Test
        void reopenedMissionAcceptsStaffAgain() {
            fixture.given(
                            embassyOpened(),
                            closed(EMBASSY),
                            new MissionOpened(
                                    PRESENCE,
                                    EMBASSY,
                                    RU,
                                    US,
                                    MissionKind.EMBASSY,
                                    "Washington",
                                    null,
                                    null,
                                    true,
                                    day(-1),
                                    SOURCE))
                    .when(new AccreditDiplomat(
                            EMBASSY, "ivan-petrov", "Ivan Petrov", null, StaffCategory.DIPLOMATIC, ON, SOURCE))
                    .expectEvents(new DiplomatAccredited(
                            PRESENCE,
                            EMBASSY,
                            "ivan-petrov",
                            "Ivan Petrov",
                            null,
                            StaffCategory.DIPLOMATIC,
                            ON,
                            SOURCE));
        }

        @Test
        void refusesAMissionOfAStateInItself() {
            fixture.givenNoPriorActivity()
                    .when(new OpenMission(US, US, MissionKind.EMBASSY, "Washington", null, null, ON, SOURCE))
                    .expectException(violates("same-state", "receivingState"))
                    .expectNoEvents();
        }

        @Test
        void refusesToOpenAnOpenMissionAgain() {
            fixture.given(embassyOpened())
                    .when(new OpenMission(RU, US, MissionKind.EMBASSY, "Washington", null, null, ON, SOURCE))
                    .expectException(violates("mission-already-open", "city"))
                    .expectNoEvents();
        }

        @Test
        void refusesToOpenASuspendedMissionAgain() {
            fixture.given(embassyOpened(), suspended(EMBASSY))
                    .when(new OpenMission(RU, US, MissionKind.EMBASSY, "Washington", null, null, ON, SOURCE))
                    .expectException(violates("mission-already-open"))
                    .expectNoEvents();
        }
    }

    @Nested
    class SuspendMissionCommand {

        @Test
        void suspendsAnOpenMission() {
            fixture.given(embassyOpened())
                    .when(new SuspendMission(EMBASSY, "security", ON, SOURCE))
                    .expectEvents(new MissionSuspended(PRESENCE, EMBASSY, "security", ON, SOURCE));
        }

        @Test
        void refusesAnUnknownMission() {
            fixture.given(embassyOpened())
                    .when(new SuspendMission(CONSULATE, null, ON, SOURCE))
                    .expectException(violates("unknown-mission", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesToSuspendASuspendedMission() {
            fixture.given(embassyOpened(), suspended(EMBASSY))
                    .when(new SuspendMission(EMBASSY, null, ON, SOURCE))
                    .expectException(violates("mission-not-open", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesToSuspendAClosedMission() {
            fixture.given(embassyOpened(), closed(EMBASSY))
                    .when(new SuspendMission(EMBASSY, null, ON, SOURCE))
                    .expectException(violates("mission-not-open", "missionId"))
                    .expectNoEvents();
        }
    }

    @Nested
    class ResumeMissionCommand {

        @Test
        void resumesASuspendedMission() {
            fixture.given(embassyOpened(), suspended(EMBASSY))
                    .when(new ResumeMission(EMBASSY, "security restored", ON, SOURCE))
                    .expectEvents(new MissionResumed(PRESENCE, EMBASSY, "security restored", ON, SOURCE));
        }

        @Test
        void resumedMissionAcceptsStaffAgain() {
            fixture.given(
                            embassyOpened(),
                            suspended(EMBASSY),
                            new MissionResumed(PRESENCE, EMBASSY, null, day(-1), SOURCE))
                    .when(new AccreditDiplomat(
                            EMBASSY, "ivan-petrov", "Ivan Petrov", null, StaffCategory.DIPLOMATIC, ON, SOURCE))
                    .expectEvents(new DiplomatAccredited(
                            PRESENCE,
                            EMBASSY,
                            "ivan-petrov",
                            "Ivan Petrov",
                            null,
                            StaffCategory.DIPLOMATIC,
                            ON,
                            SOURCE));
        }

        @Test
        void refusesToResumeAnOpenMission() {
            fixture.given(embassyOpened())
                    .when(new ResumeMission(EMBASSY, null, ON, SOURCE))
                    .expectException(violates("mission-not-suspended", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesToResumeAClosedMission() {
            fixture.given(embassyOpened(), closed(EMBASSY))
                    .when(new ResumeMission(EMBASSY, null, ON, SOURCE))
                    .expectException(violates("mission-not-suspended", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownMission() {
            fixture.given(embassyOpened())
                    .when(new ResumeMission(CONSULATE, null, ON, SOURCE))
                    .expectException(violates("unknown-mission"))
                    .expectNoEvents();
        }
    }

    @Nested
    class CloseMissionCommand {

        @Test
        void closesByWithdrawnConsentOfTheReceivingStateByDefault() {
            fixture.given(consulateOpened())
                    .when(new CloseMission(
                            CONSULATE, ClosureReason.CONSENT_WITHDRAWN, null, day(2), "72 hours to leave", ON, SOURCE))
                    .expectEvents(new MissionClosed(
                            PRESENCE,
                            CONSULATE,
                            ClosureReason.CONSENT_WITHDRAWN,
                            US,
                            day(2),
                            "72 hours to leave",
                            ON,
                            SOURCE));
        }

        @Test
        void closesByDecisionOfTheSendingStateByDefault() {
            fixture.given(consulateOpened())
                    .when(new CloseMission(
                            CONSULATE, ClosureReason.DECISION_OF_SENDING_STATE, null, null, null, ON, SOURCE))
                    .expectEvents(new MissionClosed(
                            PRESENCE, CONSULATE, ClosureReason.DECISION_OF_SENDING_STATE, RU, null, null, ON, SOURCE));
        }

        @Test
        void keepsTheNamedDecider() {
            fixture.given(consulateOpened())
                    .when(new CloseMission(CONSULATE, ClosureReason.CONSENT_WITHDRAWN, US, ON, null, ON, SOURCE))
                    .expectEvents(new MissionClosed(
                            PRESENCE, CONSULATE, ClosureReason.CONSENT_WITHDRAWN, US, ON, null, ON, SOURCE));
        }

        @Test
        void leavesTheDeciderOpenWhenRelationsAreSeveredAndNoneIsNamed() {
            fixture.given(embassyOpened())
                    .when(new CloseMission(EMBASSY, ClosureReason.RELATIONS_SEVERED, null, null, null, ON, SOURCE))
                    .expectEvents(new MissionClosed(
                            PRESENCE, EMBASSY, ClosureReason.RELATIONS_SEVERED, null, null, null, ON, SOURCE));
        }

        @Test
        void closesASuspendedMission() {
            fixture.given(embassyOpened(), suspended(EMBASSY))
                    .when(new CloseMission(
                            EMBASSY, ClosureReason.DECISION_OF_SENDING_STATE, null, null, null, ON, SOURCE))
                    .expectEvents(new MissionClosed(
                            PRESENCE, EMBASSY, ClosureReason.DECISION_OF_SENDING_STATE, RU, null, null, ON, SOURCE));
        }

        @Test
        void closedMissionAcceptsNoStaff() {
            fixture.given(consulateOpened(), closed(CONSULATE))
                    .when(new AccreditDiplomat(
                            CONSULATE, "ivan-petrov", "Ivan Petrov", null, StaffCategory.DIPLOMATIC, ON, SOURCE))
                    .expectException(violates("mission-not-open", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesToCloseAClosedMission() {
            fixture.given(consulateOpened(), closed(CONSULATE))
                    .when(new CloseMission(
                            CONSULATE, ClosureReason.DECISION_OF_SENDING_STATE, null, null, null, ON, SOURCE))
                    .expectException(violates("mission-already-closed", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesConsentWithdrawnByTheSendingState() {
            fixture.given(consulateOpened())
                    .when(new CloseMission(CONSULATE, ClosureReason.CONSENT_WITHDRAWN, RU, null, null, ON, SOURCE))
                    .expectException(violates("consent-withdrawn-by-receiving-state", "decidedBy"))
                    .expectNoEvents();
        }

        @Test
        void refusesADecisionOfTheSendingStateTakenByTheReceivingState() {
            fixture.given(consulateOpened())
                    .when(new CloseMission(
                            CONSULATE, ClosureReason.DECISION_OF_SENDING_STATE, US, null, null, ON, SOURCE))
                    .expectException(violates("decision-of-sending-state", "decidedBy"))
                    .expectNoEvents();
        }

        @Test
        void refusesADeadlineBeforeTheEffectiveDate() {
            fixture.given(consulateOpened())
                    .when(new CloseMission(CONSULATE, ClosureReason.CONSENT_WITHDRAWN, null, day(-1), null, ON, SOURCE))
                    .expectException(violates("deadline-before-effective-date", "deadline"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownMission() {
            fixture.given(embassyOpened())
                    .when(new CloseMission(CONSULATE, ClosureReason.OTHER, null, null, null, ON, SOURCE))
                    .expectException(violates("unknown-mission", "missionId"))
                    .expectNoEvents();
        }
    }

    /** A succession recorded already closes a mission of its predecessor that a write opened or resumed. */
    @Nested
    class CloseOnSuccessionCommand {

        private static final String NOTE = "ABSORPTION of RU into US on " + ON;

        @Test
        void closesAMissionOpenOnTheSuccessionsDay() {
            fixture.given(embassyOpened())
                    .when(new CloseOnSuccession(EMBASSY, ON, NOTE, SOURCE))
                    .expectEvents(new MissionClosed(
                            PRESENCE, EMBASSY, ClosureReason.STATE_SUCCESSION, null, null, NOTE, ON, SOURCE));
        }

        @Test
        void closesAMissionSuspendedOnTheSuccessionsDay() {
            fixture.given(embassyOpened(), suspended(EMBASSY))
                    .when(new CloseOnSuccession(EMBASSY, ON, NOTE, SOURCE))
                    .expectEvents(new MissionClosed(
                            PRESENCE, EMBASSY, ClosureReason.STATE_SUCCESSION, null, null, NOTE, ON, SOURCE));
        }

        @Test
        void leavesAMissionClosedByThenAsItIs() {
            fixture.given(consulateOpened(), closed(CONSULATE))
                    .when(new CloseOnSuccession(CONSULATE, ON, NOTE, SOURCE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void leavesAMissionNotYetOpenedOnTheDayAsItIs() {
            fixture.given(embassyOpened())
                    .when(new CloseOnSuccession(EMBASSY, day(-400), NOTE, SOURCE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void isRefusedAsAnyClosureThatARecordedFactContradicts() {
            fixture.given(embassyOpened(), accredited("ivan-petrov"))
                    .when(new CloseOnSuccession(EMBASSY, day(-200), NOTE, SOURCE))
                    .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                    .expectNoEvents();
        }
    }
}
