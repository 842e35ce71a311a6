package org.diplomaticledger.relations.domain;

import java.time.LocalDate;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.diplomaticledger.history.RevisionsInAFixture;
import org.diplomaticledger.history.api.CorrectEntry;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.history.api.RetractEntry;
import org.diplomaticledger.relations.api.RelationsLevel;
import org.diplomaticledger.relations.api.RelationsLevelChanged;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.EventJson;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.shared.RuleViolation;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Corrections and retractions on the BilateralRelations aggregate. */
class RelationsCorrectionsTest {

    private static final CountryCode CU = CountryCode.of("CU");
    private static final CountryCode US = CountryCode.of("US");
    private static final String CU_US = "RELATIONS-CU-US";
    private static final LocalDate JANUARY_1961 = LocalDate.of(1961, 1, 3);
    private static final Provenance SOURCE = Provenance.of("State Department statement");

    private AggregateTestFixture<BilateralRelations> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BilateralRelations.class);
        // The ledger's history judges a revision on the fixture's store and hands the relations what to record.
        RevisionsInAFixture.register(fixture, CU_US, RelationsRevisions.ROUTE);
    }

    private static RelationsLevelChanged severed(LocalDate on) {
        return new RelationsLevelChanged(
                CU_US, CU, US, RelationsLevel.SEVERED, null, US, "embassy staff limits", null, null, on, SOURCE, 161);
    }

    private String id(int n) {
        return fixture.getEventStore()
                .readEvents(CU_US)
                .asStream()
                .skip(n)
                .findFirst()
                .orElseThrow()
                .getIdentifier();
    }

    @Test
    void aCorrectedDateBecomesTheCorrectionsEffectiveDate() {
        @SuppressWarnings("unchecked")
        Map<String, Object> corrected = EventJson.mapper().convertValue(severed(JANUARY_1961), Map.class);
        TestExecutor<BilateralRelations> given = fixture.given(severed(JANUARY_1961.minusDays(1)));
        given.when(new CorrectEntry(
                        id(0),
                        Map.of("effectiveDate", "1961-01-03"),
                        "the break took effect on 3 January",
                        null,
                        SOURCE))
                .expectEvents(new EntryCorrected(
                        id(0),
                        "RelationsLevelChanged",
                        corrected,
                        "the break took effect on 3 January",
                        JANUARY_1961,
                        SOURCE));
    }

    @Test
    void theStatesCannotBeCorrected() {
        TestExecutor<BilateralRelations> given = fixture.given(severed(JANUARY_1961));
        given.when(new CorrectEntry(id(0), Map.of("stateA", "MX"), "wrong pair", null, SOURCE))
                .expectException(
                        new CustomTypeSafeMatcher<RuleViolation>("identity-not-correctable on corrections.stateA") {
                            @Override
                            protected boolean matchesSafely(RuleViolation violation) {
                                return violation.rule().equals("identity-not-correctable")
                                        && "corrections.stateA".equals(violation.field());
                            }
                        })
                .expectNoEvents();
    }

    @Test
    void aChangeCanBeRetracted() {
        TestExecutor<BilateralRelations> given = fixture.given(severed(JANUARY_1961));
        given.when(new RetractEntry(id(0), "never happened", null, SOURCE))
                .expectEvents(
                        new EntryRetracted(id(0), "RelationsLevelChanged", "never happened", JANUARY_1961, SOURCE));
    }
}
