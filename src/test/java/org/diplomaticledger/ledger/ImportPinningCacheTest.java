package org.diplomaticledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.axonframework.common.caching.NoCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The aggregate cache keeps what an import wrote until the import ends, whatever the wrapped cache lets go (here a
 * cache that keeps nothing, as a weak cache after a collection).
 */
class ImportPinningCacheTest {

    private final ImportPinningCache cache = new ImportPinningCache(NoCache.INSTANCE);

    @AfterEach
    void stop() {
        ImportPinningCache.stopPinning();
        cache.endAttempt();
    }

    @Test
    void anAggregateDroppedByARefusedCommandIsPutBack() {
        ImportPinningCache.startPinning();
        cache.put("AO-BW", "after line 1");
        cache.beginAttempt();
        cache.remove("AO-BW"); // Axon, rolling the refused command back
        cache.restoreAttempt();
        cache.endAttempt();
        assertThat((Object) cache.get("AO-BW")).isEqualTo("after line 1");

        // Outside an attempt, or after one that wrote, a removal stays.
        cache.beginAttempt();
        cache.remove("AO-BW");
        cache.endAttempt();
        cache.restoreAttempt();
        assertThat((Object) cache.get("AO-BW")).isNull();
    }

    @Test
    void withoutAnImportTheWrappedCacheAnswers() {
        cache.put("AO-BW", "state");
        assertThat((Object) cache.get("AO-BW")).isNull();
        assertThat(cache.containsKey("AO-BW")).isFalse();
    }

    @Test
    void duringAnImportWhatWasSavedLastIsKeptUntilTheImportEnds() {
        ImportPinningCache.startPinning();
        cache.put("AO-BW", "after chunk 1");
        cache.put("AO-BW", "after chunk 2");
        assertThat((Object) cache.get("AO-BW")).isEqualTo("after chunk 2");
        assertThat(cache.containsKey("AO-BW")).isTrue();
        ImportPinningCache.stopPinning();
        assertThat((Object) cache.get("AO-BW")).isNull();
    }

    @Test
    void aRolledBackAggregateIsNoLongerPinned() {
        ImportPinningCache.startPinning();
        cache.put("AO-BW", "uncommitted");
        cache.put("BW-AO", "uncommitted");
        cache.remove("AO-BW");
        assertThat((Object) cache.get("AO-BW")).isNull();
        cache.removeAll();
        assertThat((Object) cache.get("BW-AO")).isNull();
        assertThat(ImportPinningCache.pinned()).isZero();
    }

    @Test
    void otherThreadsDoNotSeeTheImportsPins() throws Exception {
        ImportPinningCache.startPinning();
        cache.put("AO-BW", "uncommitted");
        Object seenElsewhere =
                CompletableFuture.supplyAsync(() -> (Object) cache.get("AO-BW")).get();
        assertThat(seenElsewhere).isNull();
    }

    @Test
    void atMostTheBoundIsPinnedTheLeastRecentlyUsedGoingFirst() {
        ImportPinningCache.startPinning();
        for (int i = 0; i <= ImportPinningCache.MAX_PINNED; i++) {
            cache.put("aggregate-" + i, i);
        }
        assertThat(ImportPinningCache.pinned()).isEqualTo(ImportPinningCache.MAX_PINNED);
        assertThat((Object) cache.get("aggregate-0")).isNull();
        assertThat((Object) cache.get("aggregate-" + ImportPinningCache.MAX_PINNED))
                .isEqualTo(ImportPinningCache.MAX_PINNED);
    }
}
