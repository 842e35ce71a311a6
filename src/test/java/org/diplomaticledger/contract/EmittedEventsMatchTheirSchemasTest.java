package org.diplomaticledger.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.diplomaticledger.states.api.RegisterState;
import org.diplomaticledger.stream.LedgerCloudEvents;
import org.diplomaticledger.support.LedgerClient;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Every event type, as the ledger really writes it, is a CloudEvent its envelope schema accepts, and its data is
 * accepted by the schema its dataschema names, fetched from the running ledger without credentials. The events come
 * from commands on Iceland's presence in Kenya (IS-KE) and talks between them, which no other test uses; the two
 * history events are appended as a correction of that presence would write them, and the register of states holds its
 * seed and one state registered here.
 */
class EmittedEventsMatchTheirSchemasTest extends LedgerIntegrationTest {

    private static final String SRC = "\"source\": \"Contract test\"";
    private static final String EMBASSY = "IS-KE-EMBASSY-NAIROBI";

    @Autowired
    EventStorageEngine storage;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    private final Map<String, JsonSchema> schemas = new HashMap<>();

    @Test
    void everyEventTypeTheLedgerWritesMatchesItsPublishedSchema() throws Exception {
        writeEveryEventType();

        ObjectMapper eventMapper = ((JacksonSerializer) eventSerializer).getObjectMapper();
        LedgerCloudEvents mapper = new LedgerCloudEvents(
                URI.create("urn:diplomatic-ledger"), URI.create("http://localhost:" + port + "/schemas/"), eventMapper);
        JsonSchema envelope = schema("/schemas/LedgerCloudEvent.v1.json");
        Set<String> seen = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (String aggregate : List.of(
                "IS-KE",
                "contract-talks-held",
                "contract-talks-cancelled",
                "RELATIONS-IS-KE",
                RegisterState.REGISTER_ID)) {
            // as stored: a retracted event is still in the ledger and still has to match its schema
            for (DomainEventMessage<?> event :
                    storage.readEvents(aggregate).asStream().toList()) {
                long position = jdbc.queryForObject(
                        "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                        Long.class,
                        event.getIdentifier());
                CloudEvent cloudEvent = mapper.toCloudEvent(event, position);
                JsonNode json = eventMapper.readTree(EventFormatProvider.getInstance()
                        .resolveFormat(JsonFormat.CONTENT_TYPE)
                        .serialize(cloudEvent));
                String name = event.getPayloadType().getSimpleName();
                seen.add(name);
                envelope.validate(json).forEach(m -> problems.add(name + " envelope: " + m.getMessage()));
                JsonSchema dataSchema =
                        schema(URI.create(json.path("dataschema").asText()).getPath());
                JsonNode data = json.path("data");
                dataSchema.validate(data).forEach(m -> problems.add(name + " data: " + m.getMessage()));
                JsonNode declared = dataSchema.getSchemaNode().path("properties");
                data.fieldNames().forEachRemaining(field -> {
                    if (!declared.has(field)) {
                        problems.add(name + " data: field " + field + " is not in its schema");
                    }
                });
            }
        }
        assertThat(problems).isEmpty();
        Set<String> all = new TreeSet<>();
        EventSchemas.eventTypes().forEach(type -> all.add(type.getSimpleName()));
        assertThat(seen).as("event types written by this test").isEqualTo(all);
    }

    @Test
    void aSchemaThatDoesNotExistIsNotFound() {
        assertThat(ledger.getAccept(null, "/schemas/NoSuchEvent.v1.json", "application/json")
                        .status())
                .isEqualTo(404);
    }

    private JsonSchema schema(String path) {
        return schemas.computeIfAbsent(path, p -> {
            LedgerClient.Response response = ledger.getAccept(null, p, "application/json");
            assertThat(response.status())
                    .as("GET " + p + " without credentials")
                    .isEqualTo(200);
            assertThat(response.header("Content-Type")).as(p).startsWith("application/json");
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true)
                    .build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(SchemaLocation.of("http://localhost:" + port + p), response.json(), config);
        });
    }

    private void writeEveryEventType() {
        command("OpenMission", """
                {"sendingState": "IS", "receivingState": "KE", "kind": "EMBASSY", "city": "Nairobi",
                 "effectiveDate": "2024-01-10", %s}""");
        command("OpenMission", """
                {"sendingState": "ISL", "receivingState": "KEN", "kind": "CONSULATE", "city": "Mombasa",
                 "name": "Consulate of Iceland in Mombasa", "effectiveDate": "2024-01-11",
                 "source": {"text": "Contract test", "url": "https://example.org/report"}}""");
        command("SuspendMission", """
                {"missionId": "IS-KE-CONSULATE-MOMBASA", "reason": "security", "effectiveDate": "2024-01-20", %s}""");
        command("ResumeMission", """
                {"missionId": "IS-KE-CONSULATE-MOMBASA", "effectiveDate": "2024-01-25", %s}""");
        command("CloseMission", """
                {"missionId": "IS-KE-CONSULATE-MOMBASA", "reason": "CONSENT_WITHDRAWN", "deadline": "2024-03-01",
                 "note": "consent withdrawn", "effectiveDate": "2024-02-01", %s}""");
        command("AccreditDiplomat", """
                {"missionId": "%s", "name": "Jon Jonsson", "rank": "First Secretary", "category": "DIPLOMATIC",
                 "effectiveDate": "2024-01-15", %s}""".formatted(EMBASSY, "%s"));
        command("RecordStaffCount", """
                {"missionId": "%s", "category": "DIPLOMATIC", "headcount": 20, "effectiveDate": "2024-01-31", %s}""".formatted(EMBASSY, "%s"));
        command("RecordStaffChange", """
                {"sendingState": "IS", "receivingState": "KE", "change": -3, "reason": "rotation",
                 "effectiveDate": "2024-02-15", %s}""");
        command("ImposeStaffCeiling", """
                {"sendingState": "IS", "receivingState": "KE", "category": "DIPLOMATIC", "limit": 30,
                 "complyBy": "2024-04-30", "ceilingId": "contract-ceiling", "reason": "parity",
                 "effectiveDate": "2024-03-05", %s}""");
        command("ExpelDiplomat", """
                {"sendingState": "IS", "receivingState": "KE", "personIds": ["jon-jonsson"], "count": 2,
                 "category": "DIPLOMATIC", "departureDeadline": "2024-03-17", "expulsionId": "contract-expulsion",
                 "reason": "activities incompatible with diplomatic status", "effectiveDate": "2024-03-10", %s}""");
        command("RecordDeparture", """
                {"missionId": "%s", "personId": "jon-jonsson", "effectiveDate": "2024-03-16", %s}""".formatted(EMBASSY, "%s"));
        command("RecordDeparture", """
                {"missionId": "%s", "count": 2, "category": "DIPLOMATIC", "expulsionId": "contract-expulsion",
                 "effectiveDate": "2024-03-18", %s}""".formatted(EMBASSY, "%s"));
        command("LiftStaffCeiling", """
                {"sendingState": "IS", "receivingState": "KE", "ceilingId": "contract-ceiling",
                 "effectiveDate": "2024-06-01", %s}""");
        String embassy = "\"missionId\": \"" + EMBASSY + "\"";
        command(
                "RequestAgrement",
                "{" + embassy + ", \"name\": \"Helga Olafsdottir\", \"effectiveDate\": \"2024-04-01\", %s}");
        command(
                "GrantAgrement",
                "{" + embassy + ", \"personId\": \"helga-olafsdottir\", \"effectiveDate\": \"2024-04-20\", %s}");
        command(
                "AppointAmbassador",
                "{" + embassy + ", \"name\": \"Helga Olafsdottir\", \"effectiveDate\": \"2024-05-02\", %s}");
        command(
                "PresentCredentials",
                "{" + embassy
                        + ", \"personId\": \"helga-olafsdottir\", \"step\": \"COPY_TO_FOREIGN_MINISTRY\", \"effectiveDate\": \"2024-05-20\", %s}");
        command(
                "PresentCredentials",
                "{" + embassy
                        + ", \"personId\": \"helga-olafsdottir\", \"step\": \"PRESENTATION_TO_HEAD_OF_STATE\", \"effectiveDate\": \"2024-06-12\", %s}");
        command(
                "RecallAmbassador",
                "{" + embassy
                        + ", \"personId\": \"helga-olafsdottir\", \"kind\": \"FOR_CONSULTATIONS\", \"reason\": \"consultations\", \"effectiveDate\": \"2024-07-01\", %s}");
        command(
                "AppointChargeDAffaires",
                "{" + embassy
                        + ", \"name\": \"Bjorn Bjornsson\", \"rank\": \"Counsellor\", \"effectiveDate\": \"2024-07-02\", %s}");
        command(
                "ReturnAmbassador",
                "{" + embassy + ", \"personId\": \"helga-olafsdottir\", \"effectiveDate\": \"2024-07-20\", %s}");
        command(
                "EndAmbassadorship",
                "{" + embassy
                        + ", \"personId\": \"helga-olafsdottir\", \"reason\": \"end of posting\", \"effectiveDate\": \"2024-12-31\", %s}");
        command(
                "RequestAgrement",
                "{" + embassy
                        + ", \"name\": \"Gunnar Karlsson\", \"headClass\": \"AMBASSADOR\", \"effectiveDate\": \"2025-01-10\", %s}");
        command(
                "RefuseAgrement",
                "{" + embassy + ", \"personId\": \"gunnar-karlsson\", \"effectiveDate\": \"2025-02-01\", %s}");
        command("OpenMission", """
                {"sendingState": "IS", "receivingState": "KE", "kind": "LEGATION", "city": "Kisumu",
                 "effectiveDate": "2025-03-01", %s}""");
        command("ChangeMissionRank", """
                {"missionId": "IS-KE-LEGATION-KISUMU", "kind": "EMBASSY", "effectiveDate": "2025-04-01", %s}""");

        command("ScheduleTalks", """
                {"talksId": "contract-talks-held", "parties": ["IS", "KE"],
                 "venue": {"city": "Geneva", "country": "CH", "place": "Palais des Nations"}, "date": "2024-06-10",
                 "time": "10:30", "title": "Consular talks", "scope": "consular operations",
                 "excludedTopics": ["fisheries"], "format": "DIPLOMATS_ONLY", "effectiveDate": "2024-06-01", %s}""");
        command("NameDelegation", """
                {"talksId": "contract-talks-held", "state": "IS", "head": {"name": "Helga Olafsdottir",
                 "title": "Ambassador", "diplomat": true}, "members": [{"name": "Bjorn Bjornsson", "diplomat": true}],
                 "effectiveDate": "2024-06-02", %s}""");
        command("RescheduleTalks", """
                {"talksId": "contract-talks-held", "date": "2024-06-12", "time": "09:00",
                 "venue": {"city": "Nairobi", "country": "KE"}, "reason": "venue change", "effectiveDate": "2024-06-03", %s}""");
        command("PostponeTalks", """
                {"talksId": "contract-talks-held", "newDate": "2024-06-20", "reason": "travel", "effectiveDate": "2024-06-05", %s}""");
        command("RecordTalksHeld", """
                {"talksId": "contract-talks-held", "endDate": "2024-06-21", "summary": "two days of talks",
                 "effectiveDate": "2024-06-20", %s}""");
        command("ConcludeTalks", """
                {"talksId": "contract-talks-held", "outcome": "PARTIAL_AGREEMENT", "statement": "progress",
                 "followUps": ["visa working group"], "effectiveDate": "2024-06-21", %s}""");
        command("ScheduleTalks", """
                {"talksId": "contract-talks-cancelled", "parties": ["IS", "KE"], "venue": {"city": "Oslo", "country": "NO"},
                 "date": "2024-09-10", "scope": "follow-up", "format": "OFFICIALS", "effectiveDate": "2024-08-01", %s}""");
        command("CancelTalks", """
                {"talksId": "contract-talks-cancelled", "reason": "called off", "cancelledBy": "KE",
                 "effectiveDate": "2024-09-01", %s}""");
        command("ChangeRelationsLevel", """
                {"stateA": "KE", "stateB": "IS", "level": "DOWNGRADED", "initiatedBy": "KE", "reason": "expulsions",
                 "effectiveDate": "2024-03-12", %s}""");
        command("ChangeRelationsLevel", """
                {"stateA": "KE", "stateB": "IS", "level": "SEVERED", "initiatedBy": "KE", "protectingPowerOfA": "NO",
                 "protectingPowerOfB": "TZ", "effectiveDate": "2024-04-01", %s}""");
        appendCorrectionAndRetraction();
        // The register of states: seeded on the first start (StatesSeeded); a historic state registered here.
        LedgerClient.Response registered = ledger.command("admin", "RegisterState", """
                {"code": "XICEKE", "names": ["Contract-test principality"], "periods": [{"from": "1700-01-01", "until": "1800-01-01"}],
                 "schemeCodes": ["gw:XICK"], %s}""".formatted(SRC));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        // ... and absorbed by another on the day it ended (StateSucceeded; it had no missions to close).
        LedgerClient.Response absorbing = ledger.command("admin", "RegisterState", """
                {"code": "XICEKF", "names": ["Contract-test kingdom"], "periods": [{"from": "1700-01-01"}], %s}""".formatted(SRC));
        assertThat(absorbing.status()).as(absorbing.toString()).isEqualTo(200);
        LedgerClient.Response succeeded = ledger.command("admin", "RecordSuccession", """
                {"kind": "ABSORPTION", "predecessor": "XICEKE", "successors": ["XICEKF"], "effectiveDate": "1800-01-01", %s}""".formatted(SRC));
        assertThat(succeeded.status()).as(succeeded.toString()).isEqualTo(200);
    }

    /** A correction of the staff count and a retraction of the staff change, through the ledger's own commands. */
    private void appendCorrectionAndRetraction() {
        List<? extends DomainEventMessage<?>> history =
                storage.readEvents("IS-KE").asStream().toList();
        DomainEventMessage<?> count = history.stream()
                .filter(e -> e.getPayloadType().getSimpleName().equals("StaffCountReported"))
                .findFirst()
                .orElseThrow();
        DomainEventMessage<?> change = history.stream()
                .filter(e -> e.getPayloadType().getSimpleName().equals("StaffCountChanged"))
                .findFirst()
                .orElseThrow();
        command("CorrectEntry", """
                {"eventId": "%s", "corrections": {"headcount": 21}, "reason": "the embassy's own figure", %%s}""".formatted(count.getIdentifier()));
        command("RetractEntry", """
                {"eventId": "%s", "reason": "the rotation did not happen", %%s}""".formatted(change.getIdentifier()));
    }

    private void command(String name, String json) {
        ledger.accepted(name, json.formatted(SRC));
    }
}
