package org.diplomaticledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.diplomaticledger.stream.StreamProperties;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Issue 14, items 1, 4 and 8: HEAD obeys the roles and takes no stream slot; odd paths and /error answer problems. */
class MethodsAndPathsHttpTest extends LedgerIntegrationTest {

    @Autowired
    StreamProperties streams;

    private void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
    }

    @Test
    void headObeysTheRolesOfGet() {
        assertThat(ledger.request("HEAD", "integrator", "/api/v1/talks/some-talks", Map.of(), null)
                        .status())
                .isEqualTo(403);
        assertThat(ledger.request("HEAD", "analyst", "/api/v1/talks/some-talks/history", Map.of(), null)
                        .status())
                .isEqualTo(403);
        assertThat(ledger.request("HEAD", "clerk", "/api/v1/events", Map.of(), null)
                        .status())
                .isEqualTo(200);
        assertThat(ledger.request("HEAD", "clerk", "/api/v1/talks", Map.of(), null)
                        .status())
                .isEqualTo(403);
        assertThat(ledger.request("HEAD", "analyst", "/api/v1/stream", Map.of(), null)
                        .status())
                .isEqualTo(403);
        assertThat(ledger.request("HEAD", "auditor", "/api/v1/stream", Map.of(), null)
                        .status())
                .isEqualTo(403);
        assertThat(ledger.request("HEAD", "analyst", "/api/v1/talks", Map.of(), null)
                        .status())
                .isEqualTo(200);
        assertThat(ledger.request("HEAD", "integrator", "/api/v1/relations/RU/US", Map.of(), null)
                        .status())
                .isEqualTo(403);
        assertThat(ledger.request("HEAD", "analyst", "/api/v1/relations", Map.of(), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void headOnTheStreamTakesNoSlot() throws Exception {
        for (int i = 0; i <= streams.maxSubscribers(); i++) {
            assertThat(ledger.request("HEAD", "integrator", "/api/v1/stream", Map.of(), null)
                            .status())
                    .isEqualTo(200);
        }
        HttpResponse<InputStream> stream = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/stream"))
                                .header(
                                        "Authorization",
                                        org.diplomaticledger.support.LedgerClient.basic("integrator", "integrator"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = stream.body()) {
            assertThat(stream.statusCode())
                    .as("a stream after more HEADs than there are slots")
                    .isEqualTo(200);
        }
    }

    @Test
    void malformedPathsWithValidCredentialsAreBadRequests() {
        for (String path : new String[] {
            "/api/v1/talks/..",
            "/api/v1/commands/OpenMission;x=1",
            "/api/v1/talks/%2e%2e/x",
            "/api/v1/talks/a%00b",
            "/api/v1/talks%2Fx"
        }) {
            Response response = ledger.request("GET", "analyst", path, Map.of(), null);
            assertThat(response.status()).as(path + " " + response).isEqualTo(400);
            assertThat(response.header("Content-Type"))
                    .as(path + " " + response)
                    .startsWith("application/problem+json");
            Response post =
                    ledger.request("POST", "clerk", path, Map.of("Content-Type", "application/json"), "{}".getBytes());
            assertThat(post.status()).as(path + " " + post).isEqualTo(400);
            assertThat(post.header("Content-Type")).as(path + " " + post).startsWith("application/problem+json");
        }
    }

    @Test
    void theErrorPathItselfIsNotFound() {
        assertProblem(ledger.request("GET", "analyst", "/error", Map.of(), null), 404);
        assertProblem(ledger.request("POST", "clerk", "/error", Map.of(), null), 404);
        assertThat(ledger.request("GET", null, "/error", Map.of(), null).status())
                .isEqualTo(401);
    }

    @Test
    void anEmptyTalksFormatIsNoFilterAndABadOneA400() {
        assertThat(ledger.get("analyst", "/api/v1/talks?format=").status()).isEqualTo(200);
        assertThat(ledger.get("analyst", "/api/v1/talks?format=%20").status()).isEqualTo(200);
        assertProblem(ledger.get("analyst", "/api/v1/talks?format=SECRET"), 400);
    }

    @Test
    void anInstantOutsideTheLedgersTimeIsABadQuery() {
        for (String value : new String[] {
            "%2B999999999-12-31",
            "-999999999-01-01",
            "0001-01-01",
            "%2B10000-01-01",
            "%2B999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z",
            "1000-01-01T00:00:00Z"
        }) {
            Response response = ledger.get("analyst", "/api/v1/talks?knownAt=" + value);
            assertProblem(response, 400);
            assertThat(response.json().path("parameter").asText()).isEqualTo("knownAt");
        }
    }
}
