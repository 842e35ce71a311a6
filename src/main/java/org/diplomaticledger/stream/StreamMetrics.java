package org.diplomaticledger.stream;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * The stream's meters (docs/operations.md): the streams open on this node, those ended because their consumer read
 * too slowly ({@code ledger.stream.buffer}) and those refused because {@code ledger.stream.max-subscribers} were
 * open, and the tail's frontier (the last position released to the streams).
 */
@Component
class StreamMetrics implements MeterBinder {

    private final LedgerTail tail;

    StreamMetrics(LedgerTail tail) {
        this.tail = tail;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ledger.stream.subscribers", tail, LedgerTail::subscriptionCount)
                .description("Event streams open on this node")
                .register(registry);
        FunctionCounter.builder("ledger.stream.slow.consumers.dropped", tail, LedgerTail::slowConsumersDropped)
                .description("Streams ended because their consumer let ledger.stream.buffer events wait")
                .register(registry);
        FunctionCounter.builder("ledger.stream.subscriptions.refused", tail, LedgerTail::refusedSubscriptions)
                .description("Streams refused (503) because ledger.stream.max-subscribers were open")
                .register(registry);
        Gauge.builder("ledger.stream.frontier", tail, LedgerTail::frontier)
                .description("The last ledger position released to the streams")
                .register(registry);
    }
}
