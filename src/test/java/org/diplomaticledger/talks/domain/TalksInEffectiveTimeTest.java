package org.diplomaticledger.talks.domain;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.diplomaticledger.history.RevisionsInAFixture;
import org.diplomaticledger.history.api.CorrectEntry;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.talks.api.*;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reports of a round of talks judged where their effective dates put them (issue 20, item 1), whatever order they
 * reach the ledger in: talks announced on 1 March for 10 April in Geneva.
 */
class TalksInEffectiveTimeTest {

    private static final String ID = "geneva-effective-time";
    private static final CountryCode CH = CountryCode.of("CH");
    private static final CountryCode RU = CountryCode.of("RU");
    private static final CountryCode US = CountryCode.of("US");
    private static final Venue GENEVA = new Venue("Geneva", CH, null);
    private static final Provenance SOURCE = Provenance.of("Reuters");
    private static final LocalDate ANNOUNCED = LocalDate.of(2025, 3, 1);
    private static final LocalDate APRIL_10 = LocalDate.of(2025, 4, 10);
    private static final DelegationMember HEAD =
            new DelegationMember("Sonata Coulter", "Deputy Assistant Secretary", true, null);

    private AggregateTestFixture<Talks> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Talks.class);
        RevisionsInAFixture.register(fixture, ID, TalksRevisions.ROUTE);
    }

    private static LocalDate march(int day) {
        return LocalDate.of(2025, 3, day);
    }

    private static TalksScheduled scheduled() {
        return new TalksScheduled(
                ID,
                List.of(US, RU),
                GENEVA,
                APRIL_10,
                null,
                null,
                "embassy operations",
                List.of(),
                TalksFormat.OFFICIALS,
                true,
                ANNOUNCED,
                SOURCE);
    }

    private static TalksHeld heldOn(LocalDate day) {
        return new TalksHeld(
                ID, List.of(US, RU), day, null, GENEVA, true, APRIL_10, !day.equals(APRIL_10), null, day, SOURCE);
    }

    private static TalksCancelled cancelledOn(LocalDate day) {
        return new TalksCancelled(ID, APRIL_10, null, null, day, SOURCE);
    }

    private static Matcher<RuleViolation> violates(String rule, String field) {
        return new CustomTypeSafeMatcher<>("rule " + rule + " on " + field) {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return rule.equals(violation.rule()) && field.equals(violation.field());
            }
        };
    }

    @Test
    void refusesACancellationBackFilledBeforeARecordedHoldingNamingIt() {
        fixture.given(scheduled(), heldOn(APRIL_10))
                .when(new CancelTalks(ID, null, null, march(20), SOURCE))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(
                        allOf(containsString("TalksHeld of 2025-04-10"), containsString("talks-cancelled")))
                .expectNoEvents();
    }

    @Test
    void refusesAHoldingDatedAfterARecordedCancellation() {
        fixture.given(scheduled(), cancelledOn(march(20)))
                .when(new RecordTalksHeld(ID, null, null, null, APRIL_10, SOURCE))
                .expectException(violates("talks-cancelled", "talksId"))
                .expectNoEvents();
    }

    /** Held on 5 April, then (as a later source has it) cancelled on 8 April: the holding contradicts that report. */
    @Test
    void refusesAHoldingBackFilledBeforeARecordedCancellation() {
        fixture.given(scheduled(), cancelledOn(LocalDate.of(2025, 4, 8)))
                .when(new RecordTalksHeld(ID, null, null, null, LocalDate.of(2025, 4, 5), SOURCE))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(containsString("talks-already-held"))
                .expectNoEvents();
    }

    /** A postponement back-filled before a recorded holding: the talks were held on another day than set. */
    @Test
    void acceptsAPostponementBackFilledBeforeARecordedHolding() {
        LocalDate held = LocalDate.of(2025, 5, 6);
        fixture.given(scheduled(), heldOn(held))
                .when(new PostponeTalks(ID, null, held, march(25), SOURCE))
                .expectEvents(new TalksPostponed(ID, APRIL_10, held, null, march(25), SOURCE));
    }

    /**
     * A reschedule back-filled before a recorded one that moved the talks to the same day leaves that one changing
     * nothing; the talks' date is the one of the reschedule's own day, not the last recorded.
     */
    @Test
    void refusesARescheduleThatWouldLeaveARecordedOneChangingNothing() {
        LocalDate april11 = APRIL_10.plusDays(1);
        fixture.given(
                        scheduled(),
                        new TalksRescheduled(
                                ID, APRIL_10, null, GENEVA, april11, null, GENEVA, true, null, march(20), SOURCE))
                .when(new RescheduleTalks(ID, april11, null, null, null, march(10), SOURCE))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(containsString("reschedule-changes-nothing"))
                .expectNoEvents();
    }

    @Test
    void aRescheduleBackFilledNamesTheDateOfItsOwnDay() {
        LocalDate april11 = APRIL_10.plusDays(1);
        LocalDate april12 = APRIL_10.plusDays(2);
        fixture.given(
                        scheduled(),
                        new TalksRescheduled(
                                ID, APRIL_10, null, GENEVA, april11, null, GENEVA, true, null, march(20), SOURCE))
                .when(new RescheduleTalks(ID, april12, null, null, null, march(10), SOURCE))
                .expectEvents(new TalksRescheduled(
                        ID, APRIL_10, null, GENEVA, april12, null, GENEVA, true, null, march(10), SOURCE));
    }

    /**
     * A postponement is to a later date than the talks were set for on its day: 15 April is later than the 10 April
     * of 10 March, though a reschedule recorded for 20 March set them for 20 April.
     */
    @Test
    void refusesAPostponementNotLaterThanTheDateOfItsDay() {
        LocalDate april15 = LocalDate.of(2025, 4, 15);
        fixture.given(
                        scheduled(),
                        new TalksRescheduled(
                                ID,
                                APRIL_10,
                                null,
                                GENEVA,
                                LocalDate.of(2025, 4, 20),
                                null,
                                GENEVA,
                                true,
                                null,
                                march(20),
                                SOURCE))
                .when(new PostponeTalks(ID, null, april15, march(10), SOURCE))
                .expectEvents(new TalksPostponed(ID, APRIL_10, april15, null, march(10), SOURCE));
        fixture.given(scheduled())
                .when(new PostponeTalks(ID, null, LocalDate.of(2025, 4, 5), march(10), SOURCE))
                .expectException(violates("postponement-not-later", "newDate"))
                .expectNoEvents();
    }

    @Test
    void refusesADelegationNamedAfterTheConclusionButAcceptsOneBefore() {
        TalksConcluded concluded = new TalksConcluded(
                ID, List.of(US, RU), TalksOutcome.CONTINUED, null, List.of(), false, APRIL_10, SOURCE);
        fixture.given(scheduled(), concluded)
                .when(new NameDelegation(ID, US, HEAD, List.of(), APRIL_10.plusDays(1), SOURCE))
                .expectException(violates("talks-already-concluded", "talksId"))
                .expectNoEvents();
        fixture.given(scheduled(), concluded)
                .when(new NameDelegation(ID, US, HEAD, List.of(), march(15), SOURCE))
                .expectEvents(new DelegationNamed(ID, US, HEAD, List.of(), false, march(15), SOURCE));
    }

    /** A delegation back-filled before one recorded for a later day replaces nothing: the later one replaces it. */
    @Test
    void aDelegationBackFilledReplacesOnlyThoseNamedBeforeItsDay() {
        fixture.given(scheduled(), new DelegationNamed(ID, US, HEAD, List.of(), false, march(20), SOURCE))
                .when(new NameDelegation(ID, US, HEAD, List.of(), march(10), SOURCE))
                .expectEvents(new DelegationNamed(ID, US, HEAD, List.of(), false, march(10), SOURCE));
    }

    /** A correction moving a reschedule after the recorded holding is judged like a new reschedule on that day. */
    @Test
    void refusesMovingARescheduleAfterTheRecordedHolding() {
        LocalDate april11 = APRIL_10.plusDays(1);
        var given = fixture.given(
                scheduled(),
                new TalksRescheduled(ID, APRIL_10, null, GENEVA, april11, null, GENEVA, true, null, march(20), SOURCE),
                heldOn(april11));
        given.when(new CorrectEntry(id(1), Map.of("effectiveDate", "2025-04-12"), "misread", null, SOURCE))
                .expectException(violates("talks-already-held", "corrections.effectiveDate"))
                .expectNoEvents();
    }

    /** Moving the holding before a recorded postponement would leave that postponement after the holding. */
    @Test
    void refusesMovingAHoldingBeforeARecordedPostponement() {
        LocalDate may6 = LocalDate.of(2025, 5, 6);
        var given = fixture.given(
                scheduled(), new TalksPostponed(ID, APRIL_10, may6, null, march(25), SOURCE), heldOn(may6));
        given.when(new CorrectEntry(id(2), Map.of("effectiveDate", "2025-03-20"), "misread", null, SOURCE))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(containsString("talks-already-held"))
                .expectNoEvents();
    }

    private String id(int n) {
        return fixture.getEventStore()
                .readEvents(ID)
                .asStream()
                .skip(n)
                .findFirst()
                .orElseThrow()
                .getIdentifier();
    }
}
