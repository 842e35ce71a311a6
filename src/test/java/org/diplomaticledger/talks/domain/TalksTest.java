package org.diplomaticledger.talks.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.talks.api.CancelTalks;
import org.diplomaticledger.talks.api.ConcludeTalks;
import org.diplomaticledger.talks.api.DelegationMember;
import org.diplomaticledger.talks.api.DelegationNamed;
import org.diplomaticledger.talks.api.NameDelegation;
import org.diplomaticledger.talks.api.PostponeTalks;
import org.diplomaticledger.talks.api.RecordTalksHeld;
import org.diplomaticledger.talks.api.RescheduleTalks;
import org.diplomaticledger.talks.api.ScheduleTalks;
import org.diplomaticledger.talks.api.TalksCancelled;
import org.diplomaticledger.talks.api.TalksConcluded;
import org.diplomaticledger.talks.api.TalksFormat;
import org.diplomaticledger.talks.api.TalksHeld;
import org.diplomaticledger.talks.api.TalksOutcome;
import org.diplomaticledger.talks.api.TalksPostponed;
import org.diplomaticledger.talks.api.TalksRescheduled;
import org.diplomaticledger.talks.api.TalksScheduled;
import org.diplomaticledger.talks.api.Venue;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Istanbul round of April 2025 on embassy operations, and what sources may report about it. */
class TalksTest {

    private static final String ID = "istanbul-2025-04";
    private static final CountryCode RU = CountryCode.of("RU");
    private static final CountryCode US = CountryCode.of("US");
    private static final CountryCode TR = CountryCode.of("TR");
    private static final CountryCode SA = CountryCode.of("SA");
    private static final Provenance BRIEFING = Provenance.of("State Department briefing, Tammy Bruce");
    private static final Provenance TASS = Provenance.of("TASS citing the Russian MFA");
    private static final Provenance REUTERS = Provenance.of("Reuters");
    private static final LocalDate ANNOUNCED = LocalDate.of(2025, 4, 1);
    private static final LocalDate APRIL_10 = LocalDate.of(2025, 4, 10);
    private static final Venue CONSULATE = new Venue("Istanbul", TR, "Russian consulate-general");
    private static final Venue RIYADH = new Venue("Riyadh", SA, null);
    private static final Venue WASHINGTON = new Venue("Washington", US, "State Department");
    private static final DelegationMember DARCHIEV =
            new DelegationMember("Alexander Darchiev", "Ambassador to the United States", true, null);
    private static final DelegationMember COULTER =
            new DelegationMember("Sonata Coulter", "Deputy Assistant Secretary of State", true, null);
    private static final DelegationMember COULTER_DEPUTY =
            new DelegationMember("Jane Doe", "Office director", true, "jane-doe-state");
    private static final DelegationMember ENVOY = new DelegationMember("A Special Envoy", "Special envoy", false, null);

    private AggregateTestFixture<Talks> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Talks.class);
    }

    private static TalksScheduled scheduled(TalksFormat format) {
        return new TalksScheduled(
                ID,
                List.of(US, RU),
                CONSULATE,
                APRIL_10,
                null,
                null,
                "embassy operations",
                List.of("political issues", "security issues"),
                format,
                true,
                ANNOUNCED,
                BRIEFING);
    }

    private static TalksScheduled scheduled() {
        return scheduled(TalksFormat.DIPLOMATS_ONLY);
    }

    private static TalksHeld held() {
        return new TalksHeld(
                ID, List.of(US, RU), APRIL_10, null, CONSULATE, true, APRIL_10, false, null, APRIL_10, REUTERS);
    }

    private static TalksConcluded concluded(boolean heldReported) {
        return new TalksConcluded(
                ID, List.of(US, RU), TalksOutcome.CONTINUED, null, List.of(), heldReported, APRIL_10, REUTERS);
    }

    private static TalksCancelled cancelled() {
        return new TalksCancelled(ID, APRIL_10, null, null, LocalDate.of(2025, 4, 8), REUTERS);
    }

    private static TalksPostponed postponed() {
        return new TalksPostponed(ID, APRIL_10, null, null, LocalDate.of(2025, 4, 8), REUTERS);
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
    class Schedule {

        private ScheduleTalks command(String talksId, List<CountryCode> parties, Venue venue) {
            return new ScheduleTalks(
                    talksId,
                    parties,
                    venue,
                    APRIL_10,
                    null,
                    null,
                    "embassy operations",
                    List.of("political issues", "security issues"),
                    TalksFormat.DIPLOMATS_ONLY,
                    ANNOUNCED,
                    BRIEFING);
        }

        @Test
        void schedulesTalksAtAThirdLocation() {
            fixture.givenNoPriorActivity()
                    .when(command(ID, List.of(US, RU), CONSULATE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(scheduled());
        }

        @Test
        void schedulesTalksHostedByAParty() {
            fixture.givenNoPriorActivity()
                    .when(command(ID, List.of(US, RU), WASHINGTON))
                    .expectEvents(new TalksScheduled(
                            ID,
                            List.of(US, RU),
                            WASHINGTON,
                            APRIL_10,
                            null,
                            null,
                            "embassy operations",
                            List.of("political issues", "security issues"),
                            TalksFormat.DIPLOMATS_ONLY,
                            false,
                            ANNOUNCED,
                            BRIEFING));
        }

        @Test
        void generatesAnIdWhenTheClientGivesNone() {
            ScheduleTalks command = command(null, List.of(US, RU), CONSULATE);
            assertThat(command.talksId()).isNotBlank();
            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectEvents(new TalksScheduled(
                            command.talksId(),
                            List.of(US, RU),
                            CONSULATE,
                            APRIL_10,
                            null,
                            null,
                            "embassy operations",
                            List.of("political issues", "security issues"),
                            TalksFormat.DIPLOMATS_ONLY,
                            true,
                            ANNOUNCED,
                            BRIEFING));
        }

        @Test
        void readsAbsentListsAsEmpty() {
            ScheduleTalks command = new ScheduleTalks(
                    ID,
                    List.of(US, RU),
                    CONSULATE,
                    APRIL_10,
                    LocalTime.of(11, 0),
                    "Second round",
                    "embassy operations",
                    null,
                    TalksFormat.OFFICIALS,
                    ANNOUNCED,
                    TASS);
            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectEvents(new TalksScheduled(
                            ID,
                            List.of(US, RU),
                            CONSULATE,
                            APRIL_10,
                            LocalTime.of(11, 0),
                            "Second round",
                            "embassy operations",
                            List.of(),
                            TalksFormat.OFFICIALS,
                            true,
                            ANNOUNCED,
                            TASS));
        }

        @Test
        void refusesASinglePartyTalks() {
            fixture.givenNoPriorActivity()
                    .when(command(ID, List.of(US), CONSULATE))
                    .expectNoEvents()
                    .expectException(violationOf("parties-too-few", "parties"))
                    .expectExceptionMessage(containsString("[US]"));
        }

        @Test
        void refusesTalksWithoutParties() {
            fixture.givenNoPriorActivity()
                    .when(command(ID, null, CONSULATE))
                    .expectException(violationOf("parties-too-few", "parties"));
        }

        @Test
        void refusesAPartyListedTwice() {
            fixture.givenNoPriorActivity()
                    .when(command(ID, List.of(US, RU, CountryCode.of("USA")), CONSULATE))
                    .expectNoEvents()
                    .expectException(violationOf("parties-duplicated", "parties[2]"))
                    .expectExceptionMessage(containsString("US"));
        }

        @Test
        void refusesAnIdAlreadyUsed() {
            fixture.given(scheduled())
                    .when(command(ID, List.of(US, RU), RIYADH))
                    .expectNoEvents()
                    .expectException(violationOf("talks-already-scheduled", "talksId"))
                    .expectExceptionMessage(containsString(ID));
        }
    }

    @Nested
    class NameADelegation {

        @Test
        void namesDelegationHeadedByDiplomat() {
            fixture.given(scheduled())
                    .when(new NameDelegation(ID, RU, DARCHIEV, null, ANNOUNCED, TASS))
                    .expectEvents(new DelegationNamed(ID, RU, DARCHIEV, List.of(), false, ANNOUNCED, TASS));
        }

        @Test
        void derivesPersonIdFromName() {
            assertThat(DARCHIEV.personId()).isEqualTo("alexander-darchiev");
            assertThat(new DelegationMember("Sonata Coulter", null, true, "s.coulter").personId())
                    .isEqualTo("s.coulter");
        }

        @Test
        void replacesTheEarlierDelegationOfTheSameState() {
            fixture.given(scheduled(), new DelegationNamed(ID, US, COULTER, List.of(), false, ANNOUNCED, BRIEFING))
                    .when(new NameDelegation(ID, US, COULTER, List.of(COULTER_DEPUTY), ANNOUNCED, REUTERS))
                    .expectEvents(
                            new DelegationNamed(ID, US, COULTER, List.of(COULTER_DEPUTY), true, ANNOUNCED, REUTERS));
        }

        @Test
        void refusesADelegationFromAStateThatIsNotAParty() {
            fixture.given(scheduled())
                    .when(new NameDelegation(ID, TR, DARCHIEV, null, ANNOUNCED, TASS))
                    .expectNoEvents()
                    .expectException(violationOf("delegation-not-a-party", "state"))
                    .expectExceptionMessage(containsString("TR is not a party"));
        }

        @Test
        void refusesANonDiplomatHeadAtDiplomatsOnlyTalks() {
            fixture.given(scheduled())
                    .when(new NameDelegation(ID, US, ENVOY, null, ANNOUNCED, BRIEFING))
                    .expectNoEvents()
                    .expectException(violationOf("delegation-not-diplomats-only", "head"))
                    .expectExceptionMessage(containsString("A Special Envoy"));
        }

        @Test
        void refusesANonDiplomatMemberAtDiplomatsOnlyTalks() {
            fixture.given(scheduled())
                    .when(new NameDelegation(ID, US, COULTER, List.of(COULTER_DEPUTY, ENVOY), ANNOUNCED, BRIEFING))
                    .expectNoEvents()
                    .expectException(violationOf("delegation-not-diplomats-only", "members[1]"));
        }

        @Test
        void acceptsNonDiplomatsWhenTheFormatAllowsThem() {
            fixture.given(scheduled(TalksFormat.MIXED))
                    .when(new NameDelegation(ID, US, COULTER, List.of(ENVOY), ANNOUNCED, BRIEFING))
                    .expectEvents(new DelegationNamed(ID, US, COULTER, List.of(ENVOY), false, ANNOUNCED, BRIEFING));
        }

        @Test
        void refusesThePersonTwiceOnOneDelegation() {
            fixture.given(scheduled())
                    .when(new NameDelegation(ID, US, COULTER, List.of(COULTER_DEPUTY, COULTER), ANNOUNCED, BRIEFING))
                    .expectNoEvents()
                    .expectException(violationOf("delegation-member-repeated", "members[1]"));
        }

        @Test
        void acceptsADelegationNamedAfterTheTalksWereHeld() {
            fixture.given(scheduled(), held())
                    .when(new NameDelegation(ID, RU, DARCHIEV, null, APRIL_10, REUTERS))
                    .expectEvents(new DelegationNamed(ID, RU, DARCHIEV, List.of(), false, APRIL_10, REUTERS));
        }

        @Test
        void refusesDelegationsToCancelledTalks() {
            fixture.given(scheduled(), cancelled())
                    .when(new NameDelegation(ID, RU, DARCHIEV, null, APRIL_10, TASS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-cancelled", "talksId"));
        }

        @Test
        void refusesDelegationsToConcludedTalks() {
            fixture.given(scheduled(), held(), concluded(true))
                    .when(new NameDelegation(ID, RU, DARCHIEV, null, APRIL_10, TASS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-already-concluded", "talksId"));
        }
    }

    @Nested
    class Reschedule {

        @Test
        void movesTalksToAnotherDateKeepingTheVenue() {
            LocalDate april11 = APRIL_10.plusDays(1);
            fixture.given(scheduled())
                    .when(new RescheduleTalks(ID, april11, LocalTime.of(10, 0), null, "logistics", ANNOUNCED, TASS))
                    .expectEvents(new TalksRescheduled(
                            ID,
                            APRIL_10,
                            null,
                            CONSULATE,
                            april11,
                            LocalTime.of(10, 0),
                            CONSULATE,
                            true,
                            "logistics",
                            ANNOUNCED,
                            TASS));
        }

        @Test
        void movesTalksToAPartysCapital() {
            fixture.given(scheduled())
                    .when(new RescheduleTalks(ID, APRIL_10, null, WASHINGTON, null, ANNOUNCED, BRIEFING))
                    .expectEvents(new TalksRescheduled(
                            ID,
                            APRIL_10,
                            null,
                            CONSULATE,
                            APRIL_10,
                            null,
                            WASHINGTON,
                            false,
                            null,
                            ANNOUNCED,
                            BRIEFING));
        }

        @Test
        void setsPostponedTalksForANewDate() {
            LocalDate may = LocalDate.of(2025, 5, 6);
            fixture.given(scheduled(), postponed())
                    .when(new RescheduleTalks(ID, may, null, null, null, ANNOUNCED, TASS))
                    .expectEvents(new TalksRescheduled(
                            ID, APRIL_10, null, CONSULATE, may, null, CONSULATE, true, null, ANNOUNCED, TASS));
        }

        @Test
        void putsPostponedTalksBackOnTheirOriginalDate() {
            LocalDate april9 = APRIL_10.minusDays(1); // after the postponement of 8 April
            fixture.given(scheduled(), postponed())
                    .when(new RescheduleTalks(ID, APRIL_10, null, null, null, april9, TASS))
                    .expectEvents(new TalksRescheduled(
                            ID, APRIL_10, null, CONSULATE, APRIL_10, null, CONSULATE, true, null, april9, TASS));
        }

        @Test
        void refusesARescheduleThatChangesNothing() {
            fixture.given(scheduled())
                    .when(new RescheduleTalks(ID, APRIL_10, null, CONSULATE, null, ANNOUNCED, TASS))
                    .expectNoEvents()
                    .expectException(violationOf("reschedule-changes-nothing", "date"))
                    .expectExceptionMessage(containsString("2025-04-10"));
        }

        @Test
        void refusesReschedulingHeldTalks() {
            fixture.given(scheduled(), held())
                    .when(new RescheduleTalks(ID, APRIL_10.plusDays(1), null, null, null, APRIL_10, TASS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-already-held", "talksId"));
        }

        @Test
        void refusesReschedulingConcludedTalks() {
            fixture.given(scheduled(), concluded(false))
                    .when(new RescheduleTalks(ID, APRIL_10.plusDays(1), null, null, null, APRIL_10, TASS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-already-concluded", "talksId"));
        }

        @Test
        void refusesReschedulingCancelledTalks() {
            fixture.given(scheduled(), cancelled())
                    .when(new RescheduleTalks(ID, APRIL_10.plusDays(1), null, null, null, APRIL_10, TASS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-cancelled", "talksId"));
        }
    }

    @Nested
    class Postpone {

        @Test
        void postponesTalksWithoutANewDate() {
            fixture.given(scheduled())
                    .when(new PostponeTalks(ID, null, null, LocalDate.of(2025, 4, 8), REUTERS))
                    .expectEvents(postponed());
        }

        @Test
        void postponesTalksToALaterDate() {
            LocalDate may = LocalDate.of(2025, 5, 6);
            fixture.given(scheduled())
                    .when(new PostponeTalks(ID, "delegations not ready", may, ANNOUNCED, TASS))
                    .expectEvents(new TalksPostponed(ID, APRIL_10, may, "delegations not ready", ANNOUNCED, TASS));
        }

        @Test
        void refusesPostponingToAnEarlierDate() {
            fixture.given(scheduled())
                    .when(new PostponeTalks(ID, null, APRIL_10.minusDays(2), ANNOUNCED, TASS))
                    .expectNoEvents()
                    .expectException(violationOf("postponement-not-later", "newDate"))
                    .expectExceptionMessage(containsString("2025-04-08"));
        }

        @Test
        void refusesPostponingTwiceWithoutReschedule() {
            fixture.given(scheduled(), postponed())
                    .when(new PostponeTalks(ID, null, null, APRIL_10.minusDays(1), TASS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-already-postponed", "talksId"));
        }

        @Test
        void postponesRescheduledTalks() {
            LocalDate april11 = APRIL_10.plusDays(1);
            fixture.given(
                            scheduled(),
                            new TalksRescheduled(
                                    ID, APRIL_10, null, CONSULATE, april11, null, CONSULATE, true, null, ANNOUNCED,
                                    TASS))
                    .when(new PostponeTalks(ID, null, null, ANNOUNCED, TASS))
                    .expectEvents(new TalksPostponed(ID, april11, null, null, ANNOUNCED, TASS));
        }

        @Test
        void refusesPostponingHeldTalks() {
            fixture.given(scheduled(), held())
                    .when(new PostponeTalks(ID, null, null, APRIL_10, TASS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-already-held", "talksId"));
        }

        @Test
        void refusesPostponingConcludedTalks() {
            fixture.given(scheduled(), concluded(false))
                    .when(new PostponeTalks(ID, null, null, APRIL_10, TASS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-already-concluded", "talksId"));
        }

        @Test
        void refusesPostponingCancelledTalks() {
            fixture.given(scheduled(), cancelled())
                    .when(new PostponeTalks(ID, null, null, APRIL_10, TASS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-cancelled", "talksId"));
        }
    }

    @Nested
    class Cancel {

        @Test
        void cancelsScheduledTalks() {
            fixture.given(scheduled())
                    .when(new CancelTalks(ID, "no agreement on the agenda", RU, LocalDate.of(2025, 4, 8), TASS))
                    .expectEvents(new TalksCancelled(
                            ID, APRIL_10, "no agreement on the agenda", RU, LocalDate.of(2025, 4, 8), TASS));
        }

        @Test
        void cancelsPostponedTalks() {
            fixture.given(scheduled(), postponed())
                    .when(new CancelTalks(ID, null, null, LocalDate.of(2025, 4, 8), REUTERS))
                    .expectEvents(cancelled());
        }

        @Test
        void refusesCancellingTwice() {
            fixture.given(scheduled(), cancelled())
                    .when(new CancelTalks(ID, null, null, APRIL_10, REUTERS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-already-cancelled", "talksId"));
        }

        @Test
        void refusesCancellingHeldTalks() {
            fixture.given(scheduled(), held())
                    .when(new CancelTalks(ID, null, null, APRIL_10, REUTERS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-already-held", "talksId"));
        }

        @Test
        void refusesCancellingConcludedTalks() {
            fixture.given(scheduled(), concluded(false))
                    .when(new CancelTalks(ID, null, null, APRIL_10, REUTERS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-already-concluded", "talksId"));
        }
    }

    @Nested
    class RecordHeld {

        @Test
        void recordsTalksHeldWhereAndWhenScheduled() {
            fixture.given(scheduled())
                    .when(new RecordTalksHeld(ID, null, null, null, APRIL_10, REUTERS))
                    .expectEvents(held());
        }

        @Test
        void recordsAnImplicitRescheduleWhenHeldOnAnotherDate() {
            LocalDate april11 = APRIL_10.plusDays(1);
            fixture.given(scheduled())
                    .when(new RecordTalksHeld(ID, null, april11.plusDays(1), "six hours", april11, REUTERS))
                    .expectEvents(new TalksHeld(
                            ID,
                            List.of(US, RU),
                            april11,
                            april11.plusDays(1),
                            CONSULATE,
                            true,
                            APRIL_10,
                            true,
                            "six hours",
                            april11,
                            REUTERS));
        }

        @Test
        void recordsTheVenueActuallyUsed() {
            fixture.given(scheduled())
                    .when(new RecordTalksHeld(ID, RIYADH, null, null, APRIL_10, REUTERS))
                    .expectEvents(new TalksHeld(
                            ID,
                            List.of(US, RU),
                            APRIL_10,
                            null,
                            RIYADH,
                            true,
                            APRIL_10,
                            false,
                            null,
                            APRIL_10,
                            REUTERS));
        }

        @Test
        void recordsPostponedTalksHeldAnyway() {
            fixture.given(scheduled(), postponed())
                    .when(new RecordTalksHeld(ID, null, null, null, APRIL_10, REUTERS))
                    .expectEvents(held());
        }

        @Test
        void acceptsAHoldingReportedAfterTheConclusion() {
            fixture.given(scheduled(), concluded(false))
                    .when(new RecordTalksHeld(ID, null, null, null, APRIL_10, REUTERS))
                    .expectEvents(held());
        }

        @Test
        void refusesHoldingCancelledTalks() {
            fixture.given(scheduled(), cancelled())
                    .when(new RecordTalksHeld(ID, null, null, null, APRIL_10, REUTERS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-cancelled", "talksId"))
                    .expectExceptionMessage(containsString(ID));
        }

        @Test
        void refusesHoldingTwice() {
            fixture.given(scheduled(), held())
                    .when(new RecordTalksHeld(ID, null, null, null, APRIL_10, REUTERS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-already-held", "talksId"));
        }

        @Test
        void refusesAnEndBeforeTheStart() {
            fixture.given(scheduled())
                    .when(new RecordTalksHeld(ID, null, APRIL_10.minusDays(1), null, APRIL_10, REUTERS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-end-before-start", "endDate"))
                    .expectExceptionMessage(containsString("2025-04-09"));
        }
    }

    @Nested
    class Conclude {

        @Test
        void concludesHeldTalks() {
            fixture.given(scheduled(), held())
                    .when(new ConcludeTalks(
                            ID, TalksOutcome.CONTINUED, "constructive", List.of("next round"), APRIL_10, REUTERS))
                    .expectEvents(new TalksConcluded(
                            ID,
                            List.of(US, RU),
                            TalksOutcome.CONTINUED,
                            "constructive",
                            List.of("next round"),
                            true,
                            APRIL_10,
                            REUTERS));
        }

        @Test
        void concludesTalksWhoseHoldingWasNeverReported() {
            fixture.given(scheduled())
                    .when(new ConcludeTalks(ID, TalksOutcome.CONTINUED, null, null, APRIL_10, REUTERS))
                    .expectEvents(concluded(false));
        }

        @Test
        void refusesConcludingCancelledTalks() {
            fixture.given(scheduled(), cancelled())
                    .when(new ConcludeTalks(ID, TalksOutcome.AGREEMENT, null, null, APRIL_10, REUTERS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-cancelled", "talksId"));
        }

        @Test
        void refusesConcludingTwice() {
            fixture.given(scheduled(), held(), concluded(true))
                    .when(new ConcludeTalks(ID, TalksOutcome.AGREEMENT, null, null, APRIL_10, REUTERS))
                    .expectNoEvents()
                    .expectException(violationOf("talks-already-concluded", "talksId"));
        }
    }

    @Nested
    class Snapshot {

        private final ObjectMapper mapper =
                JsonMapper.builder().findAndAddModules().build();

        @Test
        void survivesAJacksonRoundTrip() {
            fixture.given(
                            scheduled(),
                            new DelegationNamed(ID, US, COULTER, List.of(), false, ANNOUNCED, BRIEFING),
                            postponed())
                    .when(new RecordTalksHeld(ID, null, null, null, APRIL_10, REUTERS))
                    .expectState(talks -> {
                        try {
                            String json = mapper.writeValueAsString(talks);
                            Talks restored = mapper.readValue(json, Talks.class);
                            // what a timeline keeps after its last fact is folded again, not stored
                            assertThat(restored)
                                    .usingRecursiveComparison()
                                    .ignoringFieldsMatchingRegexes(".*\\.folded")
                                    .isEqualTo(talks);
                            assertThat(json).contains("\"talksId\":\"" + ID + "\"", "\"type\":\"TalksHeld\"");
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    });
        }
    }
}
