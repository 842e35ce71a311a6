package org.diplomaticledger.presence.domain;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.diplomaticledger.history.RevisionsInAFixture;
import org.diplomaticledger.history.api.CorrectEntry;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.shared.Provenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.diplomaticledger.presence.domain.PresenceTestData.*;
import static org.diplomaticledger.presence.domain.RuleViolationMatcher.violates;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;

/**
 * A correction that moves a fact of a mission's life to another day is judged like a new fact (issue 18 point 4,
 * issue 20 item 1): the embassy opened on day -365, Petrov accredited on day -100, the embassy closed on day -30.
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
        return fixture.getEventStore().readEvents(PRESENCE).asStream().skip(n).findFirst().orElseThrow().getIdentifier();
    }

    private static CorrectEntry movedTo(String eventId, int day) {
        return new CorrectEntry(eventId, Map.of("effectiveDate", day(day).toString()), "the source misread", null,
                CORRECTION_SOURCE);
    }

    @Test
    void refusesMovingAClosureBeforeARecordedAccreditationNamingIt() {
        var given = fixture.given(embassyOpened(), accredited(PETROV), closed(EMBASSY));
        given.when(movedTo(id(2), -200))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(allOf(containsString("DiplomatAccredited of " + day(-100)),
                        containsString(id(1))))
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
}
