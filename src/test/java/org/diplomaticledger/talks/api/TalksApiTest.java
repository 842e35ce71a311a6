package org.diplomaticledger.talks.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the web layer relies on: commands refuse malformed input, and every message survives Jackson. */
class TalksApiTest {

    private static final CountryCode RU = CountryCode.of("RU");
    private static final CountryCode US = CountryCode.of("US");
    private static final Provenance SOURCE = Provenance.of("Reuters");
    private static final LocalDate DAY = LocalDate.of(2025, 4, 10);
    private static final Venue VENUE = new Venue("Istanbul", CountryCode.of("TR"), "Russian consulate-general");
    private static final DelegationMember HEAD = new DelegationMember("Alexander Darchiev", "Ambassador", true, null);

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void startValidation() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void stopValidation() {
        factory.close();
    }

    private static Set<String> invalidPaths(Object command) {
        return validator.validate(command).stream()
                .map(ConstraintViolation::getPropertyPath)
                .map(Object::toString)
                .collect(Collectors.toSet());
    }

    @Nested
    class BeanValidation {

        static Stream<Arguments> validCommands() {
            return Stream.of(
                            new ScheduleTalks(
                                    "istanbul-2025-04",
                                    List.of(US, RU),
                                    VENUE,
                                    DAY,
                                    LocalTime.NOON,
                                    "Round 2",
                                    "embassy operations",
                                    List.of("security"),
                                    TalksFormat.DIPLOMATS_ONLY,
                                    DAY,
                                    SOURCE),
                            new NameDelegation("t", RU, HEAD, List.of(), DAY, SOURCE),
                            new RescheduleTalks("t", DAY, null, null, null, DAY, SOURCE),
                            new PostponeTalks("t", null, null, DAY, SOURCE),
                            new CancelTalks("t", null, null, DAY, SOURCE),
                            new RecordTalksHeld("t", null, null, null, DAY, SOURCE),
                            new ConcludeTalks("t", TalksOutcome.CONTINUED, null, null, DAY, SOURCE))
                    .map(Arguments::of);
        }

        @ParameterizedTest
        @MethodSource("validCommands")
        void acceptsAWellFormedCommand(Object command) {
            assertThat(invalidPaths(command)).isEmpty();
        }

        static Stream<Arguments> commandsMissingARequiredField() {
            return Stream.of(
                    Arguments.of(
                            new ScheduleTalks(
                                    null,
                                    List.of(US, RU),
                                    null,
                                    DAY,
                                    null,
                                    null,
                                    "embassy operations",
                                    null,
                                    TalksFormat.OFFICIALS,
                                    DAY,
                                    SOURCE),
                            "venue"),
                    Arguments.of(
                            new ScheduleTalks(
                                    null,
                                    List.of(US, RU),
                                    VENUE,
                                    null,
                                    null,
                                    null,
                                    "embassy operations",
                                    null,
                                    TalksFormat.OFFICIALS,
                                    DAY,
                                    SOURCE),
                            "date"),
                    Arguments.of(
                            new ScheduleTalks(
                                    null,
                                    List.of(US, RU),
                                    VENUE,
                                    DAY,
                                    null,
                                    null,
                                    " ",
                                    null,
                                    TalksFormat.OFFICIALS,
                                    DAY,
                                    SOURCE),
                            "scope"),
                    Arguments.of(
                            new ScheduleTalks(
                                    null,
                                    List.of(US, RU),
                                    VENUE,
                                    DAY,
                                    null,
                                    null,
                                    "embassy operations",
                                    null,
                                    null,
                                    DAY,
                                    SOURCE),
                            "format"),
                    Arguments.of(
                            new ScheduleTalks(
                                    null,
                                    List.of(US, RU),
                                    new Venue(null, US, null),
                                    DAY,
                                    null,
                                    null,
                                    "embassy operations",
                                    null,
                                    TalksFormat.OFFICIALS,
                                    DAY,
                                    SOURCE),
                            "venue.city"),
                    Arguments.of(
                            new ScheduleTalks(
                                    null,
                                    Arrays.asList(US, null),
                                    VENUE,
                                    DAY,
                                    null,
                                    null,
                                    "embassy operations",
                                    null,
                                    TalksFormat.OFFICIALS,
                                    DAY,
                                    SOURCE),
                            "parties[1].<list element>"),
                    Arguments.of(new NameDelegation("t", null, HEAD, null, DAY, SOURCE), "state"),
                    Arguments.of(new NameDelegation("t", RU, null, null, DAY, SOURCE), "head"),
                    Arguments.of(
                            new NameDelegation(
                                    "t", RU, HEAD, List.of(new DelegationMember(" ", null, true, "x")), DAY, SOURCE),
                            "members[0].name"),
                    Arguments.of(new RescheduleTalks("t", null, null, null, null, DAY, SOURCE), "date"),
                    Arguments.of(new PostponeTalks(null, null, null, DAY, SOURCE), "talksId"),
                    Arguments.of(new CancelTalks("t", null, null, null, SOURCE), "effectiveDate"),
                    Arguments.of(new RecordTalksHeld("t", null, null, null, DAY, null), "source"),
                    Arguments.of(
                            new RecordTalksHeld("t", null, null, null, DAY, new Provenance(" ", null)), "source.text"),
                    Arguments.of(new ConcludeTalks("t", null, null, null, DAY, SOURCE), "outcome"));
        }

        @ParameterizedTest
        @MethodSource("commandsMissingARequiredField")
        void refusesACommandMissingARequiredField(Object command, String path) {
            assertThat(invalidPaths(command)).contains(path);
        }

        @Test
        void refusesAMalformedClientSuppliedId() {
            ScheduleTalks command = new ScheduleTalks(
                    "-no spaces",
                    List.of(US, RU),
                    VENUE,
                    DAY,
                    null,
                    null,
                    "embassy operations",
                    null,
                    TalksFormat.OFFICIALS,
                    DAY,
                    SOURCE);
            assertThat(invalidPaths(command)).containsExactly("talksId");
        }
    }

    @Nested
    class Json {

        private final ObjectMapper mapper =
                JsonMapper.builder().findAndAddModules().build();

        static Stream<Arguments> events() {
            List<CountryCode> parties = List.of(US, RU);
            return Stream.<LedgerEvent>of(
                            new TalksScheduled(
                                    "t",
                                    parties,
                                    VENUE,
                                    DAY,
                                    LocalTime.of(11, 30),
                                    "Round 2",
                                    "embassy operations",
                                    List.of("security"),
                                    TalksFormat.DIPLOMATS_ONLY,
                                    true,
                                    DAY,
                                    SOURCE),
                            new DelegationNamed("t", RU, HEAD, List.of(HEAD), true, DAY, SOURCE),
                            new TalksRescheduled(
                                    "t",
                                    DAY,
                                    null,
                                    VENUE,
                                    DAY.plusDays(1),
                                    LocalTime.NOON,
                                    VENUE,
                                    true,
                                    "why",
                                    DAY,
                                    new Provenance("TASS", "https://tass.com/x")),
                            new TalksPostponed("t", DAY, null, null, DAY, SOURCE),
                            new TalksCancelled("t", DAY, "reason", US, DAY, SOURCE),
                            new TalksHeld(
                                    "t",
                                    parties,
                                    DAY,
                                    DAY.plusDays(1),
                                    VENUE,
                                    true,
                                    DAY,
                                    false,
                                    "summary",
                                    DAY,
                                    SOURCE),
                            new TalksConcluded(
                                    "t",
                                    parties,
                                    TalksOutcome.AGREEMENT,
                                    "statement",
                                    List.of("next round"),
                                    false,
                                    DAY,
                                    SOURCE))
                    .map(Arguments::of);
        }

        @ParameterizedTest
        @MethodSource("events")
        void roundTripsEveryEventAsAPlainRecord(LedgerEvent event) throws Exception {
            String json = mapper.writeValueAsString(event);
            assertThat(mapper.readValue(json, event.getClass())).isEqualTo(event);
        }

        @Test
        void readsACommandWithAlpha3CodesAPlainSourceAndNoId() throws Exception {
            String json = """
                    {"parties": ["USA", "rus"],
                     "venue": {"city": "Istanbul", "country": "TUR", "place": "Russian consulate-general"},
                     "date": "2025-04-10", "scope": "embassy operations", "format": "DIPLOMATS_ONLY",
                     "effectiveDate": "2025-04-08", "source": "State Department briefing"}
                    """;
            ScheduleTalks command = mapper.readValue(json, ScheduleTalks.class);
            assertThat(command.parties()).containsExactly(US, RU);
            assertThat(command.venue().country()).isEqualTo(CountryCode.of("TR"));
            assertThat(command.source()).isEqualTo(new Provenance("State Department briefing", null));
            assertThat(command.excludedTopics()).isEmpty();
            assertThat(command.talksId()).matches(TalksIds.PATTERN);
        }
    }
}
