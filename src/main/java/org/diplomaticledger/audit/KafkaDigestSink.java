package org.diplomaticledger.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.diplomaticledger.stream.StreamProperties;
import org.diplomaticledger.stream.kafka.KafkaRelayProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * With the {@code kafka} profile, each new signed digest also goes to Kafka, by the relay's producer, as a CloudEvent
 * of type {@value #TYPE} keyed {@value #KEY}: to {@code ledger.audit.publish.kafka-topic}, or else the events' topic,
 * where it follows the events it covers. Whoever keeps the topic keeps the digests, so a later truncation of the
 * ledger is exposed without an auditor having kept one.
 */
@Component
@Profile("kafka")
@EnableConfigurationProperties({KafkaRelayProperties.class, StreamProperties.class})
class KafkaDigestSink implements DigestSink {

    static final String TYPE = "org.diplomaticledger.audit.ChainDigest.v1";
    static final String KEY = "audit-chain";

    private final KafkaTemplate<String, CloudEvent> template;
    private final String topic;
    private final URI source;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * The events' topic ({@code ledger.kafka.topic}) and the CloudEvents source ({@code ledger.stream.source}) are the
     * stream capability's: read from its properties records, the only classes of that capability the audit chain
     * uses (ArchitectureTest).
     */
    KafkaDigestSink(
            KafkaTemplate<String, CloudEvent> template,
            AuditProperties properties,
            KafkaRelayProperties kafka,
            StreamProperties stream) {
        this.template = template;
        String configured = properties.publish().kafkaTopic();
        this.topic = configured == null || configured.isBlank() ? kafka.topic() : configured;
        this.source = stream.source();
    }

    @Override
    public void publish(SignedDigest digest) throws Exception {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(digest.keyId() + "/" + digest.position() + "/" + digest.events())
                .withSource(source)
                .withType(TYPE)
                .withSubject(KEY)
                .withTime(OffsetDateTime.parse(digest.time()))
                .withDataContentType("application/json")
                .withExtension("ledgerposition", Long.toString(digest.position()))
                .withData(json.writeValueAsBytes(digest))
                .build();
        template.send(topic, KEY, event).get(10, TimeUnit.SECONDS);
    }
}
