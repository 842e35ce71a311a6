package org.diplomaticledger.presence.domain;

import static org.diplomaticledger.presence.domain.PresenceTestData.*;
import static org.diplomaticledger.presence.domain.RuleViolationMatcher.violates;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.diplomaticledger.presence.api.*;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Heads of mission: agrément (VCDR Art. 4), appointment (Art. 14), the two dated steps of credentials (Art. 13),
 * recall, return, the end of functions (Art. 43) and the chargé d'affaires ad interim (Art. 19).
 */
class HeadsOfMissionTest {

    private static final String DARCHIEV = "alexander-darchiev";
    private static final String DARCHIEV_NAME = "Alexander Darchiev";
    private static final String ANTONOV = "anatoly-antonov";
    private static final String CHARGE = "alexander-kuzmin";

    private FixtureConfiguration<Presence> fixture;

    @BeforeEach
    void setUp() {
        fixture = PresenceTestData.fixture();
    }

    // ------------------------------------------------------------ events the tests start from

    private static AgrementRequested requested(String personId) {
        return new AgrementRequested(
                PRESENCE, EMBASSY, personId, nameOf(personId), HeadOfMissionClass.AMBASSADOR, day(-90), SOURCE);
    }

    private static AgrementGranted granted(String personId) {
        return new AgrementGranted(PRESENCE, EMBASSY, personId, nameOf(personId), true, day(-80), SOURCE);
    }

    private static AgrementRefused refused(String personId) {
        return new AgrementRefused(PRESENCE, EMBASSY, personId, nameOf(personId), null, true, day(-80), SOURCE);
    }

    private static AmbassadorAppointed appointed(String personId) {
        return new AmbassadorAppointed(
                PRESENCE, EMBASSY, personId, nameOf(personId), HeadOfMissionClass.AMBASSADOR, true, day(-70), SOURCE);
    }

    private static CredentialsCopyPresented copyPresented(String personId, String predecessor) {
        return new CredentialsCopyPresented(
                PRESENCE, EMBASSY, personId, nameOf(personId), true, predecessor, day(-60), SOURCE);
    }

    private static CredentialsPresented presented(String personId) {
        return new CredentialsPresented(
                PRESENCE, EMBASSY, personId, nameOf(personId), true, false, null, day(-50), SOURCE);
    }

    private static AmbassadorRecalled recalled(String personId, RecallKind kind) {
        return new AmbassadorRecalled(PRESENCE, EMBASSY, personId, kind, null, day(-10), SOURCE);
    }

    private static AmbassadorshipEnded ended(String personId) {
        return new AmbassadorshipEnded(PRESENCE, EMBASSY, personId, null, day(-5), SOURCE);
    }

    private static ChargeDAffairesAppointed chargeAppointed(String actingFor) {
        return new ChargeDAffairesAppointed(
                PRESENCE, EMBASSY, CHARGE, nameOf(CHARGE), "Minister-Counsellor", actingFor, day(-8), SOURCE);
    }

    // ------------------------------------------------------------ commands

    private static PresentCredentials presentCopy(String personId) {
        return new PresentCredentials(EMBASSY, personId, null, CredentialsStep.COPY_TO_FOREIGN_MINISTRY, ON, SOURCE);
    }

    private static PresentCredentials presentToHeadOfState(String personId) {
        return new PresentCredentials(
                EMBASSY, personId, null, CredentialsStep.PRESENTATION_TO_HEAD_OF_STATE, ON, SOURCE);
    }

    private static AppointChargeDAffaires appointCharge() {
        return new AppointChargeDAffaires(EMBASSY, CHARGE, nameOf(CHARGE), "Minister-Counsellor", ON, SOURCE);
    }

    private static ChargeDAffairesAppointed chargeAppointedOn(String actingFor) {
        return new ChargeDAffairesAppointed(
                PRESENCE, EMBASSY, CHARGE, nameOf(CHARGE), "Minister-Counsellor", actingFor, ON, SOURCE);
    }

    @Nested
    class RequestAgrementCommand {

        @Test
        void asksAgrementAgainForANewTenureAfterTheLastOneEnded() {
            fixture.given(
                            embassyOpened(),
                            granted(DARCHIEV),
                            appointed(DARCHIEV),
                            copyPresented(DARCHIEV, null),
                            ended(DARCHIEV))
                    .when(new RequestAgrement(EMBASSY, DARCHIEV, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectEvents(new AgrementRequested(
                            PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, HeadOfMissionClass.AMBASSADOR, ON, SOURCE));
        }

        @Test
        void requestsAgrementForAnAmbassadorByDefault() {
            fixture.given(embassyOpened())
                    .when(new RequestAgrement(EMBASSY, null, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectEvents(new AgrementRequested(
                            PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, HeadOfMissionClass.AMBASSADOR, ON, SOURCE));
        }

        @Test
        void keepsTheClassOfTheProposedHead() {
            fixture.given(embassyOpened())
                    .when(new RequestAgrement(EMBASSY, DARCHIEV, DARCHIEV_NAME, HeadOfMissionClass.ENVOY, ON, SOURCE))
                    .expectEvents(new AgrementRequested(
                            PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, HeadOfMissionClass.ENVOY, ON, SOURCE));
        }

        @Test
        void refusesAnUnknownMission() {
            fixture.given(consulateOpened())
                    .when(new RequestAgrement(EMBASSY, DARCHIEV, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectException(violates("unknown-mission", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAClosedEmbassy() {
            fixture.given(embassyOpened(), closed(EMBASSY))
                    .when(new RequestAgrement(EMBASSY, DARCHIEV, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectException(violates("mission-not-open", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissionWithoutHeadOfMission() {
            fixture.given(consulateOpened())
                    .when(new RequestAgrement(CONSULATE, DARCHIEV, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectException(violates("no-head-of-mission-here", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPermanentMission() {
            fixture.given(unMissionOpened())
                    .when(new RequestAgrement(UN_MISSION, DARCHIEV, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectException(violates("agrement-only-for-embassies", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesASecondRequest() {
            fixture.given(embassyOpened(), requested(DARCHIEV))
                    .when(new RequestAgrement(EMBASSY, DARCHIEV, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectException(violates("agrement-already-requested", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesARequestAfterAgrementWasGranted() {
            fixture.given(embassyOpened(), granted(DARCHIEV))
                    .when(new RequestAgrement(EMBASSY, DARCHIEV, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectException(violates("agrement-already-granted", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesARequestAfterAgrementWasRefused() {
            fixture.given(embassyOpened(), refused(DARCHIEV))
                    .when(new RequestAgrement(EMBASSY, DARCHIEV, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectException(violates("agrement-already-refused", "personId"))
                    .expectNoEvents();
        }
    }

    @Nested
    class GrantAgrementCommand {

        @Test
        void refusesAgrementAtAPermanentMission() {
            fixture.given(unMissionOpened())
                    .when(new GrantAgrement(UN_MISSION, DARCHIEV, DARCHIEV_NAME, ON, SOURCE))
                    .expectException(violates("agrement-only-for-embassies", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void grantsRequestedAgrementUnderTheRequestedName() {
            fixture.given(embassyOpened(), requested(DARCHIEV))
                    .when(new GrantAgrement(EMBASSY, DARCHIEV, null, ON, SOURCE))
                    .expectEvents(new AgrementGranted(PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, true, ON, SOURCE));
        }

        @Test
        void grantsAgrementWhoseRequestWasNeverReported() {
            fixture.given(embassyOpened())
                    .when(new GrantAgrement(EMBASSY, null, DARCHIEV_NAME, ON, SOURCE))
                    .expectEvents(new AgrementGranted(PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, false, ON, SOURCE));
        }

        @Test
        void grantsAgrementToAHeadAppointedWithoutIt() {
            fixture.given(
                            embassyOpened(),
                            new AmbassadorAppointed(
                                    PRESENCE,
                                    EMBASSY,
                                    DARCHIEV,
                                    DARCHIEV_NAME,
                                    HeadOfMissionClass.AMBASSADOR,
                                    false,
                                    day(-70),
                                    SOURCE))
                    .when(new GrantAgrement(EMBASSY, DARCHIEV, null, ON, SOURCE))
                    .expectEvents(new AgrementGranted(PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, false, ON, SOURCE));
        }

        @Test
        void refusesAgrementGrantedTwice() {
            fixture.given(embassyOpened(), requested(DARCHIEV), granted(DARCHIEV))
                    .when(new GrantAgrement(EMBASSY, DARCHIEV, null, ON, SOURCE))
                    .expectException(violates("agrement-already-granted", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAgrementAlreadyRefused() {
            fixture.given(embassyOpened(), requested(DARCHIEV), refused(DARCHIEV))
                    .when(new GrantAgrement(EMBASSY, DARCHIEV, null, ON, SOURCE))
                    .expectException(violates("agrement-already-refused", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissionWithoutHeadOfMission() {
            fixture.given(consulateOpened())
                    .when(new GrantAgrement(CONSULATE, DARCHIEV, null, ON, SOURCE))
                    .expectException(violates("no-head-of-mission-here"))
                    .expectNoEvents();
        }
    }

    @Nested
    class RefuseAgrementCommand {

        @Test
        void refusesRequestedAgrementUnderTheRequestedName() {
            fixture.given(embassyOpened(), requested(DARCHIEV))
                    .when(new RefuseAgrement(EMBASSY, DARCHIEV, null, null, ON, SOURCE))
                    .expectEvents(
                            new AgrementRefused(PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, null, true, ON, SOURCE));
        }

        @Test
        void refusesAgrementWhoseRequestWasNeverReported() {
            fixture.given(embassyOpened())
                    .when(new RefuseAgrement(EMBASSY, null, DARCHIEV_NAME, "no reasons given", ON, SOURCE))
                    .expectEvents(new AgrementRefused(
                            PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, "no reasons given", false, ON, SOURCE));
        }

        @Test
        void cannotRefuseAgrementForAHeadAlreadyAppointed() {
            fixture.given(
                            embassyOpened(),
                            new AmbassadorAppointed(
                                    PRESENCE,
                                    EMBASSY,
                                    DARCHIEV,
                                    DARCHIEV_NAME,
                                    HeadOfMissionClass.AMBASSADOR,
                                    false,
                                    day(-70),
                                    SOURCE))
                    .when(new RefuseAgrement(EMBASSY, DARCHIEV, null, null, ON, SOURCE))
                    .expectException(violates("already-appointed", "personId"))
                    .expectNoEvents();
        }

        @Test
        void cannotRefuseAgrementAlreadyGranted() {
            fixture.given(embassyOpened(), granted(DARCHIEV))
                    .when(new RefuseAgrement(EMBASSY, DARCHIEV, null, null, ON, SOURCE))
                    .expectException(violates("agrement-already-granted", "personId"))
                    .expectNoEvents();
        }

        @Test
        void cannotRefuseAgrementTwice() {
            fixture.given(embassyOpened(), refused(DARCHIEV))
                    .when(new RefuseAgrement(EMBASSY, DARCHIEV, null, null, ON, SOURCE))
                    .expectException(violates("agrement-already-refused", "personId"))
                    .expectNoEvents();
        }
    }

    @Nested
    class AppointAmbassadorCommand {

        @Test
        void appointsAnAmbassadorWithReportedAgrement() {
            fixture.given(embassyOpened(), requested(DARCHIEV), granted(DARCHIEV))
                    .when(new AppointAmbassador(EMBASSY, DARCHIEV, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectEvents(new AmbassadorAppointed(
                            PRESENCE,
                            EMBASSY,
                            DARCHIEV,
                            DARCHIEV_NAME,
                            HeadOfMissionClass.AMBASSADOR,
                            true,
                            ON,
                            SOURCE));
        }

        @Test
        void acceptsAppointmentWhoseAgrementWasNeverReported() {
            fixture.given(embassyOpened())
                    .when(new AppointAmbassador(EMBASSY, null, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectEvents(new AmbassadorAppointed(
                            PRESENCE,
                            EMBASSY,
                            DARCHIEV,
                            DARCHIEV_NAME,
                            HeadOfMissionClass.AMBASSADOR,
                            false,
                            ON,
                            SOURCE));
        }

        @Test
        void acceptsAppointmentWhileAgrementIsOnlyRequested() {
            fixture.given(embassyOpened(), requested(DARCHIEV))
                    .when(new AppointAmbassador(EMBASSY, DARCHIEV, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectEvents(new AmbassadorAppointed(
                            PRESENCE,
                            EMBASSY,
                            DARCHIEV,
                            DARCHIEV_NAME,
                            HeadOfMissionClass.AMBASSADOR,
                            false,
                            ON,
                            SOURCE));
        }

        @Test
        void appointsTheHeadOfAPermanentMission() {
            fixture.given(unMissionOpened())
                    .when(new AppointAmbassador(
                            UN_MISSION, DARCHIEV, DARCHIEV_NAME, HeadOfMissionClass.AMBASSADOR, ON, SOURCE))
                    .expectEvents(new AmbassadorAppointed(
                            PRESENCE,
                            UN_MISSION,
                            DARCHIEV,
                            DARCHIEV_NAME,
                            HeadOfMissionClass.AMBASSADOR,
                            false,
                            ON,
                            SOURCE));
        }

        @Test
        void reappointsAHeadWhoseFunctionsEndedWithoutCountingTheOldAgrement() {
            fixture.given(
                            embassyOpened(),
                            granted(DARCHIEV),
                            appointed(DARCHIEV),
                            copyPresented(DARCHIEV, null),
                            ended(DARCHIEV))
                    .when(new AppointAmbassador(EMBASSY, DARCHIEV, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectEvents(new AmbassadorAppointed(
                            PRESENCE,
                            EMBASSY,
                            DARCHIEV,
                            DARCHIEV_NAME,
                            HeadOfMissionClass.AMBASSADOR,
                            false,
                            ON,
                            SOURCE));
        }

        @Test
        void aReappointedHeadTakesUpFunctionsAgain() {
            fixture.given(
                            embassyOpened(),
                            granted(DARCHIEV),
                            appointed(DARCHIEV),
                            copyPresented(DARCHIEV, null),
                            ended(DARCHIEV),
                            new AmbassadorAppointed(
                                    PRESENCE,
                                    EMBASSY,
                                    DARCHIEV,
                                    DARCHIEV_NAME,
                                    HeadOfMissionClass.AMBASSADOR,
                                    false,
                                    day(-1),
                                    SOURCE))
                    .when(presentCopy(DARCHIEV))
                    .expectEvents(new CredentialsCopyPresented(
                            PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, true, null, ON, SOURCE));
        }

        @Test
        void refusesToReappointAHeadTwice() {
            fixture.given(
                            embassyOpened(),
                            appointed(DARCHIEV),
                            copyPresented(DARCHIEV, null),
                            ended(DARCHIEV),
                            new AmbassadorAppointed(
                                    PRESENCE,
                                    EMBASSY,
                                    DARCHIEV,
                                    DARCHIEV_NAME,
                                    HeadOfMissionClass.AMBASSADOR,
                                    false,
                                    day(-1),
                                    SOURCE))
                    .when(new AppointAmbassador(EMBASSY, DARCHIEV, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectException(violates("already-appointed", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAHeadWhoseAgrementWasRefused() {
            fixture.given(embassyOpened(), refused(DARCHIEV))
                    .when(new AppointAmbassador(EMBASSY, DARCHIEV, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectException(violates("agrement-refused", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAHeadAlreadyAppointed() {
            fixture.given(embassyOpened(), appointed(DARCHIEV))
                    .when(new AppointAmbassador(EMBASSY, DARCHIEV, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectException(violates("already-appointed", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissionWithoutHeadOfMission() {
            fixture.given(consulateOpened())
                    .when(new AppointAmbassador(CONSULATE, DARCHIEV, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectException(violates("no-head-of-mission-here", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAClosedEmbassy() {
            fixture.given(embassyOpened(), closed(EMBASSY))
                    .when(new AppointAmbassador(EMBASSY, DARCHIEV, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectException(violates("mission-not-open", "missionId"))
                    .expectNoEvents();
        }
    }

    @Nested
    class PresentCredentialsCommand {

        @Test
        void presentsACopyToTheForeignMinistryUnderTheAppointedName() {
            fixture.given(embassyOpened(), appointed(DARCHIEV))
                    .when(presentCopy(DARCHIEV))
                    .expectEvents(new CredentialsCopyPresented(
                            PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, true, null, ON, SOURCE));
        }

        @Test
        void acceptsACopyWhoseAppointmentWasNeverReported() {
            fixture.given(embassyOpened())
                    .when(new PresentCredentials(
                            EMBASSY, null, DARCHIEV_NAME, CredentialsStep.COPY_TO_FOREIGN_MINISTRY, ON, SOURCE))
                    .expectEvents(new CredentialsCopyPresented(
                            PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, false, null, ON, SOURCE));
        }

        @Test
        void functionsStartWithTheCopy() {
            fixture.given(embassyOpened(), appointed(DARCHIEV), copyPresented(DARCHIEV, null))
                    .when(appointCharge())
                    .expectException(violates("head-of-mission-present", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void presentationAfterTheCopyDoesNotStartFunctionsAgain() {
            fixture.given(embassyOpened(), appointed(DARCHIEV), copyPresented(DARCHIEV, null))
                    .when(presentToHeadOfState(DARCHIEV))
                    .expectEvents(new CredentialsPresented(
                            PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, true, false, null, ON, SOURCE));
        }

        @Test
        void presentationWithoutAPriorCopyStartsFunctions() {
            fixture.given(embassyOpened(), appointed(DARCHIEV))
                    .when(presentToHeadOfState(DARCHIEV))
                    .expectEvents(new CredentialsPresented(
                            PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, true, true, null, ON, SOURCE));
        }

        @Test
        void functionsStartWithAPresentationWithoutAPriorCopy() {
            fixture.given(
                            embassyOpened(),
                            appointed(DARCHIEV),
                            new CredentialsPresented(
                                    PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, true, true, null, day(-1), SOURCE))
                    .when(appointCharge())
                    .expectException(violates("head-of-mission-present", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void acceptsAPresentationWhoseAppointmentWasNeverReported() {
            fixture.given(embassyOpened())
                    .when(new PresentCredentials(
                            EMBASSY,
                            DARCHIEV,
                            DARCHIEV_NAME,
                            CredentialsStep.PRESENTATION_TO_HEAD_OF_STATE,
                            ON,
                            SOURCE))
                    .expectEvents(new CredentialsPresented(
                            PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, false, true, null, ON, SOURCE));
        }

        @Test
        void namesAPredecessorWhoseEndWasNeverReported() {
            fixture.given(embassyOpened(), appointed(ANTONOV), copyPresented(ANTONOV, null), appointed(DARCHIEV))
                    .when(presentCopy(DARCHIEV))
                    .expectEvents(new CredentialsCopyPresented(
                            PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, true, ANTONOV, ON, SOURCE));
        }

        @Test
        void namesThePredecessorWhenFunctionsStartAtThePresentation() {
            fixture.given(embassyOpened(), appointed(ANTONOV), copyPresented(ANTONOV, null), appointed(DARCHIEV))
                    .when(presentToHeadOfState(DARCHIEV))
                    .expectEvents(new CredentialsPresented(
                            PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, true, true, ANTONOV, ON, SOURCE));
        }

        @Test
        void namesNoPredecessorWhenThePresentationFollowsTheCopy() {
            fixture.given(
                            embassyOpened(),
                            appointed(ANTONOV),
                            copyPresented(ANTONOV, null),
                            appointed(DARCHIEV),
                            copyPresented(DARCHIEV, ANTONOV))
                    .when(presentToHeadOfState(DARCHIEV))
                    .expectEvents(new CredentialsPresented(
                            PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, true, false, null, ON, SOURCE));
        }

        @Test
        void namesNoPredecessorWhoseEndWasReported() {
            fixture.given(
                            embassyOpened(),
                            appointed(ANTONOV),
                            copyPresented(ANTONOV, null),
                            ended(ANTONOV),
                            appointed(DARCHIEV))
                    .when(presentCopy(DARCHIEV))
                    .expectEvents(new CredentialsCopyPresented(
                            PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, true, null, ON, SOURCE));
        }

        @Test
        void takesThePredecessorToHaveLeft() {
            fixture.given(
                            embassyOpened(),
                            appointed(ANTONOV),
                            copyPresented(ANTONOV, null),
                            appointed(DARCHIEV),
                            copyPresented(DARCHIEV, ANTONOV))
                    .when(new RecallAmbassador(EMBASSY, ANTONOV, null, RecallKind.FOR_GOOD, null, ON, SOURCE))
                    .expectException(violates("not-in-office", "personId"))
                    .expectNoEvents();
        }

        @Test
        void endsTheChargeDAffairesWhenTheNewHeadTakesUpFunctions() {
            // the chargé acted in the vacancy before the head's copy (day -60) ended it, in effective time
            ChargeDAffairesAppointed inTheVacancy = new ChargeDAffairesAppointed(
                    PRESENCE, EMBASSY, CHARGE, nameOf(CHARGE), "Minister-Counsellor", null, day(-65), SOURCE);
            fixture.given(
                            embassyOpened(),
                            inTheVacancy,
                            appointed(DARCHIEV),
                            copyPresented(DARCHIEV, null),
                            recalled(DARCHIEV, RecallKind.FOR_CONSULTATIONS))
                    .when(appointCharge())
                    .expectEvents(chargeAppointedOn(DARCHIEV));
        }

        @Test
        void refusesAHeadWhoseAgrementWasRefused() {
            fixture.given(embassyOpened(), refused(DARCHIEV))
                    .when(presentCopy(DARCHIEV))
                    .expectException(violates("agrement-refused", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAHeadWhoseFunctionsEnded() {
            fixture.given(embassyOpened(), appointed(DARCHIEV), copyPresented(DARCHIEV, null), ended(DARCHIEV))
                    .when(presentToHeadOfState(DARCHIEV))
                    .expectException(violates("ambassadorship-ended", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesASecondCopy() {
            fixture.given(embassyOpened(), appointed(DARCHIEV), copyPresented(DARCHIEV, null))
                    .when(presentCopy(DARCHIEV))
                    .expectException(violates("credentials-already-presented", "step"))
                    .expectNoEvents();
        }

        @Test
        void refusesACopyAfterThePresentation() {
            fixture.given(
                            embassyOpened(),
                            appointed(DARCHIEV),
                            new CredentialsPresented(
                                    PRESENCE, EMBASSY, DARCHIEV, DARCHIEV_NAME, true, true, null, day(-1), SOURCE))
                    .when(presentCopy(DARCHIEV))
                    .expectException(violates("credentials-already-presented", "step"))
                    .expectNoEvents();
        }

        @Test
        void refusesASecondPresentation() {
            fixture.given(embassyOpened(), appointed(DARCHIEV), copyPresented(DARCHIEV, null), presented(DARCHIEV))
                    .when(presentToHeadOfState(DARCHIEV))
                    .expectException(violates("credentials-already-presented", "step"))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissionWithoutHeadOfMission() {
            fixture.given(consulateOpened())
                    .when(new PresentCredentials(
                            CONSULATE, DARCHIEV, null, CredentialsStep.COPY_TO_FOREIGN_MINISTRY, ON, SOURCE))
                    .expectException(violates("no-head-of-mission-here", "missionId"))
                    .expectNoEvents();
        }
    }

    @Nested
    class RecallAmbassadorCommand {

        @Test
        void recallsAHeadInOfficeForConsultations() {
            fixture.given(embassyOpened(), appointed(ANTONOV), copyPresented(ANTONOV, null))
                    .when(new RecallAmbassador(
                            EMBASSY, ANTONOV, null, RecallKind.FOR_CONSULTATIONS, "consultations", ON, SOURCE))
                    .expectEvents(new AmbassadorRecalled(
                            PRESENCE, EMBASSY, ANTONOV, RecallKind.FOR_CONSULTATIONS, "consultations", ON, SOURCE));
        }

        @Test
        void recallsAnAppointedHeadBeforeFunctionsStarted() {
            fixture.given(embassyOpened(), appointed(ANTONOV))
                    .when(new RecallAmbassador(EMBASSY, ANTONOV, null, RecallKind.FOR_GOOD, null, ON, SOURCE))
                    .expectEvents(
                            new AmbassadorRecalled(PRESENCE, EMBASSY, ANTONOV, RecallKind.FOR_GOOD, null, ON, SOURCE));
        }

        @Test
        void recallsAHeadWhoseAppointmentWasNeverReported() {
            fixture.given(
                            embassyOpened(),
                            new CredentialsCopyPresented(
                                    PRESENCE, EMBASSY, ANTONOV, nameOf(ANTONOV), false, null, day(-60), SOURCE))
                    .when(new RecallAmbassador(EMBASSY, ANTONOV, null, RecallKind.FOR_CONSULTATIONS, null, ON, SOURCE))
                    .expectEvents(new AmbassadorRecalled(
                            PRESENCE, EMBASSY, ANTONOV, RecallKind.FOR_CONSULTATIONS, null, ON, SOURCE));
        }

        @Test
        void refusesAPersonNeverAppointed() {
            fixture.given(embassyOpened(), granted(ANTONOV))
                    .when(new RecallAmbassador(EMBASSY, ANTONOV, null, RecallKind.FOR_GOOD, null, ON, SOURCE))
                    .expectException(violates("not-in-office", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAHeadWhoseFunctionsEnded() {
            fixture.given(embassyOpened(), appointed(ANTONOV), copyPresented(ANTONOV, null), ended(ANTONOV))
                    .when(new RecallAmbassador(EMBASSY, ANTONOV, null, RecallKind.FOR_GOOD, null, ON, SOURCE))
                    .expectException(violates("not-in-office", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAHeadAlreadyRecalled() {
            fixture.given(
                            embassyOpened(),
                            appointed(ANTONOV),
                            copyPresented(ANTONOV, null),
                            recalled(ANTONOV, RecallKind.FOR_CONSULTATIONS))
                    .when(new RecallAmbassador(EMBASSY, ANTONOV, null, RecallKind.FOR_GOOD, null, ON, SOURCE))
                    .expectException(violates("already-recalled", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownMission() {
            fixture.given(consulateOpened())
                    .when(new RecallAmbassador(EMBASSY, ANTONOV, null, RecallKind.FOR_GOOD, null, ON, SOURCE))
                    .expectException(violates("unknown-mission", "missionId"))
                    .expectNoEvents();
        }
    }

    @Nested
    class ReturnAmbassadorCommand {

        @Test
        void returnsAHeadRecalledForConsultations() {
            fixture.given(
                            embassyOpened(),
                            appointed(ANTONOV),
                            copyPresented(ANTONOV, null),
                            recalled(ANTONOV, RecallKind.FOR_CONSULTATIONS))
                    .when(new ReturnAmbassador(EMBASSY, ANTONOV, null, ON, SOURCE))
                    .expectEvents(new AmbassadorReturned(PRESENCE, EMBASSY, ANTONOV, ON, SOURCE));
        }

        @Test
        void aReturnedHeadCanBeRecalledAgain() {
            fixture.given(
                            embassyOpened(),
                            appointed(ANTONOV),
                            copyPresented(ANTONOV, null),
                            recalled(ANTONOV, RecallKind.FOR_CONSULTATIONS),
                            new AmbassadorReturned(PRESENCE, EMBASSY, ANTONOV, day(-1), SOURCE))
                    .when(new RecallAmbassador(EMBASSY, ANTONOV, null, RecallKind.FOR_GOOD, null, ON, SOURCE))
                    .expectEvents(
                            new AmbassadorRecalled(PRESENCE, EMBASSY, ANTONOV, RecallKind.FOR_GOOD, null, ON, SOURCE));
        }

        @Test
        void theReturnEndsTheChargeDAffaires() {
            fixture.given(
                            embassyOpened(),
                            appointed(ANTONOV),
                            copyPresented(ANTONOV, null),
                            recalled(ANTONOV, RecallKind.FOR_CONSULTATIONS),
                            chargeAppointed(ANTONOV),
                            new AmbassadorReturned(PRESENCE, EMBASSY, ANTONOV, day(-3), SOURCE),
                            new AmbassadorRecalled(
                                    PRESENCE, EMBASSY, ANTONOV, RecallKind.FOR_CONSULTATIONS, null, day(-1), SOURCE))
                    .when(appointCharge())
                    .expectEvents(chargeAppointedOn(ANTONOV));
        }

        @Test
        void refusesAHeadNotRecalled() {
            fixture.given(embassyOpened(), appointed(ANTONOV), copyPresented(ANTONOV, null))
                    .when(new ReturnAmbassador(EMBASSY, ANTONOV, null, ON, SOURCE))
                    .expectException(violates("not-recalled", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAHeadRecalledForGood() {
            fixture.given(
                            embassyOpened(),
                            appointed(ANTONOV),
                            copyPresented(ANTONOV, null),
                            recalled(ANTONOV, RecallKind.FOR_GOOD))
                    .when(new ReturnAmbassador(EMBASSY, ANTONOV, null, ON, SOURCE))
                    .expectException(violates("recalled-for-good", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPersonNotInOffice() {
            fixture.given(embassyOpened())
                    .when(new ReturnAmbassador(EMBASSY, ANTONOV, null, ON, SOURCE))
                    .expectException(violates("not-in-office", "personId"))
                    .expectNoEvents();
        }
    }

    @Nested
    class EndAmbassadorshipCommand {

        @Test
        void endsTheFunctionsOfAHead() {
            fixture.given(embassyOpened(), appointed(ANTONOV), copyPresented(ANTONOV, null))
                    .when(new EndAmbassadorship(EMBASSY, ANTONOV, null, "left the post", ON, SOURCE))
                    .expectEvents(new AmbassadorshipEnded(PRESENCE, EMBASSY, ANTONOV, "left the post", ON, SOURCE));
        }

        @Test
        void endsAnAppointmentBeforeFunctionsStarted() {
            fixture.given(embassyOpened(), appointed(DARCHIEV))
                    .when(new EndAmbassadorship(EMBASSY, null, DARCHIEV_NAME, null, ON, SOURCE))
                    .expectEvents(new AmbassadorshipEnded(PRESENCE, EMBASSY, DARCHIEV, null, ON, SOURCE));
        }

        @Test
        void leavesThePostVacant() {
            fixture.given(embassyOpened(), appointed(ANTONOV), copyPresented(ANTONOV, null), ended(ANTONOV))
                    .when(appointCharge())
                    .expectEvents(chargeAppointedOn(null));
        }

        @Test
        void refusesAPersonNeverAppointed() {
            fixture.given(embassyOpened(), granted(DARCHIEV))
                    .when(new EndAmbassadorship(EMBASSY, DARCHIEV, null, null, ON, SOURCE))
                    .expectException(violates("not-appointed", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesFunctionsEndedTwice() {
            fixture.given(embassyOpened(), appointed(ANTONOV), copyPresented(ANTONOV, null), ended(ANTONOV))
                    .when(new EndAmbassadorship(EMBASSY, ANTONOV, null, null, ON, SOURCE))
                    .expectException(violates("ambassadorship-already-ended", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesToEndAPredecessorTakenToHaveLeft() {
            fixture.given(
                            embassyOpened(),
                            appointed(ANTONOV),
                            copyPresented(ANTONOV, null),
                            appointed(DARCHIEV),
                            copyPresented(DARCHIEV, ANTONOV))
                    .when(new EndAmbassadorship(EMBASSY, ANTONOV, null, null, ON, SOURCE))
                    .expectException(violates("ambassadorship-already-ended", "personId"))
                    .expectNoEvents();
        }
    }

    @Nested
    class AppointChargeDAffairesCommand {

        @Test
        void appointsAChargeWhileThePostIsVacant() {
            fixture.given(embassyOpened()).when(appointCharge()).expectEvents(chargeAppointedOn(null));
        }

        @Test
        void appointsAChargeActingForARecalledHead() {
            fixture.given(
                            embassyOpened(),
                            appointed(ANTONOV),
                            copyPresented(ANTONOV, null),
                            recalled(ANTONOV, RecallKind.FOR_CONSULTATIONS))
                    .when(appointCharge())
                    .expectEvents(chargeAppointedOn(ANTONOV));
        }

        @Test
        void appointsAChargeWhileTheAppointedHeadHasNotTakenUpFunctions() {
            fixture.given(embassyOpened(), appointed(DARCHIEV))
                    .when(appointCharge())
                    .expectEvents(chargeAppointedOn(null));
        }

        @Test
        void appointsAChargeAtAPermanentMission() {
            fixture.given(unMissionOpened())
                    .when(new AppointChargeDAffaires(UN_MISSION, CHARGE, nameOf(CHARGE), null, ON, SOURCE))
                    .expectEvents(new ChargeDAffairesAppointed(
                            PRESENCE, UN_MISSION, CHARGE, nameOf(CHARGE), null, null, ON, SOURCE));
        }

        @Test
        void refusesWhileTheHeadIsPresent() {
            fixture.given(embassyOpened(), appointed(ANTONOV), copyPresented(ANTONOV, null))
                    .when(appointCharge())
                    .expectException(violates("head-of-mission-present", "missionId"))
                    .expectNoEvents();
        }

        @Test
        void refusesTheSameChargeTwice() {
            fixture.given(embassyOpened(), chargeAppointed(null))
                    .when(appointCharge())
                    .expectException(violates("already-charge-d-affaires", "personId"))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissionWithoutHeadOfMission() {
            fixture.given(consulateOpened())
                    .when(new AppointChargeDAffaires(CONSULATE, CHARGE, nameOf(CHARGE), null, ON, SOURCE))
                    .expectException(violates("no-head-of-mission-here", "missionId"))
                    .expectNoEvents();
        }
    }

    /** The head of a legation is an envoy or minister (VCDR Art. 14(1)(b)); the class follows the kind on the day. */
    @Nested
    class AtALegation {

        private static final String ROSEN = "roman-rosen";
        private static final String ROSEN_NAME = "Roman Rosen";

        @Test
        void requestsAgrementForAnEnvoyByDefault() {
            fixture.given(legationOpened())
                    .when(new RequestAgrement(LEGATION, null, ROSEN_NAME, null, ON, SOURCE))
                    .expectEvents(new AgrementRequested(
                            PRESENCE, LEGATION, ROSEN, ROSEN_NAME, HeadOfMissionClass.ENVOY, ON, SOURCE));
        }

        @Test
        void appointsAnEnvoyByDefault() {
            fixture.given(legationOpened())
                    .when(new AppointAmbassador(LEGATION, null, ROSEN_NAME, null, ON, SOURCE))
                    .expectEvents(new AmbassadorAppointed(
                            PRESENCE, LEGATION, ROSEN, ROSEN_NAME, HeadOfMissionClass.ENVOY, false, ON, SOURCE));
        }

        @Test
        void appointsAnAmbassadorByDefaultOnceTheLegationIsRaised() {
            fixture.given(legationOpened(), raised(day(-10)))
                    .when(new AppointAmbassador(LEGATION, null, ROSEN_NAME, null, ON, SOURCE))
                    .expectEvents(new AmbassadorAppointed(
                            PRESENCE, LEGATION, ROSEN, ROSEN_NAME, HeadOfMissionClass.AMBASSADOR, false, ON, SOURCE));
        }

        @Test
        void anAppointmentDatedBeforeTheRaiseIsOfAnEnvoy() {
            fixture.given(legationOpened(), raised(day(-10)))
                    .when(new AppointAmbassador(LEGATION, null, ROSEN_NAME, null, day(-100), SOURCE))
                    .expectEvents(new AmbassadorAppointed(
                            PRESENCE, LEGATION, ROSEN, ROSEN_NAME, HeadOfMissionClass.ENVOY, false, day(-100), SOURCE));
        }

        @Test
        void keepsTheAmbassadorAppointedToALegationAboutToBeRaised() {
            fixture.given(legationOpened())
                    .when(new AppointAmbassador(LEGATION, null, ROSEN_NAME, HeadOfMissionClass.AMBASSADOR, ON, SOURCE))
                    .expectEvents(new AmbassadorAppointed(
                            PRESENCE, LEGATION, ROSEN, ROSEN_NAME, HeadOfMissionClass.AMBASSADOR, false, ON, SOURCE));
        }

        @Test
        void grantsAgrementAtALegation() {
            fixture.given(legationOpened())
                    .when(new GrantAgrement(LEGATION, null, ROSEN_NAME, ON, SOURCE))
                    .expectEvents(new AgrementGranted(PRESENCE, LEGATION, ROSEN, ROSEN_NAME, false, ON, SOURCE));
        }
    }
}
