package org.diplomaticledger.presence.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.presence.domain.StaffTimeline.StaffFact;
import org.diplomaticledger.shared.EffectiveTimeline;
import org.diplomaticledger.shared.EventJson;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.shared.WholeBatch;

/**
 * The ceilings' rules across a presence's {@link StaffTimeline}. A fact is judged on the presence as it stood on its
 * day (an accreditation in 1987 against the ceiling in force and the headcount of 1987, whatever was recorded first)
 * and refused if a fact recorded for a later day would then break a rule (a counted arrival back-filled before a
 * recorded accreditation that filled the ceiling); a correction or retraction of a recorded fact is refused if it
 * makes a fact break a rule it did not; a batch judged as a whole ({@link WholeBatch}) is checked at its end. A fact in
 * date order is judged on the state the timeline keeps; only one back-filled into a presence with ceilings replays it.
 */
final class StaffJudge {

    private final StaffTimeline timeline;
    /** The presence the facts are judged for, as its refusals name it. */
    private final String presenceId;

    StaffJudge(StaffTimeline timeline, String presenceId) {
        this.timeline = timeline;
        this.presenceId = presenceId;
    }

    /** Whether a ceiling was ever imposed: without one, no staff fact can break a rule. */
    private boolean anyCeiling() {
        return !timeline.last().ceilings.isEmpty();
    }

    /**
     * Judges a new fact where it falls: its own rule on the presence of its day is thrown; a contradiction of a fact
     * recorded for a later day refuses it too, or waits for the end of an open batch ({@link WholeBatch}).
     * {@code what} names the fact in that refusal.
     */
    void requireFits(StaffFact candidate, String what) {
        RuleViolation contradiction = judge(candidate, what);
        if (contradiction != null
                && !WholeBatch.defer(key(presenceId), broken(timeline.inOrder(), presenceId), this::newlyBroken)) {
            throw contradiction;
        }
    }

    /** A new fact's own rule, thrown; answers the contradiction it would cause, or null. */
    private RuleViolation judge(StaffFact candidate, String what) {
        if (!candidate.isCeiling() && !anyCeiling()) {
            return null;
        }
        if (timeline.nothingAfter(candidate.on())) {
            throwIfRefused(timeline.last(), candidate, presenceId);
            return null;
        }
        List<StaffFact> facts = timeline.inOrder();
        StaffState state = StaffState.initial();
        int i = 0;
        for (; i < facts.size() && StaffTimeline.IN_EFFECTIVE_ORDER.compare(facts.get(i), candidate) < 0; i++) {
            StaffState.after(state, facts.get(i));
        }
        throwIfRefused(state, candidate, presenceId);
        StaffState without = state.copy();
        StaffState.after(state, candidate);
        for (; i < facts.size(); i++) {
            StaffFact fact = facts.get(i);
            RuleViolation now = StaffState.refusal(state, fact, presenceId);
            if (now != null && StaffState.refusal(without, fact, presenceId) == null) {
                return EffectiveTimeline.contradiction(what, fact.eventId(), fact.type(), fact.on(), now);
            }
            StaffState.after(state, fact);
            StaffState.after(without, fact);
        }
        return null;
    }

    /**
     * A revision ({@link EntryCorrected} or {@link EntryRetracted}) of one of the presence's staff or ceiling facts: a
     * correction may move the fact to another day or change what it counts (a reported headcount, a ceiling's limit, a
     * category); a retraction removes it. Answers the first fact the revision would make break a rule it did not break
     * before — the revised fact itself, under its own rule, or a fact recorded for another day (a contradiction naming
     * it) — or null, also when the event is none of the timeline's or the correction leaves its fact as it was.
     */
    RuleViolation revised(LedgerEvent revision) {
        if (!anyCeiling()) {
            return null;
        }
        String eventId;
        Object corrected = null;
        if (revision instanceof EntryCorrected correction) {
            Class<?> type = StaffTimeline.EVENT_TYPES.get(correction.eventType());
            if (type == null) {
                return null;
            }
            eventId = correction.eventId();
            corrected = EventJson.mapper().convertValue(correction.corrected(), type);
        } else {
            eventId = ((EntryRetracted) revision).eventId();
        }
        List<StaffFact> facts = timeline.inOrder();
        StaffFact original = null;
        for (StaffFact fact : facts) {
            if (eventId.equals(fact.eventId())) {
                original = fact;
                break;
            }
        }
        if (original == null) {
            return null;
        }
        StaffFact replacement =
                corrected == null ? null : StaffTimeline.factOf(corrected, eventId, original.sequence());
        if (original.equals(replacement)) {
            return null; // corrected in what the ceilings do not read (a name, a source)
        }
        List<StaffFact> revised = new ArrayList<>(facts.size());
        for (StaffFact fact : facts) {
            if (fact != original) {
                revised.add(fact);
            } else if (replacement != null) {
                revised.add(replacement);
            }
        }
        revised.sort(StaffTimeline.IN_EFFECTIVE_ORDER);
        Set<String> already = broken(facts, presenceId).keySet();
        for (Map.Entry<String, Broken> wrong : broken(revised, presenceId).entrySet()) {
            if (already.contains(wrong.getKey())) {
                continue;
            }
            Broken broken = wrong.getValue();
            if (eventId.equals(wrong.getKey())) {
                String field = changed(original, replacement);
                return new RuleViolation(
                        broken.why().rule(),
                        "corrections." + field,
                        "corrected to "
                                + (field.equals("effectiveDate") ? "" : field + " ") + valueOf(replacement, field)
                                + ", the "
                                + original.type() + " " + eventId + " would break rule "
                                + broken.why().rule() + ": "
                                + broken.why().getMessage());
            }
            String what;
            if (replacement == null) {
                what = "retracting event " + eventId;
            } else if (!replacement.on().equals(original.on())) {
                what = "moving event " + eventId + " to " + replacement.on();
            } else {
                String field = changed(original, replacement);
                what = "correcting the " + field + " of event " + eventId + " to " + valueOf(replacement, field);
            }
            return EffectiveTimeline.contradiction(
                    what,
                    broken.fact().eventId(),
                    broken.fact().type(),
                    broken.fact().on(),
                    broken.why());
        }
        return null;
    }

    /**
     * The field of its event a correction changed, as the timeline reads it: the day first, then the number (named as
     * the event names it), the category, the mission, the person or ceiling.
     */
    private static String changed(StaffFact original, StaffFact replacement) {
        if (!original.on().equals(replacement.on())) {
            return "effectiveDate";
        }
        if (original.number() != replacement.number()) {
            return switch (original.type()) {
                case "StaffCountReported" -> "headcount";
                case "StaffCeilingImposed" -> "limit";
                case "StaffCountChanged" -> "change";
                case "CountedStaffDeparted" -> "count";
                default -> "number";
            };
        }
        if (original.category() != replacement.category()) {
            return "category";
        }
        if (!Objects.equals(original.missionId(), replacement.missionId())) {
            return "missionId";
        }
        return original.isCeiling() ? "ceilingId" : "personId";
    }

    /** The value a correction gave the field {@link #changed} names, as the event holds it. */
    private static Object valueOf(StaffFact fact, String field) {
        return switch (field) {
            case "effectiveDate" -> fact.on();
            case "category" -> fact.category() == null ? "all categories" : fact.category();
            case "missionId" -> fact.missionId() == null ? "the whole presence" : fact.missionId();
            case "ceilingId", "personId" -> fact.id();
            case "count" -> -fact.number();
            default -> fact.number();
        };
    }

    private record Broken(StaffFact fact, RuleViolation why) {}

    /** The recorded facts that break a rule where they stand, by event id, in effective order. */
    private static Map<String, Broken> broken(List<StaffFact> inOrder, String presenceId) {
        Map<String, Broken> broken = new LinkedHashMap<>();
        StaffState state = StaffState.initial();
        for (StaffFact fact : inOrder) {
            RuleViolation wrong = StaffState.refusal(state, fact, presenceId);
            if (wrong != null && fact.eventId() != null) {
                broken.put(fact.eventId(), new Broken(fact, wrong));
            }
            StaffState.after(state, fact);
        }
        return broken;
    }

    /** The first recorded fact that breaks a rule now and did not in {@code baseline}, for a batch judged as a whole. */
    @SuppressWarnings("unchecked")
    RuleViolation newlyBroken(Object baseline) {
        List<StaffFact> facts = timeline.inOrder();
        Set<String> before = new LinkedHashSet<>(((Map<String, Broken>) baseline).keySet());
        for (Broken wrong : broken(facts, presenceId).values()) {
            if (!before.contains(wrong.fact().eventId())) {
                return EffectiveTimeline.contradiction(
                        "Taken as a whole, the batch of " + presenceId + "'s staff",
                        wrong.fact().eventId(),
                        wrong.fact().type(),
                        wrong.fact().on(),
                        wrong.why());
            }
        }
        return null;
    }

    /** The key of the presence's staff in a batch judged as a whole. */
    static String key(String presenceId) {
        return presenceId + "/staff";
    }

    private static void throwIfRefused(StaffState state, StaffFact candidate, String presenceId) {
        RuleViolation own = StaffState.refusal(state, candidate, presenceId);
        if (own != null) {
            throw own;
        }
    }
}
