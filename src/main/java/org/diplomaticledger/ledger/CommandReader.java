package org.diplomaticledger.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.LedgerCommand;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a command's JSON into its record, strictly: unknown fields, wrong types, bad country codes and missing
 * required fields are all refused, naming the field. Reading stops at the first field that cannot be read at all
 * (a wrong type, an unknown field); once the JSON reads, every validation error is listed. A missing
 * {@code effectiveDate} means today.
 */
@Component
public class CommandReader {

    private final CommandCatalog catalog;
    private final ObjectMapper objectMapper;
    private final Validator validator;
    private final Clock clock;
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    public CommandReader(CommandCatalog catalog, ObjectMapper objectMapper, Validator validator, Clock clock) {
        this.catalog = catalog;
        this.objectMapper = objectMapper;
        this.validator = validator;
        this.clock = clock;
    }

    public LedgerCommand read(String commandName, byte[] json) {
        Class<? extends LedgerCommand> type = typeOf(commandName);
        JsonNode tree;
        try {
            tree = objectMapper.readTree(json);
        } catch (java.io.IOException e) {
            throw InvalidInput.of(null, "malformed JSON: " + originalMessage(e));
        }
        return read(type, tree);
    }

    public LedgerCommand read(String commandName, JsonNode payload) {
        return read(typeOf(commandName), payload);
    }

    private Class<? extends LedgerCommand> typeOf(String commandName) {
        return catalog.find(commandName).orElseThrow(() -> new InvalidInput(
                "unknown command '" + commandName + "'; known commands: " + String.join(", ", catalog.all().keySet()),
                List.of(new InvalidInput.FieldError("command", "unknown command '" + commandName + "'")), true));
    }

    private LedgerCommand read(Class<? extends LedgerCommand> type, JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw InvalidInput.of(null, "a command is a JSON object");
        }
        ObjectNode payload = ((ObjectNode) tree).deepCopy();
        JsonNode effectiveDate = payload.get("effectiveDate");
        if (effectiveDate == null || effectiveDate.isNull()) {
            payload.put("effectiveDate", LocalDate.now(clock).toString());
        }
        LedgerCommand command;
        try {
            command = readerFor(type).treeToValue(payload, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw describe(e);
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

    private ObjectReader readerFor(Class<?> type) {
        return readers.computeIfAbsent(type, t -> objectMapper.readerFor(t)
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
                message = "cannot read " + quote(format.getValue()) + " as " + describeType(format.getTargetType());
            } else if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                message = "expected " + describeType(mismatch.getTargetType());
            } else {
                message = originalMessage(mapping);
            }
            return new InvalidInput((field == null ? "" : field + ": ") + message,
                    List.of(new InvalidInput.FieldError(field, message)), false);
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
