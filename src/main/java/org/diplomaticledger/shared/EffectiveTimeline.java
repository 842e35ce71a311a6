package org.diplomaticledger.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The facts of one record (a mission, a person on a presence's staff, the relations of two states) in effective
 * order: by effective date, then in the order they were recorded. An aggregate judges a new fact where it falls
 * instead of after the last one recorded: against the record as it stood on the fact's day ({@link Rules}), and
 * against every fact recorded for a later day, which must not break a rule it did not break before (the problem
 * {@code contradicts-recorded-fact} names it). Facts already recorded are placed as they are and never judged again:
 * a history recorded before these rules, or corrected since, may hold contradictions, and a new fact is refused only
 * for those it would add.
 *
 * <p>Immutable: each fact recorded replaces it. {@code F} is what the record's rules need of a fact (its kind, the
 * mission it names); the rules themselves are given to each method, so that a snapshot holds only the facts.
 *
 * <p>Most facts are recorded in effective order, after every fact of their record: such a fact is judged against the
 * record after its last fact, and no later fact can contradict it. That record is kept with the timeline (not in a
 * snapshot: {@code facts} is the whole of its JSON) for rules that are equal from one command to the next (records,
 * such as {@code HeadsTimeline}'s), and carried forward by {@link #with} one fact at a time; so a fact recorded in
 * order costs one step of its rules, not a fold of the record's whole history (which made a long-lived mission's
 * every appointment cost more than the one before). A fact back-filled before others is judged by folding, as before.
 *
 * @param <F> what the rules read of a fact
 */
public final class EffectiveTimeline<F> {

    private final List<Placed<F>> facts;

    /**
     * The record after the last fact under the rules last asked for, or null; rebuilt from the facts when missing.
     * Not part of the timeline's value or its JSON.
     */
    @JsonIgnore
    private transient volatile Folded<?, F> folded;

    private record Folded<S, F>(Rules<S, F> rules, S state) {
        Folded<S, F> then(Placed<F> fact) {
            return new Folded<>(rules, rules.after(state, fact));
        }
    }

    @JsonCreator
    public EffectiveTimeline(@JsonProperty("facts") List<Placed<F>> facts) {
        this.facts = facts == null ? List.of() : List.copyOf(facts);
    }

    /** A list made here and never changed, taken as it is. */
    private EffectiveTimeline(List<Placed<F>> trusted, Folded<?, F> folded) {
        this.facts = Collections.unmodifiableList(trusted);
        this.folded = folded;
    }

    /** The facts in effective order. */
    @JsonProperty("facts")
    public List<Placed<F>> facts() {
        return facts;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EffectiveTimeline<?> timeline && facts.equals(timeline.facts);
    }

    @Override
    public int hashCode() {
        return facts.hashCode();
    }

    @Override
    public String toString() {
        return "EffectiveTimeline[facts=" + facts + "]";
    }

    /** A fact where it falls; {@code eventId} null for a fact being judged. */
    public record Placed<F>(String eventId, String type, LocalDate on, long sequence, F fact) {

        /** A fact being judged, not yet recorded: after every recorded fact of its day. */
        public static <F> Placed<F> candidate(String type, LocalDate on, F fact) {
            return new Placed<>(null, type, on, Long.MAX_VALUE, fact);
        }

        /** The same fact corrected to another day; among the facts of that day it keeps its place by recording. */
        public Placed<F> movedTo(LocalDate day) {
            return new Placed<>(eventId, type, day, sequence, fact);
        }
    }

    /**
     * A record's rules over effective time. Rules that are equal (a record of what they name) share the record kept
     * after the last fact; others are folded again at each question.
     *
     * @param <S> what the record is on a day
     * @param <F> what the rules read of a fact
     */
    public interface Rules<S, F> {
        /** The record before its first fact. */
        S initial();

        /** Why the fact cannot follow the record as it stands, or null. */
        RuleViolation refusal(S before, Placed<F> fact);

        /** The record after the fact, allowed or not (recorded history is placed as it is). */
        S after(S before, Placed<F> fact);
    }

    private static final Comparator<Placed<?>> IN_EFFECTIVE_ORDER =
            Comparator.<Placed<?>, LocalDate>comparing(Placed::on).thenComparingLong(Placed::sequence);

    public static <F> EffectiveTimeline<F> empty() {
        return new EffectiveTimeline<>(List.of());
    }

    /** With one more fact, in its place. */
    public EffectiveTimeline<F> with(Placed<F> fact) {
        if (!afterEveryFact(fact)) {
            return new EffectiveTimeline<>(sorted(facts, fact), null);
        }
        List<Placed<F>> more = new ArrayList<>(facts.size() + 1);
        more.addAll(facts);
        more.add(fact);
        Folded<?, F> known = folded;
        return new EffectiveTimeline<>(more, known == null ? null : known.then(fact));
    }

    /** The record just before a fact would stand. */
    public <S> S before(Placed<F> at, Rules<S, F> rules) {
        return afterEveryFact(at) ? last(rules) : before(at, facts, rules);
    }

    /** The record on a day, after every fact recorded for that day. */
    public <S> S on(LocalDate day, Rules<S, F> rules) {
        return before(new Placed<>(null, null, day, Long.MAX_VALUE, null), rules);
    }

    /** The record after its last fact in effective time. */
    @SuppressWarnings("unchecked")
    public <S> S last(Rules<S, F> rules) {
        Folded<?, F> known = folded;
        if (known != null && known.rules().equals(rules)) {
            return (S) known.state();
        }
        S state = rules.initial();
        for (Placed<F> fact : facts) {
            state = rules.after(state, fact);
        }
        folded = new Folded<>(rules, state);
        return state;
    }

    /** Whether a fact would stand after every recorded fact: none of them is later in effective order. */
    private boolean afterEveryFact(Placed<F> fact) {
        return facts.isEmpty() || IN_EFFECTIVE_ORDER.compare(facts.get(facts.size() - 1), fact) < 0;
    }

    /** The first fact of a type, in effective order, or null. */
    public Placed<F> first(String type) {
        return facts.stream()
                .filter(fact -> type.equals(fact.type()))
                .findFirst()
                .orElse(null);
    }

    /**
     * A new fact judged where it falls: its own rule's refusal is thrown at once; answers the contradiction it would
     * cause among the facts recorded for later days, or null. {@code what} names the fact in that refusal.
     */
    public <S> RuleViolation judge(Placed<F> candidate, Rules<S, F> rules, String what) {
        boolean last = afterEveryFact(candidate);
        RuleViolation own = rules.refusal(last ? last(rules) : before(candidate, facts, rules), candidate);
        if (own != null) {
            throw own;
        }
        if (last) {
            // Every recorded fact is folded as before it: none can break a rule it did not break before.
            return null;
        }
        return firstNewlyBroken(broken(sorted(facts, candidate), rules), broken(rules), what);
    }

    /**
     * Judges a new fact, then refuses a contradiction at once, or leaves it to the end of an open batch
     * ({@link WholeBatch}, keyed by {@code key}), where {@code atTheEnd} judges the record as it then stands against
     * what was broken before (a set given by {@link #broken(Rules)}).
     */
    public <S> void requireFits(
            Placed<F> candidate, Rules<S, F> rules, String what, String key, Function<Object, RuleViolation> atTheEnd) {
        RuleViolation contradiction = judge(candidate, rules, what);
        if (contradiction != null && !WholeBatch.defer(key, broken(rules), atTheEnd)) {
            throw contradiction;
        }
    }

    /** The event ids of the recorded facts that break a rule where they stand. */
    public <S> Set<String> broken(Rules<S, F> rules) {
        return broken(facts, rules).keySet();
    }

    /** The first fact that breaks a rule now and did not in {@code baseline} ({@link #broken(Rules)}), or null. */
    public <S> RuleViolation newlyBroken(Set<String> baseline, Rules<S, F> rules, String what) {
        return firstNewlyBroken(broken(facts, rules), baseline, what);
    }

    /**
     * A correction that moves a recorded fact to another day ({@code movedTo}), or a retraction of it (null): the
     * first fact it would make wrong (the moved fact, by its own rule, with {@code field}; another, by
     * {@code contradicts-recorded-fact}), or null. Null too when the event is not one of this record's facts.
     */
    public <S> RuleViolation revised(String eventId, LocalDate movedTo, Rules<S, F> rules, String field) {
        List<Placed<F>> revised = new ArrayList<>();
        boolean mine = false;
        for (Placed<F> fact : facts) {
            if (eventId.equals(fact.eventId())) {
                mine = true;
                if (movedTo != null) {
                    revised.add(fact.movedTo(movedTo));
                }
            } else {
                revised.add(fact);
            }
        }
        if (!mine) {
            return null;
        }
        revised.sort(IN_EFFECTIVE_ORDER);
        Set<String> already = broken(rules);
        for (Map.Entry<String, Broken<F>> wrong : broken(revised, rules).entrySet()) {
            if (already.contains(wrong.getKey())) {
                continue;
            }
            RuleViolation why = wrong.getValue().why();
            if (eventId.equals(wrong.getKey())) {
                return new RuleViolation(
                        why.rule(),
                        field,
                        "corrected to " + movedTo + ", the "
                                + wrong.getValue().fact().type() + " " + eventId + " would break rule " + why.rule()
                                + ": " + why.getMessage());
            }
            return contradiction(
                    (movedTo == null ? "retracting event " : "moving event ")
                            + eventId
                            + (movedTo == null ? "" : " to " + movedTo),
                    wrong.getValue());
        }
        return null;
    }

    private record Broken<F>(Placed<F> fact, RuleViolation why) {}

    private static <F> List<Placed<F>> sorted(List<Placed<F>> facts, Placed<F> more) {
        List<Placed<F>> with = new ArrayList<>(facts);
        with.add(more);
        with.sort(IN_EFFECTIVE_ORDER);
        return with;
    }

    private static <S, F> S before(Placed<F> at, List<Placed<F>> inOrder, Rules<S, F> rules) {
        S state = rules.initial();
        for (Placed<F> fact : inOrder) {
            if (IN_EFFECTIVE_ORDER.compare(fact, at) >= 0) {
                break;
            }
            state = rules.after(state, fact);
        }
        return state;
    }

    /** The recorded facts (with an event id) that break a rule where they stand, by event id, in effective order. */
    private static <S, F> Map<String, Broken<F>> broken(List<Placed<F>> inOrder, Rules<S, F> rules) {
        Map<String, Broken<F>> broken = new LinkedHashMap<>();
        S state = rules.initial();
        for (Placed<F> fact : inOrder) {
            RuleViolation wrong = rules.refusal(state, fact);
            if (wrong != null && fact.eventId() != null) {
                broken.put(fact.eventId(), new Broken<>(fact, wrong));
            }
            state = rules.after(state, fact);
        }
        return broken;
    }

    private static <F> RuleViolation firstNewlyBroken(Map<String, Broken<F>> now, Set<String> before, String what) {
        Set<String> already = new HashSet<>(before);
        for (Map.Entry<String, Broken<F>> wrong : now.entrySet()) {
            if (!already.contains(wrong.getKey())) {
                return contradiction(what, wrong.getValue());
            }
        }
        return null;
    }

    private static RuleViolation contradiction(String what, Broken<?> broken) {
        Placed<?> recorded = broken.fact();
        return contradiction(what, recorded.eventId(), recorded.type(), recorded.on(), broken.why());
    }

    /**
     * The refusal of a fact ({@code what}) because, with it, a recorded fact (its event id, type and day) would break
     * a rule ({@code why}): rule {@code contradicts-recorded-fact}, field {@code effectiveDate}, the recorded fact
     * named in {@code conflictingFact}.
     */
    public static RuleViolation contradiction(
            String what, String eventId, String type, LocalDate on, RuleViolation why) {
        return new RuleViolation(
                "contradicts-recorded-fact",
                "effectiveDate",
                what + " contradicts a fact recorded: "
                        + "with it, the " + type + " of " + on + " (event " + eventId + ") would break rule "
                        + why.rule()
                        + ": " + why.getMessage(),
                Map.of(
                        "conflictingFact",
                        Map.of("eventId", eventId, "type", type, "effectiveDate", on.toString(), "rule", why.rule())));
    }
}
