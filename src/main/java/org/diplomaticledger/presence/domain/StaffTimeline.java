package org.diplomaticledger.presence.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.presence.api.CountedStaffDeparted;
import org.diplomaticledger.presence.api.DiplomatAccredited;
import org.diplomaticledger.presence.api.DiplomatDeparted;
import org.diplomaticledger.presence.api.MissionClosed;
import org.diplomaticledger.presence.api.StaffCategory;
import org.diplomaticledger.presence.api.StaffCeilingImposed;
import org.diplomaticledger.presence.api.StaffCeilingLifted;
import org.diplomaticledger.presence.api.StaffCountChanged;
import org.diplomaticledger.presence.api.StaffCountReported;
import org.diplomaticledger.shared.EffectiveTimeline;
import org.diplomaticledger.shared.EventJson;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.shared.WholeBatch;

/**
 * A presence's headcount and staff ceilings in effective time: every fact that changes who is counted (named staff
 * accredited and departed, counted staff reported, arriving and leaving) or which ceilings are in force (imposed,
 * lifted, ended by the closure of their mission), ordered by effective date, then by recording. The ceilings' rules
 * judge a fact on the presence as it stood on its day — an accreditation in 1987 is checked against the ceiling in
 * force and the headcount of 1987, whatever was recorded first — and refuse it if a fact recorded for a later day
 * would then break a rule (a counted arrival back-filled before a recorded accreditation that filled the ceiling).
 *
 * <p>Written apart from {@link EffectiveTimeline}, whose timelines are immutable lists copied with each fact: a
 * presence may hold a hundred thousand staff facts, where a mission's life or a person's career holds a few. Here
 * the facts sit in one list kept in order (a fact in date order is appended), the state after the last fact is kept
 * between commands, and a fact in date order is judged on it alone; only a fact back-filled into a presence with
 * ceilings replays the timeline, once.
 *
 * <p>A snapshot holds only the state after the last fact: a presence's staff facts grow with its history (4,000 staff
 * counts), and every command on a presence not in the cache reads its snapshot. A timeline loaded from a snapshot
 * holds the facts recorded since; the first fact that needs the whole timeline reads the presence's events from the
 * event store ({@link History}), once per load.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
final class StaffTimeline {

    /** What a fact does to the headcount or the ceilings. */
    enum Kind {
        ACCREDITED,
        DEPARTED,
        COUNTED,
        REPORTED,
        CEILING_IMPOSED,
        CEILING_LIFTED,
        MISSION_CLOSED
    }

    /**
     * One fact where it falls ({@code eventId} null for one being judged). {@code id} is the person's or the
     * ceiling's; {@code number} the counted change, the reported headcount or the ceiling's limit; a ceiling's
     * {@code category} null caps all categories.
     */
    record StaffFact(
            String eventId,
            String type,
            LocalDate on,
            long sequence,
            Kind kind,
            String id,
            String missionId,
            StaffCategory category,
            int number) {

        static StaffFact candidate(
                String type, LocalDate on, Kind kind, String id, String missionId, StaffCategory category, int number) {
            return new StaffFact(null, type, on, Long.MAX_VALUE, kind, id, missionId, category, number);
        }

        boolean isCeiling() {
            return kind == Kind.CEILING_IMPOSED || kind == Kind.CEILING_LIFTED;
        }
    }

    /** Where a timeline loaded from a snapshot reads the presence's facts: its events, in the order recorded. */
    interface History {
        List<StaffFact> facts();
    }

    private static final Comparator<StaffFact> IN_EFFECTIVE_ORDER =
            Comparator.comparing(StaffFact::on).thenComparingLong(StaffFact::sequence);

    /** The facts in effective order; after a load from a snapshot, only those recorded since. */
    @JsonIgnore
    private List<StaffFact> facts = new ArrayList<>();
    /** Where the facts before a snapshot are read; given by the command handler ({@link #readingFrom}). */
    @JsonIgnore
    private transient History history;
    /** How many facts the timeline holds in all: more than {@link #facts} after a load from a snapshot. */
    private int factCount;
    /** The state after the last fact; null when a back-filled fact was recorded into a partial timeline. */
    private StaffState last = StaffState.initial();
    /** The day and recording of the last fact, which a fact after it follows without a replay. */
    private LocalDate lastDay;

    private long lastSequence;

    /** Records a fact in its place. */
    void record(StaffFact fact, String presenceId) {
        boolean atTheEnd = lastDay == null
                || fact.on().isAfter(lastDay)
                || fact.on().equals(lastDay) && fact.sequence() > lastSequence;
        if (atTheEnd) {
            lastDay = fact.on();
            lastSequence = fact.sequence();
            if (last != null) {
                StaffState.after(last, fact);
            }
        } else {
            last = null; // folded again, from the whole timeline, when next asked for
        }
        int found = java.util.Collections.binarySearch(facts, fact, IN_EFFECTIVE_ORDER);
        facts.add(found >= 0 ? found + 1 : -found - 1, fact);
        factCount++;
        WholeBatch.refresh(key(presenceId), baseline -> newlyBroken(baseline, presenceId));
    }

    /** Where to read the presence's events if the timeline needs the facts recorded before its snapshot. */
    void readingFrom(History history) {
        this.history = history;
    }

    private boolean complete() {
        return facts.size() == factCount;
    }

    /**
     * Reads the facts recorded before the snapshot the timeline was loaded from, if it was: the events in the store,
     * then those recorded since the snapshot that the store does not hold yet (this unit of work's).
     */
    private void completeFrom() {
        if (complete()) {
            return;
        }
        if (history == null) {
            throw new IllegalStateException("the staff timeline of a presence loaded from a snapshot needs its events");
        }
        List<StaffFact> read = history.facts();
        long readUpTo = read.stream().mapToLong(StaffFact::sequence).max().orElse(-1);
        List<StaffFact> all = new ArrayList<>(read);
        for (StaffFact fact : facts) {
            if (fact.sequence() > readUpTo) {
                all.add(fact);
            }
        }
        all.sort(IN_EFFECTIVE_ORDER);
        facts = all;
        factCount = all.size();
    }

    /** The presence after its last fact in effective time; not to be changed. */
    StaffState last() {
        if (last == null) {
            completeFrom();
            StaffState state = StaffState.initial();
            for (StaffFact fact : facts) {
                StaffState.after(state, fact);
            }
            last = state;
        }
        return last;
    }

    /** The presence on a day, after every fact recorded for it; not to be changed. */
    StaffState on(LocalDate day) {
        if (lastDay == null || !lastDay.isAfter(day)) {
            return last();
        }
        completeFrom();
        StaffState state = StaffState.initial();
        for (StaffFact fact : facts) {
            if (fact.on().isAfter(day)) {
                break;
            }
            StaffState.after(state, fact);
        }
        return state;
    }

    /** The facts of the presence's events, in the order recorded (see {@link #factOf}). */
    static List<StaffFact> factsOf(Stream<? extends DomainEventMessage<?>> events) {
        return events.map(event -> factOf(event.getPayload(), event.getIdentifier(), event.getSequenceNumber()))
                .filter(Objects::nonNull)
                .toList();
    }

    /** What an event of the presence does to its headcount or its ceilings, or null if nothing. */
    static StaffFact factOf(Object event, String eventId, long sequence) {
        String type = event.getClass().getSimpleName();
        if (event instanceof DiplomatAccredited e) {
            return new StaffFact(
                    eventId,
                    type,
                    e.effectiveDate(),
                    sequence,
                    Kind.ACCREDITED,
                    e.personId(),
                    e.missionId(),
                    e.category(),
                    0);
        } else if (event instanceof DiplomatDeparted e) {
            return new StaffFact(
                    eventId,
                    type,
                    e.effectiveDate(),
                    sequence,
                    Kind.DEPARTED,
                    e.personId(),
                    e.missionId(),
                    e.category(),
                    0);
        } else if (event instanceof CountedStaffDeparted e) {
            return new StaffFact(
                    eventId,
                    type,
                    e.effectiveDate(),
                    sequence,
                    Kind.COUNTED,
                    null,
                    e.missionId(),
                    e.category(),
                    -e.count());
        } else if (event instanceof StaffCountChanged e) {
            return new StaffFact(
                    eventId,
                    type,
                    e.effectiveDate(),
                    sequence,
                    Kind.COUNTED,
                    null,
                    e.missionId(),
                    e.category(),
                    e.change());
        } else if (event instanceof StaffCountReported e) {
            return new StaffFact(
                    eventId,
                    type,
                    e.effectiveDate(),
                    sequence,
                    Kind.REPORTED,
                    null,
                    e.missionId(),
                    e.category(),
                    e.headcount());
        } else if (event instanceof StaffCeilingImposed e) {
            return new StaffFact(
                    eventId,
                    type,
                    e.effectiveDate(),
                    sequence,
                    Kind.CEILING_IMPOSED,
                    e.ceilingId(),
                    e.missionId(),
                    e.category(),
                    e.limit());
        } else if (event instanceof StaffCeilingLifted e) {
            return new StaffFact(
                    eventId,
                    type,
                    e.effectiveDate(),
                    sequence,
                    Kind.CEILING_LIFTED,
                    e.ceilingId(),
                    e.missionId(),
                    e.category(),
                    0);
        } else if (event instanceof MissionClosed e) {
            return new StaffFact(
                    eventId, type, e.effectiveDate(), sequence, Kind.MISSION_CLOSED, null, e.missionId(), null, 0);
        }
        return null;
    }

    /** Whether a ceiling was ever imposed: without one, no staff fact can break a rule. */
    private boolean anyCeiling() {
        return !last().ceilings.isEmpty();
    }

    /**
     * Judges a new fact where it falls: its own rule on the presence of its day is thrown; a contradiction of a fact
     * recorded for a later day refuses it too, or waits for the end of an open batch ({@link WholeBatch}).
     * {@code what} names the fact in that refusal.
     */
    void requireFits(StaffFact candidate, String what, String presenceId) {
        RuleViolation contradiction = judge(candidate, what, presenceId);
        if (contradiction != null
                && !WholeBatch.defer(
                        key(presenceId), broken(facts, presenceId), baseline -> newlyBroken(baseline, presenceId))) {
            throw contradiction;
        }
    }

    /** A new fact's own rule, thrown; answers the contradiction it would cause, or null. */
    RuleViolation judge(StaffFact candidate, String what, String presenceId) {
        if (!candidate.isCeiling() && !anyCeiling()) {
            return null;
        }
        if (lastDay == null || !lastDay.isAfter(candidate.on())) {
            throwIfRefused(last(), candidate, presenceId);
            return null;
        }
        completeFrom();
        StaffState state = StaffState.initial();
        int i = 0;
        for (; i < facts.size() && IN_EFFECTIVE_ORDER.compare(facts.get(i), candidate) < 0; i++) {
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
    RuleViolation revised(LedgerEvent revision, String presenceId) {
        if (!anyCeiling()) {
            return null;
        }
        String eventId;
        Object corrected = null;
        if (revision instanceof EntryCorrected correction) {
            Class<?> type = EVENT_TYPES.get(correction.eventType());
            if (type == null) {
                return null;
            }
            eventId = correction.eventId();
            corrected = EventJson.mapper().convertValue(correction.corrected(), type);
        } else {
            eventId = ((EntryRetracted) revision).eventId();
        }
        completeFrom();
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
        StaffFact replacement = corrected == null ? null : factOf(corrected, eventId, original.sequence());
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
        revised.sort(IN_EFFECTIVE_ORDER);
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

    /** The event types whose facts the timeline holds, by simple name ({@link #factOf}): a correction's payload is read as its type. */
    private static final Map<String, Class<?>> EVENT_TYPES = Stream.of(
                    DiplomatAccredited.class,
                    DiplomatDeparted.class,
                    CountedStaffDeparted.class,
                    StaffCountChanged.class,
                    StaffCountReported.class,
                    StaffCeilingImposed.class,
                    StaffCeilingLifted.class,
                    MissionClosed.class)
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Class::getSimpleName, type -> type));

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

    @SuppressWarnings("unchecked")
    private RuleViolation newlyBroken(Object baseline, String presenceId) {
        completeFrom();
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

    private static String key(String presenceId) {
        return presenceId + "/staff";
    }

    private static void throwIfRefused(StaffState state, StaffFact candidate, String presenceId) {
        RuleViolation own = StaffState.refusal(state, candidate, presenceId);
        if (own != null) {
            throw own;
        }
    }

    /** Two timelines are equal when they hold the same facts (the state after them follows from those). */
    @Override
    public boolean equals(Object other) {
        return this == other
                || other instanceof StaffTimeline that && factCount == that.factCount && facts.equals(that.facts);
    }

    @Override
    public int hashCode() {
        return facts.hashCode();
    }
}
