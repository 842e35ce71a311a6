package org.diplomaticledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input answers the right status as problem+json naming what is wrong, and writes nothing. */
class BadInputHttpTest extends LedgerIntegrationTest {

    private static final String VALID = """
            {"sendingState": "SE", "receivingState": "UY", "kind": "EMBASSY", "city": "Montevideo", "source": "Reuters"}""";

    private long eventsBefore;

    @BeforeEach
    void countEvents() {
        eventsBefore = eventCount();
    }

    private void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("type").asText()).isEqualTo("urn:diplomatic-ledger:problem:" + type);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("detail").asText()).isNotBlank();
        assertThat(eventCount()).as("events written").isEqualTo(eventsBefore);
    }

    @Test
    void unknownCommandIsNotFoundAndListsTheKnownOnes() {
        Response response = ledger.command("clerk", "ExpelEveryone", VALID);
        assertProblem(response, 404, "unknown-command");
        assertThat(response.json().path("detail").asText()).contains("ExpelDiplomat", "OpenMission");
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(ledger.command("clerk", "OpenMission", "{\"sendingState\": \"SE\", "), 400, "invalid-input");
    }

    @Test
    void aBadCountryCodeNamesTheFieldAndWhatIsExpected() {
        Response response = ledger.command("clerk", "OpenMission", VALID.replace("\"UY\"", "\"Uruguay\""));
        assertProblem(response, 400, "invalid-input");
        assertThat(response.json().path("field").asText()).isEqualTo("receivingState");
        assertThat(response.json().path("detail").asText()).contains("ISO 3166-1 alpha-2", "Uruguay");
    }

    @Test
    void aMissingFieldIsNamed() {
        Response response = ledger.command("clerk", "OpenMission", VALID.replace("\"city\": \"Montevideo\", ", ""));
        assertProblem(response, 400, "invalid-input");
        assertThat(response.json().path("field").asText()).isEqualTo("city");
    }

    @Test
    void aMissingSourceIsNamed() {
        Response response = ledger.command("clerk", "OpenMission", VALID.replace(", \"source\": \"Reuters\"", ""));
        assertProblem(response, 400, "invalid-input");
        assertThat(response.json().path("field").asText()).isEqualTo("source");
    }

    @Test
    void everyBadFieldIsListed() {
        Response response = ledger.command("clerk", "AccreditDiplomat", """
                {"missionId": "not a mission", "category": "AMBASSADOR", "source": "x"}""");
        assertProblem(response, 400, "invalid-input");
        assertThat(response.json().path("field").asText()).isEqualTo("category");
        assertThat(response.json().path("detail").asText()).contains("DIPLOMATIC", "LOCAL_HIRE");
    }

    @Test
    void validationErrorsNameEachField() {
        Response response = ledger.command("clerk", "AccreditDiplomat", """
                {"missionId": "not a mission", "category": "DIPLOMATIC", "source": "x"}""");
        assertProblem(response, 400, "invalid-input");
        assertThat(response.json().path("errors").findValuesAsText("field")).contains("missionId", "name");
    }

    @Test
    void anUnknownFieldIsRefusedRatherThanIgnored() {
        Response response =
                ledger.command("clerk", "OpenMission", VALID.replace("\"city\"", "\"town\": \"x\", \"city\""));
        assertProblem(response, 400, "invalid-input");
        assertThat(response.json().path("field").asText()).isEqualTo("town");
    }

    @Test
    void aBadDateSaysWhichFormatIsExpected() {
        Response response = ledger.command(
                "clerk", "OpenMission", VALID.replace("\"city\"", "\"effectiveDate\": \"10/04/2025\", \"city\""));
        assertProblem(response, 400, "invalid-input");
        assertThat(response.json().path("field").asText()).isEqualTo("effectiveDate");
        assertThat(response.json().path("detail").asText()).contains("YYYY-MM-DD");
    }

    @Test
    void aWrongRoleIsForbidden() {
        assertProblem(ledger.command("analyst", "OpenMission", VALID), 403, "forbidden");
        assertProblem(ledger.command("auditor", "OpenMission", VALID), 403, "forbidden");
    }

    @Test
    void noPasswordIsUnauthorised() {
        Response response = ledger.command(null, "OpenMission", VALID);
        assertProblem(response, 401, "unauthenticated");
        assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void aWrongPasswordIsUnauthorised() {
        Response response = ledger.post(
                null,
                "/api/v1/commands/OpenMission",
                "application/json",
                VALID,
                Map.of("Authorization", org.diplomaticledger.support.LedgerClient.basic("clerk", "guess")));
        assertProblem(response, 401, "unauthenticated");
    }

    @Test
    void aWrongContentTypeIsUnsupported() {
        Response response = ledger.post(
                "clerk",
                "/api/v1/commands/OpenMission",
                "application/x-www-form-urlencoded",
                "sendingState=SE",
                Map.of());
        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void aBadIdempotencyKeyIsNamed() {
        Response tooLong = ledger.command("clerk", "OpenMission", VALID, Map.of("Idempotency-Key", "k".repeat(300)));
        assertProblem(tooLong, 400, "invalid-header");
        assertThat(tooLong.json().path("header").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void healthIsOpenToAll() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        // the status, whatever it is: tests that edit stored events on purpose leave this shared ledger's audit chain
        // DEGRADED once a verification found the edit (AuditChainHttpTest)
        assertThat(health.body())
                .containsAnyOf("\"status\":\"UP\"", "\"status\":\"DEGRADED\"")
                .doesNotContain("\"components\"");
    }
}
