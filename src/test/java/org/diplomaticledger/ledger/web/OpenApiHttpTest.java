package org.diplomaticledger.ledger.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.diplomaticledger.ledger.CommandCatalog;
import org.diplomaticledger.ledger.CommandReader;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description names every command with its schema and an example that the ledger itself accepts as input. */
class OpenApiHttpTest extends LedgerIntegrationTest {

    @Autowired
    CommandCatalog catalog;
    @Autowired
    CommandReader reader;
    @Autowired
    ObjectMapper objectMapper;

    @Test
    void everyCommandHasAPathASchemaAndAValidExample() {
        Response response = ledger.get(null, "/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        JsonNode api = response.json();
        for (String name : catalog.all().keySet()) {
            JsonNode post = api.path("paths").path("/api/v1/commands/" + name).path("post");
            assertThat(post.isMissingNode()).as(name).isFalse();
            assertThat(post.path("description").asText()).as(name).startsWith(CommandsOpenApi.descriptions().getProperty(name));
            JsonNode json = post.path("requestBody").path("content").path("application/json");
            assertThat(api.path("components").path("schemas").has(name)).as(name).isTrue();
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
        assertThat(api.path("components").path("securitySchemes").path("basic").path("scheme").asText()).isEqualTo("basic");
        assertThat(ledger.get(null, "/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void descriptionsExistForEveryCommand() {
        Map<String, JsonNode> examples = CommandsOpenApi.examples(objectMapper);
        assertThat(examples.keySet()).containsAll(catalog.all().keySet());
        assertThat(CommandsOpenApi.descriptions().stringPropertyNames()).containsAll(catalog.all().keySet());
    }
}
