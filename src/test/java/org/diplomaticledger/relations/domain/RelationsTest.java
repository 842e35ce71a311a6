package org.diplomaticledger.relations.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diplomaticledger.relations.api.RelationsLevel.DOWNGRADED;
import static org.diplomaticledger.relations.api.RelationsLevel.FULL;
import static org.diplomaticledger.relations.api.RelationsLevel.RESTORED;
import static org.diplomaticledger.relations.api.RelationsLevel.SEVERED;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.LocalDate;
import java.util.Objects;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.diplomaticledger.relations.api.ChangeRelationsLevel;
import org.diplomaticledger.relations.api.RelationsId;
import org.diplomaticledger.relations.api.RelationsLevel;
import org.diplomaticledger.relations.api.RelationsLevelChanged;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.shared.RuleViolation;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RelationsTest {

    private static final CountryCode US = CountryCode.of("US");
    private static final CountryCode IR = CountryCode.of("IR");
    private static final CountryCode CH = CountryCode.of("CH");
    private static final CountryCode PK = CountryCode.of("PK");
    private static final String IR_US = "RELATIONS-IR-US";
    private static final LocalDate APRIL_1980 = LocalDate.of(1980, 4, 7);
    private static final LocalDate LATER = LocalDate.of(1981, 1, 20);
    private static final Provenance SOURCE = Provenance.of("State Department statement");

    private AggregateTestFixture<BilateralRelations> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BilateralRelations.class);
    }

    private static ChangeRelationsLevel change(CountryCode a, CountryCode b, RelationsLevel level) {
        return new ChangeRelationsLevel(a, b, level, null, null, null, null, LATER, SOURCE);
    }

    private static RelationsLevelChanged changed(RelationsLevel level, RelationsLevel previous, Integer cameoCode) {
        return new RelationsLevelChanged(
                IR_US, IR, US, level, previous, null, null, null, null, LATER, SOURCE, cameoCode);
    }

    private static RelationsLevelChanged severed() {
        return new RelationsLevelChanged(
                IR_US, IR, US, SEVERED, null, US, "hostage crisis", PK, CH, APRIL_1980, SOURCE, 161);
    }

    /** A RuleViolation naming the given rule and field. */
    private static Matcher<RuleViolation> violationOf(String rule, String field) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation, Description mismatch) {
                mismatch.appendText("rule ")
                        .appendValue(violation.rule())
                        .appendText(" on field ")
                        .appendValue(violation.field());
                return rule.equals(violation.rule()) && Objects.equals(field, violation.field());
            }

            @Override
            public void describeTo(Description description) {
                description
                        .appendText("RuleViolation ")
                        .appendValue(rule)
                        .appendText(" on field ")
                        .appendValue(field);
            }
        };
    }

    @Nested
    class Id {

        @Test
        void sortsTheTwoStatesWhateverTheOrder() {
            assertThat(RelationsId.of(US, IR)).isEqualTo(IR_US);
            assertThat(RelationsId.of(IR, US)).isEqualTo(IR_US);
            assertThat(change(CountryCode.of("USA"), CountryCode.of("IRN"), FULL)
                            .relationsId())
                    .isEqualTo(IR_US);
        }
    }

    @Nested
    class ChangeLevel {

        @Test
        void severesRelationsWithProtectingPowersSortedWithTheirStates() {
            // the command names the US first; the event names the states in id order and keeps each protector
            // with the state it protects
            fixture.givenNoPriorActivity()
                    .when(new ChangeRelationsLevel(US, IR, SEVERED, US, "hostage crisis", CH, PK, APRIL_1980, SOURCE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(severed());
        }

        @Test
        void acceptsAnyLevelAsTheFirstKnown() {
            fixture.givenNoPriorActivity().when(change(US, IR, RESTORED)).expectEvents(changed(RESTORED, null, null));
        }

        @Test
        void codesAFirstKnownDowngradeAsCameo161() {
            fixture.givenNoPriorActivity()
                    .when(change(US, IR, DOWNGRADED))
                    .expectEvents(changed(DOWNGRADED, null, 161));
        }

        @Test
        void codesADowngradeFromFullAsCameo161() {
            fixture.given(changed(FULL, null, null))
                    .when(change(IR, US, DOWNGRADED))
                    .expectEvents(changed(DOWNGRADED, FULL, 161));
        }

        @Test
        void codesAPartialResumptionAfterABreakWithoutCameo() {
            fixture.given(severed()).when(change(IR, US, DOWNGRADED)).expectEvents(changed(DOWNGRADED, SEVERED, null));
        }

        @Test
        void restoresSeveredRelations() {
            fixture.given(severed()).when(change(IR, US, RESTORED)).expectEvents(changed(RESTORED, SEVERED, null));
        }

        @Test
        void restoresDowngradedRelations() {
            fixture.given(changed(DOWNGRADED, FULL, 161))
                    .when(change(IR, US, RESTORED))
                    .expectEvents(changed(RESTORED, DOWNGRADED, null));
        }

        @Test
        void refusesRelationsOfAStateWithItself() {
            fixture.givenNoPriorActivity()
                    .when(change(US, CountryCode.of("USA"), SEVERED))
                    .expectNoEvents()
                    .expectException(violationOf("same-state", "stateB"))
                    .expectExceptionMessage(containsString("US and US"));
        }

        @Test
        void refusesTheLevelRelationsAlreadyHave() {
            fixture.given(severed())
                    .when(change(US, IR, SEVERED))
                    .expectNoEvents()
                    .expectException(violationOf("relations-level-unchanged", "level"))
                    .expectExceptionMessage(containsString("IR-US are already SEVERED"));
        }

        @Test
        void refusesFullRelationsThatWereAlreadyRestored() {
            fixture.given(severed(), changed(RESTORED, SEVERED, null))
                    .when(change(US, IR, FULL))
                    .expectNoEvents()
                    .expectException(violationOf("relations-level-unchanged", "level"));
        }

        @Test
        void refusesRestoringRelationsThatAreFull() {
            fixture.given(changed(FULL, null, null))
                    .when(change(US, IR, RESTORED))
                    .expectNoEvents()
                    .expectException(violationOf("nothing-to-restore", "level"))
                    .expectExceptionMessage(containsString("IR-US are FULL"));
        }

        @Test
        void refusesRestoringTwice() {
            fixture.given(severed(), changed(RESTORED, SEVERED, null))
                    .when(change(US, IR, RESTORED))
                    .expectNoEvents()
                    .expectException(violationOf("nothing-to-restore", "level"));
        }

        @Test
        void refusesAProtectingPowerWithoutABreak() {
            fixture.givenNoPriorActivity()
                    .when(new ChangeRelationsLevel(US, IR, DOWNGRADED, null, null, CH, null, LATER, SOURCE))
                    .expectNoEvents()
                    .expectException(violationOf("protecting-power-without-break", "protectingPowerOfA"))
                    .expectExceptionMessage(containsString("CH cannot protect the interests of US"));
        }

        @Test
        void refusesAPartyAsProtectingPower() {
            fixture.givenNoPriorActivity()
                    .when(new ChangeRelationsLevel(US, IR, SEVERED, null, null, CH, US, APRIL_1980, SOURCE))
                    .expectNoEvents()
                    .expectException(violationOf("protecting-power-not-third-state", "protectingPowerOfB"));
        }

        @Test
        void refusesAnInitiatorFromOutsideThePair() {
            fixture.givenNoPriorActivity()
                    .when(new ChangeRelationsLevel(US, IR, SEVERED, CH, null, null, null, APRIL_1980, SOURCE))
                    .expectNoEvents()
                    .expectException(violationOf("initiator-not-a-party", "initiatedBy"))
                    .expectExceptionMessage(containsString("CH cannot initiate"));
        }
    }

    @Nested
    class Snapshot {

        private final ObjectMapper mapper =
                JsonMapper.builder().findAndAddModules().build();

        @Test
        void survivesAJacksonRoundTrip() {
            fixture.given(severed()).when(change(IR, US, RESTORED)).expectState(relations -> {
                try {
                    String json = mapper.writeValueAsString(relations);
                    assertThat(mapper.readValue(json, BilateralRelations.class))
                            .usingRecursiveComparison()
                            // what a timeline keeps after its last fact is folded again, not stored
                            .ignoringFieldsMatchingRegexes(".*\\.folded")
                            .isEqualTo(relations);
                    assertThat(json).contains("\"relationsId\":\"RELATIONS-IR-US\"", "\"fact\":\"RESTORED\"");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
    }
}
