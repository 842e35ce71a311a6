package org.diplomaticledger.presence.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.diplomaticledger.presence.domain.PresenceTestData.*;
import static org.diplomaticledger.presence.domain.RuleViolationMatcher.violates;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import java.time.LocalDate;
import java.util.Map;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.diplomaticledger.presence.api.*;
import org.diplomaticledger.shared.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A mission's rules judge each fact where its effective date puts it in the mission's life, whatever order the facts
 * were recorded in (issue 20, item 1): the French embassy in Tokyo recorded as opened in 1990, then its earlier life
 * (1900 to 1941) back-filled.
 */
class EffectiveTimeTest {

    private static final LocalDate Y1900 = LocalDate.of(1900, 1, 1);
    private static final LocalDate Y1941 = LocalDate.of(1941, 12, 8);
    private static final LocalDate Y1950 = LocalDate.of(1950, 6, 1);
    private static final LocalDate Y1990 = LocalDate.of(1990, 1, 1);
    private static final LocalDate Y1995 = LocalDate.of(1995, 3, 1);
    private static final LocalDate Y2000 = LocalDate.of(2000, 1, 1);

    private FixtureConfiguration<Presence> fixture;

    @BeforeEach
    void setUp() {
        fixture = PresenceTestData.fixture();
    }

    private static MissionOpened opened(LocalDate on, boolean reopened) {
        return new MissionOpened(
                PRESENCE, EMBASSY, RU, US, MissionKind.EMBASSY, "Washington", null, null, reopened, on, SOURCE);
    }

    private static OpenMission open(LocalDate on) {
        return new OpenMission(RU, US, MissionKind.EMBASSY, "Washington", null, null, on, SOURCE);
    }

    private static CloseMission close(LocalDate on) {
        return new CloseMission(EMBASSY, ClosureReason.RELATIONS_SEVERED, null, null, null, on, SOURCE);
    }

    private static MissionClosed closedOn(LocalDate on) {
        return new MissionClosed(PRESENCE, EMBASSY, ClosureReason.RELATIONS_SEVERED, null, null, null, on, SOURCE);
    }

    @Test
    void refusesAnOpeningBeforeTheRecordedOneAsContradictingItNamingIt() {
        fixture.given(opened(Y1990, false))
                .when(open(Y1900))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(allOf(
                        containsString("MissionOpened of 1990-01-01"),
                        containsString("(event "),
                        containsString("mission-already-open")))
                .expectNoEvents();
    }

    @Test
    void refusesAClosureDatedBeforeTheMissionWasOpened() {
        fixture.given(opened(Y1990, false))
                .when(close(Y1941))
                .expectException(violates("mission-not-open", "missionId"))
                .expectExceptionMessage(containsString("not yet opened on 1941-12-08"))
                .expectNoEvents();
    }

    @Test
    void refusesAnAmbassadorAppointedBeforeTheMissionWasOpened() {
        fixture.given(opened(Y1990, false))
                .when(new AppointAmbassador(EMBASSY, "jean-morel", "Jean Morel", null, Y1950, SOURCE))
                .expectException(violates("mission-not-open", "missionId"))
                .expectNoEvents();
    }

    /** The receiving state's consent to a head of mission is often sought before the mission opens. */
    @Test
    void acceptsAgrementSoughtBeforeTheMissionOpens() {
        fixture.given(opened(Y1990, false))
                .when(new RequestAgrement(EMBASSY, "jean-morel", "Jean Morel", null, LocalDate.of(1989, 10, 1), SOURCE))
                .expectEvents(new AgrementRequested(
                        PRESENCE,
                        EMBASSY,
                        "jean-morel",
                        "Jean Morel",
                        HeadOfMissionClass.AMBASSADOR,
                        LocalDate.of(1989, 10, 1),
                        SOURCE));
    }

    @Test
    void refusesAgrementForAMissionClosedOnTheDay() {
        fixture.given(opened(Y1900, false), closedOn(Y1941), opened(Y1990, true))
                .when(new RequestAgrement(EMBASSY, "jean-morel", "Jean Morel", null, Y1950, SOURCE))
                .expectException(violates("mission-not-open", "missionId"))
                .expectNoEvents();
    }

    @Test
    void refusesACeilingOnAMissionBeforeItWasOpened() {
        fixture.given(opened(Y1990, false))
                .when(new ImposeStaffCeiling(
                        null, null, EMBASSY, StaffCategory.DIPLOMATIC, 10, null, "cap-1950", null, Y1950, SOURCE))
                .expectException(violates("mission-not-open", "missionId"))
                .expectNoEvents();
    }

    @Test
    void refusesAStaffCountDatedBeforeTheMissionWasOpened() {
        fixture.given(opened(Y1990, false))
                .when(new RecordStaffCount(RU, US, EMBASSY, StaffCategory.DIPLOMATIC, 12, Y1950, SOURCE))
                .expectException(violates("mission-not-open", "effectiveDate"))
                .expectNoEvents();
    }

    /** Today's status (suspended since 2000) does not judge a fact of 1995, when the mission was open. */
    @Test
    void accreditsOnADayTheMissionWasOpenThoughItIsSuspendedNow() {
        fixture.given(opened(Y1990, false), new MissionSuspended(PRESENCE, EMBASSY, "war", Y2000, SOURCE))
                .when(new AccreditDiplomat(
                        EMBASSY, "ivan-petrov", "Ivan Petrov", null, StaffCategory.DIPLOMATIC, Y1995, SOURCE))
                .expectEvents(new DiplomatAccredited(
                        PRESENCE,
                        EMBASSY,
                        "ivan-petrov",
                        "Ivan Petrov",
                        null,
                        StaffCategory.DIPLOMATIC,
                        Y1995,
                        SOURCE));
    }

    @Test
    void refusesAnAccreditationOnADayTheMissionWasSuspendedThoughItIsOpenNow() {
        fixture.given(
                        opened(Y1990, false),
                        new MissionSuspended(PRESENCE, EMBASSY, "war", Y1995, SOURCE),
                        new MissionResumed(PRESENCE, EMBASSY, null, Y2000, SOURCE))
                .when(new AccreditDiplomat(
                        EMBASSY,
                        "ivan-petrov",
                        "Ivan Petrov",
                        null,
                        StaffCategory.DIPLOMATIC,
                        LocalDate.of(1997, 1, 1),
                        SOURCE))
                .expectException(violates("mission-not-open", "missionId"))
                .expectExceptionMessage(containsString("suspended since 1995-03-01"))
                .expectNoEvents();
    }

    @Test
    void refusesAClosureThatWouldLeaveARecordedAccreditationAtAClosedMission() {
        fixture.given(
                        opened(Y1990, false),
                        new DiplomatAccredited(
                                PRESENCE,
                                EMBASSY,
                                "ivan-petrov",
                                "Ivan Petrov",
                                null,
                                StaffCategory.DIPLOMATIC,
                                Y2000,
                                SOURCE))
                .when(close(Y1995))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(
                        allOf(containsString("DiplomatAccredited of 2000-01-01"), containsString("mission-not-open")))
                .expectNoEvents();
    }

    /** A suspension back-filled between a recorded opening and a recorded closure fits the mission's life. */
    @Test
    void acceptsASuspensionBackFilledBetweenRecordedFacts() {
        fixture.given(opened(Y1990, false), closedOn(LocalDate.of(2010, 1, 1)))
                .when(new SuspendMission(EMBASSY, "war", Y1995, SOURCE))
                .expectEvents(new MissionSuspended(PRESENCE, EMBASSY, "war", Y1995, SOURCE));
    }

    /** Recorded in effective order, the earlier life of the mission is accepted, then its reopening in 1990. */
    @Test
    void acceptsAnEarlierLifeOfTheMissionRecordedBeforeItsReopening() {
        fixture.given(opened(Y1900, false), closedOn(Y1941)).when(open(Y1990)).expectEvents(opened(Y1990, true));
    }

    /** Back-filled in the same order, the earlier life is refused line by line: the 1900 opening comes first. */
    @Test
    void acceptsAClosureBackFilledIntoTheEarlierLifeOnceItsOpeningIsRecorded() {
        fixture.given(opened(Y1900, false), opened(Y1990, true))
                .when(close(Y1941))
                .expectEvents(closedOn(Y1941));
    }

    /**
     * History recorded under the old rules may already contradict itself (an ambassador appointed in 1950 at a mission
     * recorded as opened in 1990): a new fact is refused only for what it would break, not for what was broken.
     */
    @Test
    void aContradictionAlreadyRecordedDoesNotBlockLaterFacts() {
        fixture.given(
                        opened(Y1990, false),
                        new AmbassadorAppointed(
                                PRESENCE,
                                EMBASSY,
                                "jean-morel",
                                "Jean Morel",
                                HeadOfMissionClass.AMBASSADOR,
                                false,
                                Y1950,
                                SOURCE))
                .when(close(LocalDate.of(2020, 1, 1)))
                .expectEvents(closedOn(LocalDate.of(2020, 1, 1)));
    }

    @Test
    void theRefusalNamesTheRecordedFactItContradicts() {
        MissionTimeline timeline = MissionTimeline.NONE.with(
                "e-1990",
                opened(Y1990, false),
                Y1990,
                0,
                MissionTimeline.MissionFact.changing(MissionTimeline.Change.OPENED, MissionKind.EMBASSY));
        assertThatThrownBy(() -> timeline.requireFits(
                        "MissionOpened",
                        Y1900,
                        MissionTimeline.MissionFact.changing(MissionTimeline.Change.OPENED, MissionKind.EMBASSY),
                        EMBASSY,
                        baseline -> null))
                .isInstanceOfSatisfying(RuleViolation.class, refused -> {
                    assertThat(refused.rule()).isEqualTo("contradicts-recorded-fact");
                    assertThat(refused.details())
                            .isEqualTo(Map.of(
                                    "conflictingFact",
                                    Map.of(
                                            "eventId",
                                            "e-1990",
                                            "type",
                                            "MissionOpened",
                                            "effectiveDate",
                                            "1990-01-01",
                                            "rule",
                                            "mission-already-open")));
                });
    }
}
