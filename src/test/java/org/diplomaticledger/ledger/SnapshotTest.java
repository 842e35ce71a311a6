package org.diplomaticledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.Serializer;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.diplomaticledger.presence.domain.Presence;
import org.diplomaticledger.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A presence with a long history is stored as a snapshot every {@code ledger.snapshots.threshold} events and
 * loads from its latest one: the snapshot holds the same state as replaying every event, and the rules still see
 * the whole history after a restart (no aggregate cache, so every command loads from the store).
 */
class SnapshotTest {

    private static final int THRESHOLD = 5;

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                .profiles("test")
                .run(
                        "--ledger.data-dir=" + dataDir,
                        "--server.port=0",
                        "--ledger.aggregates.cache=none",
                        "--ledger.snapshots.threshold=" + THRESHOLD);
    }

    private static LedgerClient client(ConfigurableApplicationContext context) {
        return new LedgerClient(
                ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void aLongHistoryLoadsFromItsLatestSnapshotWithTheSameState() throws Exception {
        try (ConfigurableApplicationContext first = start()) {
            LedgerClient ledger = client(first);
            ledger.accepted("OpenMission", """
                    {"sendingState": "NO", "receivingState": "IS", "kind": "EMBASSY", "city": "Reykjavik", "source": "x"}""");
            ledger.accepted("ImposeStaffCeiling", """
                    {"sendingState": "NO", "receivingState": "IS", "limit": 30, "source": "x"}""");
            for (int i = 0; i < 23; i++) {
                ledger.accepted("RecordStaffChange", """
                        {"missionId": "NO-IS-EMBASSY-REYKJAVIK", "category": "SERVICE", "change": 1, "source": "x"}""");
            }
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            long events = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = 'NO-IS'", Long.class);
            assertThat(events).isEqualTo(25);
            // Snapshots are taken after the commit, on their own thread.
            List<Long> snapshots = org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(
                            () -> jdbc.queryForList(
                                    "SELECT sequence_number FROM snapshot_event_entry WHERE aggregate_identifier = 'NO-IS'",
                                    Long.class),
                            found -> !found.isEmpty());
            // Axon keeps only the latest snapshot of an aggregate; it was taken after a multiple of the threshold.
            assertThat(snapshots).hasSize(1);
            long snapshotAt = snapshots.get(0);
            assertThat(snapshotAt)
                    .isGreaterThanOrEqualTo(events - 1 - THRESHOLD)
                    .isLessThan(events);

            // The snapshot's state equals the state folded from every event up to it, read without snapshots.
            Serializer serializer = first.getBean("serializer", Serializer.class);
            ObjectMapper mapper = new ObjectMapper();
            byte[] stored = jdbc.queryForObject(
                    "SELECT payload FROM snapshot_event_entry WHERE aggregate_identifier = 'NO-IS'", byte[].class);
            JsonNode fromSnapshot = mapper.readTree(new String(stored, StandardCharsets.UTF_8));
            Presence replayed = replay(first.getBean(EventStorageEngine.class).readEvents("NO-IS", 0), snapshotAt);
            JsonNode fromEvents =
                    mapper.readTree(serializer.serialize(replayed, byte[].class).getData());
            assertThat(fromSnapshot).isEqualTo(fromEvents);

            // The event store hands out the snapshot first, then only the events after it.
            DomainEventStream loaded = first.getBean(EventStore.class).readEvents("NO-IS");
            DomainEventMessage<?> head = loaded.next();
            assertThat(head.getPayloadType()).isEqualTo(Presence.class);
            assertThat(head.getSequenceNumber()).isEqualTo(snapshotAt);
            assertThat(loaded.asStream().count()).isEqualTo(events - 1 - snapshotAt);
        }

        try (ConfigurableApplicationContext second = start()) {
            LedgerClient ledger = client(second);
            // 23 service staff under a ceiling of 30 on the whole presence: 7 diplomats fit, the 8th does not.
            for (int i = 1; i <= 7; i++) {
                ledger.accepted("AccreditDiplomat", """
                        {"missionId": "NO-IS-EMBASSY-REYKJAVIK", "name": "Diplomat %d", "category": "DIPLOMATIC", "source": "x"}""".formatted(i));
            }
            LedgerClient.Response beyond = ledger.command("clerk", "AccreditDiplomat", """
                    {"missionId": "NO-IS-EMBASSY-REYKJAVIK", "name": "Diplomat 8", "category": "DIPLOMATIC", "source": "x"}""");
            assertThat(beyond.json().path("rule").asText())
                    .as(beyond.toString())
                    .isEqualTo("ceiling-exceeded");
        }
    }

    @Test
    void anAggregateWithACorrectionIgnoresItsSnapshots() {
        try (ConfigurableApplicationContext context = start()) {
            LedgerClient ledger = client(context);
            ledger.accepted("OpenMission", """
                    {"sendingState": "NO", "receivingState": "IS", "kind": "EMBASSY", "city": "Reykjavik", "source": "x"}""");
            for (int i = 0; i < THRESHOLD + 1; i++) {
                ledger.accepted("RecordStaffChange", """
                        {"missionId": "NO-IS-EMBASSY-REYKJAVIK", "category": "SERVICE", "change": 1, "source": "x"}""");
            }
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = 'NO-IS'",
                                    Long.class))
                            .isEqualTo(1));
            EventStore store = context.getBean(EventStore.class);
            assertThat(store.readEvents("NO-IS").next().getPayloadType()).isEqualTo(Presence.class);

            // A correction recorded in the aggregate's history: from then on it loads from its events.
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM corrected_aggregate WHERE aggregate_identifier = 'NO-IS'",
                            Long.class))
                    .isZero();
            String change = jdbc.queryForObject(
                    "SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = 'NO-IS' "
                            + "AND sequence_number = 1",
                    String.class);
            LedgerClient.Response corrected = ledger.command("clerk", "CorrectEntry", """
                    {"eventId": "%s", "corrections": {"change": 2}, "reason": "a typo", "source": "x"}""".formatted(change));
            assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM corrected_aggregate WHERE aggregate_identifier = 'NO-IS'",
                            Long.class))
                    .isEqualTo(1);
            DomainEventMessage<?> first = store.readEvents("NO-IS").next();
            assertThat(first.getSequenceNumber()).isZero();
            assertThat(first.getPayloadType()).isNotEqualTo(Presence.class);
        }
    }

    /**
     * A snapshot stored before the presence's fields took their present shape (missions as flat objects, no
     * revision) is not read: the presence loads from its events and its rules still see every one of them.
     */
    @Test
    void aSnapshotOfAnEarlierShapeIsNotRead() {
        try (ConfigurableApplicationContext context = start()) {
            LedgerClient ledger = client(context);
            ledger.accepted("OpenMission", """
                    {"sendingState": "NO", "receivingState": "IS", "kind": "EMBASSY", "city": "Reykjavik", "source": "x"}""");
            ledger.accepted("ImposeStaffCeiling", """
                    {"sendingState": "NO", "receivingState": "IS", "limit": 5, "source": "x"}""");
            for (int i = 0; i < 4; i++) {
                ledger.accepted("RecordStaffChange", """
                        {"missionId": "NO-IS-EMBASSY-REYKJAVIK", "category": "SERVICE", "change": 1, "source": "x"}""");
            }
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = 'NO-IS'",
                                    Long.class))
                            .isEqualTo(1));
            // What the presence's snapshot looked like before its missions became entities: no ceiling, no staff.
            jdbc.update(
                    "UPDATE snapshot_event_entry SET payload_revision = NULL, payload = ? WHERE aggregate_identifier = 'NO-IS'",
                    (Object) """
                    {"presenceId": "NO-IS", "sendingState": "NO", "receivingState": "IS",
                     "missions": {"NO-IS-EMBASSY-REYKJAVIK": {"missionId": "NO-IS-EMBASSY-REYKJAVIK", "kind": "EMBASSY",
                       "status": "OPEN", "since": "2026-01-01", "heads": {}, "currentHead": null, "chargeDAffaires": null}},
                     "ceilings": {}, "expulsions": {}, "personaNonGrata": []}""".getBytes(StandardCharsets.UTF_8));
            assertThat(context.getBean(EventStore.class)
                            .readEvents("NO-IS")
                            .next()
                            .getPayloadType())
                    .isNotEqualTo(Presence.class);

            // Four service staff under a ceiling of five: one diplomat fits, the second does not.
            ledger.accepted("AccreditDiplomat", """
                    {"missionId": "NO-IS-EMBASSY-REYKJAVIK", "name": "Diplomat 1", "category": "DIPLOMATIC", "source": "x"}""");
            LedgerClient.Response beyond = ledger.command("clerk", "AccreditDiplomat", """
                    {"missionId": "NO-IS-EMBASSY-REYKJAVIK", "name": "Diplomat 2", "category": "DIPLOMATIC", "source": "x"}""");
            assertThat(beyond.json().path("rule").asText())
                    .as(beyond.toString())
                    .isEqualTo("ceiling-exceeded");
        }
    }

    /**
     * A snapshot holds a presence's headcount and ceilings as they stand, not the staff facts before it: a fact
     * back-filled into a presence loaded from a snapshot (no cache) reads them from the store, and is judged against
     * an accreditation recorded before the snapshot was taken.
     */
    @Test
    void aPresenceLoadedFromASnapshotJudgesAFactBackFilledBeforeIt() {
        try (ConfigurableApplicationContext context = start()) {
            LedgerClient ledger = client(context);
            ledger.accepted("OpenMission", """
                    {"sendingState": "NO", "receivingState": "MT", "kind": "EMBASSY", "city": "Valletta",
                     "effectiveDate": "1990-01-01", "source": "x"}""");
            ledger.accepted("ImposeStaffCeiling", """
                    {"sendingState": "NO", "receivingState": "MT", "limit": 2, "effectiveDate": "2000-01-01", "source": "x"}""");
            ledger.accepted("AccreditDiplomat", """
                    {"missionId": "NO-MT-EMBASSY-VALLETTA", "name": "Diplomat 1", "category": "DIPLOMATIC",
                     "effectiveDate": "2001-01-01", "source": "x"}""");
            ledger.accepted("AccreditDiplomat", """
                    {"missionId": "NO-MT-EMBASSY-VALLETTA", "name": "Diplomat 2", "category": "DIPLOMATIC",
                     "effectiveDate": "2010-01-01", "source": "x"}""");
            for (int i = 0; i < THRESHOLD; i++) {
                ledger.accepted("RecordStaffCount", """
                        {"sendingState": "NO", "receivingState": "MT", "category": "LOCAL_HIRE", "headcount": 0,
                         "effectiveDate": "2020-01-01", "source": "x"}""");
            }
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = 'NO-MT'",
                                    Long.class))
                            .isEqualTo(1));
            assertThat(context.getBean(EventStore.class)
                            .readEvents("NO-MT")
                            .next()
                            .getPayloadType())
                    .isEqualTo(Presence.class);

            LedgerClient.Response backFilled = ledger.command("clerk", "AccreditDiplomat", """
                    {"missionId": "NO-MT-EMBASSY-VALLETTA", "name": "Diplomat 3", "category": "DIPLOMATIC",
                     "effectiveDate": "2005-01-01", "source": "x"}""");
            assertThat(backFilled.json().path("rule").asText())
                    .as(backFilled.toString())
                    .isEqualTo("contradicts-recorded-fact");
            assertThat(backFilled
                            .json()
                            .path("conflictingFact")
                            .path("effectiveDate")
                            .asText())
                    .isEqualTo("2010-01-01");
            // In date order after them all, the third diplomat is over the ceiling on his own day.
            LedgerClient.Response today = ledger.command("clerk", "AccreditDiplomat", """
                    {"missionId": "NO-MT-EMBASSY-VALLETTA", "name": "Diplomat 3", "category": "DIPLOMATIC",
                     "effectiveDate": "2021-01-01", "source": "x"}""");
            assertThat(today.json().path("rule").asText()).as(today.toString()).isEqualTo("ceiling-exceeded");
        }
    }

    @Test
    void aPresencesSnapshotDoesNotGrowWithItsHistoryAndItsEarliestFactsStayCorrectable() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                .profiles("test")
                .run(
                        "--ledger.data-dir=" + dataDir,
                        "--server.port=0",
                        "--ledger.aggregates.cache=none",
                        "--ledger.snapshots.threshold=1000")) {
            LedgerClient ledger = client(context);
            for (int i = 0; i < 40; i++) {
                StringBuilder ndjson = new StringBuilder();
                for (int j = 0; j < 100; j++) {
                    ndjson.append("{\"command\": \"RecordStaffCount\", \"payload\": {\"sendingState\": \"NO\", "
                                    + "\"receivingState\": \"FI\", \"headcount\": ")
                            .append(i * 100 + j)
                            .append(", \"source\": \"Norwegian MFA\"}}\n");
                }
                LedgerClient.Response imported = ledger.post(
                        "clerk", "/api/v1/imports", "application/x-ndjson", ndjson.toString(), java.util.Map.of());
                assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
            }
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT COALESCE(MAX(sequence_number), 0) FROM snapshot_event_entry WHERE aggregate_identifier = 'NO-FI'",
                                    Long.class)
                            >= 3000);
            // 4,000 staff counts: the state is the latest count, not every count (it was over a megabyte when it was).
            Long size = jdbc.queryForObject(
                    "SELECT OCTET_LENGTH(payload) FROM snapshot_event_entry WHERE aggregate_identifier = 'NO-FI'",
                    Long.class);
            assertThat(size).as("the latest snapshot's size in bytes").isLessThan(10_000L);
            DomainEventMessage<?> head =
                    context.getBean(EventStore.class).readEvents("NO-FI").next();
            assertThat(head.getPayloadType()).isEqualTo(Presence.class);
            assertThat(head.getSequenceNumber()).isGreaterThanOrEqualTo(3000);

            // Loaded from that snapshot, the presence still judges a correction of its very first count, which it
            // reads from the store.
            String first = jdbc.queryForObject(
                    "SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = 'NO-FI' "
                            + "AND sequence_number = 0",
                    String.class);
            LedgerClient.Response corrected = ledger.command("clerk", "CorrectEntry", """
                    {"eventId": "%s", "corrections": {"headcount": 7}, "reason": "a typo", "source": "Norwegian MFA"}""".formatted(first));
            assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
            LedgerClient.Response unchanged = ledger.command("clerk", "CorrectEntry", """
                    {"eventId": "%s", "corrections": {"headcount": 7}, "reason": "again", "source": "Norwegian MFA"}""".formatted(first));
            assertThat(unchanged.json().path("rule").asText())
                    .as(unchanged.toString())
                    .isEqualTo("correction-changes-nothing");
        }
    }

    @Test
    void theSnapshotColumnTakesMoreThanAMegabyte() {
        try (ConfigurableApplicationContext context = start()) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            byte[] large = new byte[2_000_000];
            java.util.Arrays.fill(large, (byte) 'x');
            jdbc.update(
                    "INSERT INTO snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier, "
                            + "time_stamp, payload_type, payload) VALUES ('large', 0, 'Presence', 'large-snapshot', "
                            + "'2026-01-01T00:00:00Z', 'x', ?)",
                    (Object) large);
            assertThat(jdbc.queryForObject(
                            "SELECT OCTET_LENGTH(payload) FROM snapshot_event_entry WHERE aggregate_identifier = 'large'",
                            Long.class))
                    .isEqualTo(2_000_000L);
        }
    }

    private static Presence replay(DomainEventStream events, long upTo) throws Exception {
        Constructor<Presence> constructor = Presence.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        Presence root = constructor.newInstance();
        AggregateModel<Presence> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(Presence.class);
        EventSourcedAggregate<Presence> aggregate =
                EventSourcedAggregate.initialize(root, model, null, NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(DomainEventStream.of(events.asStream()
                .filter(event -> event.getSequenceNumber() <= upTo)
                .map(event -> (DomainEventMessage<?>) event)));
        return root;
    }
}
