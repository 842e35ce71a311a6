package org.diplomaticledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.json is the description the running ledger serves at {@code /v3/api-docs}: the build generates a Java
 * client from that file (pom.xml, openapi-generator) and TourThroughGeneratedClientTest drives the README's tour
 * through it. A change to the API fails here until the file is written again with
 * {@code mvn test -Dtest=OpenApiSnapshotTest -Dsnapshots.update=true} and reviewed in the diff. The file leaves out
 * {@code servers} (the address the description was fetched from) and sorts keys, so that it does not change with
 * the port or the order in which springdoc met the handlers.
 */
class OpenApiSnapshotTest extends LedgerIntegrationTest {

    static final Path FILE = Path.of("docs/openapi.json");
    static final boolean UPDATE = Boolean.getBoolean("snapshots.update");

    @Test
    void docsOpenapiJsonIsWhatTheLedgerServes() throws IOException {
        ObjectMapper json = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        @SuppressWarnings("unchecked")
        Map<String, Object> served =
                json.readValue(ledger.get(null, "/v3/api-docs").body(), Map.class);
        served.remove("servers");
        String generated = json.writeValueAsString(served) + "\n";
        if (UPDATE) {
            Files.writeString(FILE, generated);
        }
        assertThat(FILE).as(FILE + " (write it with -Dsnapshots.update=true)").exists();
        assertThat(Files.readString(FILE))
                .as(FILE + " is stale: write it with -Dsnapshots.update=true")
                .isEqualTo(generated);
    }
}
