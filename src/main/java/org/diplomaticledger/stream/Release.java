package org.diplomaticledger.stream;

import java.util.List;

/**
 * Events the {@link LedgerTail} released at once, in ledger order, with their server-sent-event messages encoded
 * once for every stream: each event's {@link StreamedEvent#frame()} is written by the tail before the release is
 * handed out, and the messages of all of them joined in one array ({@link #joined()}) for the streams that take
 * every event, so that a release costs each of those streams one reference in its queue and one write.
 */
public final class Release {

    private final List<StreamedEvent> events;
    private volatile byte[] joined;

    Release(List<StreamedEvent> events) {
        this.events = List.copyOf(events);
    }

    /** Encodes every message now (the tail does, before it hands the release out); otherwise when first asked. */
    void encode() {
        joined();
    }

    public List<StreamedEvent> events() {
        return events;
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    public long firstPosition() {
        return events.get(0).position();
    }

    /** Every event's message, one after another: what an unfiltered stream sends for this release. */
    public byte[] joined() {
        byte[] bytes = joined;
        if (bytes == null) {
            synchronized (this) {
                bytes = joined;
                if (bytes == null) {
                    int length = 0;
                    for (StreamedEvent event : events) {
                        length += event.frame().length;
                    }
                    bytes = new byte[length];
                    int at = 0;
                    for (StreamedEvent event : events) {
                        byte[] frame = event.frame();
                        System.arraycopy(frame, 0, bytes, at, frame.length);
                        at += frame.length;
                    }
                    joined = bytes;
                }
            }
        }
        return bytes;
    }
}
