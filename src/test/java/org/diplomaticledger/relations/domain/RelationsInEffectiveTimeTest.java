package org.diplomaticledger.relations.domain;

import static org.diplomaticledger.relations.api.RelationsLevel.DOWNGRADED;
import static org.diplomaticledger.relations.api.RelationsLevel.FULL;
import static org.diplomaticledger.relations.api.RelationsLevel.RESTORED;
import static org.diplomaticledger.relations.api.RelationsLevel.SEVERED;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.diplomaticledger.relations.api.ChangeRelationsLevel;
import org.diplomaticledger.relations.api.RelationsLevel;
import org.diplomaticledger.relations.api.RelationsLevelChanged;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.shared.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A change of relations is judged against the level in force on its own day, whatever was recorded first (issue 20,
 * item 1): Egypt and Iran, with relations recorded as severed in 1980 and restored in 1991, and facts back-filled.
 */
class RelationsInEffectiveTimeTest {

    private static final CountryCode EG = CountryCode.of("EG");
    private static final CountryCode IR = CountryCode.of("IR");
    private static final String EG_IR = "RELATIONS-EG-IR";
    private static final Provenance SOURCE = Provenance.of("archive");

    private AggregateTestFixture<BilateralRelations> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BilateralRelations.class);
    }

    private static RelationsLevelChanged changed(RelationsLevel level, RelationsLevel previous, int year) {
        return new RelationsLevelChanged(
                EG_IR, EG, IR, level, previous, null, null, null, null, LocalDate.of(year, 1, 1), SOURCE, null);
    }

    private static ChangeRelationsLevel change(RelationsLevel level, int year) {
        return new ChangeRelationsLevel(EG, IR, level, null, null, null, null, LocalDate.of(year, 1, 1), SOURCE);
    }

    /** Full relations in 1970, before the recorded break of 1980: judged against nothing recorded before it. */
    @Test
    void acceptsALevelBackFilledBeforeTheFirstRecordedOne() {
        fixture.given(changed(SEVERED, null, 1980), changed(RESTORED, SEVERED, 1991))
                .when(change(FULL, 1970))
                .expectEvents(changed(FULL, null, 1970));
    }

    /**
     * Restored in 1985, inside the break, the relations would have nothing to restore when the recorded restoration
     * of 1991 came (judged against the latest level, RESTORED, it would be refused for its own sake instead).
     */
    @Test
    void refusesARestorationBackFilledInsideTheBreakAsContradictingTheRecordedOne() {
        fixture.given(changed(SEVERED, null, 1980), changed(RESTORED, SEVERED, 1991))
                .when(change(RESTORED, 1985))
                .expectException(allOf(
                        instanceOf(RuleViolation.class),
                        org.hamcrest.Matchers.hasProperty("message", containsString("contradicts a fact recorded"))));
    }

    @Test
    void refusesALevelTheRelationsAlreadyHadOnThatDay() {
        fixture.given(changed(SEVERED, null, 1980), changed(RESTORED, SEVERED, 1991))
                .when(change(SEVERED, 1985))
                .expectException(org.hamcrest.Matchers.hasProperty(
                        "message", containsString("are already SEVERED on 1985-01-01")))
                .expectNoEvents();
    }

    /** A downgrade in 1975, before the break: the level before the recorded break changes, and the break still fits. */
    @Test
    void acceptsAChangeBackFilledBetweenRecordedOnesThatKeepsThemValid() {
        fixture.given(changed(FULL, null, 1970), changed(SEVERED, FULL, 1980))
                .when(change(DOWNGRADED, 1975))
                .expectEvents(new RelationsLevelChanged(
                        EG_IR,
                        EG,
                        IR,
                        DOWNGRADED,
                        FULL,
                        null,
                        null,
                        null,
                        null,
                        LocalDate.of(1975, 1, 1),
                        SOURCE,
                        BilateralRelations.CAMEO_REDUCE_OR_BREAK_RELATIONS));
    }

    /** Full in 1985, the relations would have nothing to restore when the recorded restoration of 1991 came. */
    @Test
    void refusesAChangeThatWouldMakeALaterRecordedOneWrongNamingIt() {
        fixture.given(changed(SEVERED, null, 1980), changed(RESTORED, SEVERED, 1991))
                .when(new ChangeRelationsLevel(EG, IR, FULL, null, null, null, null, LocalDate.of(1985, 1, 1), SOURCE))
                .expectException(allOf(
                        instanceOf(RuleViolation.class),
                        org.hamcrest.Matchers.hasProperty(
                                "message", allOf(containsString("1991-01-01"), containsString("nothing-to-restore")))))
                .expectNoEvents();
    }
}
