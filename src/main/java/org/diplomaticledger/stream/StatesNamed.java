package org.diplomaticledger.stream;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.diplomaticledger.shared.CountryCode;

/**
 * Which states an event concerns, for the stream's {@code state} filter. A presence ({@code RU-US}) and relations
 * ({@code RELATIONS-RU-US}) name their two states in their id, so every one of their events concerns both. Any
 * other aggregate (talks) concerns the {@code parties} its events name; those are read from its history once and
 * kept for the most recently asked 10,000 aggregates.
 */
final class StatesNamed {

    private static final Pattern PAIR = Pattern.compile("^(?:RELATIONS-)?([A-Z]{2}|[A-Z]{4,8})-([A-Z]{2}|[A-Z]{4,8})$");
    private static final int CACHED = 10_000;

    private final EventStorageEngine engine;
    private final Map<String, Set<String>> parties = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > CACHED;
        }
    };

    StatesNamed(EventStorageEngine engine) {
        this.engine = engine;
    }

    Set<String> of(String aggregateId, Object payload) {
        if (aggregateId == null) {
            return parties(payload);
        }
        Matcher pair = PAIR.matcher(aggregateId);
        if (pair.matches()) {
            return Set.of(pair.group(1), pair.group(2));
        }
        Set<String> named = parties(payload);
        synchronized (parties) {
            Set<String> known = parties.get(aggregateId);
            if (known != null) {
                if (!known.containsAll(named)) {
                    known = new TreeSet<>(known);
                    known.addAll(named);
                    parties.put(aggregateId, known);
                }
                return known;
            }
        }
        Set<String> all = new TreeSet<>(named);
        DomainEventStream history = engine.readEvents(aggregateId);
        while (history.hasNext()) {
            DomainEventMessage<?> event = history.next();
            all.addAll(parties(event.getPayload()));
        }
        synchronized (parties) {
            parties.put(aggregateId, all);
        }
        return all;
    }

    /** The states a payload names in a record component called {@code parties}. */
    private static Set<String> parties(Object payload) {
        if (payload == null || !payload.getClass().isRecord()) {
            return Set.of();
        }
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            if (component.getName().equals("parties")) {
                try {
                    Object value = component.getAccessor().invoke(payload);
                    Set<String> states = new TreeSet<>();
                    if (value instanceof Collection<?> list) {
                        for (Object state : list) {
                            if (state instanceof CountryCode code) {
                                states.add(code.value());
                            } else if (state != null) {
                                states.add(state.toString());
                            }
                        }
                    }
                    return states;
                } catch (ReflectiveOperationException e) {
                    return Set.of();
                }
            }
        }
        return Set.of();
    }
}
