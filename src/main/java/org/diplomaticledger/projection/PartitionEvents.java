package org.diplomaticledger.projection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * The events of the partitions (aggregates) a projector refolded lately, as the event store holds them (upcast, in
 * sequence order), so that a run of late facts on one record reads each of its events from the store once instead of
 * its whole history per fact. Only what was added since the last read is read again. The events are immutable, so a
 * cached list is never wrong, only possibly short; a rolled-back batch leaves nothing to undo.
 *
 * <p>Axon's own aggregate caches hold aggregates, not event lists, and its storage engine reads from a sequence number
 * but keeps nothing: hence this small cache, bounded by the number of events it holds (least recently used partitions
 * go first).
 */
final class PartitionEvents {

    private final Supplier<EventStorageEngine> store;
    private final int capacity;
    private final Map<String, List<DomainEventMessage<?>>> cache = new LinkedHashMap<>(16, 0.75f, true);
    private int size;

    PartitionEvents(Supplier<EventStorageEngine> store, int capacity) {
        this.store = store;
        this.capacity = capacity;
    }

    /** The partition's events with a sequence number up to {@code sequence}, in sequence order. */
    synchronized List<DomainEventMessage<?>> upTo(String partition, long sequence) {
        List<DomainEventMessage<?>> events = cache.remove(partition);
        if (events == null) {
            events = new ArrayList<>();
        } else {
            size -= events.size();
        }
        long next = events.isEmpty() ? 0 : events.get(events.size() - 1).getSequenceNumber() + 1;
        if (next <= sequence) {
            DomainEventStream stream = store.get().readEvents(partition, next);
            while (stream.hasNext()) {
                events.add(stream.next());
            }
        }
        List<DomainEventMessage<?>> known =
                Collections.unmodifiableList(new ArrayList<>(events.subList(0, count(events, sequence))));
        if (events.size() <= capacity) {
            cache.put(partition, events);
            size += events.size();
            evict();
        }
        return known;
    }

    private void evict() {
        Iterator<Map.Entry<String, List<DomainEventMessage<?>>>> eldest =
                cache.entrySet().iterator();
        while (size > capacity && eldest.hasNext()) {
            size -= eldest.next().getValue().size();
            eldest.remove();
        }
    }

    /** How many of the events, in sequence order, have a sequence number up to {@code sequence}. */
    private static int count(List<DomainEventMessage<?>> events, long sequence) {
        int low = 0;
        int high = events.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (events.get(mid).getSequenceNumber() <= sequence) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
