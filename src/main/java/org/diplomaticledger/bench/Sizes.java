package org.diplomaticledger.bench;

import java.time.Duration;
import java.util.List;

/**
 * How big a run is. {@code events}: the seeded ledger (R2, R3 large, R4, BUILD); {@code smallEvents}: R3's small
 * ledger; {@code facts}: R1's back-fill per order; {@code commands}: W1's commands per client count (and the raw
 * rows of its baseline); {@code reads}: R3's samples per read and size; {@code chunk}: lines per import request;
 * {@code importLines}: W2's one import; {@code loadSeconds}: how long W3 keeps W1's load on; {@code subscribers}:
 * W4's SSE subscribers.
 */
record Sizes(
        long events,
        long smallEvents,
        int facts,
        int commands,
        int reads,
        List<Integer> clients,
        int chunk,
        Duration catchUpTimeout,
        long importLines,
        int loadSeconds,
        int subscribers) {

    /** The default: runs in about a minute on a 2-core machine. */
    static Sizes small() {
        return new Sizes(5_000, 1_000, 300, 400, 200, List.of(1, 16), 2_500, Duration.ofMinutes(30), 5_000, 15, 200);
    }

    /** The sizes of issue 12: a ledger of a million events, R3 at 10,000 and at 1,000,000, 3,000 back-filled facts. */
    static Sizes full() {
        return new Sizes(
                1_000_000,
                10_000,
                3_000,
                10_000,
                2_000,
                List.of(1, 16),
                10_000,
                Duration.ofHours(6),
                1_000_000,
                60,
                200);
    }
}
