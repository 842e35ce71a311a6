package org.diplomaticledger.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.diplomaticledger.audit.DigestVerifier;
import org.diplomaticledger.audit.SignedDigest;
import org.diplomaticledger.ledger.LedgerWriter;
import org.diplomaticledger.presence.api.MissionKind;
import org.diplomaticledger.presence.api.OpenMission;
import org.diplomaticledger.presence.api.RecordStaffCount;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.states.api.RegisterState;
import org.diplomaticledger.stream.LedgerCloudEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The relay against a real broker (spring-kafka-test's KRaft broker, in this JVM) and a ledger of its own in H2
 * files: events written before, while and after the relay is stopped, and across a restart of the whole ledger,
 * all reach the topic, keyed by aggregate and in each aggregate's order, read back with the CloudEvents SDK's Kafka
 * deserializer.
 */
class KafkaRelayTest {

    private static final String TOPIC = "ledger-relay-test";
    private static final String OUTAGE_TOPIC = "ledger-relay-outage-test";
    private static final List<String[]> PAIRS = List.of(
            new String[] {"NO", "SE"},
            new String[] {"SE", "NO"},
            new String[] {"FI", "EE"},
            new String[] {"EE", "FI"},
            new String[] {"DK", "IS"},
            new String[] {"IS", "DK"});
    private static final int BATCH = 25;
    private static final Provenance SOURCE = Provenance.of("Kafka relay test");

    private static EmbeddedKafkaKraftBroker broker;
    private static Path dataDir;
    /** Events in the ledger: from its first start, the seed of the register of states. */
    private int written = 1;

    @BeforeAll
    static void broker() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 3, TOPIC, OUTAGE_TOPIC);
        broker.afterPropertiesSet();
        dataDir = Files.createTempDirectory("ledger-kafka-");
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void everyEventReachesTheTopicAcrossAStoppedRelayAndARestartInOrderPerAggregate() throws Exception {
        long stoppedAt;
        long headWhileStopped;
        try (ConfigurableApplicationContext ledger = start()) {
            for (String[] pair : PAIRS) {
                write(
                        ledger,
                        new OpenMission(
                                CountryCode.of(pair[0]),
                                CountryCode.of(pair[1]),
                                MissionKind.EMBASSY,
                                "Capital " + pair[1],
                                null,
                                null,
                                LocalDate.of(2000, 1, 1),
                                SOURCE));
            }
            writeCounts(ledger, 150);
            KafkaRelayStatus status = ledger.getBean(KafkaRelayStatus.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> status.relayed() > 0);
            EventProcessor relay = ledger.getBean(EventProcessingConfiguration.class)
                    .eventProcessor(KafkaRelay.PROCESSOR)
                    .orElseThrow();
            relay.shutDown();
            stoppedAt = status.relayed();

            writeCounts(ledger, 150);
            headWhileStopped = status.head();
            assertThat(status.relayed()).as("a stopped relay does not move").isEqualTo(stoppedAt);
            assertThat(status.health().getStatus().getCode()).isEqualTo("OUT_OF_SERVICE");
            assertThat(status.health().getDetails()).containsEntry("lag", headWhileStopped - stoppedAt);
            // The same as gauges for Prometheus (docs/operations.md).
            io.micrometer.core.instrument.MeterRegistry meters =
                    ledger.getBean(io.micrometer.core.instrument.MeterRegistry.class);
            assertThat(meters.get("ledger.kafka.relay.position").gauge().value())
                    .isEqualTo((double) stoppedAt);
            assertThat(meters.get("ledger.kafka.relay.lag").gauge().value())
                    .isEqualTo((double) (headWhileStopped - stoppedAt));
        }
        System.out.printf(
                "Kafka relay stopped at position %d of %d, then the ledger was closed at %d%n",
                stoppedAt, headWhileStopped, headWhileStopped);
        assertThat(stoppedAt)
                .as("stopped before the end: the rest is relayed only after the restart")
                .isLessThan(headWhileStopped);

        Map<String, List<CloudEvent>> events;
        Set<String> stored;
        try (ConfigurableApplicationContext ledger = start()) {
            // A row written around the ledger (no link in the audit chain): never relayed.
            ledger.getBean(JdbcTemplate.class).update("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                                    payload_type, payload_revision, payload, meta_data)
                    SELECT 'forged-for-kafka', 'FORGED-KAFKA', 0, type, time_stamp, payload_type, payload_revision, payload, meta_data
                    FROM domain_event_entry WHERE global_index = (SELECT MAX(global_index) FROM domain_event_entry)""");
            writeCounts(ledger, 60);
            KafkaRelayStatus status = ledger.getBean(KafkaRelayStatus.class);
            long head = status.head();
            await().atMost(Duration.ofSeconds(120)).until(() -> status.relayed() >= head);
            assertThat(status.health().getStatus().getCode()).isEqualTo("UP");
            assertThat(status.health().getDetails()).containsEntry("lag", 0L).containsEntry("topic", TOPIC);
            stored = new HashSet<>(ledger.getBean(JdbcTemplate.class)
                    .queryForList("SELECT event_identifier FROM audit_chain", String.class));
        }
        assertThat(stored).hasSize(written).doesNotContain("forged-for-kafka");

        List<ConsumerRecord<String, CloudEvent>> records = consumeAll(TOPIC, stored.size());
        // The chain's signed digests travel on the same topic, keyed apart from every aggregate.
        List<ConsumerRecord<String, CloudEvent>> digests =
                records.stream().filter(KafkaRelayTest::isDigest).toList();
        records.removeAll(digests);
        assertThat(digests)
                .as("a signed digest at least at each start and stop")
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(record -> assertThat(record.key()).isEqualTo("audit-chain"));
        java.security.PublicKey key = DigestVerifier.readKey(dataDir.resolve("audit/signing-key.pub.pem"));
        SignedDigest last = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(digests.get(digests.size() - 1).value().getData().toBytes(), SignedDigest.class);
        assertThat(last.verifies(key)).as("signed by the ledger's key").isTrue();
        assertThat(last.events()).isEqualTo(stored.size());
        Map<String, ConsumerRecord<String, CloudEvent>> firstById = new LinkedHashMap<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            firstById.putIfAbsent(record.value().getId(), record);
        }
        System.out.printf(
                "Kafka relay: %d events written, %d records on the topic, %d distinct, %d duplicates%n",
                stored.size(), records.size(), firstById.size(), records.size() - firstById.size());
        assertThat(firstById.keySet()).as("every stored event, by id").isEqualTo(stored);
        assertThat(records.size() - firstById.size())
                .as("at most a batch sent again per interruption")
                .isLessThanOrEqualTo(2 * BATCH);

        Map<String, Integer> partitionOfKey = new HashMap<>();
        Map<String, Long> lastSequence = new HashMap<>();
        for (ConsumerRecord<String, CloudEvent> record : firstById.values().stream()
                .sorted(java.util.Comparator.comparingInt((ConsumerRecord<String, CloudEvent> r) -> r.partition())
                        .thenComparingLong(ConsumerRecord::offset))
                .toList()) {
            CloudEvent event = record.value();
            assertThat(event.getSubject()).as("keyed by aggregate").isEqualTo(record.key());
            assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                    .as("structured mode")
                    .startsWith("application/cloudevents+json");
            assertThat(record.headers().lastHeader("ce_id"))
                    .as("no binary-mode attributes")
                    .isNull();
            assertThat(event.getType()).startsWith(LedgerCloudEvents.TYPE_PREFIX);
            assertThat(event.getExtension(LedgerCloudEvents.POSITION)).isNotNull();
            assertThat(partitionOfKey.computeIfAbsent(record.key(), k -> record.partition()))
                    .as("one partition per aggregate")
                    .isEqualTo(record.partition());
            long sequence = Long.parseLong(String.valueOf(event.getExtension(LedgerCloudEvents.SEQUENCE)));
            Long previous = lastSequence.put(record.key(), sequence);
            assertThat(sequence).as("in order within " + record.key()).isEqualTo(previous == null ? 0 : previous + 1);
        }
        assertThat(lastSequence).hasSize(PAIRS.size() + 1).containsKey(RegisterState.REGISTER_ID);
    }

    @Test
    void aBrokerOutageHoldsTheRelayBackWithoutSkippingAnEventOrRefusingWrites() throws Exception {
        Path outageDir = Files.createTempDirectory("ledger-kafka-outage-");
        String nobody;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            nobody = "127.0.0.1:" + free.getLocalPort(); // closed again: nothing listens there
        }
        try (ConfigurableApplicationContext ledger =
                start(outageDir, nobody, OUTAGE_TOPIC, "--spring.kafka.producer.properties.max.block.ms=500")) {
            for (String[] pair : PAIRS) {
                write(
                        ledger,
                        new OpenMission(
                                CountryCode.of(pair[0]),
                                CountryCode.of(pair[1]),
                                MissionKind.CONSULATE,
                                "Port " + pair[1],
                                null,
                                null,
                                LocalDate.of(2000, 1, 1),
                                SOURCE));
            }
            writeCounts(ledger, 30);
            KafkaRelayStatus status = ledger.getBean(KafkaRelayStatus.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> status.health().getStatus().getCode().equals("DOWN"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ((Number) status.health().getDetails().get("failedAttempts")).intValue() >= 2);
            assertThat(status.relayed())
                    .as("nothing counted as relayed while the broker is away")
                    .isZero();
            assertThat(status.head()).as("writers went on").isEqualTo(written);
        }
        Set<String> stored;
        try (ConfigurableApplicationContext ledger = start(outageDir, broker.getBrokersAsString(), OUTAGE_TOPIC)) {
            KafkaRelayStatus status = ledger.getBean(KafkaRelayStatus.class);
            long head = status.head();
            await().atMost(Duration.ofSeconds(60)).until(() -> status.relayed() >= head);
            stored = new HashSet<>(ledger.getBean(JdbcTemplate.class)
                    .queryForList("SELECT event_identifier FROM domain_event_entry", String.class));
        }
        List<ConsumerRecord<String, CloudEvent>> records = consumeAll(OUTAGE_TOPIC, stored.size());
        Set<String> ids = new HashSet<>();
        records.stream()
                .filter(record -> !isDigest(record))
                .forEach(record -> ids.add(record.value().getId()));
        System.out.printf(
                "Kafka relay after an outage: %d events written, %d records, %d distinct%n",
                stored.size(), records.size(), ids.size());
        assertThat(ids).isEqualTo(stored);
    }

    private static boolean isDigest(ConsumerRecord<String, CloudEvent> record) {
        return "org.diplomaticledger.audit.ChainDigest.v1".equals(record.value().getType());
    }

    private ConfigurableApplicationContext start() {
        return start(dataDir, broker.getBrokersAsString(), TOPIC);
    }

    private static ConfigurableApplicationContext start(Path dir, String brokers, String topic, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--ledger.data-dir=" + dir,
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--ledger.kafka.topic=" + topic,
                "--ledger.kafka.batch-size=" + BATCH));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                .profiles("test", "kafka")
                .run(args.toArray(String[]::new));
    }

    /** Headcounts reported on each presence in turn, so the aggregates' events interleave in the ledger. */
    private void writeCounts(ConfigurableApplicationContext ledger, int count) {
        for (int i = 0; i < count; i++) {
            String[] pair = PAIRS.get(i % PAIRS.size());
            write(
                    ledger,
                    new RecordStaffCount(
                            CountryCode.of(pair[0]),
                            CountryCode.of(pair[1]),
                            null,
                            null,
                            10 + written,
                            LocalDate.of(2001, 1, 1).plusDays(written),
                            SOURCE));
        }
    }

    private void write(ConfigurableApplicationContext ledger, LedgerCommand command) {
        written += ledger.getBean(LedgerWriter.class)
                .write(List.of(command), new LedgerWriter.Context("kafka-test", "kafka-" + written), null, null)
                .get(0)
                .events()
                .size();
    }

    private static List<ConsumerRecord<String, CloudEvent>> consumeAll(String topic, int distinct) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "kafka-relay-test-" + topic);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class);
        List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ids.size() < distinct && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(record);
                    if (!isDigest(record)) {
                        ids.add(record.value().getId());
                    }
                }
            }
            // Whatever else is on the topic (copies sent twice) comes within a last short poll.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
