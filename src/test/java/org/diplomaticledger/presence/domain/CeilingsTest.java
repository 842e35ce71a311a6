package org.diplomaticledger.presence.domain;

import static org.diplomaticledger.presence.domain.PresenceTestData.*;
import static org.diplomaticledger.presence.domain.RuleViolationMatcher.violates;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.diplomaticledger.presence.api.*;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Staff ceilings the receiving state imposes on a presence or a mission, optionally per category (VCDR Art. 11). */
class CeilingsTest {

    private static final String PETROV = "ivan-petrov";
    private static final String SMIRNOVA = "olga-smirnova";
    private static final String REASON = "reciprocity";

    private FixtureConfiguration<Presence> fixture;

    @BeforeEach
    void setUp() {
        fixture = PresenceTestData.fixture();
    }

    private static ImposeStaffCeiling impose(String ceilingId, String missionId, StaffCategory category, int limit) {
        return new ImposeStaffCeiling(RU, US, missionId, category, limit, day(30), ceilingId, REASON, ON, SOURCE);
    }

    private static StaffCeilingImposed imposed(
            String ceilingId,
            String missionId,
            StaffCategory category,
            int limit,
            int headcount,
            int reductionOwed,
            String replaces) {
        return new StaffCeilingImposed(
                PRESENCE,
                ceilingId,
                US,
                missionId,
                category,
                limit,
                day(30),
                headcount,
                reductionOwed,
                replaces,
                REASON,
                ON,
                SOURCE);
    }

    private static AccreditDiplomat accredit(String missionId, String personId, StaffCategory category) {
        return new AccreditDiplomat(missionId, personId, nameOf(personId), null, category, ON, SOURCE);
    }

    private static DiplomatAccredited accreditedOn(String missionId, String personId, StaffCategory category) {
        return new DiplomatAccredited(PRESENCE, missionId, personId, nameOf(personId), null, category, ON, SOURCE);
    }

    @Nested
    class ImposeStaffCeilingCommand {

        @Test
        void imposesACeilingOnAPresenceNotYetKnown() {
            fixture.givenNoPriorActivity()
                    .when(impose("c-455", null, null, 455))
                    .expectEvents(imposed("c-455", null, null, 455, 0, 0, null));
        }

        @Test
        void recordsTheReductionOwedWhenTheCeilingIsBelowTheHeadcount() {
            fixture.given(embassyOpened(), accredited(PETROV), counted(EMBASSY, StaffCategory.UNSPECIFIED, 500))
                    .when(impose("c-455", null, null, 455))
                    .expectEvents(imposed("c-455", null, null, 455, 500, 45, null));
        }

        @Test
        void owesNoReductionWhenTheHeadcountIsWithinTheCeiling() {
            fixture.given(embassyOpened(), counted(EMBASSY, StaffCategory.UNSPECIFIED, 400))
                    .when(impose("c-455", null, null, 455))
                    .expectEvents(imposed("c-455", null, null, 455, 400, 0, null));
        }

        @Test
        void countsNamedAndCountedStaffOfEveryMissionTowardsAPresenceCeiling() {
            fixture.given(
                            embassyOpened(),
                            consulateOpened(),
                            accredited(PETROV),
                            counted(CONSULATE, StaffCategory.UNSPECIFIED, 10),
                            counted(null, StaffCategory.UNSPECIFIED, 20))
                    .when(impose("c-5", null, null, 5))
                    .expectEvents(imposed("c-5", null, null, 5, 20, 15, null));
        }

        @Test
        void countsOnlyTheMissionOfAMissionCeiling() {
            fixture.given(
                            embassyOpened(),
                            consulateOpened(),
                            accredited(PETROV),
                            counted(CONSULATE, StaffCategory.UNSPECIFIED, 10))
                    .when(new ImposeStaffCeiling(null, null, CONSULATE, null, 4, null, "c-4", null, ON, SOURCE))
                    .expectEvents(new StaffCeilingImposed(
                            PRESENCE, "c-4", US, CONSULATE, null, 4, null, 10, 6, null, null, ON, SOURCE));
        }

        @Test
        void countsOnlyTheCategoryOfACategoryCeiling() {
            fixture.given(
                            embassyOpened(),
                            accredited(PETROV),
                            accredited(EMBASSY, SMIRNOVA, StaffCategory.SERVICE),
                            counted(EMBASSY, StaffCategory.UNSPECIFIED, 30))
                    .when(impose("c-dip", null, StaffCategory.DIPLOMATIC, 0))
                    .expectEvents(imposed("c-dip", null, StaffCategory.DIPLOMATIC, 0, 1, 1, null));
        }

        @Test
        void replacesTheCeilingInForceForTheSameScope() {
            fixture.given(embassyOpened(), ceiling("c-500", null, null, 500, day(-100)))
                    .when(impose("c-455", null, null, 455))
                    .expectEvents(imposed("c-455", null, null, 455, 0, 0, "c-500"));
        }

        @Test
        void takesAnUnspecifiedCategoryForAllCategories() {
            fixture.given(embassyOpened(), ceiling("c-500", null, null, 500, day(-100)))
                    .when(impose("c-455", null, StaffCategory.UNSPECIFIED, 455))
                    .expectEvents(imposed("c-455", null, null, 455, 0, 0, "c-500"));
        }

        @Test
        void leavesTheCeilingOfAnotherScopeInForce() {
            fixture.given(embassyOpened(), ceiling("c-500", null, null, 500, day(-100)))
                    .when(impose("c-dip", null, StaffCategory.DIPLOMATIC, 100))
                    .expectEvents(imposed("c-dip", null, StaffCategory.DIPLOMATIC, 100, 0, 0, null));
        }

        @Test
        void refusesAnUnknownMission() {
            fixture.given(embassyOpened())
                    .when(impose("c-1", CONSULATE, null, 10))
                    .expectException(violates("unknown-mission", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesACeilingOnAClosedMission() {
            fixture.given(consulateOpened(), closed(CONSULATE))
                    .when(impose("c-1", CONSULATE, null, 10))
                    .expectException(violates("mission-closed", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesACeilingIdAlreadyRecorded() {
            fixture.given(embassyOpened(), ceiling("c-1", EMBASSY, null, 50, day(-100)))
                    .when(impose("c-1", null, null, 455))
                    .expectException(violates("ceiling-already-recorded", "ceilingId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAComplianceDateBeforeTheEffectiveDate() {
            fixture.given(embassyOpened())
                    .when(new ImposeStaffCeiling(RU, US, null, null, 455, day(-1), "c-455", null, ON, SOURCE))
                    .expectException(violates("deadline-before-effective-date", "complyBy"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPresenceOfAStateInItself() {
            fixture.givenNoPriorActivity()
                    .when(new ImposeStaffCeiling(US, US, null, null, 455, null, "c-455", null, ON, SOURCE))
                    .expectException(violates("same-state"))
                    .expectNoEvents();
        }
    }

    @Nested
    class LiftStaffCeilingCommand {

        @Test
        void liftsACeilingNamedById() {
            fixture.given(embassyOpened(), ceiling("c-1", EMBASSY, StaffCategory.DIPLOMATIC, 50, day(-100)))
                    .when(new LiftStaffCeiling(RU, US, null, null, "c-1", "agreed in Istanbul", ON, SOURCE))
                    .expectEvents(new StaffCeilingLifted(
                            PRESENCE, "c-1", EMBASSY, StaffCategory.DIPLOMATIC, "agreed in Istanbul", ON, SOURCE));
        }

        @Test
        void liftsTheCeilingInForceForAScope() {
            fixture.given(
                            embassyOpened(),
                            ceiling("c-dip", null, StaffCategory.DIPLOMATIC, 50, day(-100)),
                            ceiling("c-all", null, null, 455, day(-100)))
                    .when(new LiftStaffCeiling(RU, US, null, null, null, null, ON, SOURCE))
                    .expectEvents(new StaffCeilingLifted(PRESENCE, "c-all", null, null, null, ON, SOURCE));
        }

        @Test
        void liftsTheCeilingThatReplacedAnother() {
            fixture.given(
                            embassyOpened(),
                            ceiling("c-500", EMBASSY, null, 500, day(-100)),
                            new StaffCeilingImposed(
                                    PRESENCE, "c-455", US, EMBASSY, null, 455, null, 0, 0, "c-500", null, day(-50),
                                    SOURCE))
                    .when(new LiftStaffCeiling(null, null, EMBASSY, null, null, null, ON, SOURCE))
                    .expectEvents(new StaffCeilingLifted(PRESENCE, "c-455", EMBASSY, null, null, ON, SOURCE));
        }

        @Test
        void refusesAnUnknownCeiling() {
            fixture.given(embassyOpened())
                    .when(new LiftStaffCeiling(RU, US, null, null, "c-9", null, ON, SOURCE))
                    .expectException(violates("no-ceiling-in-force", "ceilingId"))
                    .expectNoEvents();
        }

        @Test
        void refusesACeilingAlreadyLifted() {
            fixture.given(
                            embassyOpened(),
                            ceiling("c-1", null, null, 455, day(-100)),
                            new StaffCeilingLifted(PRESENCE, "c-1", null, null, null, day(-1), SOURCE))
                    .when(new LiftStaffCeiling(RU, US, null, null, "c-1", null, ON, SOURCE))
                    .expectException(violates("no-ceiling-in-force", "ceilingId"))
                    .expectNoEvents();
        }

        @Test
        void refusesACeilingThatWasReplaced() {
            fixture.given(
                            embassyOpened(),
                            ceiling("c-500", null, null, 500, day(-100)),
                            new StaffCeilingImposed(
                                    PRESENCE, "c-455", US, null, null, 455, null, 0, 0, "c-500", null, day(-50),
                                    SOURCE))
                    .when(new LiftStaffCeiling(RU, US, null, null, "c-500", null, ON, SOURCE))
                    .expectException(violates("no-ceiling-in-force", "ceilingId"))
                    .expectNoEvents();
        }

        @Test
        void refusesWhenNoCeilingIsInForceForThePresence() {
            fixture.given(embassyOpened(), ceiling("c-dip", null, StaffCategory.DIPLOMATIC, 50, day(-100)))
                    .when(new LiftStaffCeiling(RU, US, null, null, null, null, ON, SOURCE))
                    .expectException(violates("no-ceiling-in-force", "category"))
                    .expectNoEvents();
        }

        @Test
        void refusesWhenNoCeilingIsInForceForTheMission() {
            fixture.given(embassyOpened(), ceiling("c-all", null, null, 455, day(-100)))
                    .when(new LiftStaffCeiling(null, null, EMBASSY, null, null, null, ON, SOURCE))
                    .expectException(violates("no-ceiling-in-force", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesTheCeilingOfAClosedMission() {
            fixture.given(consulateOpened(), ceiling("c-1", CONSULATE, null, 10, day(-100)), closed(CONSULATE))
                    .when(new LiftStaffCeiling(RU, US, null, null, "c-1", null, ON, SOURCE))
                    .expectException(violates("no-ceiling-in-force", "ceilingId"))
                    .expectNoEvents();
        }
    }

    /** The check AccreditDiplomat makes against every ceiling in force on the accreditation date. */
    @Nested
    class CeilingCheckOnAccreditation {

        @Test
        void refusesAccreditationBeyondCeilingBlamingTheMissionWhenTheCeilingCapsAllStaff() {
            fixture.given(embassyOpened(), accredited(PETROV), ceiling("c-1", null, null, 1, day(-10)))
                    .when(accredit(EMBASSY, SMIRNOVA, StaffCategory.DIPLOMATIC))
                    .expectException(violates("ceiling-exceeded", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAccreditationBeyondCeilingBlamingTheCategoryWhenTheCeilingCapsOneCategory() {
            fixture.given(
                            embassyOpened(),
                            accredited(PETROV),
                            ceiling("c-dip", null, StaffCategory.DIPLOMATIC, 1, day(-10)))
                    .when(accredit(EMBASSY, SMIRNOVA, StaffCategory.DIPLOMATIC))
                    .expectException(violates("ceiling-exceeded", "category"))
                    .expectNoEvents();
        }

        @Test
        void acceptsAccreditationUpToTheCeiling() {
            fixture.given(embassyOpened(), accredited(PETROV), ceiling("c-2", null, null, 2, day(-10)))
                    .when(accredit(EMBASSY, SMIRNOVA, StaffCategory.DIPLOMATIC))
                    .expectEvents(accreditedOn(EMBASSY, SMIRNOVA, StaffCategory.DIPLOMATIC));
        }

        @Test
        void refusesAccreditationBeyondCeilingFilledByCountedStaff() {
            fixture.given(
                            embassyOpened(),
                            counted(EMBASSY, StaffCategory.UNSPECIFIED, 10),
                            ceiling("c-10", null, null, 10, day(-10)))
                    .when(accredit(EMBASSY, PETROV, StaffCategory.DIPLOMATIC))
                    .expectException(violates("ceiling-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void refusesAccreditationBeyondCeilingFilledByAPresenceWideCount() {
            fixture.given(
                            embassyOpened(),
                            counted(null, StaffCategory.UNSPECIFIED, 455),
                            ceiling("c-455", null, null, 455, day(-10)))
                    .when(accredit(EMBASSY, PETROV, StaffCategory.DIPLOMATIC))
                    .expectException(violates("ceiling-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void refusesAccreditationBeyondCeilingFilledByReportedArrivals() {
            fixture.given(
                            embassyOpened(),
                            new StaffCountChanged(
                                    PRESENCE, EMBASSY, StaffCategory.DIPLOMATIC, 3, null, day(-5), SOURCE),
                            ceiling("c-dip", EMBASSY, StaffCategory.DIPLOMATIC, 3, day(-10)))
                    .when(accredit(EMBASSY, PETROV, StaffCategory.DIPLOMATIC))
                    .expectException(violates("ceiling-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void acceptsAccreditationOnceCountedStaffLeft() {
            fixture.given(
                            embassyOpened(),
                            counted(EMBASSY, StaffCategory.UNSPECIFIED, 10),
                            ceiling("c-10", null, null, 10, day(-10)),
                            new CountedStaffDeparted(
                                    PRESENCE, EMBASSY, StaffCategory.UNSPECIFIED, 1, null, false, day(-1), SOURCE))
                    .when(accredit(EMBASSY, PETROV, StaffCategory.DIPLOMATIC))
                    .expectEvents(accreditedOn(EMBASSY, PETROV, StaffCategory.DIPLOMATIC));
        }

        @Test
        void acceptsAccreditationOnceNamedStaffLeft() {
            fixture.given(
                            embassyOpened(),
                            accredited(PETROV),
                            ceiling("c-1", null, null, 1, day(-10)),
                            departed(PETROV))
                    .when(accredit(EMBASSY, SMIRNOVA, StaffCategory.DIPLOMATIC))
                    .expectEvents(accreditedOn(EMBASSY, SMIRNOVA, StaffCategory.DIPLOMATIC));
        }

        @Test
        void refusesAccreditationBeyondACategoryCeiling() {
            fixture.given(
                            embassyOpened(),
                            accredited(PETROV),
                            ceiling("c-dip", null, StaffCategory.DIPLOMATIC, 1, day(-10)))
                    .when(accredit(EMBASSY, SMIRNOVA, StaffCategory.DIPLOMATIC))
                    .expectException(violates("ceiling-exceeded", "category"))
                    .expectNoEvents();
        }

        @Test
        void acceptsAnotherCategoryUnderACategoryCeiling() {
            fixture.given(
                            embassyOpened(),
                            accredited(PETROV),
                            ceiling("c-dip", null, StaffCategory.DIPLOMATIC, 1, day(-10)))
                    .when(accredit(EMBASSY, SMIRNOVA, StaffCategory.SERVICE))
                    .expectEvents(accreditedOn(EMBASSY, SMIRNOVA, StaffCategory.SERVICE));
        }

        @Test
        void refusesAccreditationBeyondAMissionCeiling() {
            fixture.given(
                            embassyOpened(),
                            consulateOpened(),
                            accredited(CONSULATE, PETROV, StaffCategory.DIPLOMATIC),
                            ceiling("c-ny", CONSULATE, null, 1, day(-10)))
                    .when(accredit(CONSULATE, SMIRNOVA, StaffCategory.DIPLOMATIC))
                    .expectException(violates("ceiling-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void acceptsAccreditationAtAnotherMissionThanTheCeilingsOne() {
            fixture.given(
                            embassyOpened(),
                            consulateOpened(),
                            accredited(CONSULATE, PETROV, StaffCategory.DIPLOMATIC),
                            ceiling("c-ny", CONSULATE, null, 1, day(-10)))
                    .when(accredit(EMBASSY, SMIRNOVA, StaffCategory.DIPLOMATIC))
                    .expectEvents(accreditedOn(EMBASSY, SMIRNOVA, StaffCategory.DIPLOMATIC));
        }

        @Test
        void acceptsAccreditationDatedBeforeTheCeilingTakesEffect() {
            fixture.given(embassyOpened(), ceiling("c-0", null, null, 0, day(10)))
                    .when(accredit(EMBASSY, PETROV, StaffCategory.DIPLOMATIC))
                    .expectEvents(accreditedOn(EMBASSY, PETROV, StaffCategory.DIPLOMATIC));
        }

        @Test
        void refusesAccreditationOnTheDayTheCeilingTakesEffect() {
            fixture.given(embassyOpened(), ceiling("c-0", null, null, 0, ON))
                    .when(accredit(EMBASSY, PETROV, StaffCategory.DIPLOMATIC))
                    .expectException(violates("ceiling-exceeded"))
                    .expectNoEvents();
        }

        @Test
        void acceptsAccreditationOnceTheCeilingIsLifted() {
            fixture.given(
                            embassyOpened(),
                            ceiling("c-0", null, null, 0, day(-10)),
                            new StaffCeilingLifted(PRESENCE, "c-0", null, null, null, day(-1), SOURCE))
                    .when(accredit(EMBASSY, PETROV, StaffCategory.DIPLOMATIC))
                    .expectEvents(accreditedOn(EMBASSY, PETROV, StaffCategory.DIPLOMATIC));
        }

        @Test
        void checksOnlyTheCeilingThatReplacedAnother() {
            fixture.given(
                            embassyOpened(),
                            ceiling("c-0", null, null, 0, day(-10)),
                            new StaffCeilingImposed(
                                    PRESENCE, "c-5", US, null, null, 5, null, 0, 0, "c-0", null, day(-5), SOURCE))
                    .when(accredit(EMBASSY, PETROV, StaffCategory.DIPLOMATIC))
                    .expectEvents(accreditedOn(EMBASSY, PETROV, StaffCategory.DIPLOMATIC));
        }

        @Test
        void dropsTheCeilingOfAMissionThatClosedAndReopened() {
            fixture.given(
                            consulateOpened(),
                            ceiling("c-0", CONSULATE, null, 0, day(-100)),
                            closed(CONSULATE),
                            new MissionOpened(
                                    PRESENCE,
                                    CONSULATE,
                                    RU,
                                    US,
                                    MissionKind.CONSULATE_GENERAL,
                                    "New York",
                                    null,
                                    null,
                                    true,
                                    day(-1),
                                    SOURCE))
                    .when(accredit(CONSULATE, PETROV, StaffCategory.DIPLOMATIC))
                    .expectEvents(accreditedOn(CONSULATE, PETROV, StaffCategory.DIPLOMATIC));
        }
    }
}
