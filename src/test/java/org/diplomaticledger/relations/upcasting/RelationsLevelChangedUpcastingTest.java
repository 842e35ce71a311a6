package org.diplomaticledger.relations.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.diplomaticledger.projection.ProjectionRebuilder;
import org.diplomaticledger.projection.RebuildStatus;
import org.diplomaticledger.relations.api.ProtectingPower;
import org.diplomaticledger.relations.api.RelationsLevel;
import org.diplomaticledger.relations.api.RelationsLevelChanged;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.stream.LedgerCloudEvents;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A ledger written before revision 2 of RelationsLevelChanged holds rows of revision 1, with the protecting powers
 * in positional fields. Those rows, inserted here exactly as that ledger wrote them (Fiji and Gabon, which no other
 * test uses), are read as revision 2 by the aggregate, by a projection rebuild, by a tracking reader and by the
 * CloudEvents mapping; the rows themselves stay as stored.
 */
class RelationsLevelChangedUpcastingTest extends LedgerIntegrationTest {

    private static final String ID = "RELATIONS-FJ-GA";
    private static final CountryCode FJ = CountryCode.of("FJ");
    private static final CountryCode GA = CountryCode.of("GA");
    private static final String REVISION_1 = """
            {"relationsId":"RELATIONS-FJ-GA","stateA":"FJ","stateB":"GA","level":"SEVERED","initiatedBy":"GA",\
            "reason":"embassy stormed","protectingPowerOfA":"CH","protectingPowerOfB":"AU",\
            "effectiveDate":"2019-05-01","source":{"text":"Legacy source"},"cameoCode":161}""";

    @Autowired
    EventStore eventStore;

    @Autowired
    ProjectionRebuilder rebuilder;

    @Test
    void revisionOneRowsReadAsRevisionTwoEverywhere() throws Exception {
        String eventId = UUID.randomUUID().toString();
        jdbc.update(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                        + " time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, ?, 0, ?, ?, ?, NULL, ?, ?)",
                eventId,
                ID,
                "BilateralRelations",
                "2019-05-02T08:00:00Z",
                RelationsLevelChanged.class.getName(),
                REVISION_1.getBytes(StandardCharsets.UTF_8),
                "{\"actor\":\"clerk\",\"correlationId\":\"legacy-1\"}".getBytes(StandardCharsets.UTF_8));
        long position = jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?", Long.class, eventId);

        // The aggregate: restoring relations needs to know they were severed.
        ledger.accepted("ChangeRelationsLevel", """
                {"stateA": "GA", "stateB": "FJ", "level": "RESTORED", "effectiveDate": "2021-01-01", "source": "x"}""");
        List<? extends DomainEventMessage<?>> history =
                eventStore.readEvents(ID).asStream().toList();
        assertThat(history).hasSize(2);
        RelationsLevelChanged severed = (RelationsLevelChanged) history.get(0).getPayload();
        assertThat(severed.protectingPowers())
                .containsExactly(
                        new ProtectingPower(FJ, CountryCode.of("CH")), new ProtectingPower(GA, CountryCode.of("AU")));
        assertThat(severed.protectingPowerOf(GA)).isEqualTo(CountryCode.of("AU"));
        assertThat(severed.reason()).isEqualTo("embassy stormed");
        assertThat(((RelationsLevelChanged) history.get(1).getPayload()).previousLevel())
                .isEqualTo(RelationsLevel.SEVERED);

        // A tracking reader, as every projection processor reads the ledger.
        try (BlockingStream<TrackedEventMessage<?>> stream =
                eventStore.openStream(GapAwareTrackingToken.newInstance(position - 1, new java.util.TreeSet<>()))) {
            TrackedEventMessage<?> tracked = stream.nextAvailable();
            assertThat(tracked.getIdentifier()).isEqualTo(eventId);
            assertThat(tracked.getPayload()).isEqualTo(severed);
        }

        // A projection rebuild replays the whole ledger, this row included, and matches the live projection.
        rebuilder.start("talks");
        RebuildStatus status = rebuilder.await("talks", Duration.ofMinutes(2)).orElseThrow();
        assertThat(status.state()).as(String.valueOf(status)).isEqualTo(RebuildStatus.State.SWITCHED);
        assertThat(status.identical()).as(String.valueOf(status.tables())).isTrue();

        // The stream: a v2 CloudEvent whose data has the new shape only.
        ObjectMapper eventMapper = org.diplomaticledger.ledger.StoredEvents.objectMapper();
        CloudEvent cloudEvent = new LedgerCloudEvents(
                        URI.create("urn:diplomatic-ledger"), URI.create("https://ledger.example/schemas/"), eventMapper)
                .toCloudEvent(history.get(0), position);
        assertThat(cloudEvent.getType()).isEqualTo("org.diplomaticledger.RelationsLevelChanged.v2");
        assertThat(cloudEvent.getDataSchema())
                .hasToString("https://ledger.example/schemas/RelationsLevelChanged.v2.json");
        JsonNode data = eventMapper.readTree(cloudEvent.getData().toBytes());
        assertThat(data.has("protectingPowerOfA")).isFalse();
        assertThat(data.path("protectingPowers").toString())
                .isEqualTo(
                        "[{\"protectedState\":\"FJ\",\"power\":\"CH\"},{\"protectedState\":\"GA\",\"power\":\"AU\"}]");

        // The row itself is untouched.
        assertThat(jdbc.queryForObject(
                        "SELECT payload_revision FROM domain_event_entry WHERE event_identifier = ?",
                        String.class,
                        eventId))
                .isNull();
    }
}
