package org.diplomaticledger.states.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.states.api.RegisterState;
import org.diplomaticledger.states.api.StateAsThen;
import org.diplomaticledger.states.api.StateLineage;
import org.diplomaticledger.states.api.StatePeriod;
import org.diplomaticledger.states.api.StateRegistered;
import org.diplomaticledger.states.api.StateSucceeded;
import org.diplomaticledger.states.api.StateSuccessions;
import org.diplomaticledger.states.api.StatesSeeded;
import org.diplomaticledger.states.api.SuccessionKind;
import org.springframework.stereotype.Component;

/**
 * The register of states in memory, for the write path's existence rule and the register's reads: every state the
 * ledger knows, with the time its registration was recorded. It is built from the register's own events (one
 * aggregate, read by its id: an indexed read, never a scan of the ledger) and brought up to date by reading the
 * events after the last one it holds, at start, before each read of the register, and whenever a code or scheme code
 * is not found (a state another node registered). Registrations only add states, so a code once found stays right.
 *
 * <p>It holds the successions too ({@link StateSucceeded}), for {@link StateLineage}: which state a read of another
 * answers with on a day before a continuation; and for {@link StateSuccessions}: which absorption or dissolution
 * closes a mission of its predecessor recorded after it.
 *
 * <p>Written by hand rather than as a projection table: the register is a few hundred rows that every command
 * consults, so it has to be in memory anyway, and it must see a registration as soon as it is committed (a tracking
 * projection lags).
 */
@Component
public class StateRegistry implements StateLineage, StateSuccessions {

    /** A state in the register, with when its registration was recorded and by which event. */
    public record Entry(StateRegistered state, Instant recordedAt, String eventId) {

        public CountryCode code() {
            return state.code();
        }

        public String name() {
            return state.names().isEmpty()
                    ? state.code().value()
                    : state.names().get(0);
        }

        /** Whether the state existed on that day. */
        public boolean existsOn(LocalDate day) {
            return state.periods().stream().anyMatch(period -> period.covers(day));
        }

        public List<StatePeriod> periods() {
            return state.periods();
        }

        /** Whether the day is the first one the state no longer existed, the end of one of its periods. */
        public boolean endsOn(LocalDate day) {
            return state.periods().stream().anyMatch(period -> day.equals(period.until()));
        }
    }

    /** A succession as recorded, with when, and when it was retracted (null while it stands). */
    public record Succession(StateSucceeded succession, Instant recordedAt, String eventId, Instant retractedAt) {

        /** Whether the ledger held it at {@code knownAt}: recorded by then, and not yet retracted. */
        public boolean heldAt(Instant knownAt) {
            return !recordedAt.isAfter(knownAt) && (retractedAt == null || retractedAt.isAfter(knownAt));
        }
    }

    /** Looked up on first use: the web layer's JSON mapper needs the register, and the event store needs that mapper. */
    private final org.springframework.beans.factory.ObjectProvider<EventStorageEngine> engine;

    private final Object lock = new Object();
    private volatile Map<CountryCode, Entry> entries = Map.of();
    private volatile Map<String, CountryCode> schemeCodes = Map.of();
    private volatile List<Succession> successions = List.of();
    private long nextSequence;

    public StateRegistry(org.springframework.beans.factory.ObjectProvider<EventStorageEngine> engine) {
        this.engine = engine;
    }

    /** Whether the register has been seeded (reading what is new first). */
    public boolean seeded() {
        refresh();
        return !entries.isEmpty();
    }

    /** The state with this code, if the register knows it. */
    public Optional<Entry> find(CountryCode code) {
        Entry entry = entries.get(code);
        if (entry == null) {
            entry = fresh().entries.get(code);
        }
        return Optional.ofNullable(entry);
    }

    /** Every state the register knows, by code, after reading what is new. */
    public Collection<Entry> all() {
        refresh();
        return new TreeMap<>(entries).values();
    }

    /**
     * Reads a code as researchers write it: ISO alpha-2 or alpha-3, a former or ledger code, or with a scheme prefix,
     * {@code cow:} (Correlates of War number or abbreviation), {@code gw:} (Gleditsch–Ward) or {@code iso:}. A code
     * without a prefix is always ISO: COW {@code AUS} (Austria) is never taken for ISO {@code AUS} (Australia).
     */
    public CountryCode parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int colon = trimmed.indexOf(':');
        if (colon < 0) {
            return CountryCode.of(trimmed);
        }
        String scheme = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
        String code = trimmed.substring(colon + 1).trim().toUpperCase(Locale.ROOT);
        if (scheme.equals("iso")) {
            return CountryCode.of(code);
        }
        if (!scheme.equals("cow") && !scheme.equals("gw")) {
            throw new InvalidValueException("unknown code scheme '" + scheme + "' in '" + text + "': use iso:, cow:"
                    + " (Correlates of War) or gw: (Gleditsch-Ward)");
        }
        String key = RegisterState.normalized(scheme + ":" + code);
        CountryCode found = schemeCodes.get(key);
        if (found == null) {
            found = fresh().schemeCodes.get(key);
        }
        if (found == null) {
            throw new InvalidValueException("unknown " + (scheme.equals("cow") ? "Correlates of War" : "Gleditsch-Ward")
                    + " code '" + code + "': no state in the register has it");
        }
        return found;
    }

    /** Every succession recorded (retracted ones marked), in the order recorded, after reading what is new. */
    public List<Succession> successions() {
        refresh();
        return successions;
    }

    /**
     * Only a state with a period that ended can have been succeeded (a succession is judged against the periods, and
     * periods never change): for any other, nothing is read. For one that did, the register's events after the last
     * one held are read (an indexed read of its own stream, usually empty), so that a succession another node recorded
     * counts at once; inside a write they are used for this answer only, as {@link #find} does.
     */
    @Override
    public List<StateSucceeded> closing(CountryCode predecessor) {
        boolean ended = find(predecessor)
                .map(entry -> entry.periods().stream().anyMatch(period -> period.until() != null))
                .orElse(false);
        if (!ended) {
            return List.of();
        }
        return freshSuccessions().stream()
                .filter(succession -> succession.retractedAt() == null)
                .map(Succession::succession)
                .filter(succeeded -> succeeded.kind().closesMissions()
                        && succeeded.predecessor().equals(predecessor))
                .sorted(java.util.Comparator.comparing(StateSucceeded::effectiveDate))
                .toList();
    }

    @Override
    public Optional<StateSucceeded> standing(String eventId) {
        return freshSuccessions().stream()
                .filter(succession -> succession.eventId().equals(eventId) && succession.retractedAt() == null)
                .map(Succession::succession)
                .findFirst();
    }

    /** The successions with what is new; inside a write, kept for this answer only (see {@link #fresh}). */
    private List<Succession> freshSuccessions() {
        if (CurrentUnitOfWork.isStarted()) {
            synchronized (lock) {
                List<Succession> recorded = new ArrayList<>(successions);
                read(nextSequence, new HashMap<>(), new HashMap<>(), recorded);
                return recorded;
            }
        }
        refresh();
        return successions;
    }

    @Override
    public List<StateAsThen> continued(CountryCode state, Instant knownAt) {
        List<Succession> all = successions();
        if (all.isEmpty()) {
            return List.of();
        }
        List<StateAsThen> chain = new ArrayList<>();
        java.util.Set<CountryCode> seen = new java.util.HashSet<>(List.of(state));
        CountryCode current = state;
        LocalDate until = null;
        while (true) {
            CountryCode successor = current;
            Succession found = all.stream()
                    .filter(s -> s.succession().kind() == SuccessionKind.CONTINUATION
                            && s.heldAt(knownAt)
                            && s.succession().successors().get(0).equals(successor))
                    .findFirst()
                    .orElse(null);
            if (found == null || !seen.add(found.succession().predecessor())) {
                return chain;
            }
            LocalDate day = found.succession().effectiveDate();
            until = until == null || day.isBefore(until) ? day : until;
            CountryCode predecessor = found.succession().predecessor();
            Entry entry = entries.get(predecessor);
            chain.add(
                    new StateAsThen(predecessor, entry == null ? predecessor.value() : entry.name(), successor, until));
            current = predecessor;
        }
    }

    private record Snapshot(Map<CountryCode, Entry> entries, Map<String, CountryCode> schemeCodes) {}

    /**
     * The register with what is new. Inside a write (a unit of work) the new events may not be committed yet: they
     * are used for this answer but kept only once read outside a write.
     */
    private Snapshot fresh() {
        if (CurrentUnitOfWork.isStarted()) {
            synchronized (lock) {
                Map<CountryCode, Entry> copy = new HashMap<>(entries);
                Map<String, CountryCode> schemes = new HashMap<>(schemeCodes);
                read(nextSequence, copy, schemes, new ArrayList<>());
                return new Snapshot(copy, schemes);
            }
        }
        refresh();
        return new Snapshot(entries, schemeCodes);
    }

    /** Reads the register's events after the last one held. */
    public void refresh() {
        if (CurrentUnitOfWork.isStarted()) {
            return;
        }
        synchronized (lock) {
            Map<CountryCode, Entry> copy = new HashMap<>(entries);
            Map<String, CountryCode> schemes = new HashMap<>(schemeCodes);
            List<Succession> recorded = new ArrayList<>(successions);
            long next = read(nextSequence, copy, schemes, recorded);
            if (next != nextSequence) {
                nextSequence = next;
                entries = Map.copyOf(copy);
                schemeCodes = Map.copyOf(schemes);
                successions = List.copyOf(recorded);
            }
        }
    }

    private long read(
            long from, Map<CountryCode, Entry> into, Map<String, CountryCode> schemes, List<Succession> recorded) {
        long next = from;
        DomainEventStream events = engine.getObject().readEvents(RegisterState.REGISTER_ID, from);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            next = event.getSequenceNumber() + 1;
            Object payload = event.getPayload();
            List<StateRegistered> added = new ArrayList<>();
            if (payload instanceof StatesSeeded seeded) {
                added.addAll(seeded.states());
            } else if (payload instanceof StateRegistered registered) {
                added.add(registered);
            } else if (payload instanceof StateSucceeded succeeded) {
                recorded.add(new Succession(succeeded, event.getTimestamp(), event.getIdentifier(), null));
            } else if (payload instanceof EntryRetracted retraction) {
                recorded.replaceAll(succession -> succession.eventId().equals(retraction.eventId())
                        ? new Succession(
                                succession.succession(),
                                succession.recordedAt(),
                                succession.eventId(),
                                event.getTimestamp())
                        : succession);
            }
            for (StateRegistered state : added) {
                into.put(state.code(), new Entry(state, event.getTimestamp(), event.getIdentifier()));
                for (String schemeCode : state.schemeCodes()) {
                    schemes.put(RegisterState.normalized(schemeCode), state.code());
                }
            }
        }
        return next;
    }
}
