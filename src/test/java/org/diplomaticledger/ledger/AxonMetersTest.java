package org.diplomaticledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

/**
 * The ledger's Axon registry keeps the capacity of the last ten seconds, not of ten minutes: a message that kept a
 * processor busy for 200 ms shows as about 2% of it (Axon's window would show 0.03%), and the measurements the
 * monitor holds are those of ten seconds, not of ten minutes of an import.
 */
class AxonMetersTest {

    @Test
    void capacityIsTheShareOfTheLastTenSeconds() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MessageMonitor<? super EventMessage<?>> monitor = new AxonMeters.BoundedCapacityRegistry(meters)
                .registerEventProcessor(
                        "eventProcessor", message -> Tags.of("processorName", "probe"), message -> Tags.empty());
        MessageMonitor.MonitorCallback callback =
                monitor.onMessageIngested(GenericEventMessage.asEventMessage("a fact"));
        Thread.sleep(200);
        callback.reportSuccess();

        double capacity = meters.get("eventProcessor.capacity")
                .tag("processorName", "probe")
                .gauge()
                .value();
        assertThat(capacity).as("busy 200 ms of a 10 s window").isBetween(0.015, 0.1);
        // the other meters Axon registers for a processor are there under their usual names
        assertThat(meters.getMeters().stream()
                        .map(meter -> meter.getId().getName())
                        .distinct()
                        .toList())
                .contains(
                        "eventProcessor.allTimer",
                        "eventProcessor.successTimer",
                        "eventProcessor.latency",
                        "eventProcessor.ingestedCounter",
                        "eventProcessor.successCounter",
                        "eventProcessor.processedCounter");
        assertThat(meters.get("eventProcessor.successCounter")
                        .tag("processorName", "probe")
                        .counter()
                        .count())
                .isEqualTo(1);
    }
}
