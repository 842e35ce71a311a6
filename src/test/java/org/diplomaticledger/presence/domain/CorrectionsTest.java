package org.diplomaticledger.presence.domain;

import static org.diplomaticledger.presence.domain.PresenceTestData.*;
import static org.diplomaticledger.presence.domain.RuleViolationMatcher.violates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.diplomaticledger.history.RevisionsInAFixture;
import org.diplomaticledger.history.api.CorrectEntry;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.history.api.RetractEntry;
import org.diplomaticledger.presence.api.DiplomatExpelled;
import org.diplomaticledger.presence.api.StaffCategory;
import org.diplomaticledger.shared.EventJson;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.Provenance;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Corrections and retractions of a presence's events: each rule of the ledger's history
 * ({@code EntryRules}) under the presence's {@link PresenceRevisions}, recorded by the Presence aggregate. */
class CorrectionsTest {

    private static final String PETROV = "ivan-petrov";
    private static final Provenance CORRECTION_SOURCE = new Provenance("State Department correction", null);

    private FixtureConfiguration<Presence> fixture;

    @BeforeEach
    void setUp() {
        fixture = PresenceTestData.fixture();
        // The ledger's history judges a revision on the fixture's store and hands the presence what to record.
        RevisionsInAFixture.register(fixture, PRESENCE, PresenceRevisions.ROUTE);
    }

    private TestExecutor<Presence> given;

    /** The presence's history; {@link #id(int)} then answers the id the n-th event was given. */
    private TestExecutor<Presence> history(Object... payloads) {
        given = fixture.given(payloads);
        return given;
    }

    /** Events recorded after the first ones, such as a correction of one of them (named by {@link #id(int)}). */
    private TestExecutor<Presence> andThen(Object... payloads) {
        return given.andGiven(payloads);
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

    private static CorrectEntry correct(String eventId, Map<String, Object> corrections) {
        return new CorrectEntry(eventId, corrections, "the source misread", null, CORRECTION_SOURCE);
    }

    private static RetractEntry retract(String eventId) {
        return new RetractEntry(eventId, "never happened", null, CORRECTION_SOURCE);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Object event) {
        return EventJson.mapper().convertValue(event, Map.class);
    }

    private static Matcher<InvalidValueException> invalid(String field) {
        return new CustomTypeSafeMatcher<>("an InvalidValueException naming " + field) {
            @Override
            protected boolean matchesSafely(InvalidValueException e) {
                return field.equals(e.field());
            }
        };
    }

    @Nested
    class Corrections {

        @Test
        void recordTheFullCorrectedPayloadOfTheEvent() {
            DiplomatExpelled as30 = expelledCounted("exp-1", day(30), 30);
            history(
                            embassyOpened(),
                            counted(EMBASSY, StaffCategory.UNSPECIFIED, 100),
                            expelledCounted("exp-1", day(30), 35))
                    .when(correct(id(2), Map.of("count", 30)))
                    .expectEvents(new EntryCorrected(
                            id(2),
                            "DiplomatExpelled",
                            json(as30),
                            "the source misread",
                            as30.effectiveDate(),
                            CORRECTION_SOURCE));
        }

        @Test
        void takeTheCorrectedEffectiveDateAsTheirOwn() {
            DiplomatExpelled earlier = new DiplomatExpelled(
                    PRESENCE,
                    "exp-1",
                    US,
                    RU,
                    EMBASSY,
                    List.of(),
                    35,
                    StaffCategory.UNSPECIFIED,
                    day(30),
                    null,
                    null,
                    day(-8),
                    SOURCE);
            history(embassyOpened(), expelledCounted("exp-1", day(30), 35))
                    .when(correct(id(1), Map.of("effectiveDate", day(-8).toString())))
                    .expectEvents(new EntryCorrected(
                            id(1),
                            "DiplomatExpelled",
                            json(earlier),
                            "the source misread",
                            day(-8),
                            CORRECTION_SOURCE));
        }

        @Test
        void mayCorrectANameInsideAList() {
            Map<String, Object> person = new LinkedHashMap<>(Map.of(
                    "personId", PETROV, "name", "Ivan Petrovich", "missionId", EMBASSY, "category", "DIPLOMATIC"));
            history(embassyOpened(), accredited(PETROV), expelled("exp-1", day(30), PETROV))
                    .when(correct(id(2), Map.of("persons", List.of(person))))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                            org.axonframework.test.matchers.Matchers.messageWithPayload(
                                    org.hamcrest.Matchers.instanceOf(EntryCorrected.class))));
        }

        @Test
        void mustChangeSomething() {
            history(embassyOpened(), expelledCounted("exp-1", day(30), 35))
                    .when(correct(id(1), Map.of("count", 35)))
                    .expectException(violates("correction-changes-nothing", "corrections"))
                    .expectNoEvents();
        }

        @Test
        void cannotChangeAnId() {
            history(embassyOpened(), consulateOpened(), accredited(PETROV))
                    .when(correct(id(2), Map.of("missionId", CONSULATE)))
                    .expectException(violates("identity-not-correctable", "corrections.missionId"))
                    .expectNoEvents();
        }

        @Test
        void cannotChangeAState() {
            history(embassyOpened(), expelledCounted("exp-1", day(30), 35))
                    .when(correct(id(1), Map.of("declaredBy", "TR")))
                    .expectException(violates("identity-not-correctable", "corrections.declaredBy"));
        }

        @Test
        void cannotChangeWhoIsInAList() {
            Map<String, Object> other = Map.of(
                    "personId", "someone-else", "name", "Someone Else", "missionId", EMBASSY, "category", "DIPLOMATIC");
            history(embassyOpened(), accredited(PETROV), expelled("exp-1", day(30), PETROV))
                    .when(correct(id(2), Map.of("persons", List.of(other))))
                    .expectException(violates("identity-not-correctable", "corrections.persons"));
        }

        @Test
        void cannotChangeWhatAMissionIdIsMadeOf() {
            history(embassyOpened())
                    .when(correct(id(0), Map.of("city", "Boston")))
                    .expectException(violates("identity-not-correctable", "corrections.city"));
        }

        @Test
        void refuseAFieldTheEventDoesNotHave() {
            history(embassyOpened(), expelledCounted("exp-1", day(30), 35))
                    .when(correct(id(1), Map.of("colour", "red")))
                    .expectException(invalid("corrections.colour"))
                    .expectNoEvents();
        }

        @Test
        void refuseAValueTheEventCannotHold() {
            history(embassyOpened(), expelledCounted("exp-1", day(30), 35))
                    .when(correct(id(1), Map.of("count", "many")))
                    .expectException(invalid("corrections.count"))
                    .expectNoEvents();
        }

        @Test
        void refuseToRemoveTheEffectiveDate() {
            Map<String, Object> corrections = new LinkedHashMap<>();
            corrections.put("effectiveDate", null);
            history(embassyOpened(), expelledCounted("exp-1", day(30), 35))
                    .when(correct(id(1), corrections))
                    .expectException(invalid("corrections.effectiveDate"));
        }

        @Test
        void mayCorrectAnEventCorrectedBefore() {
            DiplomatExpelled as30 = expelledCounted("exp-1", day(30), 30);
            DiplomatExpelled as25 = expelledCounted("exp-1", day(30), 25);
            history(embassyOpened(), expelledCounted("exp-1", day(30), 35));
            andThen(new EntryCorrected(id(1), "DiplomatExpelled", json(as30), "first", as30.effectiveDate(), SOURCE))
                    .when(correct(id(1), Map.of("count", 25)))
                    .expectEvents(new EntryCorrected(
                            id(1),
                            "DiplomatExpelled",
                            json(as25),
                            "the source misread",
                            as25.effectiveDate(),
                            CORRECTION_SOURCE));
        }
    }

    @Nested
    class Retractions {

        @Test
        void recordTheRetractionWithTheEventsEffectiveDate() {
            history(embassyOpened(), accredited(PETROV))
                    .when(retract(id(1)))
                    .expectEvents(new EntryRetracted(
                            id(1), "DiplomatAccredited", "never happened", day(-100), CORRECTION_SOURCE));
        }

        @Test
        void areRefusedWhileALaterEventDependsOnTheFact() {
            history(embassyOpened(), accredited(PETROV), expelled("exp-1", day(30), PETROV))
                    .when(retract(id(1)))
                    .expectException(violates("entry-has-dependents", "eventId"))
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString(id(2)))
                    .expectNoEvents();
        }

        @Test
        void ofTheLaterEventFirstAreAccepted() {
            history(embassyOpened(), accredited(PETROV), expelled("exp-1", day(30), PETROV))
                    .when(retract(id(2)))
                    .expectEvents(new EntryRetracted(
                            id(2), "DiplomatExpelled", "never happened", day(-7), CORRECTION_SOURCE));
        }

        @Test
        void ofAMissionWithStaffAreRefused() {
            history(embassyOpened(), accredited(PETROV))
                    .when(retract(id(0)))
                    .expectException(violates("entry-has-dependents", "eventId"));
        }
    }

    @Nested
    class Targets {

        @Test
        void mustBeEventsOfThisPresence() {
            history(embassyOpened())
                    .when(retract("ev-elsewhere"))
                    .expectException(violates("unknown-entry", "eventId"))
                    .expectNoEvents();
        }

        @Test
        void mustNotBeCorrectionsThemselves() {
            DiplomatExpelled as30 = expelledCounted("exp-1", day(30), 30);
            history(embassyOpened(), expelledCounted("exp-1", day(30), 35));
            andThen(new EntryCorrected(id(1), "DiplomatExpelled", json(as30), "first", as30.effectiveDate(), SOURCE))
                    .when(retract(id(2)))
                    .expectException(violates("entry-is-revision", "eventId"));
        }

        @Test
        void mustNotBeRetractions() {
            history(embassyOpened(), accredited(PETROV));
            andThen(new EntryRetracted(id(1), "DiplomatAccredited", "wrong person", day(-100), SOURCE))
                    .when(correct(id(2), Map.of("reason", "x")))
                    .expectException(violates("entry-is-revision", "eventId"));
        }

        @Test
        void mustNotBeRetractedAlready() {
            history(embassyOpened(), accredited(PETROV));
            andThen(new EntryRetracted(id(1), "DiplomatAccredited", "wrong person", day(-100), SOURCE))
                    .when(correct(id(1), Map.of("name", "Ivan Petrovich")))
                    .expectException(violates("entry-retracted", "eventId"))
                    .expectNoEvents();
        }
    }
}
