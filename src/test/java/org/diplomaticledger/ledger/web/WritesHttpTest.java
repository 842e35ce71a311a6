package org.diplomaticledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Idempotent retries, correlation ids and all-or-nothing imports. */
class WritesHttpTest extends LedgerIntegrationTest {

    private static final String NDJSON = "application/x-ndjson";

    @Nested
    class IdempotencyKey {

        private static final String OPEN = """
                {"sendingState": "NO", "receivingState": "%s", "kind": "EMBASSY", "city": "Capital", "source": "Reuters"}""";

        @Test
        void aRetryReturnsTheFirstAnswerAndWritesNothing() {
            Response first = ledger.command(
                    "clerk", "OpenMission", OPEN.formatted("KE"), Map.of("Idempotency-Key", "open-no-ke"));
            assertThat(first.status()).isEqualTo(200);
            long events = eventCount();
            Response retry = ledger.command(
                    "clerk", "OpenMission", OPEN.formatted("KE"), Map.of("Idempotency-Key", "open-no-ke"));
            assertThat(retry.status()).isEqualTo(200);
            assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(retry.json()).isEqualTo(first.json());
            assertThat(eventCount()).isEqualTo(events);
        }

        @Test
        void theSameKeyForADifferentRequestIsRefused() {
            ledger.command("clerk", "OpenMission", OPEN.formatted("TZ"), Map.of("Idempotency-Key", "open-no-tz"));
            long events = eventCount();
            Response other = ledger.command(
                    "clerk", "OpenMission", OPEN.formatted("UG"), Map.of("Idempotency-Key", "open-no-tz"));
            assertThat(other.status()).isEqualTo(422);
            assertThat(other.json().path("type").asText()).endsWith("idempotency-key-reused");
            assertThat(eventCount()).isEqualTo(events);
        }

        @Test
        void aRefusedCommandStoresNoAnswerSoItsRetryRunsAgain() {
            long answers = idempotencyCount();
            Response refused =
                    ledger.command("clerk", "SuspendMission", """
                    {"missionId": "NO-RW-EMBASSY-KIGALI", "source": "x"}""", Map.of("Idempotency-Key", "suspend-no-rw"));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(idempotencyCount()).isEqualTo(answers);
            ledger.accepted("OpenMission", OPEN.formatted("RW").replace("Capital", "Kigali"));
            Response retried =
                    ledger.command("clerk", "SuspendMission", """
                    {"missionId": "NO-RW-EMBASSY-KIGALI", "source": "x"}""", Map.of("Idempotency-Key", "suspend-no-rw"));
            assertThat(retried.status()).isEqualTo(200);
        }

        @Test
        void concurrentRetriesOfOneKeyWriteOnce() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Response>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    calls.add(() -> ledger.command(
                            "clerk", "OpenMission", OPEN.formatted("ZM"), Map.of("Idempotency-Key", "open-no-zm")));
                }
                List<JsonNode> answers = new ArrayList<>();
                for (Future<Response> future : pool.invokeAll(calls)) {
                    Response response = future.get();
                    assertThat(response.status()).as(response.toString()).isEqualTo(200);
                    answers.add(response.json());
                }
                assertThat(answers).allMatch(answer -> answer.equals(answers.get(0)));
                Long written = jdbc.queryForObject(
                        "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = 'NO-ZM'", Long.class);
                assertThat(written).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void keysBelongToTheirUser() {
            ledger.command("clerk", "OpenMission", OPEN.formatted("MW"), Map.of("Idempotency-Key", "shared-key"));
            Long stored = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM command_idempotency WHERE actor = 'clerk' AND idempotency_key = 'shared-key'",
                    Long.class);
            assertThat(stored).isEqualTo(1);
        }
    }

    @Nested
    class Correlation {

        @Test
        void theClientsCorrelationIdIsAnsweredAndStoredWithEveryEvent() {
            Response response = ledger.command("clerk", "OpenMission", """
                    {"sendingState": "FI", "receivingState": "EE", "kind": "EMBASSY", "city": "Tallinn", "source": "Reuters"}""", Map.of("X-Correlation-Id", "req-fi-ee-1"));
            assertThat(response.json().path("correlationId").asText()).isEqualTo("req-fi-ee-1");
            byte[] metadata = jdbc.queryForObject(
                    "SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = 'FI-EE'", byte[].class);
            assertThat(new String(metadata)).contains("\"correlationId\":\"req-fi-ee-1\"", "\"actor\":\"clerk\"");
        }
    }

    @Nested
    class Imports {

        @Test
        void appliesEveryLineInOrderAndAnswersPerLine() {
            String body = """
                    {"command": "OpenMission", "payload": {"sendingState": "IT", "receivingState": "MT", "kind": "EMBASSY", "city": "Valletta", "source": "x"}}

                    {"command": "AccreditDiplomat", "payload": {"missionId": "IT-MT-EMBASSY-VALLETTA", "name": "Marco Rossi", "category": "DIPLOMATIC", "source": "x"}}
                    {"command": "ScheduleTalks", "payload": {"talksId": "it-mt-1", "parties": ["IT", "MT"], "venue": {"city": "Rome", "country": "IT"}, "date": "2030-01-01", "scope": "migration", "format": "OFFICIALS", "source": "x"}}
                    """;
            Response response =
                    ledger.post("clerk", "/api/v1/imports", NDJSON, body, Map.of("X-Correlation-Id", "import-it-mt"));
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode answer = response.json();
            assertThat(answer.path("commands").asInt()).isEqualTo(3);
            assertThat(answer.path("events").asInt()).isEqualTo(3);
            assertThat(answer.path("lines").findValuesAsText("line")).containsExactly("1", "3", "4");
            assertThat(answer.path("lines")
                            .get(1)
                            .path("receipt")
                            .path("events")
                            .get(0)
                            .path("sequenceNumber")
                            .asInt())
                    .isEqualTo(1);
            Long correlated = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier IN ('IT-MT', 'it-mt-1')",
                    Long.class);
            assertThat(correlated).isEqualTo(3);
        }

        @Test
        void aRefusedLineRollsBackTheWholeImportAndLeavesTheAggregateUsable() {
            ledger.accepted("OpenMission", """
                    {"sendingState": "ES", "receivingState": "AD", "kind": "EMBASSY", "city": "Andorra la Vella", "source": "x"}""");
            long before = eventCount();
            String body = """
                    {"command": "AccreditDiplomat", "payload": {"missionId": "ES-AD-EMBASSY-ANDORRA-LA-VELLA", "name": "Ana Ruiz", "category": "DIPLOMATIC", "source": "x"}}
                    {"command": "AccreditDiplomat", "payload": {"missionId": "ES-AD-EMBASSY-ANDORRA-LA-VELLA", "name": "Ana Ruiz", "category": "DIPLOMATIC", "source": "x"}}
                    """;
            Response response = ledger.post("clerk", "/api/v1/imports", NDJSON, body, Map.of());
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.json().path("line").asInt()).isEqualTo(2);
            assertThat(response.json().path("rule").asText()).isEqualTo("already-accredited");
            assertThat(eventCount()).isEqualTo(before);
            // The first line's accreditation was rolled back with the rest: the aggregate must not remember it.
            JsonNode accredited = ledger.accepted("AccreditDiplomat", """
                    {"missionId": "ES-AD-EMBASSY-ANDORRA-LA-VELLA", "name": "Ana Ruiz", "category": "DIPLOMATIC", "source": "x"}""");
            assertThat(accredited.path("events").get(0).path("sequenceNumber").asInt())
                    .isEqualTo(1);
        }

        @Test
        void reportsEveryMalformedLineWithItsNumberAndWritesNothing() {
            long before = eventCount();
            String body = """
                    {"command": "OpenMission", "payload": {"sendingState": "PT", "receivingState": "CV", "kind": "EMBASSY", "city": "Praia", "source": "x"}}
                    {"command": "OpenMision", "payload": {}}
                    not json
                    {"command": "OpenMission", "payload": {"sendingState": "PT", "receivingState": "XX", "kind": "EMBASSY", "city": "Praia", "source": "x"}}
                    """;
            Response response = ledger.post("clerk", "/api/v1/imports", NDJSON, body, Map.of());
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("type").asText()).endsWith("invalid-import");
            assertThat(response.json().path("errors").findValuesAsText("line")).containsExactly("2", "3", "4");
            assertThat(response.json().path("errors").get(2).path("field").asText())
                    .isEqualTo("payload.receivingState");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void anImportNeedsTheClerk() {
            Response response = ledger.post("analyst", "/api/v1/imports", NDJSON, "{}", Map.of());
            assertThat(response.status()).isEqualTo(403);
        }
    }
}
