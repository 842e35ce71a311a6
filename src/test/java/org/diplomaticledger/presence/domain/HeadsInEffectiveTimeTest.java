package org.diplomaticledger.presence.domain;

import static org.diplomaticledger.presence.domain.PresenceTestData.*;
import static org.diplomaticledger.presence.domain.RuleViolationMatcher.violates;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.diplomaticledger.history.RevisionsInAFixture;
import org.diplomaticledger.history.api.CorrectEntry;
import org.diplomaticledger.presence.api.*;
import org.diplomaticledger.shared.Provenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The steps of a head of mission's tenure judged where their effective dates put them (issue 20, item 1), whatever
 * order they were recorded in: each against the heads as they stood on its day, and against the steps recorded for
 * later days. The embassy opened on day -365; Antonov is its recorded head from day -100 unless a test says otherwise.
 */
class HeadsInEffectiveTimeTest {

    private static final String ANTONOV = "anatoly-antonov";
    private static final String KISLYAK = "sergey-kislyak";
    private static final String CHARGE = "alexander-kuzmin";

    private FixtureConfiguration<Presence> fixture;

    @BeforeEach
    void setUp() {
        fixture = PresenceTestData.fixture();
        RevisionsInAFixture.register(fixture, PRESENCE, PresenceRevisions.ROUTE);
    }

    private static AmbassadorAppointed appointed(String personId, int day) {
        return new AmbassadorAppointed(
                PRESENCE, EMBASSY, personId, nameOf(personId), HeadOfMissionClass.AMBASSADOR, false, day(day), SOURCE);
    }

    private static CredentialsPresented presented(String personId, int day, String predecessor) {
        return new CredentialsPresented(
                PRESENCE, EMBASSY, personId, nameOf(personId), true, true, predecessor, day(day), SOURCE);
    }

    private static CredentialsCopyPresented copyPresented(String personId, int day) {
        return new CredentialsCopyPresented(
                PRESENCE, EMBASSY, personId, nameOf(personId), true, null, day(day), SOURCE);
    }

    private static AppointAmbassador appoint(String personId, int day) {
        return new AppointAmbassador(EMBASSY, personId, nameOf(personId), null, day(day), SOURCE);
    }

    private static PresentCredentials present(String personId, CredentialsStep step, int day) {
        return new PresentCredentials(EMBASSY, personId, null, step, day(day), SOURCE);
    }

    private static AmbassadorRecalled recalled(String personId, int day) {
        return new AmbassadorRecalled(
                PRESENCE, EMBASSY, personId, RecallKind.FOR_CONSULTATIONS, null, day(day), SOURCE);
    }

    private static AmbassadorshipEnded ended(String personId, int day) {
        return new AmbassadorshipEnded(PRESENCE, EMBASSY, personId, null, day(day), SOURCE);
    }

    private static EndAmbassadorship end(String personId, int day) {
        return new EndAmbassadorship(EMBASSY, personId, null, null, day(day), SOURCE);
    }

    @Test
    void refusesAnAppointmentBackFilledBeforeARecordedOneOfTheSamePersonNamingIt() {
        fixture.given(embassyOpened(), appointed(ANTONOV, -100))
                .when(appoint(ANTONOV, -200))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(allOf(
                        containsString("AmbassadorAppointed of " + day(-100)), containsString("already-appointed")))
                .expectNoEvents();
    }

    @Test
    void refusesARecallDatedBeforeTheAppointment() {
        fixture.given(embassyOpened(), appointed(ANTONOV, -100), presented(ANTONOV, -90, null))
                .when(new RecallAmbassador(
                        EMBASSY, ANTONOV, null, RecallKind.FOR_CONSULTATIONS, null, day(-150), SOURCE))
                .expectException(violates("not-in-office", "personId"))
                .expectNoEvents();
    }

    @Test
    void refusesAnEndDatedBeforeTheAppointment() {
        fixture.given(embassyOpened(), appointed(ANTONOV, -100))
                .when(end(ANTONOV, -150))
                .expectException(violates("not-appointed", "personId"))
                .expectNoEvents();
    }

    @Test
    void refusesAReturnDatedBeforeTheRecall() {
        fixture.given(embassyOpened(), appointed(ANTONOV, -100), presented(ANTONOV, -90, null), recalled(ANTONOV, -30))
                .when(new ReturnAmbassador(EMBASSY, ANTONOV, null, day(-60), SOURCE))
                .expectException(violates("not-recalled", "personId"))
                .expectNoEvents();
    }

    /** Credentials presented before a recorded copy would have started the functions the copy is recorded as starting. */
    @Test
    void refusesCredentialsBackFilledBeforeARecordedCopyAsContradictingIt() {
        fixture.given(embassyOpened(), appointed(ANTONOV, -100), copyPresented(ANTONOV, -80))
                .when(present(ANTONOV, CredentialsStep.PRESENTATION_TO_HEAD_OF_STATE, -90))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(allOf(
                        containsString("CredentialsCopyPresented of " + day(-80)),
                        containsString("credentials-already-presented")))
                .expectNoEvents();
    }

    /** Credentials after a recorded copy: the copy started the functions, and nobody was in office before it. */
    @Test
    void credentialsAfterARecordedCopyDoNotStartTheFunctionsAgain() {
        fixture.given(embassyOpened(), appointed(ANTONOV, -100), copyPresented(ANTONOV, -80))
                .when(present(ANTONOV, CredentialsStep.PRESENTATION_TO_HEAD_OF_STATE, -70))
                .expectEvents(new CredentialsPresented(
                        PRESENCE, EMBASSY, ANTONOV, nameOf(ANTONOV), true, false, null, day(-70), SOURCE));
    }

    /**
     * Kislyak, back-filled as head from day -300, becomes the predecessor of Antonov, whose arrival on day -90 was
     * recorded first and named none: Kislyak's functions ended that day, so they cannot end again later.
     */
    @Test
    void aHeadBackFilledBeforeARecordedOneIsSucceededByIt() {
        fixture.given(
                        embassyOpened(),
                        appointed(ANTONOV, -100),
                        presented(ANTONOV, -90, null),
                        appointed(KISLYAK, -310),
                        presented(KISLYAK, -300, null))
                .when(end(KISLYAK, -10))
                .expectException(violates("ambassadorship-already-ended", "personId"))
                .expectExceptionMessage(containsString(day(-90).toString()))
                .expectNoEvents();
    }

    /** The head back-filled is told whom he succeeds: the one in office on his day, not the last recorded. */
    @Test
    void theCredentialsOfAHeadBackFilledNameThePredecessorOfTheirDay() {
        fixture.given(
                        embassyOpened(),
                        appointed(KISLYAK, -310),
                        presented(KISLYAK, -300, null),
                        appointed(CHARGE, -20),
                        presented(CHARGE, -10, KISLYAK))
                .when(present(ANTONOV, CredentialsStep.PRESENTATION_TO_HEAD_OF_STATE, -90))
                .expectEvents(new CredentialsPresented(
                        PRESENCE, EMBASSY, ANTONOV, null, false, true, KISLYAK, day(-90), SOURCE));
    }

    /** Someone in functions since day -90 (no appointment on record) is appointed only for a day before that. */
    @Test
    void refusesAnAppointmentDatedAfterTheFunctionsItLeadsToStarted() {
        fixture.given(embassyOpened(), presented(ANTONOV, -90, null))
                .when(appoint(ANTONOV, -30))
                .expectException(violates("already-in-functions", "personId"))
                .expectExceptionMessage(containsString(day(-90).toString()))
                .expectNoEvents();
    }

    @Test
    void acceptsAnAppointmentBackFilledBeforeTheRecordedCredentials() {
        fixture.given(embassyOpened(), presented(ANTONOV, -90, null))
                .when(appoint(ANTONOV, -120))
                .expectEvents(new AmbassadorAppointed(
                        PRESENCE,
                        EMBASSY,
                        ANTONOV,
                        nameOf(ANTONOV),
                        HeadOfMissionClass.AMBASSADOR,
                        false,
                        day(-120),
                        SOURCE));
    }

    /** A chargé d'affaires a.i. acts only while the head cannot: a recall recorded for a later day does not count. */
    @Test
    void refusesAChargeDAffairesWhileTheHeadWasInOfficeThatDay() {
        fixture.given(embassyOpened(), appointed(ANTONOV, -100), presented(ANTONOV, -90, null), recalled(ANTONOV, -30))
                .when(new AppointChargeDAffaires(
                        EMBASSY, CHARGE, nameOf(CHARGE), "Minister-Counsellor", day(-60), SOURCE))
                .expectException(violates("head-of-mission-present", "missionId"))
                .expectNoEvents();
    }

    /** A refusal of agrément back-filled before a recorded appointment would leave that appointment against it. */
    @Test
    void refusesARefusalOfAgrementBackFilledBeforeARecordedAppointment() {
        fixture.given(embassyOpened(), appointed(ANTONOV, -100))
                .when(new RefuseAgrement(EMBASSY, ANTONOV, null, null, day(-120), SOURCE))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(containsString("agrement-refused"))
                .expectNoEvents();
    }

    /** A correction moving the end of a tenure before its appointment is judged like a new end on that day. */
    @Test
    void refusesMovingAnEndBeforeTheAppointment() {
        var given = fixture.given(
                embassyOpened(), appointed(ANTONOV, -100), presented(ANTONOV, -90, null), ended(ANTONOV, -10));
        String endId = fixture.getEventStore()
                .readEvents(PRESENCE)
                .asStream()
                .skip(3)
                .findFirst()
                .orElseThrow()
                .getIdentifier();
        given.when(new CorrectEntry(
                        endId,
                        Map.of("effectiveDate", day(-150).toString()),
                        "misread",
                        null,
                        new Provenance("correction", null)))
                .expectException(violates("not-appointed", "corrections.effectiveDate"))
                .expectNoEvents();
    }
}
