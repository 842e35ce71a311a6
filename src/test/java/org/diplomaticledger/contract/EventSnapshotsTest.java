package org.diplomaticledger.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.diplomaticledger.ledger.StoredEvents;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.stream.LedgerCloudEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(file).as("snapshot of " + type.getSimpleName() + "; write it with -Dsnapshots.update=true").exists();
        assertThat(actual).as("stored JSON of " + type.getSimpleName()
                        + " changed; if deliberate, make it a new revision and update with -Dsnapshots.update=true")
                .isEqualTo(Files.readString(file));
        Object read = serializer.deserialize(new SimpleSerializedObject<>(Files.readString(file)
                .getBytes(StandardCharsets.UTF_8), byte[].class, stored.getType()));
        assertThat(read).as("the snapshot read back").isEqualTo(example);
    }

    /** A fixed, deterministic instance: the same values for the same field names in every event. */
    static Object example(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i].getGenericType(), components[i].getName());
        }
        return type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                .toArray(Class<?>[]::new)).newInstance(values);
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
            return 3;
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
            return CountryCode.of("RU");
        }
        if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        }
        if (raw.isRecord()) {
            return example(raw);
        }
        throw new IllegalStateException("no example value for " + raw + " (" + field + ")");
    }
}
