package org.diplomaticledger.talks.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.diplomaticledger.history.RevisionsInAFixture;
import org.diplomaticledger.history.api.CorrectEntry;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.history.api.RetractEntry;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.EventJson;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.talks.api.TalksFormat;
import org.diplomaticledger.talks.api.TalksPostponed;
import org.diplomaticledger.talks.api.TalksScheduled;
import org.diplomaticledger.talks.api.Venue;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Corrections and retractions on the Talks aggregate: its rules are those of every aggregate's history. */
class TalksCorrectionsTest {

    private static final String ID = "geneva-corrections";
    private static final CountryCode CH = CountryCode.of("CH");
    private static final CountryCode RU = CountryCode.of("RU");
    private static final CountryCode US = CountryCode.of("US");
    private static final LocalDate DAY = LocalDate.of(2025, 4, 10);
    private static final Provenance SOURCE = Provenance.of("Reuters");

    private AggregateTestFixture<Talks> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Talks.class);
        // The ledger's history judges a revision on the fixture's store and hands the talks what to record.
        RevisionsInAFixture.register(fixture, ID, TalksRevisions.ROUTE);
    }

    private static TalksScheduled scheduled(String scope) {
        return new TalksScheduled(
                ID,
                List.of(US, RU),
                new Venue("Geneva", CH, null),
                DAY,
                null,
                null,
                scope,
                List.of(),
                TalksFormat.OFFICIALS,
                true,
                DAY.minusDays(9),
                SOURCE);
    }

    private static TalksPostponed postponed() {
        return new TalksPostponed(ID, DAY, null, null, DAY.minusDays(2), SOURCE);
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

    /** A correction, or with {@code corrections} null a retraction. */
    private static Object revise(String eventId, Map<String, Object> corrections) {
        return corrections == null
                ? new RetractEntry(eventId, "misreported", null, SOURCE)
                : new CorrectEntry(eventId, corrections, "misreported", null, SOURCE);
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
    void aCorrectedScopeIsRecordedWithTheWholeCorrectedScheduling() {
        @SuppressWarnings("unchecked")
        Map<String, Object> corrected =
                EventJson.mapper().convertValue(scheduled("visas and consular matters"), Map.class);
        TestExecutor<Talks> given = fixture.given(scheduled("visas"));
        given.when(revise(id(0), Map.of("scope", "visas and consular matters")))
                .expectEvents(new EntryCorrected(
                        id(0), "TalksScheduled", corrected, "misreported", DAY.minusDays(9), SOURCE));
    }

    @Test
    void thePartiesCannotBeCorrected() {
        TestExecutor<Talks> given = fixture.given(scheduled("visas"));
        given.when(revise(id(0), Map.of("parties", List.of("US", "CH"))))
                .expectException(violates("identity-not-correctable", "corrections.parties"))
                .expectNoEvents();
    }

    @Test
    void theSchedulingCannotBeRetractedWhileLaterEventsFollowIt() {
        TestExecutor<Talks> given = fixture.given(scheduled("visas"), postponed());
        given.when(revise(id(0), null))
                .expectException(violates("entry-has-dependents", "eventId"))
                .expectNoEvents();
    }

    @Test
    void aPostponementCanBeRetracted() {
        TestExecutor<Talks> given = fixture.given(scheduled("visas"), postponed());
        given.when(revise(id(1), null))
                .expectEvents(new EntryRetracted(id(1), "TalksPostponed", "misreported", DAY.minusDays(2), SOURCE));
    }
}
