package org.diplomaticledger.stream.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ledger.kafka.*}: where and how the relay publishes the ledger's events (profile {@code kafka}). The
 * broker and the producer's own settings are Boot's {@code spring.kafka.*}.
 *
 * @param topic          the topic every event goes to
 * @param batchSize      the most events sent before the relay waits for the broker's acknowledgements and records
 *                       its position
 * @param ackTimeout     how long the relay waits for a batch's acknowledgements before it gives the batch up and
 *                       sends it again
 * @param lagLogInterval how often the relay logs how far it is behind the ledger's head
 */
@ConfigurationProperties("ledger.kafka")
public record KafkaRelayProperties(
        @DefaultValue("diplomatic-ledger.events") String topic,
        @DefaultValue("100") int batchSize,
        @DefaultValue("PT2M") Duration ackTimeout,
        @DefaultValue("PT1M") Duration lagLogInterval) {

    public KafkaRelayProperties {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("ledger.kafka.topic must name a topic");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("ledger.kafka.batch-size must be positive");
        }
        if (ackTimeout.isNegative() || ackTimeout.isZero() || lagLogInterval.isNegative() || lagLogInterval.isZero()) {
            throw new IllegalArgumentException("ledger.kafka.ack-timeout and lag-log-interval must be positive");
        }
    }
}
