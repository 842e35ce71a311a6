package org.diplomaticledger.relations.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.Provenance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the web layer relies on: the command refuses malformed input, and the event survives Jackson. */
class RelationsApiTest {

    private static final CountryCode US = CountryCode.of("US");
    private static final CountryCode RU = CountryCode.of("RU");
    private static final LocalDate DAY = LocalDate.of(2025, 4, 10);
    private static final Provenance SOURCE = Provenance.of("Reuters");

    private static ValidatorFactory factory;
    private static Validator validator;
    private final ObjectMapper mapper = JsonMapper.builder().findAndAddModules().build();

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

    @Test
    void acceptsAWellFormedCommand() {
        assertThat(invalidPaths(
                        new ChangeRelationsLevel(US, RU, RelationsLevel.DOWNGRADED, US, null, null, null, DAY, SOURCE)))
                .isEmpty();
    }

    @Test
    void refusesACommandMissingARequiredField() {
        assertThat(invalidPaths(
                        new ChangeRelationsLevel(null, RU, RelationsLevel.FULL, null, null, null, null, DAY, SOURCE)))
                .contains("stateA");
        assertThat(invalidPaths(
                        new ChangeRelationsLevel(US, null, RelationsLevel.FULL, null, null, null, null, DAY, SOURCE)))
                .contains("stateB");
        assertThat(invalidPaths(new ChangeRelationsLevel(US, RU, null, null, null, null, null, DAY, SOURCE)))
                .contains("level");
        assertThat(invalidPaths(
                        new ChangeRelationsLevel(US, RU, RelationsLevel.FULL, null, null, null, null, null, SOURCE)))
                .contains("effectiveDate");
        assertThat(invalidPaths(
                        new ChangeRelationsLevel(US, RU, RelationsLevel.FULL, null, null, null, null, DAY, null)))
                .contains("source");
    }

    @Test
    void readsACommandWithAlpha3CodesAndTargetsTheSortedPair() throws Exception {
        ChangeRelationsLevel command = mapper.readValue("""
                {"stateA": "USA", "stateB": "RUS", "level": "DOWNGRADED", "initiatedBy": "USA",
                 "effectiveDate": "2017-08-31", "source": "State Department"}
                """, ChangeRelationsLevel.class);
        assertThat(command.relationsId()).isEqualTo("RELATIONS-RU-US");
        assertThat(command.initiatedBy()).isEqualTo(US);
    }

    @Test
    void roundTripsTheEventAsAPlainRecord() throws Exception {
        RelationsLevelChanged event = new RelationsLevelChanged(
                "RELATIONS-RU-US",
                RU,
                US,
                RelationsLevel.SEVERED,
                RelationsLevel.DOWNGRADED,
                US,
                "reason",
                CountryCode.of("CH"),
                CountryCode.of("AT"),
                DAY,
                SOURCE,
                161);
        assertThat(mapper.readValue(mapper.writeValueAsString(event), RelationsLevelChanged.class))
                .isEqualTo(event);
        RelationsLevelChanged gap = new RelationsLevelChanged(
                "RELATIONS-RU-US", RU, US, RelationsLevel.FULL, null, null, null, null, null, DAY, SOURCE, null);
        assertThat(mapper.readValue(mapper.writeValueAsString(gap), RelationsLevelChanged.class))
                .isEqualTo(gap);
    }
}
