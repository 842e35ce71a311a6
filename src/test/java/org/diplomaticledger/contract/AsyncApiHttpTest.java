package org.diplomaticledger.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The ledger serves its AsyncAPI document at {@code /asyncapi.yaml} to anyone, as YAML, like the JSON Schemas it
 * refers to, and every schema it refers to resolves, from there, to a schema the ledger serves.
 */
class AsyncApiHttpTest extends LedgerIntegrationTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void isServedWithoutCredentialsAsTheDocumentInTheRepository() throws Exception {
        Response response = ledger.getAccept(null, "/asyncapi.yaml", "*/*");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/yaml");
        assertThat(YAML.readTree(response.body()))
                .isEqualTo(YAML.readTree(
                        Path.of("src/main/resources/static/asyncapi.yaml").toFile()));
        assertThat(ledger.request("HEAD", null, "/asyncapi.yaml", java.util.Map.of(), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void everySchemaItRefersToIsServedFromWhereItIs() throws Exception {
        JsonNode api =
                YAML.readTree(ledger.getAccept(null, "/asyncapi.yaml", "*/*").body());
        Set<String> refs = new TreeSet<>();
        collect(api, refs);
        assertThat(refs).isNotEmpty();
        URI document = URI.create("http://localhost/asyncapi.yaml");
        for (String ref : refs) {
            String path = document.resolve(ref).getPath();
            Response schema = ledger.getAccept(null, path, "application/json");
            assertThat(schema.status()).as(ref + " served at " + path).isEqualTo(200);
            assertThat(schema.json().path("$schema").asText()).as(path).contains("json-schema.org");
        }
    }

    private static void collect(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref") && !field.getValue().asText().startsWith("#")) {
                    refs.add(field.getValue().asText());
                } else {
                    collect(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, refs));
        }
    }
}
