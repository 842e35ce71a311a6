package org.diplomaticledger.ledger;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * The aggregates kept in memory between commands ({@code ledger.aggregates.cache=soft}, the default): Caffeine with
 * soft values and a bound on their number, behind Axon's {@link Cache}.
 *
 * <p>Why not Axon's {@code WeakReferenceCache}: a weakly reachable aggregate goes at the next collection, and under
 * load the JVM collects young objects several times a second (a JFR recording of an import counted eight a second).
 * An aggregate was then loaded again (its snapshot, the events after it, every rule's timeline folded anew) for most
 * commands, and for every chunk of an import. A soft reference stays until the heap runs short, so the aggregates in
 * use stay between commands, and the collector still takes them before the JVM would run out of memory. Axon ships no
 * such cache; Caffeine is the one Spring Boot manages, and this class only adapts its map to Axon's interface.
 */
final class SoftAggregateCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();

    /** At most {@code maximum} aggregates (the least recently used go first beyond it). */
    SoftAggregateCache(long maximum) {
        this.entries = Caffeine.newBuilder()
                .softValues()
                .maximumSize(maximum)
                .<Object, Object>evictionListener((key, value, cause) -> {
                    if (cause == RemovalCause.SIZE || cause == RemovalCause.COLLECTED) {
                        listeners.forEach(listener -> listener.onEntryExpired(key));
                    }
                })
                .build()
                .asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = entries.get(key);
        if (value != null) {
            listeners.forEach(listener -> listener.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        if (value == null) {
            remove(key);
            return;
        }
        Object before = entries.put(key, value);
        listeners.forEach(listener -> {
            if (before == null) {
                listener.onEntryCreated(key, value);
            } else {
                listener.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean put = entries.putIfAbsent(key, value) == null;
        if (put) {
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
        }
        return put;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        boolean[] created = new boolean[1];
        T value = (T) entries.computeIfAbsent(key, absent -> {
            created[0] = true;
            return valueSupplier.get();
        });
        if (created[0] && value != null) {
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
        }
        return value;
    }

    @Override
    public boolean remove(Object key) {
        boolean removed = entries.remove(key) != null;
        if (removed) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        entries.keySet().forEach(this::remove);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        boolean[] present = new boolean[1];
        Object after = entries.computeIfPresent(key, (found, value) -> {
            present[0] = true;
            return update.apply((V) value);
        });
        if (!present[0]) {
            return;
        }
        listeners.forEach(listener -> {
            if (after == null) {
                listener.onEntryRemoved(key);
            } else {
                listener.onEntryUpdated(key, after);
            }
        });
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
