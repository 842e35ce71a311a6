package org.diplomaticledger.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.queryhandling.QueryMessage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's meters (docs/operations.md) with a capacity window of {@link #CAPACITY_WINDOW}, not Axon's ten minutes.
 *
 * <p>Axon's {@code CapacityMonitor} keeps the duration of every message it saw within its window in a sliding-window
 * reservoir (a skip list of boxed longs). At an import's 1,800 events a second, ten minutes were about a million
 * entries for each event processor and the command bus: at 300,000 imported events the heap held 1.5 million of them
 * after a full GC, and by 690,000 the 512 MB ledger spent its time collecting garbage and imported 300 events a
 * second (JFR old-object samples led to {@code SlidingTimeWindowReservoir} under {@code CapacityMonitor}). The
 * window is fixed inside Axon's {@link GlobalMetricRegistry}; this subclass builds the same monitors, with the same
 * names and tags, and a capacity over the last ten seconds, which a scrape every 15 s or so reads as well.
 * Replacing the registry bean is the hook Axon's auto-configuration offers (it backs off when one exists).
 */
@Configuration(proxyBeanMethods = false)
class AxonMeters {

    static final Duration CAPACITY_WINDOW = Duration.ofSeconds(10);

    @Bean
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry registry) {
        return new BoundedCapacityRegistry(registry);
    }

    static final class BoundedCapacityRegistry extends GlobalMetricRegistry {

        BoundedCapacityRegistry(MeterRegistry registry) {
            super(registry);
        }

        @Override
        public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
                String name,
                Function<Message<?>, Iterable<Tag>> tags,
                Function<Message<?>, Iterable<Tag>> latencyTags) {
            MeterRegistry registry = getRegistry();
            return new MultiMessageMonitor<>(List.of(
                    MessageTimerMonitor.buildMonitor(name, registry, tags),
                    EventProcessorLatencyMonitor.builder()
                            .meterNamePrefix(name)
                            .meterRegistry(registry)
                            .tagsBuilder(latencyTags)
                            .build(),
                    capacity(name, tags),
                    MessageCountingMonitor.buildMonitor(name, registry, tags)));
        }

        @Override
        public MessageMonitor<? super CommandMessage<?>> registerCommandBus(
                String name, Function<Message<?>, Iterable<Tag>> tags) {
            return handlers(name, tags);
        }

        @Override
        public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(
                String name, Function<Message<?>, Iterable<Tag>> tags) {
            return handlers(name, tags);
        }

        /** What Axon registers for a bus that dispatches to handlers: time, capacity and counts. */
        private MultiMessageMonitor<Message<?>> handlers(String name, Function<Message<?>, Iterable<Tag>> tags) {
            MeterRegistry registry = getRegistry();
            return new MultiMessageMonitor<>(List.of(
                    MessageTimerMonitor.buildMonitor(name, registry, tags),
                    capacity(name, tags),
                    MessageCountingMonitor.buildMonitor(name, registry, tags)));
        }

        private CapacityMonitor capacity(String name, Function<Message<?>, Iterable<Tag>> tags) {
            return CapacityMonitor.buildMonitor(
                    name, getRegistry(), CAPACITY_WINDOW.toSeconds(), TimeUnit.SECONDS, tags);
        }
    }
}
