package org.diplomaticledger.presence.domain;

import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.diplomaticledger.presence.domain.PresenceTestData.*;
import static org.diplomaticledger.presence.domain.RuleViolationMatcher.violates;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;

import java.util.Map;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.diplomaticledger.history.RevisionsInAFixture;
import org.diplomaticledger.history.api.CorrectEntry;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.presence.api.DiplomatAccredited;
import org.diplomaticledger.presence.api.StaffCategory;
import org.diplomaticledger.presence.api.StaffCountReported;
import org.diplomaticledger.shared.Provenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A correction that moves a fact of a mission's life to another day is judged like a new fact (issue 18 point 4,
 * issue 20 item 1): the embassy opened on day -365, Petrov accredited on day -100, the embassy closed on day -30. So is
 * one that keeps a staff or ceiling fact on its day but changes what the ceilings read of it (issue 20): a reported
 * headcount, a ceiling's limit, an accreditation's category.
 */
class CorrectionsInEffectiveTimeTest {

    private static final String PETROV = "ivan-petrov";
    private static final Provenance CORRECTION_SOURCE = new Provenance("State Department correction", null);

    private FixtureConfiguration<Presence> fixture;

    @BeforeEach
    void setUp() {
        fixture = PresenceTestData.fixture();
        RevisionsInAFixture.register(fixture, PRESENCE, PresenceRevisions.ROUTE);
    }

    private String id(int n) {
        return fixture.getEventStore()
                .readEvents(PRESENCE)
                .asStream()
                .skip(n)
                .findFirst()
                .orElseThrow()
                .getIdentifier();
    }

    private static CorrectEntry movedTo(String eventId, int day) {
        return new CorrectEntry(
                eventId, Map.of("effectiveDate", day(day).toString()), "the source misread", null, CORRECTION_SOURCE);
    }

    @Test
    void refusesMovingAClosureBeforeARecordedAccreditationNamingIt() {
        var given = fixture.given(embassyOpened(), accredited(PETROV), closed(EMBASSY));
        given.when(movedTo(id(2), -200))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(
                        allOf(containsString("DiplomatAccredited of " + day(-100)), containsString(id(1))))
                .expectNoEvents();
    }

    @Test
    void refusesMovingAnOpeningAfterTheStaffItHad() {
        var given = fixture.given(embassyOpened(), accredited(PETROV), closed(EMBASSY));
        given.when(movedTo(id(0), -50))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectNoEvents();
    }

    @Test
    void refusesMovingAnAccreditationToADayTheMissionWasNotOpen() {
        var given = fixture.given(embassyOpened(), accredited(PETROV), closed(EMBASSY));
        given.when(movedTo(id(1), -10))
                .expectException(violates("mission-not-open", "corrections.effectiveDate"))
                .expectNoEvents();
    }

    @Test
    void acceptsMovingAClosureWhereTheLifeStillHolds() {
        var given = fixture.given(embassyOpened(), accredited(PETROV), closed(EMBASSY));
        given.when(movedTo(id(2), -60))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(exactSequenceOf(messageWithPayload(instanceOf(EntryCorrected.class))));
    }

    // ---------------------------------------------------------------- corrections keeping their day

    private static final String ALPHA = "anna-alpha";
    private static final String BRAVO = "boris-bravo";

    private static DiplomatAccredited accreditedOn(String personId, StaffCategory category, int day) {
        return new DiplomatAccredited(PRESENCE, EMBASSY, personId, nameOf(personId), null, category, day(day), SOURCE);
    }

    private static CorrectEntry corrected(String eventId, String field, Object value) {
        return new CorrectEntry(eventId, Map.of(field, value), "the source misread", null, CORRECTION_SOURCE);
    }

    /**
     * A count of 1 reported on day -200 under a ceiling of 2 left room for Alpha on day -100; corrected to 2, it keeps
     * its day but fills the ceiling, and Alpha's recorded accreditation would exceed it.
     */
    @Test
    void refusesCorrectingAReportedHeadcountSoThatARecordedAccreditationExceedsTheCeiling() {
        fixture.given(
                        embassyOpened(),
                        ceiling("c-2", null, null, 2, day(-300)),
                        new StaffCountReported(PRESENCE, EMBASSY, StaffCategory.DIPLOMATIC, 1, day(-200), SOURCE),
                        accreditedOn(ALPHA, StaffCategory.DIPLOMATIC, -100))
                .when(corrected(id(2), "headcount", 2))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(allOf(
                        containsString("correcting the headcount of event " + id(2) + " to 2"),
                        containsString("DiplomatAccredited of " + day(-100)),
                        containsString(id(3)),
                        containsString("ceiling-exceeded")))
                .expectNoEvents();
    }

    /** A ceiling of 2 with Alpha and Bravo accredited under it: its limit corrected to 1 would refuse Bravo. */
    @Test
    void refusesCorrectingACeilingsLimitBelowTheStaffAccreditedUnderIt() {
        fixture.given(
                        embassyOpened(),
                        ceiling("c-2", null, null, 2, day(-300)),
                        accreditedOn(ALPHA, StaffCategory.DIPLOMATIC, -250),
                        accreditedOn(BRAVO, StaffCategory.DIPLOMATIC, -200))
                .when(corrected(id(1), "limit", 1))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(allOf(
                        containsString("correcting the limit of event " + id(1) + " to 1"),
                        containsString("DiplomatAccredited of " + day(-200)),
                        containsString(id(3)),
                        containsString("ceiling-exceeded")))
                .expectNoEvents();
    }

    /**
     * A ceiling of one diplomat, filled by Alpha; Bravo was accredited as technical staff. Corrected to a diplomat on
     * the same day, Bravo's own accreditation would exceed the ceiling: refused under its own rule, naming the field.
     */
    @Test
    void refusesCorrectingAnAccreditationsCategoryIntoAFullCeiling() {
        fixture.given(
                        embassyOpened(),
                        ceiling("c-d", null, StaffCategory.DIPLOMATIC, 1, day(-300)),
                        accreditedOn(ALPHA, StaffCategory.DIPLOMATIC, -250),
                        accreditedOn(BRAVO, StaffCategory.ADMINISTRATIVE_TECHNICAL, -200))
                .when(corrected(id(3), "category", "DIPLOMATIC"))
                .expectException(violates("ceiling-exceeded", "corrections.category"))
                .expectExceptionMessage(
                        allOf(containsString("corrected to category DIPLOMATIC"), containsString(id(3))))
                .expectNoEvents();
    }

    /** A limit corrected upwards leaves room: recorded. */
    @Test
    void acceptsALimitCorrectedUpwards() {
        fixture.given(
                        embassyOpened(),
                        ceiling("c-2", null, null, 2, day(-300)),
                        accreditedOn(ALPHA, StaffCategory.DIPLOMATIC, -250),
                        accreditedOn(BRAVO, StaffCategory.DIPLOMATIC, -200))
                .when(corrected(id(1), "limit", 3))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(exactSequenceOf(messageWithPayload(instanceOf(EntryCorrected.class))));
    }

    /** A reported headcount corrected downwards leaves more room: recorded. */
    @Test
    void acceptsAHeadcountCorrectedDownwards() {
        fixture.given(
                        embassyOpened(),
                        ceiling("c-2", null, null, 2, day(-300)),
                        new StaffCountReported(PRESENCE, EMBASSY, StaffCategory.DIPLOMATIC, 1, day(-200), SOURCE),
                        accreditedOn(ALPHA, StaffCategory.DIPLOMATIC, -100))
                .when(corrected(id(2), "headcount", 0))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(exactSequenceOf(messageWithPayload(instanceOf(EntryCorrected.class))));
    }
}
