package org.diplomaticledger.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.diplomaticledger.shared.EffectiveTimeline.Placed;
import org.junit.jupiter.api.Test;

/**
 * The record an {@link EffectiveTimeline} keeps after its last fact, carried forward fact by fact, answers what a
 * fold of its facts from the first answers: for facts recorded in order and back-filled, for the day after the last
 * fact and days before it, for new facts judged at the end and in the middle, and after a JSON round trip (which
 * keeps only the facts).
 */
class EffectiveTimelineTest {

    /** A balance: a fact adds its amount, and a balance below zero breaks the rule. */
    private record Balance(String account, AtomicInteger steps) implements EffectiveTimeline.Rules<Integer, Integer> {

        Balance(String account) {
            this(account, new AtomicInteger());
        }

        @Override
        public Integer initial() {
            return 0;
        }

        @Override
        public RuleViolation refusal(Integer before, Placed<Integer> fact) {
            return before + fact.fact() < 0
                    ? new RuleViolation(
                            "overdrawn",
                            "amount",
                            account + " would hold " + (before + fact.fact()) + " on " + fact.on())
                    : null;
        }

        @Override
        public Integer after(Integer before, Placed<Integer> fact) {
            steps.incrementAndGet();
            return before + fact.fact();
        }

        // equal for the same account, whatever the count of steps
        @Override
        public boolean equals(Object other) {
            return other instanceof Balance balance && balance.account.equals(account);
        }

        @Override
        public int hashCode() {
            return account.hashCode();
        }
    }

    private static final LocalDate START = LocalDate.of(1990, 1, 1);

    @Test
    void theRecordKeptAfterTheLastFactAnswersAsAFoldFromTheFirst() {
        Random random = new Random(20261208);
        for (int round = 0; round < 200; round++) {
            EffectiveTimeline<Integer> kept = EffectiveTimeline.empty();
            int day = 0;
            for (int i = 0; i < 40; i++) {
                // mostly in order, now and then back-filled before facts already recorded
                int on = random.nextInt(5) == 0 ? random.nextInt(day + 1) : (day += random.nextInt(3));
                int amount = random.nextInt(7) - 2;
                Placed<Integer> candidate = Placed.candidate("Moved", START.plusDays(on), amount);
                EffectiveTimeline<Integer> folded = new EffectiveTimeline<>(kept.facts());
                assertThat(judged(kept, candidate)).isEqualTo(judged(folded, candidate));
                LocalDate asked = START.plusDays(random.nextInt(day + 2));
                assertThat(kept.on(asked, new Balance("A"))).isEqualTo(folded.on(asked, new Balance("A")));
                assertThat(kept.last(new Balance("A"))).isEqualTo(folded.last(new Balance("A")));
                kept = kept.with(new Placed<>("event-" + i, "Moved", START.plusDays(on), i, amount));
            }
            assertThat(kept.last(new Balance("A")))
                    .isEqualTo(new EffectiveTimeline<>(kept.facts()).last(new Balance("A")));
        }
    }

    @Test
    void aFactRecordedInOrderCostsOneStepOfTheRulesNotAFoldOfTheHistory() {
        EffectiveTimeline<Integer> timeline = EffectiveTimeline.empty();
        for (int i = 0; i < 1_000; i++) {
            timeline = timeline.with(new Placed<>("event-" + i, "Moved", START.plusDays(i), i, 1));
        }
        Balance rules = new Balance("A");
        assertThat(timeline.last(rules)).isEqualTo(1_000);
        assertThat(rules.steps().get())
                .as("the first question folds the history once")
                .isEqualTo(1_000);

        Balance next = new Balance("A");
        for (int i = 1_000; i < 1_100; i++) {
            Placed<Integer> candidate = Placed.candidate("Moved", START.plusDays(i), -1);
            assertThat(timeline.judge(candidate, next, "a withdrawal")).isNull();
            timeline = timeline.with(new Placed<>("event-" + i, "Moved", START.plusDays(i), i, -1));
        }
        assertThat(timeline.last(next)).isEqualTo(900);
        // one step for each fact applied, none for the judgements: the history was not folded again
        assertThat(rules.steps().get() + next.steps().get()).isEqualTo(1_100);

        // other rules (another account) do not read the record kept for these
        Balance other = new Balance("B");
        assertThat(timeline.last(other)).isEqualTo(900);
        assertThat(other.steps().get()).isEqualTo(1_100);
    }

    @Test
    void aJsonRoundTripKeepsTheFactsAndFoldsAgain() throws Exception {
        ObjectMapper mapper = JsonMapper.builder().findAndAddModules().build();
        EffectiveTimeline<Integer> timeline = EffectiveTimeline.empty();
        for (int i = 0; i < 10; i++) {
            timeline = timeline.with(new Placed<>("event-" + i, "Moved", START.plusDays(10 - i), i, i));
        }
        timeline.last(new Balance("A"));
        String json = mapper.writeValueAsString(timeline);
        assertThat(mapper.readTree(json).fieldNames()).toIterable().containsExactly("facts");
        EffectiveTimeline<Integer> read = mapper.readValue(json, new TypeReference<EffectiveTimeline<Integer>>() {});
        assertThat(read).isEqualTo(timeline);
        assertThat(read.last(new Balance("A"))).isEqualTo(45);
        List<LocalDate> days = new ArrayList<>();
        read.facts().forEach(fact -> days.add(fact.on()));
        assertThat(days).isSorted();
    }

    private static Object judged(EffectiveTimeline<Integer> timeline, Placed<Integer> candidate) {
        try {
            RuleViolation contradiction = timeline.judge(candidate, new Balance("A"), "the fact");
            return contradiction == null ? "fits" : contradiction.rule() + ": " + contradiction.getMessage();
        } catch (RuleViolation own) {
            return "refused " + own.rule() + ": " + own.getMessage();
        }
    }
}
