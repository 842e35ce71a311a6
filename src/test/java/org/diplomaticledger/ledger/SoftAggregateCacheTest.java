package org.diplomaticledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.junit.jupiter.api.Test;

/**
 * The aggregate cache keeps what it holds across garbage collections (Axon's weak cache does not: that is why it was
 * replaced), stays within its bound, and tells Axon's listeners what happened to an entry.
 */
class SoftAggregateCacheTest {

    @Test
    void anEntryOnlyTheCacheHoldsOutlivesGarbageCollections() {
        Cache soft = new SoftAggregateCache(100);
        Cache weak = new WeakReferenceCache();
        soft.put("RU-US", new StringBuilder("an aggregate"));
        weak.put("RU-US", new StringBuilder("an aggregate"));
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        assertThat(soft.<String, StringBuilder>get("RU-US")).hasToString("an aggregate");
        // what the ledger used before: gone at the first collection that finds nothing else holding it
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return weak.get("RU-US") == null;
        });
    }

    @Test
    void itKeepsNoMoreThanItsBound() {
        SoftAggregateCache cache = new SoftAggregateCache(10);
        IntStream.range(0, 100).forEach(i -> cache.put("P-" + i, "aggregate " + i));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> IntStream.range(0, 100)
                                .filter(i -> cache.containsKey("P-" + i))
                                .count()
                        <= 10);
        assertThat(cache.<String, String>get("P-99")).isEqualTo("aggregate 99");
    }

    @Test
    void axonsOperationsAndListenersBehaveAsOnAnyCache() {
        SoftAggregateCache cache = new SoftAggregateCache(100);
        List<String> heard = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                heard.add("updated " + key + " " + value);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }
        });
        assertThat(cache.putIfAbsent("A", 1)).isTrue();
        assertThat(cache.putIfAbsent("A", 2)).isFalse();
        assertThat(cache.<String, Integer>get("A")).isEqualTo(1);
        cache.put("A", 3);
        cache.<Integer>computeIfPresent("A", value -> value + 1);
        cache.<Integer>computeIfPresent("B", value -> value + 1);
        assertThat(cache.containsKey("B")).isFalse();
        assertThat(cache.computeIfAbsent("B", () -> 10)).isEqualTo(10);
        assertThat(cache.computeIfAbsent("B", () -> 20)).isEqualTo(10);
        cache.<Integer>computeIfPresent("B", value -> null);
        assertThat(cache.remove("A")).isTrue();
        assertThat(cache.remove("A")).isFalse();
        cache.put("C", 5);
        cache.removeAll();
        assertThat(cache.containsKey("C")).isFalse();
        assertThat(heard)
                .containsExactly(
                        "created A",
                        "updated A 3",
                        "updated A 4",
                        "created B",
                        "removed B",
                        "removed A",
                        "created C",
                        "removed C");
    }
}
