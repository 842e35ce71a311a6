package org.diplomaticledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every command family through the real application: HTTP Basic, JSON, the aggregates, the H2 event store.
 * Each test works on states no other test uses, since the application (and its ledger) is shared.
 */
class CommandFamiliesHttpTest extends LedgerIntegrationTest {

    private static final String SRC = "\"source\": \"State Department briefing\"";

    private String storedPayload(String eventId) {
        byte[] payload = jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE event_identifier = ?", byte[].class, eventId);
        return new String(payload, StandardCharsets.UTF_8);
    }

    private String storedMetadata(String eventId) {
        byte[] metadata = jdbc.queryForObject(
                "SELECT meta_data FROM domain_event_entry WHERE event_identifier = ?", byte[].class, eventId);
        return new String(metadata, StandardCharsets.UTF_8);
    }

    @Nested
    class Missions {

        @Test
        void opensSuspendsResumesAndClosesAMissionWithPositionsInTheAnswer() {
            JsonNode opened = ledger.accepted("OpenMission", """
                    {"sendingState": "FRA", "receivingState": "ne", "kind": "EMBASSY", "city": "Niamey",
                     "effectiveDate": "1960-08-03", %s}""".formatted(SRC));
            assertThat(opened.path("aggregateId").asText()).isEqualTo("FR-NE");
            assertThat(opened.path("ids").path("missionId").asText()).isEqualTo("FR-NE-EMBASSY-NIAMEY");
            JsonNode event = opened.path("events").get(0);
            assertThat(event.path("type").asText()).isEqualTo("MissionOpened");
            assertThat(event.path("sequenceNumber").asLong()).isZero();
            assertThat(event.path("position").asLong())
                    .isPositive()
                    .isEqualTo(opened.path("position").asLong());
            Long stored = jdbc.queryForObject(
                    "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                    Long.class,
                    event.path("eventId").asText());
            assertThat(stored).isEqualTo(event.path("position").asLong());
            assertThat(storedPayload(event.path("eventId").asText()))
                    .contains(
                            "\"sendingState\":\"FR\"", "\"receivingState\":\"NE\"", "\"effectiveDate\":\"1960-08-03\"");
            // The recorded time is the ledger's clock, whatever the client says about dates.
            java.time.Instant recorded = java.time.Instant.parse(jdbc.queryForObject(
                    "SELECT time_stamp FROM domain_event_entry WHERE event_identifier = ?",
                    String.class,
                    event.path("eventId").asText()));
            assertThat(recorded)
                    .isBetween(
                            java.time.Instant.now().minusSeconds(120),
                            java.time.Instant.now().plusSeconds(1));
            assertThat(storedMetadata(event.path("eventId").asText()))
                    .contains("\"actor\":\"clerk\"", "\"command\":\"OpenMission\"", "\"correlationId\"");

            long suspended = ledger.accepted("SuspendMission", """
                    {"missionId": "FR-NE-EMBASSY-NIAMEY", "reason": "security", "effectiveDate": "2023-08-01", %s}""".formatted(SRC))
                    .path("position")
                    .asLong();
            long resumed = ledger.accepted("ResumeMission", """
                    {"missionId": "FR-NE-EMBASSY-NIAMEY", "effectiveDate": "2023-08-20", %s}""".formatted(SRC))
                    .path("position")
                    .asLong();
            JsonNode closed = ledger.accepted("CloseMission", """
                    {"missionId": "FR-NE-EMBASSY-NIAMEY", "reason": "CONSENT_WITHDRAWN", "deadline": "2023-12-31",
                     "effectiveDate": "2023-12-20", %s}""".formatted(SRC));
            assertThat(suspended).isGreaterThan(opened.path("position").asLong());
            assertThat(resumed).isGreaterThan(suspended);
            assertThat(closed.path("position").asLong()).isGreaterThan(resumed);
            assertThat(storedPayload(
                            closed.path("events").get(0).path("eventId").asText()))
                    .contains("\"decidedBy\":\"NE\"");
        }

        @Test
        void refusesToOpenAMissionThatIsAlreadyOpenAndWritesNothing() {
            ledger.accepted("OpenMission", """
                    {"sendingState": "DE", "receivingState": "NA", "kind": "EMBASSY", "city": "Windhoek", %s}""".formatted(SRC));
            long before = eventCount();
            Response again = ledger.command("clerk", "OpenMission", """
                    {"sendingState": "DE", "receivingState": "NA", "kind": "EMBASSY", "city": "Windhoek", %s}""".formatted(SRC));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.header("Content-Type")).startsWith("application/problem+json");
            assertThat(again.json().path("rule").asText()).isEqualTo("mission-already-open");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void refusesATimestampFromTheClient() {
            Response response = ledger.command("clerk", "OpenMission", """
                    {"sendingState": "DE", "receivingState": "GH", "kind": "EMBASSY", "city": "Accra",
                     "timestamp": "2001-01-01T00:00:00Z", %s}""".formatted(SRC));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("field").asText()).isEqualTo("timestamp");
        }

        @Test
        void refusesACommandOnAPresenceTheLedgerHasNeverSeen() {
            Response response = ledger.command("clerk", "SuspendMission", """
                    {"missionId": "IS-NZ-EMBASSY-WELLINGTON", %s}""".formatted(SRC));
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.json().path("rule").asText()).isEqualTo("unknown-aggregate");
            assertThat(response.json().path("detail").asText()).contains("IS-NZ");
        }
    }

    @Nested
    class StaffExpulsionsAndCeilings {

        @Test
        void accreditsExpelsAndRecordsTheOverdueDeparture() {
            ledger.accepted("OpenMission", """
                    {"sendingState": "CZ", "receivingState": "AR", "kind": "EMBASSY", "city": "Buenos Aires",
                     "effectiveDate": "2000-01-01", %s}""".formatted(SRC));
            JsonNode accredited = ledger.accepted("AccreditDiplomat", """
                    {"missionId": "CZ-AR-EMBASSY-BUENOS-AIRES", "name": "Jana Nováková", "rank": "Counsellor",
                     "category": "DIPLOMATIC", "effectiveDate": "2020-01-01", %s}""".formatted(SRC));
            assertThat(accredited.path("ids").path("personId").asText()).isEqualTo("jana-novakova");
            JsonNode expelled = ledger.accepted("ExpelDiplomat", """
                    {"missionId": "CZ-AR-EMBASSY-BUENOS-AIRES", "personIds": ["jana-novakova"], "expulsionId": "ar-cz-1",
                     "departureDeadline": "2021-01-04", "effectiveDate": "2021-01-01", %s}""".formatted(SRC));
            assertThat(expelled.path("ids").path("expulsionId").asText()).isEqualTo("ar-cz-1");
            assertThat(storedPayload(
                            expelled.path("events").get(0).path("eventId").asText()))
                    .contains("\"declaredBy\":\"AR\"", "\"personId\":\"jana-novakova\"");
            JsonNode departed = ledger.accepted("RecordDeparture", """
                    {"missionId": "CZ-AR-EMBASSY-BUENOS-AIRES", "personId": "jana-novakova", "effectiveDate": "2021-01-09", %s}""".formatted(SRC));
            assertThat(departed.path("events").get(0).path("type").asText()).isEqualTo("DiplomatDeparted");
            assertThat(storedPayload(
                            departed.path("events").get(0).path("eventId").asText()))
                    .contains("\"expulsionId\":\"ar-cz-1\"", "\"overdue\":true");

            Response twice = ledger.command("clerk", "RecordDeparture", """
                    {"missionId": "CZ-AR-EMBASSY-BUENOS-AIRES", "personId": "jana-novakova", %s}""".formatted(SRC));
            assertThat(twice.status()).isEqualTo(409);
            assertThat(twice.json().path("rule").asText()).isEqualTo("already-departed");
        }

        @Test
        void countsStaffAndRefusesAnAccreditationBeyondTheCeiling() {
            ledger.accepted("OpenMission", """
                    {"sendingState": "PL", "receivingState": "BY", "kind": "EMBASSY", "city": "Minsk", %s}""".formatted(SRC));
            ledger.accepted("RecordStaffCount", """
                    {"missionId": "PL-BY-EMBASSY-MINSK", "headcount": 3, "category": "DIPLOMATIC", %s}""".formatted(SRC));
            ledger.accepted("RecordStaffChange", """
                    {"sendingState": "PL", "receivingState": "BY", "missionId": "PL-BY-EMBASSY-MINSK",
                     "category": "DIPLOMATIC", "change": 1, %s}""".formatted(SRC));
            JsonNode ceiling = ledger.accepted("ImposeStaffCeiling", """
                    {"sendingState": "PL", "receivingState": "BY", "limit": 4, "ceilingId": "by-pl-cap", %s}""".formatted(SRC));
            assertThat(storedPayload(
                            ceiling.path("events").get(0).path("eventId").asText()))
                    .contains("\"headcountAtImposition\":4", "\"reductionOwed\":0");

            Response refused = ledger.command("clerk", "AccreditDiplomat", """
                    {"missionId": "PL-BY-EMBASSY-MINSK", "name": "Adam Kowalski", "category": "DIPLOMATIC", %s}""".formatted(SRC));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().path("rule").asText()).isEqualTo("ceiling-exceeded");
            assertThat(refused.json().path("detail").asText()).contains("above the ceiling of 4");

            ledger.accepted("LiftStaffCeiling", """
                    {"sendingState": "PL", "receivingState": "BY", "ceilingId": "by-pl-cap", %s}""".formatted(SRC));
            ledger.accepted("AccreditDiplomat", """
                    {"missionId": "PL-BY-EMBASSY-MINSK", "name": "Adam Kowalski", "category": "DIPLOMATIC", %s}""".formatted(SRC));
        }

        @Test
        void recordsACountedExpulsionAndCountedDeparturesUnderIt() {
            ledger.accepted("OpenMission", """
                    {"sendingState": "LT", "receivingState": "BY", "kind": "EMBASSY", "city": "Minsk", %s}""".formatted(SRC));
            ledger.accepted("ExpelDiplomat", """
                    {"missionId": "LT-BY-EMBASSY-MINSK", "count": 5, "expulsionId": "by-lt-5",
                     "departureDeadline": "2099-01-01", %s}""".formatted(SRC));
            ledger.accepted("RecordDeparture", """
                    {"missionId": "LT-BY-EMBASSY-MINSK", "count": 3, "expulsionId": "by-lt-5", %s}""".formatted(SRC));
            Response tooMany = ledger.command("clerk", "RecordDeparture", """
                    {"missionId": "LT-BY-EMBASSY-MINSK", "count": 3, "expulsionId": "by-lt-5", %s}""".formatted(SRC));
            assertThat(tooMany.status()).isEqualTo(409);
            assertThat(tooMany.json().path("rule").asText()).isEqualTo("more-than-expelled");
        }
    }

    @Nested
    class HeadsOfMission {

        @Test
        void followsAnAmbassadorFromAgrementToTheEndOfFunctions() {
            ledger.accepted("OpenMission", """
                    {"sendingState": "JP", "receivingState": "CL", "kind": "EMBASSY", "city": "Santiago",
                     "effectiveDate": "2019-12-01", %s}""".formatted(SRC));
            String mission = "\"missionId\": \"JP-CL-EMBASSY-SANTIAGO\"";
            ledger.accepted(
                    "RequestAgrement",
                    "{%s, \"name\": \"Kenji Sato\", \"effectiveDate\": \"2020-01-10\", %s}".formatted(mission, SRC));
            ledger.accepted(
                    "GrantAgrement",
                    "{%s, \"personId\": \"kenji-sato\", \"effectiveDate\": \"2020-02-10\", %s}"
                            .formatted(mission, SRC));
            Response refused = ledger.command(
                    "clerk", "RefuseAgrement", "{%s, \"personId\": \"kenji-sato\", %s}".formatted(mission, SRC));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().path("rule").asText()).isEqualTo("agrement-already-granted");
            JsonNode appointed = ledger.accepted(
                    "AppointAmbassador",
                    "{%s, \"name\": \"Kenji Sato\", \"effectiveDate\": \"2020-03-01\", %s}".formatted(mission, SRC));
            assertThat(storedPayload(
                            appointed.path("events").get(0).path("eventId").asText()))
                    .contains("\"agrementReported\":true");
            ledger.accepted(
                    "PresentCredentials",
                    "{%s, \"personId\": \"kenji-sato\", \"step\": \"COPY_TO_FOREIGN_MINISTRY\", \"effectiveDate\": \"2020-04-01\", %s}"
                            .formatted(mission, SRC));
            ledger.accepted(
                    "PresentCredentials",
                    "{%s, \"personId\": \"kenji-sato\", \"step\": \"PRESENTATION_TO_HEAD_OF_STATE\", \"effectiveDate\": \"2020-05-01\", %s}"
                            .formatted(mission, SRC));
            ledger.accepted(
                    "RecallAmbassador",
                    "{%s, \"personId\": \"kenji-sato\", \"kind\": \"FOR_CONSULTATIONS\", \"effectiveDate\": \"2021-01-01\", %s}"
                            .formatted(mission, SRC));
            JsonNode charge = ledger.accepted(
                    "AppointChargeDAffaires",
                    "{%s, \"name\": \"Aiko Tanaka\", \"effectiveDate\": \"2021-01-02\", %s}".formatted(mission, SRC));
            assertThat(storedPayload(
                            charge.path("events").get(0).path("eventId").asText()))
                    .contains("\"actingForPersonId\":\"kenji-sato\"");
            ledger.accepted(
                    "ReturnAmbassador",
                    "{%s, \"personId\": \"kenji-sato\", \"effectiveDate\": \"2021-03-01\", %s}"
                            .formatted(mission, SRC));
            ledger.accepted(
                    "EndAmbassadorship",
                    "{%s, \"personId\": \"kenji-sato\", \"effectiveDate\": \"2023-03-01\", %s}"
                            .formatted(mission, SRC));
        }
    }

    @Nested
    class Talks {

        @Test
        void schedulesNamesDelegationsHoldsAndConcludesTalks() {
            JsonNode scheduled = ledger.accepted("ScheduleTalks", """
                    {"talksId": "http-istanbul", "parties": ["US", "RUS"],
                     "venue": {"city": "Istanbul", "country": "TR", "place": "Russian consulate-general"},
                     "date": "2025-04-10", "scope": "embassy operations", "excludedTopics": ["political issues"],
                     "format": "DIPLOMATS_ONLY", "effectiveDate": "2025-04-08", %s}""".formatted(SRC));
            assertThat(scheduled.path("aggregateId").asText()).isEqualTo("http-istanbul");
            assertThat(storedPayload(
                            scheduled.path("events").get(0).path("eventId").asText()))
                    .contains("\"thirdLocation\":true");
            ledger.accepted("NameDelegation", """
                    {"talksId": "http-istanbul", "state": "RU",
                     "head": {"name": "Alexander Darchiev", "title": "Ambassador to the United States", "diplomat": true},
                     "effectiveDate": "2025-04-08", %s}""".formatted(SRC));
            Response notDiplomat = ledger.command("clerk", "NameDelegation", """
                    {"talksId": "http-istanbul", "state": "US",
                     "head": {"name": "Sonata Coulter", "title": "Deputy Assistant Secretary of State", "diplomat": true},
                     "members": [{"name": "A businessman", "diplomat": false}], %s}""".formatted(SRC));
            assertThat(notDiplomat.status()).isEqualTo(409);
            assertThat(notDiplomat.json().path("rule").asText()).isEqualTo("delegation-not-diplomats-only");
            ledger.accepted("RecordTalksHeld", """
                    {"talksId": "http-istanbul", "effectiveDate": "2025-04-10", %s}""".formatted(SRC));
            ledger.accepted("ConcludeTalks", """
                    {"talksId": "http-istanbul", "outcome": "CONTINUED", "statement": "Work continues", "effectiveDate": "2025-04-10", %s}""".formatted(SRC));
        }

        @Test
        void reschedulesPostponesAndCancelsTalksThenRefusesToHoldThem() {
            ledger.accepted("ScheduleTalks", """
                    {"talksId": "http-geneva", "parties": ["AM", "AZ"], "venue": {"city": "Geneva", "country": "CH"},
                     "date": "2024-05-01", "scope": "border delimitation", "format": "OFFICIALS", %s}""".formatted(SRC));
            ledger.accepted("RescheduleTalks", """
                    {"talksId": "http-geneva", "date": "2024-05-15", %s}""".formatted(SRC));
            ledger.accepted("PostponeTalks", """
                    {"talksId": "http-geneva", "reason": "delegations not ready", %s}""".formatted(SRC));
            ledger.accepted("CancelTalks", """
                    {"talksId": "http-geneva", "cancelledBy": "AZ", %s}""".formatted(SRC));
            Response held = ledger.command("clerk", "RecordTalksHeld", """
                    {"talksId": "http-geneva", %s}""".formatted(SRC));
            assertThat(held.status()).isEqualTo(409);
            assertThat(held.json().path("rule").asText()).isEqualTo("talks-cancelled");
        }
    }

    @Nested
    class Relations {

        @Test
        void changesTheLevelOfRelationsBetweenTwoStatesInEitherOrder() {
            JsonNode severed = ledger.accepted("ChangeRelationsLevel", """
                    {"stateA": "VE", "stateB": "PA", "level": "SEVERED", "initiatedBy": "VE", %s}""".formatted(SRC));
            assertThat(severed.path("aggregateId").asText()).isEqualTo("RELATIONS-PA-VE");
            assertThat(storedPayload(
                            severed.path("events").get(0).path("eventId").asText()))
                    .contains("\"cameoCode\":161");
            ledger.accepted("ChangeRelationsLevel", """
                    {"stateA": "PA", "stateB": "VE", "level": "RESTORED", %s}""".formatted(SRC));
            Response again = ledger.command("clerk", "ChangeRelationsLevel", """
                    {"stateA": "PA", "stateB": "VE", "level": "RESTORED", %s}""".formatted(SRC));
            assertThat(again.status()).isEqualTo(409);
        }
    }
}
