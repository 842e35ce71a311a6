package org.diplomaticledger.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks every value read from a client passes: dates in LedgerTime's span, text without control characters. */
class InputChecksTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    record Inner(String name, List<LocalDate> days) {}

    record Outer(String city, LocalDate date, Inner inner, Map<String, Object> map, int count) {}

    @Test
    void theSpanRunsFrom1648ToAHundredYearsAhead() {
        assertThat(LedgerTime.accepts(LocalDate.of(1648, 1, 1), CLOCK)).isTrue();
        assertThat(LedgerTime.accepts(LocalDate.of(1647, 12, 31), CLOCK)).isFalse();
        assertThat(LedgerTime.accepts(LocalDate.of(2126, 12, 4), CLOCK)).isTrue();
        assertThat(LedgerTime.accepts(LocalDate.of(2126, 12, 5), CLOCK)).isFalse();
        assertThat(LedgerTime.accepts(LocalDate.MIN, CLOCK)).isFalse();
        assertThat(LedgerTime.accepts(LocalDate.MAX, CLOCK)).isFalse();
        assertThatThrownBy(() -> LedgerTime.check("knownAt", Instant.MAX, CLOCK))
                .isInstanceOf(InvalidValueException.class);
        assertThat(LedgerTime.check("knownAt", Instant.parse("2126-12-04T23:59:59Z"), CLOCK))
                .isNotNull();
    }

    @Test
    void textRefusesControlAndBidiCharactersAndLoneSurrogates() {
        assertThat(InputText.problem("Reykjavík 😀, مرحبا\n\tline")).isNull();
        for (String bad : new String[] {
            "a\u0000b",
            "a\u0007b",
            "a\u001Bb",
            "a\u007Fb",
            "a\u0085b",
            "a\u202Eb",
            "a\u2066b",
            "a\uD800b",
            "a\uDFFFb",
            "a\uD800"
        }) {
            assertThat(InputText.problem(bad)).as(bad).isNotNull();
        }
    }

    @Test
    void theFirstBadValueIsNamedByItsPath() {
        LocalDate ok = LocalDate.of(2020, 1, 1);
        InputChecks.check(null, new Outer("Oslo", ok, new Inner("A", List.of(ok)), Map.of("k", "v"), 1), CLOCK);
        assertThatThrownBy(() -> InputChecks.check(null, new Outer("Os\u0000lo", ok, null, null, 1), CLOCK))
                .isInstanceOf(InvalidValueException.class)
                .extracting("field")
                .isEqualTo("city");
        assertThatThrownBy(() -> InputChecks.check(
                        null,
                        new Outer("Oslo", ok, new Inner("A", List.of(ok, LocalDate.of(10000, 1, 1))), null, 1),
                        CLOCK))
                .isInstanceOf(InvalidValueException.class)
                .extracting("field")
                .isEqualTo("inner.days[1]");
        assertThatThrownBy(() ->
                        InputChecks.check(null, new Outer("Oslo", ok, null, Map.of("reason", "x\u202Ey"), 1), CLOCK))
                .isInstanceOf(InvalidValueException.class)
                .extracting("field")
                .isEqualTo("map.reason");
    }
}
