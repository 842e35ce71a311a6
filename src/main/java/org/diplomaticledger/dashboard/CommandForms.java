package org.diplomaticledger.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.diplomaticledger.ledger.CommandCatalog;
import org.diplomaticledger.ledger.CommandDocs;
import org.diplomaticledger.shared.AdminCommand;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerCommand;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springframework.stereotype.Component;

/**
 * The clerk's command forms, generated from each command's JSON Schema: the schema the OpenAPI description publishes
 * for it ({@code POST /api/v1/commands/{CommandName}}), made by the same generator (swagger-core's
 * {@link ModelConverters}, as springdoc configures it) from the command's record. Each property becomes a field by
 * its type: text, a date, an integer, a choice among an enum's values, a flag, a group of fields for a nested object
 * ({@code source}, {@code venue}), a list for an array of strings (one per line), and JSON for what has no fixed
 * shape (an array of objects, {@code corrections}). The schema's {@code required} marks the required fields.
 *
 * <p>The commands only ADMIN may send ({@link AdminCommand}) have no form: the forms are a clerk's.
 */
@Component
class CommandForms {

    static final String TEXT = "text",
            LONG_TEXT = "long-text",
            DATE = "date",
            INTEGER = "integer",
            CHOICE = "choice",
            FLAG = "flag",
            OPTIONAL_FLAG = "optional-flag",
            GROUP = "group",
            LIST = "list",
            JSON = "json";

    /** Texts longer than this get a text area. */
    private static final int LONG = 500;

    /** The group each capability's commands are listed under, by the capability's package. */
    private static final Map<String, String> GROUPS = Map.of(
            "presence", "Missions, staff and heads of mission",
            "relations", "Relations between states",
            "talks", "Talks",
            "history", "Corrections to earlier entries");

    /** A field of a form: {@code path} is where its value goes in the command's JSON ({@code source.text}). */
    record Field(
            String path,
            String id,
            String label,
            String kind,
            boolean required,
            List<String> options,
            Integer maxLength,
            String hint,
            List<Field> children) {

        public String errorId() {
            return "error-" + id.substring("field-".length());
        }

        public String hintId() {
            return "hint-" + id.substring("field-".length());
        }

        /** The ids a screen reader reads with the field: its hint, and its error once there is one. */
        public String describedBy() {
            return hint == null ? errorId() : hintId() + " " + errorId();
        }
    }

    /** A command's form. {@code affected}: the capability whose pages show what it records. */
    record Form(String command, String description, String group, String affected, List<Field> fields) {}

    record Entry(String command, String description) {}

    record Group(String title, List<Entry> commands) {}

    private final Map<String, Form> forms = new TreeMap<>();
    private final List<Group> groups;

    CommandForms(CommandCatalog catalog, SpringDocConfigProperties springdoc, ObjectMapper objectMapper) {
        ModelConverters converters = ModelConverters.getInstance(springdoc.isOpenapi31());
        Properties descriptions = CommandDocs.descriptions();
        Map<String, JsonNode> examples = CommandDocs.examples(objectMapper);
        Map<String, List<Entry>> grouped = new TreeMap<>();
        catalog.all().forEach((name, type) -> {
            if (AdminCommand.class.isAssignableFrom(type)) {
                return;
            }
            ResolvedSchema resolved = converters.readAllAsResolvedSchema(new AnnotatedType(type));
            Map<String, Schema> referenced = resolved.referencedSchemas == null ? Map.of() : resolved.referencedSchemas;
            String capability = capability(type);
            String group = GROUPS.getOrDefault(capability, capitalised(capability));
            String description = descriptions.getProperty(name, "");
            JsonNode example = examples.get(name);
            List<Field> fields = fields(resolved.schema, type, "", true, referenced, example);
            forms.put(name, new Form(name, description, group, capability, fields));
            grouped.computeIfAbsent(group, g -> new ArrayList<>()).add(new Entry(name, description));
        });
        List<Group> list = new ArrayList<>();
        grouped.forEach((title, entries) -> list.add(new Group(title, List.copyOf(entries))));
        this.groups = List.copyOf(list);
    }

    /** The commands a clerk may send, by group. */
    List<Group> groups() {
        return groups;
    }

    Optional<Form> form(String command) {
        return Optional.ofNullable(command).map(forms::get);
    }

    private static List<Field> fields(
            Schema<?> schema,
            Class<?> type,
            String prefix,
            boolean parentRequired,
            Map<String, Schema> referenced,
            JsonNode example) {
        List<Field> fields = new ArrayList<>();
        if (schema == null || schema.getProperties() == null) {
            return fields;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Type> components = components(type);
        // The record's order (sending state before receiving state), not the schema's alphabetical one.
        Map<String, Schema> properties = new LinkedHashMap<>();
        components.keySet().stream()
                .filter(schema.getProperties()::containsKey)
                .forEach(name -> properties.put(name, schema.getProperties().get(name)));
        schema.getProperties().forEach(properties::putIfAbsent);
        properties.forEach((name, property) -> {
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            boolean isRequired = parentRequired && required.contains(name);
            Type javaType = components.get(name);
            fields.add(field(path, name, property, javaType, isRequired, referenced, example));
        });
        return fields;
    }

    private static Field field(
            String path,
            String name,
            Schema<?> property,
            Type javaType,
            boolean required,
            Map<String, Schema> referenced,
            JsonNode example) {
        String id = "field-" + path.replace('.', '-');
        String label = label(name);
        Schema<?> target = deref(property, referenced);
        String type = type(target);
        String exampleHint = exampleOf(example, path);
        if (property.get$ref() != null || "object".equals(type) && target.getProperties() != null) {
            Class<?> nested = javaType instanceof Class<?> c ? c : null;
            List<Field> children = fields(target, nested, path, required, referenced, example);
            return new Field(path, id, label, GROUP, required, List.of(), null, null, children);
        }
        if (target.getEnum() != null && !target.getEnum().isEmpty()) {
            List<String> options =
                    target.getEnum().stream().map(String::valueOf).toList();
            return new Field(path, id, label, CHOICE, required, options, null, null, List.of());
        }
        if ("array".equals(type)) {
            Schema<?> items = deref(target.getItems(), referenced);
            String itemType = type(items);
            if (target.getItems() != null && target.getItems().get$ref() == null && !"object".equals(itemType)) {
                boolean states = CountryCode.class.equals(elementType(javaType));
                String hint = "One per line" + (states ? ", each a state's code (alpha-2 such as TR, or alpha-3)" : "")
                        + (exampleHint == null ? "." : "; e.g. " + exampleHint + ".");
                return new Field(path, id, label, LIST, required, List.of(), null, hint, List.of());
            }
            return new Field(
                    path,
                    id,
                    label,
                    JSON,
                    required,
                    List.of(),
                    null,
                    "A JSON array of objects, each with " + shape(items)
                            + (exampleHint == null ? "." : "; e.g. " + exampleHint),
                    List.of());
        }
        if ("object".equals(type)) {
            return new Field(
                    path,
                    id,
                    label,
                    JSON,
                    required,
                    List.of(),
                    null,
                    "A JSON object" + (exampleHint == null ? "." : ", e.g. " + exampleHint),
                    List.of());
        }
        if ("boolean".equals(type)) {
            return new Field(
                    path, id, label, required ? FLAG : OPTIONAL_FLAG, required, List.of(), null, null, List.of());
        }
        if ("integer".equals(type)) {
            return new Field(path, id, label, INTEGER, required, List.of(), null, eg(exampleHint), List.of());
        }
        if ("date".equals(target.getFormat())) {
            if (path.equals("effectiveDate")) {
                // The schema requires it, but the ledger reads a command without one as of today (CommandReader).
                return new Field(
                        path,
                        id,
                        label,
                        DATE,
                        false,
                        List.of(),
                        null,
                        "The day it took effect in the world; empty: today.",
                        List.of());
            }
            return new Field(path, id, label, DATE, required, List.of(), null, null, List.of());
        }
        String hint = CountryCode.class.equals(javaType)
                ? "A state's code: alpha-2 such as TR, or alpha-3 such as TUR."
                : eg(exampleHint);
        Integer max = target.getMaxLength();
        // An address is one line, however long it may be.
        boolean long_ = max != null && max > LONG && !name.equals("url");
        return new Field(path, id, label, long_ ? LONG_TEXT : TEXT, required, List.of(), max, hint, List.of());
    }

    private static String eg(String example) {
        return example == null ? null : "e.g. " + example;
    }

    /** What an object's properties are, for a hint: {@code name (required), title, diplomat (true or false, required)}. */
    private static String shape(Schema<?> schema) {
        if (schema == null || schema.getProperties() == null) {
            return "its fields";
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        List<String> parts = new ArrayList<>();
        schema.getProperties()
                .forEach((name, property) -> parts.add(name
                        + ("boolean".equals(type(property)) ? " (true or false)" : "")
                        + (required.contains(name) ? " (required)" : "")));
        return String.join(", ", parts);
    }

    private static Schema<?> deref(Schema<?> schema, Map<String, Schema> referenced) {
        if (schema != null && schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            Schema<?> target = referenced.get(name);
            return target == null ? schema : target;
        }
        return schema;
    }

    /** The schema's type, whether written as OpenAPI 3.0's {@code type} or 3.1's {@code types}. */
    private static String type(Schema<?> schema) {
        if (schema == null) {
            return null;
        }
        if (schema.getType() != null) {
            return schema.getType();
        }
        return schema.getTypes() == null
                ? null
                : schema.getTypes().stream()
                        .filter(t -> !"null".equals(t))
                        .findFirst()
                        .orElse(null);
    }

    private static Map<String, Type> components(Class<?> type) {
        Map<String, Type> components = new LinkedHashMap<>();
        if (type != null && type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                components.put(component.getName(), component.getGenericType());
            }
        }
        return components;
    }

    private static Type elementType(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length == 1) {
            return parameterized.getActualTypeArguments()[0];
        }
        return null;
    }

    /** The example's value at the path (the examples the OpenAPI description shows), as compact text. */
    private static String exampleOf(JsonNode example, String path) {
        if (example == null) {
            return null;
        }
        JsonNode node = example.at("/" + path.replace('.', '/'));
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isArray() && node.size() > 0 && node.get(0).isValueNode()) {
            List<String> values = new ArrayList<>();
            node.forEach(value -> values.add(value.asText()));
            return String.join(", ", values);
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** {@code sendingState} → "Sending state"; {@code missionId} → "Mission ID"; {@code url} → "URL". */
    static String label(String name) {
        StringBuilder label = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c) && !label.isEmpty()) {
                label.append(' ').append(Character.toLowerCase(c));
            } else {
                label.append(label.isEmpty() ? Character.toUpperCase(c) : c);
            }
        }
        String text = label.toString().replaceAll("\\b[Ii]d\\b", "ID").replaceAll("\\b[Uu]rl\\b", "URL");
        return text;
    }

    private static String capability(Class<? extends LedgerCommand> type) {
        String pkg = type.getPackageName();
        String root = "org.diplomaticledger.";
        String rest = pkg.startsWith(root) ? pkg.substring(root.length()) : pkg;
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
