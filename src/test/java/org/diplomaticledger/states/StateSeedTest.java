package org.diplomaticledger.states;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.states.api.StatePeriod;
import org.diplomaticledger.states.api.StateRegistered;
import org.junit.jupiter.api.Test;

/** The seed file, states/states.csv: whole, consistent, and in step with what CountryCode accepts. */
class StateSeedTest {

    private final List<StateRegistered> seed = StateSeed.read();
    private final Map<String, StateRegistered> byCode =
            seed.stream().collect(Collectors.toMap(s -> s.code().value(), s -> s));

    @Test
    void everyIsoCodeAndEveryFormerCodeIsSeededOnce() {
        assertThat(byCode).hasSize(seed.size());
        assertThat(byCode.keySet()).containsAll(Set.of(Locale.getISOCountries()));
        assertThat(byCode.keySet()).containsAll(CountryCode.FORMER.keySet());
    }

    @Test
    void periodsAreInOrderAndPredecessorsAreSeeded() {
        for (StateRegistered state : seed) {
            assertThat(state.periods()).as(state.code().value()).isNotEmpty();
            LocalDate end = null;
            for (StatePeriod period : state.periods()) {
                if (end != null) {
                    assertThat(period.from()).as(state.code().value()).isAfterOrEqualTo(end);
                }
                assertThat(period.until() == null || period.until().isAfter(period.from()))
                        .as(state.code().value())
                        .isTrue();
                end = period.until();
            }
            assertThat(state.effectiveDate()).isEqualTo(state.periods().get(0).from());
            assertThat(state.source().text()).as(state.code().value()).isNotBlank();
            for (CountryCode predecessor : state.predecessors()) {
                assertThat(byCode).as(state.code() + "'s predecessor").containsKey(predecessor.value());
            }
        }
    }

    @Test
    void aSchemeCodeNamesOneStateOnly() {
        Map<String, String> holders = new HashMap<>();
        for (StateRegistered state : seed) {
            for (String code : state.schemeCodes()) {
                String before = holders.put(code, state.code().value());
                assertThat(before == null || before.equals(state.code().value()))
                        .as(code + " names " + before + " and " + state.code())
                        .isTrue();
            }
        }
        assertThat(holders)
                .containsEntry("cow:AUS", "AT")
                .containsEntry("cow:305", "AT")
                .containsEntry("cow:CZE", "CSHH")
                .containsEntry("gw:265", "DD")
                .containsEntry("cow:2", "US");
    }

    @Test
    void theDatesAHistorianExpects() {
        assertThat(byCode.get("US").periods().get(0).from()).isEqualTo(LocalDate.of(1776, 7, 4));
        assertThat(byCode.get("SU").periods())
                .containsExactly(new StatePeriod(LocalDate.of(1922, 12, 30), LocalDate.of(1991, 12, 26)));
        assertThat(byCode.get("RU").periods().get(0).from()).isEqualTo(LocalDate.of(1991, 12, 25));
        assertThat(byCode.get("DD").periods())
                .containsExactly(new StatePeriod(LocalDate.of(1949, 10, 5), LocalDate.of(1990, 10, 3)));
        assertThat(byCode.get("CSHH").periods().get(0).until()).isEqualTo(LocalDate.of(1993, 1, 1));
        Set<String> defaults = new HashSet<>();
        seed.stream()
                .filter(StateRegistered::startDefault)
                .forEach(s -> defaults.add(s.code().value()));
        assertThat(defaults).contains("FR", "GB", "GU").doesNotContain("US", "DD", "CZ");
        for (StateRegistered state : seed) {
            if (state.startDefault()) {
                assertThat(state.periods().get(0).from()).isEqualTo(LocalDate.of(1648, 1, 1));
            }
        }
    }
}
