package org.diplomaticledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.ledger.CommandCatalog;
import org.diplomaticledger.ledger.CommandDocs;
import org.diplomaticledger.ledger.CommandReader;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The OpenAPI description names every command with its schema and an example that the ledger itself accepts as input. */
class OpenApiHttpTest extends LedgerIntegrationTest {

    @Autowired
    CommandCatalog catalog;

    @Autowired
    CommandReader reader;

    @Autowired
    ObjectMapper objectMapper;

    @Test
    void theDescriptionIsAlsoServedAsYamlWithoutCredentials() {
        Response response = ledger.getAccept(null, "/v3/api-docs.yaml", "*/*");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).startsWith("openapi: ").contains("/api/v1/commands/OpenMission:");
    }

    @Test
    void everyCommandHasAPathASchemaAndAValidExample() {
        Response response = ledger.get(null, "/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        JsonNode api = response.json();
        for (String name : catalog.all().keySet()) {
            JsonNode post = api.path("paths").path("/api/v1/commands/" + name).path("post");
            assertThat(post.isMissingNode()).as(name).isFalse();
            assertThat(post.path("description").asText())
                    .as(name)
                    .startsWith(CommandDocs.descriptions().getProperty(name));
            JsonNode json = post.path("requestBody").path("content").path("application/json");
            assertThat(api.path("components").path("schemas").has(name))
                    .as(name)
                    .isTrue();
            JsonNode example = json.path("examples").path("example").path("value");
            assertThat(example.isObject()).as("example of " + name).isTrue();
            // The example is real input: the ledger reads it without error.
            assertThat(reader.read(name, example)).isNotNull();
        }
    }

    @Test
    void describesTheReadEndpointsAndBasicAuthentication() {
        JsonNode api = ledger.get(null, "/v3/api-docs").json();
        assertThat(api.path("paths").has("/api/v1/talks")).isTrue();
        assertThat(api.path("paths").has("/api/v1/talks/{talksId}")).isTrue();
        assertThat(api.path("paths").has("/api/v1/imports")).isTrue();
        assertThat(api.path("components")
                        .path("securitySchemes")
                        .path("basic")
                        .path("scheme")
                        .asText())
                .isEqualTo("basic");
        assertThat(ledger.get(null, "/swagger-ui/index.html").status()).isEqualTo(200);
    }

    /**
     * A newcomer can read every GET under /api/v1/ from the description alone: what it answers, a real example of the
     * answer, what each path variable means with a value to try, and, for the projections' reads, how to read their
     * own writes ({@code atLeast}).
     */
    @Test
    void everyReadIsDescribedWithAnExample() {
        JsonNode api = ledger.get(null, "/v3/api-docs").json();
        List<String> gets = new ArrayList<>();
        api.path("paths").fields().forEachRemaining(path -> {
            JsonNode get = path.getValue().path("get");
            if (!path.getKey().startsWith("/api/v1/") || get.isMissingNode()) {
                return;
            }
            String where = "GET " + path.getKey();
            gets.add(where);
            assertThat(get.path("summary").asText()).as(where + " summary").isNotBlank();
            assertThat(get.path("description").asText())
                    .as(where + " description")
                    .isNotBlank();
            JsonNode ok = get.path("responses").path("200");
            assertThat(ok.isMissingNode()).as(where + " 200").isFalse();
            List<JsonNode> examples = new ArrayList<>();
            ok.path("content").forEach(media -> {
                media.path("examples").forEach(example -> examples.add(example.path("value")));
                if (media.has("example")) {
                    examples.add(media.get("example"));
                }
            });
            assertThat(examples)
                    .as(where + " examples of 200")
                    .isNotEmpty()
                    .allSatisfy(example -> assertThat(example.isMissingNode() || example.isNull())
                            .isFalse());
            List<String> parameters = new ArrayList<>();
            get.path("parameters").forEach(parameter -> {
                parameters.add(parameter.path("in").asText() + ":"
                        + parameter.path("name").asText());
                if (parameter.path("in").asText().equals("path")) {
                    String name =
                            where + " path parameter " + parameter.path("name").asText();
                    assertThat(parameter.path("description").asText())
                            .as(name + " description")
                            .isNotBlank();
                    assertThat(parameter.has("example")
                                    || parameter.path("examples").size() > 0
                                    || parameter.path("schema").has("example"))
                            .as(name + " example")
                            .isTrue();
                }
            });
            // Histories and the audit chain are read from the event table itself, never behind the ledger: nothing to
            // wait for; nor is an import's status (its own record). The stream and event pages read the ledger itself
            // too, and are no time travel.
            boolean readsAProjection = !path.getKey().startsWith("/api/v1/projections")
                    && !path.getKey().startsWith("/api/v1/audit")
                    && !path.getKey().startsWith("/api/v1/imports")
                    && !get.path("tags").toString().contains("\"History\"")
                    && !get.path("tags").toString().contains("\"Stream\"");
            if (readsAProjection) {
                assertThat(parameters)
                        .as(where + " documents atLeast, asOf and knownAt")
                        .contains("query:atLeast", "header:X-Ledger-At-Least", "query:asOf", "query:knownAt");
                assertThat(parameters)
                        .as(where + " hides the resolved ReadPosition")
                        .doesNotContain("query:read");
            }
        });
        assertThat(gets)
                .as("the reads under /api/v1/")
                .contains(
                        "GET /api/v1/talks",
                        "GET /api/v1/talks/{talksId}",
                        "GET /api/v1/missions",
                        "GET /api/v1/missions/{missionId}",
                        "GET /api/v1/presences",
                        "GET /api/v1/presences/{sending}/{receiving}",
                        "GET /api/v1/trends/headcount",
                        "GET /api/v1/trends/open-missions",
                        "GET /api/v1/heads-of-mission",
                        "GET /api/v1/heads-of-mission/tenures",
                        "GET /api/v1/heads-of-mission/{missionId}",
                        "GET /api/v1/expulsions",
                        "GET /api/v1/expulsions/{expulsionId}",
                        "GET /api/v1/trends/expulsions",
                        "GET /api/v1/projections",
                        "GET /api/v1/projections/{name}",
                        "GET /api/v1/presences/{sending}/{receiving}/history",
                        "GET /api/v1/missions/{missionId}/history",
                        "GET /api/v1/talks/{talksId}/history");
    }

    @Test
    void descriptionsExistForEveryCommand() {
        Map<String, JsonNode> examples = CommandDocs.examples(objectMapper);
        assertThat(examples.keySet()).containsAll(catalog.all().keySet());
        assertThat(CommandDocs.descriptions().stringPropertyNames())
                .containsAll(catalog.all().keySet());
    }
}
