package org.diplomaticledger.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * The aggregate cache ({@code ledger.aggregates.cache}), which keeps strong references to the aggregates a large
 * import ({@link LedgerImport#importAll}) wrote, on the importing thread, until the import ends.
 *
 * <p>Why: Axon's repository puts a new cache entry for an aggregate on every save, and the weak cache lets the
 * collector drop it at the next GC. A 1,000,000-line import saves its aggregates 500 times (once a chunk) and
 * allocates fast, so entries were often gone by the next chunk; loading the aggregate again then read its whole
 * history, the import's uncommitted events included. A JFR profile of W2 showed those reloads growing to 60% of the
 * import thread by 200,000 lines (the import slowed from 2,000 to 170 lines/s): the cost of a chunk grew with what
 * the import had written. Pinned here, an aggregate is read from the store at most once per import, and with
 * {@code ledger.aggregates.cache=none} too: while the import's transaction holds the audit chain's head, no other
 * writer can change the aggregates it pinned.
 *
 * <p>The pins are the import thread's own (a thread-local map): other threads see the wrapped cache only. Axon
 * removes an aggregate from the cache when its unit of work rolls back, which unpins it as well; a failed import
 * empties the cache. At most {@link #MAX_PINNED} aggregates are pinned, the least recently used going first (a few MB
 * for the ledger's aggregates).
 *
 * <p>A line of an import refused by its own rule is tried again later ({@link WaitingLines#retry}). Axon drops the
 * aggregate the refused command loaded from the cache, which would make the next command on it read its whole history
 * again, once for every such line: the entries dropped during a command ({@link #beginAttempt}) are put back when the
 * command was refused without applying an event ({@link #restoreAttempt}), since its aggregate is then as it was.
 */
final class ImportPinningCache implements Cache {

    /** Aggregates an import keeps strongly reachable. */
    static final int MAX_PINNED = 10_000;

    private static final ThreadLocal<Map<Object, Object>> PINS = new ThreadLocal<>();
    /** The entries removed during the command now running on this thread, when it may be put back. */
    private static final ThreadLocal<Map<Object, Object>> REMOVED = new ThreadLocal<>();

    private final Cache delegate;

    ImportPinningCache(Cache delegate) {
        this.delegate = delegate;
    }

    /** Starts pinning on this thread (the import's), until {@link #stopPinning}. */
    static void startPinning() {
        PINS.set(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > MAX_PINNED;
            }
        });
    }

    /** Lets this thread's pinned aggregates go (to the weak cache alone). */
    static void stopPinning() {
        PINS.remove();
    }

    /** Notes, until {@link #endAttempt}, the entries removed on this thread, so that they can be put back. */
    void beginAttempt() {
        REMOVED.set(new LinkedHashMap<>());
    }

    /** Puts back the entries removed since {@link #beginAttempt} (the command changed none of their aggregates). */
    void restoreAttempt() {
        Map<Object, Object> removed = REMOVED.get();
        if (removed != null) {
            removed.forEach(this::put);
            removed.clear();
        }
    }

    /** Stops noting removals. */
    void endAttempt() {
        REMOVED.remove();
    }

    /** How many aggregates this thread pins now (for tests). */
    static int pinned() {
        Map<Object, Object> pins = PINS.get();
        return pins == null ? 0 : pins.size();
    }

    private static void pin(Object key, Object value) {
        Map<Object, Object> pins = PINS.get();
        if (pins != null && value != null) {
            pins.put(key, value);
        }
    }

    private static void unpin(Object key) {
        Map<Object, Object> pins = PINS.get();
        if (pins != null) {
            pins.remove(key);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Map<Object, Object> pins = PINS.get();
        if (pins != null) {
            Object pinned = pins.get(key);
            if (pinned != null) {
                return (V) pinned;
            }
        }
        return delegate.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        delegate.put(key, value);
        pin(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean put = delegate.putIfAbsent(key, value);
        if (put) {
            pin(key, value);
        }
        return put;
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        T value = delegate.computeIfAbsent(key, valueSupplier);
        pin(key, value);
        return value;
    }

    @Override
    public boolean remove(Object key) {
        Map<Object, Object> removed = REMOVED.get();
        if (removed != null && !removed.containsKey(key)) {
            Object entry = get(key);
            if (entry != null) {
                removed.put(key, entry);
            }
        }
        unpin(key);
        return delegate.remove(key);
    }

    @Override
    public void removeAll() {
        Map<Object, Object> pins = PINS.get();
        if (pins != null) {
            pins.clear();
        }
        delegate.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        Map<Object, Object> pins = PINS.get();
        return (pins != null && pins.containsKey(key)) || delegate.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return delegate.registerCacheEntryListener(cacheEntryListener);
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        unpin(key);
        delegate.computeIfPresent(key, update);
    }
}
