package org.diplomaticledger.stream.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.diplomaticledger.projection.ProjectionPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * How far the relay is: its committed position against the ledger's head. Reported as the {@code kafkaRelay}
 * health component ({@code /actuator/health}), DOWN while the broker refuses or ignores its batches, and logged
 * every {@code ledger.kafka.lag-log-interval} (INFO while behind, DEBUG once caught up).
 */
public final class KafkaRelayStatus implements HealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaRelayStatus.class);

    private final KafkaRelay relay;
    private final ProjectionPositions positions;
    private final EventProcessingConfiguration processing;
    private final KafkaRelayProperties properties;
    private final ScheduledExecutorService lagLog;

    KafkaRelayStatus(
            KafkaRelay relay,
            ProjectionPositions positions,
            EventProcessingConfiguration processing,
            KafkaRelayProperties properties) {
        this.relay = relay;
        this.positions = positions;
        this.processing = processing;
        this.properties = properties;
        this.lagLog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kafka-relay-lag");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.lagLogInterval().toMillis();
        lagLog.scheduleWithFixedDelay(this::logLag, every, every, TimeUnit.MILLISECONDS);
    }

    /** The last ledger position the relay has committed as delivered (0 before its first batch). */
    public long relayed() {
        return positions.position(KafkaRelay.PROCESSOR);
    }

    /** The ledger's last position. */
    public long head() {
        return positions.head();
    }

    @Override
    public Health health() {
        long relayed = relayed();
        long head = head();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("topic", properties.topic());
        details.put("relayed", relayed);
        details.put("head", head);
        details.put("lag", Math.max(0, head - relayed));
        boolean running = processing
                .eventProcessor(KafkaRelay.PROCESSOR)
                .map(EventProcessor::isRunning)
                .orElse(false);
        details.put("running", running);
        KafkaRelay.Failure failure = relay.failure();
        if (failure != null) {
            details.put("lastFailure", failure.message());
            details.put("lastFailureAt", failure.at().toString());
            details.put("failedAttempts", failure.times());
            return Health.down().withDetails(details).build();
        }
        return (running ? Health.up() : Health.outOfService())
                .withDetails(details)
                .build();
    }

    private void logLag() {
        try {
            long relayed = relayed();
            long head = head();
            if (head > relayed) {
                log.info("Kafka relay at position {} of {}: {} positions behind", relayed, head, head - relayed);
            } else {
                log.debug("Kafka relay caught up at position {}", relayed);
            }
        } catch (RuntimeException e) {
            log.debug("Kafka relay lag not read", e);
        }
    }

    @Override
    public void close() {
        lagLog.shutdownNow();
    }
}
