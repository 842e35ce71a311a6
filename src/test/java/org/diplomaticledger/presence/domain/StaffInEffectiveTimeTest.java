package org.diplomaticledger.presence.domain;

import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.diplomaticledger.presence.domain.PresenceTestData.*;
import static org.diplomaticledger.presence.domain.RuleViolationMatcher.violates;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;

import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.diplomaticledger.presence.api.*;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A named person's accreditations, departures and expulsions are judged where their effective dates put them in the
 * person's career (issue 20, item 1): Petrov, accredited at the embassy on day -100.
 */
class StaffInEffectiveTimeTest {

    private static final String PETROV = "ivan-petrov";

    private FixtureConfiguration<Presence> fixture;

    @BeforeEach
    void setUp() {
        fixture = PresenceTestData.fixture();
    }

    private static RecordDeparture departure(int day) {
        return new RecordDeparture(EMBASSY, PETROV, null, null, null, day(day), SOURCE);
    }

    private static ExpelDiplomat expulsion(int day) {
        return new ExpelDiplomat(
                null,
                null,
                EMBASSY,
                List.of(PETROV),
                null,
                null,
                day(day + 30),
                null,
                "exp-late",
                null,
                day(day),
                SOURCE);
    }

    /** Recorded first, the accreditation of day -100 does not make him on the staff on day -200. */
    @Test
    void refusesADepartureDatedBeforeTheAccreditation() {
        fixture.given(embassyOpened(), accredited(PETROV))
                .when(departure(-200))
                .expectException(violates("not-accredited", "personId"))
                .expectExceptionMessage(containsString("on " + day(-200)))
                .expectNoEvents();
    }

    /**
     * Departed on day -50, he could not be expelled on day -7 as recorded: the expulsion of his stint, though recorded
     * for a later day, names the rule.
     */
    @Test
    void refusesADepartureBeforeARecordedExpulsionOfTheSameStint() {
        fixture.given(embassyOpened(), accredited(PETROV), expelled("exp-1", day(30), PETROV))
                .when(departure(-50))
                .expectException(violates("departure-before-expulsion", "effectiveDate"))
                .expectNoEvents();
    }

    /** Departed on day -10 as recorded, he cannot also have departed on day -50 of the same stint. */
    @Test
    void refusesASecondDepartureBackFilledIntoTheSameStint() {
        fixture.given(embassyOpened(), accredited(PETROV), departed(PETROV))
                .when(departure(-50))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(
                        allOf(containsString("DiplomatDeparted of " + day(-10)), containsString("already-departed")))
                .expectNoEvents();
    }

    /** Recorded as departed on day -10, he was still on the staff on day -30: an expulsion back-filled there fits. */
    @Test
    void acceptsAnExpulsionBackFilledBeforeARecordedDeparture() {
        fixture.given(embassyOpened(), accredited(PETROV), departed(PETROV))
                .when(expulsion(-30))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(exactSequenceOf(messageWithPayload(instanceOf(DiplomatExpelled.class))));
    }

    @Test
    void refusesAnExpulsionOnADayHeWasNotYetOnTheStaff() {
        fixture.given(embassyOpened(), accredited(PETROV))
                .when(expulsion(-200))
                .expectException(violates("not-accredited", "personIds[0]"))
                .expectNoEvents();
    }

    /** Accredited on day -200 with no departure before day -100, he would be accredited twice. */
    @Test
    void refusesAnAccreditationBackFilledBeforeARecordedOneWithoutADepartureBetween() {
        fixture.given(embassyOpened(), accredited(PETROV))
                .when(new AccreditDiplomat(
                        EMBASSY, PETROV, nameOf(PETROV), null, StaffCategory.DIPLOMATIC, day(-200), SOURCE))
                .expectException(violates("contradicts-recorded-fact", "effectiveDate"))
                .expectExceptionMessage(containsString("already-accredited"))
                .expectNoEvents();
    }

    /** After his departure on day -10 he may be accredited again; before it he is still there. */
    @Test
    void judgesAReaccreditationOnItsDay() {
        fixture.given(embassyOpened(), accredited(PETROV), departed(PETROV))
                .when(new AccreditDiplomat(
                        EMBASSY, PETROV, nameOf(PETROV), null, StaffCategory.DIPLOMATIC, day(-20), SOURCE))
                .expectException(violates("already-accredited", "personId"))
                .expectNoEvents();
    }

    /** Snapshots hold the careers and the missions' timelines as Jackson writes them, and read them back equal. */
    @Test
    void theTimelinesSurviveAJacksonRoundTrip() {
        com.fasterxml.jackson.databind.ObjectMapper mapper = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .findAndAddModules()
                .build();
        fixture.given(embassyOpened(), accredited(PETROV), departed(PETROV))
                .when(expulsion(-30))
                .expectState(presence -> {
                    try {
                        String json = mapper.writeValueAsString(presence);
                        // the staff timeline's facts are not in a snapshot: it reads them from the store if it needs
                        // them
                        org.assertj.core.api.Assertions.assertThat(mapper.readValue(json, Presence.class))
                                .usingRecursiveComparison()
                                .ignoringFields("staff.timeline.facts")
                                // what a timeline keeps after its last fact is folded again, not stored
                                .ignoringFieldsMatchingRegexes(".*\\.folded")
                                .isEqualTo(presence);
                        org.assertj.core.api.Assertions.assertThat(json)
                                .contains("\"move\":\"EXPELLED\"", "\"change\":\"OPENED\"");
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }
}
