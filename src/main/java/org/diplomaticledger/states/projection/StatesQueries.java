package org.diplomaticledger.states.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.diplomaticledger.projection.TimePoint;
import org.diplomaticledger.shared.CountryCode;
import org.springframework.stereotype.Component;

/**
 * The register as of a point in time: only the states whose registration the ledger had recorded by {@code knownAt},
 * each marked as existing or not on {@code asOf}.
 */
@Component
public class StatesQueries {

    private final StateRegistry registry;

    public StatesQueries(StateRegistry registry) {
        this.registry = registry;
    }

    /** The states known at the point, those existing on its day only unless {@code all}. */
    public List<StateView> list(TimePoint point, boolean all) {
        Collection<StateRegistry.Entry> known = known(point);
        Map<String, List<String>> successors = successors(known);
        List<StateView> views = new ArrayList<>();
        for (StateRegistry.Entry entry : known) {
            boolean existing = entry.existsOn(point.asOf());
            if (all || existing) {
                views.add(view(entry, existing, successors));
            }
        }
        return views;
    }

    /** One state, if it was known at the point. */
    public Optional<StateView> one(CountryCode code, TimePoint point) {
        Collection<StateRegistry.Entry> known = known(point);
        Map<String, List<String>> successors = successors(known);
        return known.stream()
                .filter(entry -> entry.code().equals(code))
                .findFirst()
                .map(entry -> view(entry, entry.existsOn(point.asOf()), successors));
    }

    private Collection<StateRegistry.Entry> known(TimePoint point) {
        return registry.all().stream()
                .filter(entry -> !entry.recordedAt().isAfter(point.knownAt()))
                .toList();
    }

    private static Map<String, List<String>> successors(Collection<StateRegistry.Entry> known) {
        Map<String, List<String>> successors = new TreeMap<>();
        for (StateRegistry.Entry entry : known) {
            for (CountryCode predecessor : entry.state().predecessors()) {
                successors
                        .computeIfAbsent(predecessor.value(), k -> new ArrayList<>())
                        .add(entry.code().value());
            }
        }
        return successors;
    }

    private static StateView view(StateRegistry.Entry entry, boolean existing, Map<String, List<String>> successors) {
        var state = entry.state();
        return new StateView(
                entry.code().value(),
                entry.code().alpha3(),
                entry.name(),
                state.names(),
                existing,
                state.periods(),
                state.predecessors().stream().map(CountryCode::value).toList(),
                successors.getOrDefault(entry.code().value(), List.of()),
                state.schemeCodes(),
                state.startDefault(),
                state.source() == null ? null : state.source().text(),
                state.source() == null ? null : state.source().url(),
                entry.recordedAt(),
                entry.eventId());
    }
}
