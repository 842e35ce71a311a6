package org.diplomaticledger.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.Ids;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.Provenance;
import org.diplomaticledger.stream.LedgerCloudEvents;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Writes the JSON Schema (draft 2020-12) of every event type from its record: the types, formats, enums and id
 * patterns from the record's components, the event's description from its javadoc, and each field's description
 * from its row in {@code docs/events.md} (or the record's {@code @param} tags where the catalogue has no table).
 * A field is required when it is a primitive, or when neither description says it may be {@code null}.
 */
final class EventSchemas {

    static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";
    static final Path SCHEMA_DIR = Path.of("src/main/resources/static/schemas");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * A code in the register of states (docs/states.md): ISO alpha-2, a former ISO code (two letters, or one of the
     * four-letter forms of {@link CountryCode#FORMER}), or a ledger code, X and three to seven letters.
     */
    private static final String COUNTRY = "^([A-Z]{2}|"
            + String.join(
                    "|",
                    CountryCode.FORMER.keySet().stream()
                            .filter(code -> code.length() > 2)
                            .sorted()
                            .toList()) + "|X[A-Z]{3,7})$";

    private static final String PRESENCE_ID = "^[A-Z]{2}-[A-Z]{2}$";
    private static final String MISSION_ID = "^[A-Z]{2}-[A-Z]{2}-[A-Z0-9]+(-[A-Z0-9]+)*$";
    /** Client-chosen ids follow {@link Ids#PATTERN}; ids derived from a name (persons) may be longer. */
    private static final String DERIVED_ID = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

    private static final String TALKS_ID = "^[a-z0-9][a-z0-9._-]{0,99}$";

    private static final Map<String, String> ID_PATTERNS = Map.ofEntries(
            Map.entry("presenceId", PRESENCE_ID),
            Map.entry("missionId", MISSION_ID),
            Map.entry("personId", DERIVED_ID),
            Map.entry("predecessorPersonId", DERIVED_ID),
            Map.entry("actingForPersonId", DERIVED_ID),
            Map.entry("expulsionId", Ids.PATTERN),
            Map.entry("answersExpulsionId", Ids.PATTERN),
            Map.entry("ceilingId", Ids.PATTERN),
            Map.entry("replacesCeilingId", Ids.PATTERN),
            Map.entry("talksId", TALKS_ID),
            Map.entry("relationsId", "^RELATIONS-[A-Z]{2}-[A-Z]{2}$"),
            Map.entry("eventType", "^[A-Z][A-Za-z]*$"));

    /** Descriptions of the value records' fields, which have no table of their own in the catalogue. */
    private static final Map<String, String> VALUE_FIELDS = Map.ofEntries(
            Map.entry("Provenance.text", "Who reported the fact, as free text, e.g. \"State Department briefing\""),
            Map.entry("Provenance.url", "The address of the report, http(s); absent when none was given"),
            Map.entry("Venue.city", "The city, as given"),
            Map.entry("Venue.country", "The state the city lies in"),
            Map.entry("Venue.place", "The place itself, e.g. \"Diriyah Palace\"; absent when no source names it"),
            Map.entry("DelegationMember.name", "The person's name"),
            Map.entry("DelegationMember.title", "Their title, e.g. \"Ambassador to the United States\", or absent"),
            Map.entry("DelegationMember.diplomat", "Whether the person is a diplomat"),
            Map.entry(
                    "DelegationMember.personId",
                    "The person's id: the client's, or the lower-case slug of the name; absent when the name has no Latin letters or digits"),
            Map.entry("ProtectingPower.protectedState", "The party whose interests are protected"),
            Map.entry("ProtectingPower.power", "The third state protecting them"),
            Map.entry("ExpelledPerson.personId", "The person declared persona non grata"),
            Map.entry("ExpelledPerson.name", "Their name as recorded at accreditation"),
            Map.entry("ExpelledPerson.missionId", "The mission they were on"),
            Map.entry("ExpelledPerson.category", "The staff category they held"),
            Map.entry("StatePeriod.from", "The first day the state existed in this period"),
            Map.entry(
                    "StatePeriod.until",
                    "The first day it no longer existed (exclusive: its last day is the day before); absent while it exists"));

    private static final Set<String> OPTIONAL_VALUE_FIELDS = Set.of("DelegationMember.personId", "ExpelledPerson.name");

    private final Path root;
    private final String catalogue;

    EventSchemas(Path root) {
        this.root = root;
        try {
            this.catalogue = Files.readString(root.resolve("docs/events.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every event type the ledger stores: the records implementing {@link LedgerEvent}, by name. */
    static List<Class<?>> eventTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(LedgerEvent.class));
        List<Class<?>> types = new ArrayList<>();
        scanner.findCandidateComponents("org.diplomaticledger").forEach(definition -> {
            try {
                Class<?> type = Class.forName(definition.getBeanClassName());
                if (type.isRecord()) {
                    types.add(type);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        });
        types.sort(Comparator.comparing(Class::getSimpleName));
        return types;
    }

    /** The file name of an event type's schema at its current revision, e.g. {@code DiplomatExpelled.v1.json}. */
    static String fileName(Class<?> type) {
        return type.getSimpleName() + ".v" + LedgerCloudEvents.revision(type) + ".json";
    }

    ObjectNode schema(Class<?> type) {
        String name = type.getSimpleName();
        Javadoc javadoc = javadoc(type);
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("$schema", DRAFT);
        schema.put("$id", fileName(type));
        schema.put("title", name + " (revision " + LedgerCloudEvents.revision(type) + ")");
        schema.put(
                "description",
                javadoc.summary()
                        + " Stored as " + LedgerCloudEvents.type(name, LedgerCloudEvents.revision(type))
                        + ". A field left out is null. Consumers must ignore fields they do not know: the ledger may add"
                        + " optional fields to an event without a new revision; any other change is a new revision.");
        schema.put("type", "object");
        ObjectNode defs = JsonNodeFactory.instance.objectNode();
        eventFields(type, schema, defs);
        if (!defs.isEmpty()) {
            schema.set("$defs", sorted(defs));
        }
        return schema;
    }

    /**
     * The properties, required fields and additionalProperties of an event's payload, into {@code node}: for the
     * event's own schema, and for an event held inside another ({@code StatesSeeded.states}).
     */
    private void eventFields(Class<?> type, ObjectNode node, ObjectNode defs) {
        String name = type.getSimpleName();
        Javadoc javadoc = javadoc(type);
        Map<String, String> rows = catalogueRows(name);
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = JsonNodeFactory.instance.arrayNode();
        for (RecordComponent component : type.getRecordComponents()) {
            String field = component.getName();
            String description = rows.getOrDefault(field, javadoc.params().get(field));
            if (description == null) {
                throw new IllegalStateException(name + "." + field
                        + " has no description: give it a row in docs/events.md or an @param in its javadoc");
            }
            ObjectNode property = property(component.getGenericType(), field, defs);
            property.put("description", description);
            properties.set(field, property);
            boolean nullable = description.toLowerCase(Locale.ROOT).contains("null")
                    || description.toLowerCase(Locale.ROOT).contains("optional");
            if (component.getType().isPrimitive() || !nullable) {
                required.add(field);
            }
        }
        node.set("required", required);
        node.put("additionalProperties", true);
    }

    private ObjectNode property(Type type, String field, ObjectNode defs) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            if (Collection.class.isAssignableFrom(raw)) {
                node.put("type", "array");
                node.set("items", property(parameterized.getActualTypeArguments()[0], field, defs));
                if (Set.class.isAssignableFrom(raw)) {
                    node.put("uniqueItems", true);
                }
                return node;
            }
            if (Map.class.isAssignableFrom(raw)) {
                node.put("type", "object");
                return node;
            }
            throw new IllegalStateException("no schema for " + type);
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            node.put("type", "string");
            String pattern = ID_PATTERNS.get(field);
            if (pattern != null) {
                node.put("pattern", pattern);
            } else if (field.equals("eventId")) {
                node.put("minLength", 1);
            }
        } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            node.put("type", "integer");
            if (field.equals("headcount")
                    || field.equals("limit")
                    || field.equals("headcountAtImposition")
                    || field.equals("reductionOwed")) {
                node.put("minimum", 0);
            } else if (field.equals("count")) {
                node.put("minimum", 1);
            } else if (field.equals("cameoCode")) {
                node.put("minimum", 0);
                node.put("maximum", 999);
            }
        } else if (raw == boolean.class || raw == Boolean.class) {
            node.put("type", "boolean");
        } else if (raw == LocalDate.class) {
            node.put("type", "string");
            node.put("format", "date");
        } else if (raw == LocalTime.class) {
            node.put("type", "string");
            node.put("pattern", "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?$");
            node.put("$comment", "ISO local time, HH:MM or HH:MM:SS");
        } else if (raw == CountryCode.class) {
            defs.set("CountryCode", countryCode());
            node.put("$ref", "#/$defs/CountryCode");
        } else if (raw.isEnum()) {
            if (!defs.has(raw.getSimpleName())) {
                ObjectNode def = defs.putObject(raw.getSimpleName());
                def.put("type", "string");
                ArrayNode values = def.putArray("enum");
                Arrays.stream(raw.getEnumConstants()).forEach(c -> values.add(((Enum<?>) c).name()));
            }
            node.put("$ref", "#/$defs/" + raw.getSimpleName());
        } else if (raw.isRecord() && LedgerEvent.class.isAssignableFrom(raw)) {
            if (!defs.has(raw.getSimpleName())) {
                ObjectNode def = defs.putObject(raw.getSimpleName());
                def.put("type", "object");
                def.put("description", javadoc(raw).summary());
                eventFields(raw, def, defs);
            }
            node.put("$ref", "#/$defs/" + raw.getSimpleName());
        } else if (raw.isRecord()) {
            if (!defs.has(raw.getSimpleName())) {
                defs.putObject(raw.getSimpleName()); // placeholder against recursion; filled below
                defs.set(raw.getSimpleName(), valueRecord(raw, defs));
            }
            node.put("$ref", "#/$defs/" + raw.getSimpleName());
        } else {
            throw new IllegalStateException("no schema for " + raw + " (field " + field + ")");
        }
        return node;
    }

    private ObjectNode countryCode() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "string");
        node.put("pattern", COUNTRY);
        node.put(
                "description",
                "A state's code in the register of states: ISO 3166-1 alpha-2 such as US or RU, a former"
                        + " ISO code such as SU, DD or the four-letter CSHH, or the ledger's own code for a state ISO never coded,"
                        + " X and three to seven letters such as XBAV (docs/states.md). The ledger stores no alpha-3 codes");
        return node;
    }

    private ObjectNode valueRecord(Class<?> raw, ObjectNode defs) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "object");
        node.put("description", javadoc(raw).summary());
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = JsonNodeFactory.instance.arrayNode();
        for (RecordComponent component : raw.getRecordComponents()) {
            String key = raw.getSimpleName() + "." + component.getName();
            ObjectNode property = property(component.getGenericType(), component.getName(), defs);
            String description = VALUE_FIELDS.get(key);
            if (description == null) {
                throw new IllegalStateException(key + " has no description in EventSchemas.VALUE_FIELDS");
            }
            property.put("description", description);
            Size size = annotation(raw, component, Size.class);
            if (size != null && component.getType() == String.class) {
                property.put("maxLength", size.max());
            }
            if (raw == Provenance.class && component.getName().equals("url")) {
                property.put("pattern", "^[Hh][Tt][Tt][Pp][Ss]?://");
            }
            properties.set(component.getName(), property);
            boolean annotated = annotation(raw, component, NotNull.class) != null
                    || annotation(raw, component, NotBlank.class) != null
                    || annotation(raw, component, NotEmpty.class) != null;
            boolean unannotatedValue = Arrays.stream(raw.getRecordComponents())
                    .noneMatch(c ->
                            annotation(raw, c, NotNull.class) != null || annotation(raw, c, NotBlank.class) != null);
            if (component.getType().isPrimitive()
                    || annotated
                    || (unannotatedValue && !OPTIONAL_VALUE_FIELDS.contains(key))) {
                required.add(component.getName());
                if (annotation(raw, component, NotBlank.class) != null) {
                    property.put("minLength", 1);
                }
            }
        }
        node.set("required", required);
        node.put("additionalProperties", true);
        return node;
    }

    /** Bean validation annotations do not target record components; the compiler puts them on the field. */
    private static <A extends java.lang.annotation.Annotation> A annotation(
            Class<?> record, RecordComponent component, Class<A> annotation) {
        try {
            return record.getDeclaredField(component.getName()).getAnnotation(annotation);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode sorted(ObjectNode node) {
        ObjectNode sorted = JsonNodeFactory.instance.objectNode();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.stream().sorted().forEach(n -> sorted.set(n, node.get(n)));
        return sorted;
    }

    record Javadoc(String summary, Map<String, String> params) {}

    private Javadoc javadoc(Class<?> type) {
        Path source = root.resolve("src/main/java").resolve(type.getName().replace('.', '/') + ".java");
        String text;
        try {
            text = Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = Pattern.compile(
                        "/\\*\\*(.*?)\\*/\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*public (?:record|enum|final class)",
                        Pattern.DOTALL)
                .matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(type.getSimpleName() + " has no javadoc");
        }
        String body = m.group(1).replaceAll("(?m)^\\s*\\* ?", "");
        String[] parts = body.split("(?m)^\\s*@param\\s+");
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] nameAndText = parts[i].trim().split("\\s+", 2);
            params.put(nameAndText[0], clean(nameAndText.length > 1 ? nameAndText[1] : ""));
        }
        return new Javadoc(clean(parts[0]), params);
    }

    private Map<String, String> catalogueRows(String event) {
        Map<String, String> rows = new LinkedHashMap<>();
        int start = catalogue.indexOf("\n### " + event + "\n");
        if (start < 0) {
            return rows;
        }
        int end = catalogue.indexOf("\n#", start + 5);
        String section = catalogue.substring(start, end < 0 ? catalogue.length() : end);
        Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\| [^|]+ \\| (.+?) \\|\\s*$")
                .matcher(section);
        while (row.find()) {
            rows.put(row.group(1), clean(row.group(2)));
        }
        return rows;
    }

    private static String clean(String text) {
        return text.replaceAll("\\{@(?:code|link) ([^}]*)}", "$1")
                .replaceAll("</?\\w+>", "")
                .replace("`", "")
                .replaceAll("\\s+", " ")
                .trim();
    }
}
