package org.diplomaticledger.stream.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.diplomaticledger.projection.ProjectionPositions;
import org.diplomaticledger.stream.LedgerCloudEvents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

/**
 * The Kafka relay, only with the {@code kafka} profile: a producer built from Boot's {@code spring.kafka.*}
 * properties (idempotent, acknowledged by all in-sync replicas, CloudEvents in structured JSON), and the
 * {@value KafkaRelay#PROCESSOR} pooled streaming processor that feeds it from the ledger's start, resuming from its
 * token. Without the profile nothing here is loaded, and the ledger needs no broker.
 */
@Configuration(proxyBeanMethods = false)
@Profile("kafka")
@EnableConfigurationProperties({KafkaRelayProperties.class, KafkaProperties.class})
class KafkaRelayConfiguration {

    /**
     * The producer. Idempotence and {@code acks=all} are imposed, whatever {@code spring.kafka.producer.*} says:
     * without them a retried send could be stored twice, or an acknowledged one lost with its leader.
     */
    @Bean(destroyMethod = "destroy")
    DefaultKafkaProducerFactory<String, CloudEvent> relayProducerFactory(
            KafkaProperties kafka, ObjectProvider<SslBundles> sslBundles) {
        Map<String, Object> config = kafka.buildProducerProperties(sslBundles.getIfAvailable());
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "diplomatic-ledger-relay");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        config.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.STRUCTURED);
        config.put(CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Bean
    KafkaTemplate<String, CloudEvent> relayKafkaTemplate(ProducerFactory<String, CloudEvent> relayProducerFactory) {
        KafkaTemplate<String, CloudEvent> template = new KafkaTemplate<>(relayProducerFactory);
        // The relay logs a failed batch once; Spring's default listener would log every event of it with its payload.
        template.setProducerListener(new ProducerListener<>() {});
        return template;
    }

    /**
     * The relay sends the same CloudEvents as the stream: the stream's {@link LedgerCloudEvents} where it defines
     * one, else one made from the same {@code ledger.stream.*} properties.
     */
    @Bean
    KafkaRelay kafkaRelay(
            KafkaTemplate<String, CloudEvent> relayKafkaTemplate,
            KafkaRelayProperties properties,
            org.springframework.jdbc.core.JdbcTemplate jdbc,
            ObjectProvider<LedgerCloudEvents> shared,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.diplomaticledger.stream.StreamProperties stream) {
        URI source = stream.source();
        URI schemaBase = stream.schemaBase();
        LedgerCloudEvents cloudEvents = shared.getIfAvailable(() -> {
            if (!(eventSerializer instanceof JacksonSerializer jackson)) {
                throw new IllegalStateException("the Kafka relay needs the ledger's Jackson event serializer");
            }
            ObjectMapper mapper = jackson.getObjectMapper();
            return new LedgerCloudEvents(source, schemaBase, mapper);
        });
        return new KafkaRelay(relayKafkaTemplate, cloudEvents, properties, jdbc);
    }

    /**
     * One segment, so the topic receives the ledger in its order; a failing send or acknowledgement fails the
     * batch (never logged and skipped), and the processor retries it. Axon already registers the relay as an event
     * handler because it is a bean with an {@code @EventHandler}: registering it again would send every event twice.
     */
    @Bean
    ConfigurerModule kafkaRelayProcessor(KafkaRelay relay, KafkaRelayProperties properties) {
        return configurer -> configurer
                .eventProcessing()
                .assignHandlerInstancesMatching(
                        KafkaRelay.PROCESSOR, Integer.MAX_VALUE, candidate -> candidate == relay)
                .registerListenerInvocationErrorHandler(
                        KafkaRelay.PROCESSOR, config -> PropagatingErrorHandler.instance())
                .registerPooledStreamingEventProcessor(
                        KafkaRelay.PROCESSOR,
                        org.axonframework.config.Configuration::eventStore,
                        (config, builder) -> builder.batchSize(properties.batchSize())
                                .initialSegmentCount(1)
                                .initialToken(StreamableMessageSource::createTailToken));
    }

    @Bean(destroyMethod = "close")
    KafkaRelayStatus kafkaRelayStatus(
            KafkaRelay relay,
            ProjectionPositions positions,
            EventProcessingConfiguration processing,
            KafkaRelayProperties properties) {
        return new KafkaRelayStatus(relay, positions, processing, properties);
    }

    /**
     * The relay's gauges (docs/operations.md): the last position the broker acknowledged and the relay committed, and
     * how far that is behind the ledger's head. Only with the {@code kafka} profile, as the relay itself.
     */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder kafkaRelayMetrics(KafkaRelayStatus status) {
        return registry -> {
            io.micrometer.core.instrument.Gauge.builder(
                            "ledger.kafka.relay.position", status, KafkaRelayStatus::relayed)
                    .description("The last ledger position the Kafka relay has delivered")
                    .register(registry);
            io.micrometer.core.instrument.Gauge.builder(
                            "ledger.kafka.relay.lag", status, relay -> Math.max(0, relay.head() - relay.relayed()))
                    .description("Positions between the ledger's head and the Kafka relay")
                    .register(registry);
        };
    }
}
