package org.diplomaticledger.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.presence.api.DiplomatExpelled;
import org.diplomaticledger.stream.LedgerCloudEvents;
import org.junit.jupiter.api.Test;

/**
 * The published JSON Schemas are the ones the records describe today: change an event and this test fails until
 * its schema is written again with {@code mvn test -Dtest=EventSchemasTest -Dsnapshots.update=true} (and reviewed
 * in the diff). Schemas of earlier revisions stay published.
 */
class EventSchemasTest {

    static final boolean UPDATE = Boolean.getBoolean("snapshots.update");

    private final EventSchemas schemas = new EventSchemas(Path.of(""));

    @Test
    void findsEveryEventTypeTheLedgerStores() {
        List<Class<?>> types = EventSchemas.eventTypes();
        assertThat(types).contains(DiplomatExpelled.class, EntryCorrected.class, EntryRetracted.class);
        assertThat(types)
                .as("the 32 event types of this writing, and any added since")
                .hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void everyEventTypeHasItsCurrentSchemaPublished() throws IOException {
        List<String> stale = new ArrayList<>();
        for (Class<?> type : EventSchemas.eventTypes()) {
            String generated = EventSchemas.JSON.writeValueAsString(schemas.schema(type)) + "\n";
            Path file = EventSchemas.SCHEMA_DIR.resolve(EventSchemas.fileName(type));
            if (UPDATE) {
                Files.writeString(file, generated);
            } else if (!Files.exists(file) || !Files.readString(file).equals(generated)) {
                stale.add(file.getFileName().toString());
                if (Files.exists(file)) {
                    assertThat(Files.readString(file))
                            .as("schema " + file + " (update with -Dsnapshots.update=true)")
                            .isEqualTo(generated);
                }
            }
        }
        assertThat(stale)
                .as("schemas missing or stale; write them with -Dsnapshots.update=true")
                .isEmpty();
    }

    @Test
    void schemasOfEarlierRevisionsStayPublished() {
        for (Class<?> type : EventSchemas.eventTypes()) {
            for (int revision = 1; revision <= LedgerCloudEvents.revision(type); revision++) {
                assertThat(EventSchemas.SCHEMA_DIR.resolve(type.getSimpleName() + ".v" + revision + ".json"))
                        .exists();
            }
        }
    }

    @Test
    void everyPublishedSchemaIsAValidDraft202012Schema() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonSchema metaSchema = factory.getSchema(SchemaLocation.of(SchemaId.V202012));
        try (var files = Files.list(EventSchemas.SCHEMA_DIR)) {
            for (Path file : files.toList()) {
                JsonNode schema = EventSchemas.JSON.readTree(file.toFile());
                assertThat(schema.path("$schema").asText()).as(file.toString()).isEqualTo(EventSchemas.DRAFT);
                Set<ValidationMessage> errors = metaSchema.validate(schema);
                assertThat(errors).as(file.toString()).isEmpty();
            }
        }
    }
}
