package org.diplomaticledger.presence.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
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
import org.diplomaticledger.shared.WholeBatch;

/**
 * A presence's headcount and staff ceilings in effective time: every fact that changes who is counted (named staff
 * accredited and departed, counted staff reported, arriving and leaving) or which ceilings are in force (imposed,
 * lifted, ended by the closure of their mission), ordered by effective date, then by recording, and the presence as it
 * stands after the last one and on any day. The ceilings' rules judge facts across it in {@link StaffJudge}.
 *
 * <p>Written apart from {@link EffectiveTimeline}, whose timelines are immutable lists copied with each fact: a
 * presence may hold a hundred thousand staff facts, where a mission's life or a person's career holds a few. Here
 * the facts sit in one list kept in order (a fact in date order is appended), and the state after the last fact is kept
 * between commands, so that a fact in date order is judged on it alone.
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

    static final Comparator<StaffFact> IN_EFFECTIVE_ORDER =
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
        WholeBatch.refresh(StaffJudge.key(presenceId), new StaffJudge(this, presenceId)::newlyBroken);
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

    /** Whether no fact falls after the day: a fact on it follows the last one, judged on the state kept. */
    boolean nothingAfter(LocalDate day) {
        return lastDay == null || !lastDay.isAfter(day);
    }

    /** Every fact in effective order, those before a snapshot read first; not to be changed. */
    List<StaffFact> inOrder() {
        completeFrom();
        return facts;
    }

    /** The presence on a day, after every fact recorded for it; not to be changed. */
    StaffState on(LocalDate day) {
        if (nothingAfter(day)) {
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

    /** The event types whose facts the timeline holds, by simple name ({@link #factOf}): a correction's payload is read as its type. */
    static final Map<String, Class<?>> EVENT_TYPES = Stream.of(
                    DiplomatAccredited.class,
                    DiplomatDeparted.class,
                    CountedStaffDeparted.class,
                    StaffCountChanged.class,
                    StaffCountReported.class,
                    StaffCeilingImposed.class,
                    StaffCeilingLifted.class,
                    MissionClosed.class)
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Class::getSimpleName, type -> type));

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
