package org.diplomaticledger.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, kept whole (at most a few million per run), and their percentiles in milliseconds. */
final class Latencies {

    private long[] values;
    private int size;

    Latencies(int expected) {
        values = new long[Math.max(16, expected)];
    }

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    /** The q-quantile (0 < q ≤ 1) in milliseconds, nearest-rank. */
    synchronized double millis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    double p50() {
        return millis(0.50);
    }

    double p99() {
        return millis(0.99);
    }
}
