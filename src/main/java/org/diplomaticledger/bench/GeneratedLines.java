package org.diplomaticledger.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

/**
 * NDJSON lines made as they are sent, so that a large import's body never sits in the benchmark's heap (R4 and W2
 * measure the heap of the JVM the ledger runs in).
 */
final class GeneratedLines extends InputStream {

    private final long lines;
    private final LongFunction<String> line;
    private long next;
    private byte[] current = new byte[0];
    private int offset;
    private long bytes;

    GeneratedLines(long lines, LongFunction<String> line) {
        this.lines = lines;
        this.line = line;
    }

    private boolean fill() {
        while (offset >= current.length) {
            if (next >= lines) {
                return false;
            }
            current = (line.apply(next++) + "\n").getBytes(StandardCharsets.UTF_8);
            offset = 0;
        }
        return true;
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        bytes++;
        return current[offset++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - offset);
        System.arraycopy(current, offset, buffer, off, n);
        offset += n;
        bytes += n;
        return n;
    }

    /** Bytes sent so far. */
    long bytes() {
        return bytes;
    }
}
