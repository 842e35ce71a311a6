package org.diplomaticledger.ledger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.diplomaticledger.shared.DatedByItsFields;
import org.diplomaticledger.shared.InputChecks;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.LedgerCommand;
import org.springframework.stereotype.Component;

/**
 * Turns a command's JSON into its record, strictly: unknown fields, wrong types, bad country codes and missing
 * required fields are all refused, naming the field. Reading stops at the first field that cannot be read at all
 * (a wrong type, an unknown field); once the JSON reads, every validation error is listed. A missing
 * {@code effectiveDate} means today.
 *
 * <p>Types are exact: a number field takes a JSON integer (not {@code 1.5}, {@code "12"} or {@code 1e300}), a text
 * field a JSON string (not {@code true} or {@code 12}), a flag a JSON boolean, a date a string {@code YYYY-MM-DD}
 * and nothing else (no number, no spaces, no time). This is Jackson's own coercion configuration, on a copy of the
 * web layer's mapper used for commands only: events are stored and read by their own mapper ({@code EventJson}),
 * which stays as lenient as it was, so that what was stored before still loads. Every date must lie in
 * {@link LedgerTime}'s span and every text pass {@link org.diplomaticledger.shared.InputText}; no array or object in a
 * command may hold more than {@code ledger.limits.command-elements} (1000) entries.
 */
@Component
public class CommandReader {

    private final CommandCatalog catalog;
    private final ObjectMapper objectMapper;
    private final Validator validator;
    private final Clock clock;
    private final int maxElements;
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    public CommandReader(
            CommandCatalog catalog,
            ObjectMapper objectMapper,
            Validator validator,
            Clock clock,
            LedgerProperties properties) {
        int maxElements = properties.limits().commandElements();
        this.catalog = catalog;
        this.objectMapper = strict(objectMapper);
        this.validator = validator;
        this.clock = clock;
        this.maxElements = maxElements;
    }

    /** The command mapper: the web layer's, with every scalar coercion Jackson knows turned off. */
    static ObjectMapper strict(ObjectMapper web) {
        ObjectMapper mapper = web.copy();
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        mapper.disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
        // Of the shapes JSON has, a number or a boolean is never read as anything but itself (not as text, a date,
        // or the other); a string is never read as a number or flag (ALLOW_COERCION_OF_SCALARS above).
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("strict-dates")
                .addDeserializer(
                        LocalDate.class,
                        new StrictIso<>(LocalDate.class, DATE, LocalDate::parse, "a date as YYYY-MM-DD"))
                .addDeserializer(
                        LocalTime.class, new StrictIso<>(LocalTime.class, TIME, LocalTime::parse, "a time as HH:MM")));
        return mapper;
    }

    private static final Pattern DATE = Pattern.compile("[+-]?\\d{4,9}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");

    /**
     * A date or time only as the exact ISO text: Jackson's own deserializers trim spaces and read arrays
     * ({@code [2021,1,1]}), numbers and instants into a date, which a ledger of record must not guess at.
     */
    private static final class StrictIso<T> extends StdScalarDeserializer<T> {
        private final Pattern form;
        private final java.util.function.Function<String, T> parse;
        private final String expected;

        StrictIso(Class<T> type, Pattern form, java.util.function.Function<String, T> parse, String expected) {
            super(type);
            this.form = form;
            this.parse = parse;
            this.expected = expected;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws java.io.IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (T) ctxt.handleUnexpectedToken(handledType(), p);
            }
            String text = p.getText();
            if (form.matcher(text).matches()) {
                try {
                    return parse.apply(text);
                } catch (java.time.DateTimeException e) {
                    // not a day of the calendar (2021-02-30): reported below
                }
            }
            throw InvalidFormatException.from(p, "expected " + expected + ", not '" + text + "'", text, handledType());
        }
    }

    public LedgerCommand read(String commandName, byte[] json) {
        Class<? extends LedgerCommand> type = typeOf(commandName);
        JsonNode tree;
        try {
            tree = objectMapper.readTree(json);
        } catch (java.io.IOException e) {
            throw InvalidInput.of(null, "malformed JSON: " + originalMessage(e));
        }
        return read(type, tree, true);
    }

    public LedgerCommand read(String commandName, JsonNode payload) {
        return read(typeOf(commandName), payload, false);
    }

    private Class<? extends LedgerCommand> typeOf(String commandName) {
        return catalog.find(commandName)
                .orElseThrow(() -> new InvalidInput(
                        "unknown command '" + commandName + "'; known commands: "
                                + String.join(", ", catalog.all().keySet()),
                        List.of(new InvalidInput.FieldError("command", "unknown command '" + commandName + "'")),
                        true));
    }

    /** {@code owned}: the tree was parsed here for this call alone, so it may be completed in place. */
    private LedgerCommand read(Class<? extends LedgerCommand> type, JsonNode tree, boolean owned) {
        if (tree == null || !tree.isObject()) {
            throw InvalidInput.of(null, "a command is a JSON object");
        }
        tooLarge(null, tree);
        ObjectNode payload = (ObjectNode) tree;
        JsonNode effectiveDate = payload.get("effectiveDate");
        if ((effectiveDate == null || effectiveDate.isNull()) && !DatedByItsFields.class.isAssignableFrom(type)) {
            if (!owned) {
                payload = payload.deepCopy();
            }
            payload.put("effectiveDate", LocalDate.now(clock).toString());
        }
        LedgerCommand command;
        try {
            command = readerFor(type).treeToValue(payload, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw describe(e);
        }
        try {
            InputChecks.check(null, command, clock);
        } catch (InvalidValueException invalid) {
            throw InvalidInput.of(invalid.field(), invalid.getMessage());
        }
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<LedgerCommand> violation : validator.validate(command)) {
            errors.add(new InvalidInput.FieldError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(InvalidInput.FieldError::field));
            throw new InvalidInput(summary(errors), errors, false);
        }
        return command;
    }

    /** Refuses an array or object with more entries than a command needs, naming where it is. */
    private void tooLarge(String path, JsonNode node) {
        if (node.isContainerNode()) {
            if (node.size() > maxElements) {
                throw InvalidInput.of(
                        path,
                        "holds " + node.size() + " entries; a command holds at most " + maxElements
                                + " in any array or object (ledger.limits.command-elements)");
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    tooLarge((path == null ? "" : path) + "[" + i + "]", node.get(i));
                }
            } else {
                var fields = node.fields();
                while (fields.hasNext()) {
                    var field = fields.next();
                    tooLarge(path == null ? field.getKey() : path + "." + field.getKey(), field.getValue());
                }
            }
        }
    }

    private ObjectReader readerFor(Class<?> type) {
        return readers.computeIfAbsent(
                type,
                t -> objectMapper
                        .readerFor(t)
                        .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .with(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
    }

    private static String summary(List<InvalidInput.FieldError> errors) {
        StringBuilder text = new StringBuilder();
        for (InvalidInput.FieldError error : errors) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(error.field()).append(": ").append(error.message());
        }
        return text.toString();
    }

    private static InvalidInput describe(Exception e) {
        if (e instanceof JsonMappingException mapping) {
            String field = path(mapping);
            String message;
            Throwable cause = mapping.getCause();
            if (cause instanceof InvalidValueException invalid) {
                message = invalid.getMessage();
            } else if (mapping instanceof ValueInstantiationException && cause != null && cause.getMessage() != null) {
                message = cause.getMessage();
            } else if (mapping instanceof UnrecognizedPropertyException unknown) {
                field = path(mapping);
                message = "unknown field; expected one of " + unknown.getKnownPropertyIds();
            } else if (mapping instanceof InvalidFormatException format) {
                message = (format.getValue() instanceof String ? "" : "a JSON " + jsonKind(format.getValue()) + " ")
                        + "cannot be read as " + describeType(format.getTargetType()) + ": got "
                        + quote(format.getValue());
            } else if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                message = "expected " + describeType(mismatch.getTargetType());
            } else {
                message = originalMessage(mapping);
            }
            return new InvalidInput(
                    (field == null ? "" : field + ": ") + message,
                    List.of(new InvalidInput.FieldError(field, message)),
                    false);
        }
        if (e instanceof com.fasterxml.jackson.core.exc.InputCoercionException coercion) {
            String field =
                    coercion.getProcessor() != null && coercion.getProcessor().getParsingContext() != null
                            ? coercion.getProcessor().getParsingContext().getCurrentName()
                            : null;
            return InvalidInput.of(field, "the number is out of range for " + describeType(coercion.getTargetType()));
        }
        if (e.getCause() instanceof InvalidValueException invalid) {
            return InvalidInput.of(null, invalid.getMessage());
        }
        return InvalidInput.of(null, "malformed JSON: " + originalMessage(e));
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static String describeType(Class<?> type) {
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder();
            for (Object constant : type.getEnumConstants()) {
                values.append(values.isEmpty() ? "" : ", ").append(constant);
            }
            return "one of " + values;
        }
        if (type == LocalDate.class) {
            return "a date as YYYY-MM-DD";
        }
        if (type == java.time.LocalTime.class) {
            return "a time as HH:MM";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a " + type.getSimpleName() + " object";
    }

    private static String jsonKind(Object value) {
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Number) {
            return "number";
        }
        return "value";
    }

    private static String quote(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }

    private static String originalMessage(Exception e) {
        if (e instanceof JsonProcessingException processing) {
            return processing.getOriginalMessage();
        }
        return e.getMessage();
    }
}
