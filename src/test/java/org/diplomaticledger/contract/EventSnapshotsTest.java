package org.diplomaticledger.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.diplomaticledger.ledger.StoredEvents;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.stream.LedgerCloudEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Each event type's stored JSON, for a fixed example instance, is the checked-in snapshot
 * {@code src/test/resources/snapshots/<Event>.v<revision>.json}: renaming, retyping or dropping a field of an event
 * fails here with a diff, and the snapshot must be read back into the same event. A deliberate change of shape is a
 * new revision (see docs/contract.md); write the snapshots again with
 * {@code mvn test -Dtest=EventSnapshotsTest -Dsnapshots.update=true} and review the diff.
 */
class EventSnapshotsTest {

    static final Path SNAPSHOTS = Path.of("src/test/resources/snapshots");

    private final Serializer serializer = StoredEvents.serializer();

    static List<Class<?>> eventTypes() {
        return EventSchemas.eventTypes();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void storedJsonMatchesTheSnapshot(Class<?> type) throws Exception {
        Object example = example(type);
        SerializedObject<byte[]> stored = serializer.serialize(example, byte[].class);
        JsonNode json = EventSchemas.JSON.readTree(stored.getData());
        String actual = EventSchemas.JSON.writeValueAsString(json) + "\n";
        Path file = SNAPSHOTS.resolve(type.getSimpleName() + ".v" + LedgerCloudEvents.revision(type) + ".json");
        if (EventSchemasTest.UPDATE) {
            Files.createDirectories(SNAPSHOTS);
            Files.writeString(file, actual);
        }
        assertThat(file)
                .as("snapshot of " + type.getSimpleName() + "; write it with -Dsnapshots.update=true")
                .exists();
        assertThat(actual)
                .as("stored JSON of " + type.getSimpleName()
                        + " changed; if deliberate, make it a new revision and update with -Dsnapshots.update=true")
                .isEqualTo(Files.readString(file));
        Object read = serializer.deserialize(new SimpleSerializedObject<>(
                Files.readString(file).getBytes(StandardCharsets.UTF_8), byte[].class, stored.getType()));
        assertThat(read).as("the snapshot read back").isEqualTo(example);
    }

    /**
     * Every snapshot, of the current revision or an earlier one, is accepted by the published schema of its revision;
     * and a snapshot of an earlier revision, stored as that revision was, reads through the ledger's upcasters as the
     * current event class, whose schema accepts the upcast JSON.
     */
    @Test
    void snapshotsMatchTheirSchemasAndEarlierRevisionsReadAsTheCurrentOne() throws Exception {
        EventUpcasterChain upcasters = new EventUpcasterChain(upcasters());
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        Map<String, Class<?>> types = new LinkedHashMap<>();
        eventTypes().forEach(type -> types.put(type.getSimpleName(), type));
        int earlier = 0;
        try (var files = Files.list(SNAPSHOTS)) {
            for (Path file : files.sorted().toList()) {
                String[] parts = file.getFileName().toString().split("\\.v|\\.json");
                Class<?> type = types.get(parts[0]);
                int revision = Integer.parseInt(parts[1]);
                assertThat(type).as("event type of snapshot " + file).isNotNull();
                JsonNode snapshot = EventSchemas.JSON.readTree(file.toFile());
                assertThat(schema(factory, config, parts[0], revision).validate(snapshot))
                        .as(file.toString())
                        .isEmpty();
                int current = LedgerCloudEvents.revision(type);
                if (revision == current) {
                    continue;
                }
                earlier++;
                DomainEventData<byte[]> stored = new GenericDomainEventEntry<>(
                        "Aggregate",
                        "id",
                        0,
                        "event-id",
                        Instant.parse("2025-04-10T00:00:00Z"),
                        type.getName(),
                        revision == 1 ? null : String.valueOf(revision),
                        Files.readAllBytes(file),
                        "{}".getBytes(StandardCharsets.UTF_8));
                IntermediateEventRepresentation upcast = upcasters
                        .upcast(Stream.of(new InitialEventRepresentation(stored, serializer)))
                        .findFirst()
                        .orElseThrow();
                assertThat(upcast.getType().getRevision())
                        .as(file + " upcast")
                        .isEqualTo(current == 1 ? null : String.valueOf(current));
                Object event = serializer.deserialize(upcast.getData());
                assertThat(event).isInstanceOf(type);
                JsonNode json = EventSchemas.JSON.readTree(
                        serializer.serialize(event, byte[].class).getData());
                assertThat(schema(factory, config, parts[0], current).validate(json))
                        .as(file + " upcast")
                        .isEmpty();
            }
        }
        assertThat(earlier)
                .as("snapshots of earlier revisions (RelationsLevelChanged.v1 at least)")
                .isGreaterThanOrEqualTo(1);
    }

    private static JsonSchema schema(
            JsonSchemaFactory factory, SchemaValidatorsConfig config, String event, int revision) throws Exception {
        Path file = EventSchemas.SCHEMA_DIR.resolve(event + ".v" + revision + ".json");
        return factory.getSchema(
                SchemaLocation.of(file.toAbsolutePath().toUri().toString()),
                EventSchemas.JSON.readTree(file.toFile()),
                config);
    }

    /** The ledger's upcasters, as Spring finds them. */
    private static List<EventUpcaster> upcasters() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(EventUpcaster.class));
        List<EventUpcaster> upcasters = new ArrayList<>();
        for (var definition : scanner.findCandidateComponents("org.diplomaticledger")) {
            upcasters.add((EventUpcaster) Class.forName(definition.getBeanClassName())
                    .getDeclaredConstructor()
                    .newInstance());
        }
        return upcasters;
    }

    /** A fixed, deterministic instance: the same values for the same field names in every event. */
    static Object example(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i].getGenericType(), components[i].getName());
        }
        return type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new))
                .newInstance(values);
    }

    private static Object value(Type type, String field) throws Exception {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
                Type element = parameterized.getActualTypeArguments()[0];
                List<Object> list = new ArrayList<>(List.of(value(element, field)));
                if (element == CountryCode.class) {
                    list.add(CountryCode.of("US"));
                }
                return Set.class.isAssignableFrom(raw) ? Set.copyOf(list) : List.copyOf(list);
            }
            if (Map.class.isAssignableFrom(raw)) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("presenceId", "RU-US");
                map.put("headcount", 21);
                return map;
            }
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return switch (field) {
                case "presenceId" -> "RU-US";
                case "missionId" -> "RU-US-EMBASSY-WASHINGTON";
                case "relationsId" -> "RELATIONS-RU-US";
                case "talksId" -> "istanbul-2025-04-10";
                case "eventId" -> "0b7f6c52-3c1e-4e0a-9d0e-4a1f8f0e2c11";
                case "eventType" -> "StaffCountReported";
                case "url" -> "https://example.org/report";
                default -> field.endsWith("Id") ? "example-" + field.toLowerCase() : "Example " + field;
            };
        }
        if (raw == int.class || raw == Integer.class) {
            return field.equals("cameoCode") ? 161 : 3;
        }
        if (raw == long.class || raw == Long.class) {
            return 3L;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == LocalDate.class) {
            return LocalDate.of(2025, 4, 10);
        }
        if (raw == LocalTime.class) {
            return LocalTime.of(10, 30);
        }
        if (raw == CountryCode.class) {
            return CountryCode.of(
                    switch (field) {
                        case "stateB", "receivingState", "declaredBy", "imposedBy", "decidedBy", "cancelledBy" -> "US";
                        case "power" -> "CH";
                        case "country" -> "TR";
                        default -> "RU";
                    });
        }
        if (raw.isEnum()) {
            // A change of rank is from one kind to another: a legation raised to an embassy.
            return field.equals("previousKind")
                    ? Enum.valueOf(raw.asSubclass(Enum.class), "LEGATION")
                    : raw.getEnumConstants()[0];
        }
        if (raw.isRecord()) {
            return example(raw);
        }
        throw new IllegalStateException("no example value for " + raw + " (" + field + ")");
    }
}
