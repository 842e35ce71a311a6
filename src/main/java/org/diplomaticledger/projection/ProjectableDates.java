package org.diplomaticledger.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.diplomaticledger.history.api.CorrectedHistory;

/**
 * Keeps the dates a projection handler sees within what a SQL date column holds and {@code java.sql.Date} maps
 * exactly. Commands refuse such dates, but events stored before dates were bounded may carry any {@link LocalDate}
 * (from {@code -999999999-01-01} to {@code +999999999-12-31}); such an event is handed to the handler with every
 * date moved to the nearest day of the range, so that it projects instead of stopping its projection. Events whose
 * top-level dates are all in range (all events commands write) pass unchanged, at the cost of a few accessor calls.
 */
final class ProjectableDates {

    /** The earliest day a projection stores: before the Gregorian reform {@code java.sql.Date} shifts days. */
    static final LocalDate FIRST_DAY = LocalDate.of(1600, 1, 2);
    /** The latest day a projection stores, one before the last a four-digit year holds. */
    static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 30);

    private final ObjectMapper mapper;
    private final Map<Class<?>, List<MethodHandle>> dateAccessors = new ConcurrentHashMap<>();

    ProjectableDates(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    static LocalDate clamp(LocalDate day) {
        return day.isBefore(FIRST_DAY) ? FIRST_DAY : day.isAfter(LAST_DAY) ? LAST_DAY : day;
    }

    /** The event itself, or a copy whose payload has its dates moved into range. */
    DomainEventMessage<?> of(DomainEventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload == null || !outOfRange(payload)) {
            return event;
        }
        ObjectNode tree = mapper.valueToTree(payload);
        clampAll(tree);
        return CorrectedHistory.substitute(event, mapper.convertValue(tree, payload.getClass()));
    }

    private boolean outOfRange(Object payload) {
        for (MethodHandle accessor : dateAccessors.computeIfAbsent(payload.getClass(), ProjectableDates::accessors)) {
            try {
                LocalDate day = (LocalDate) accessor.invoke(payload);
                if (day != null && !clamp(day).equals(day)) {
                    return true;
                }
            } catch (Throwable e) {
                throw new IllegalStateException(
                        "cannot read a date of " + payload.getClass().getSimpleName(), e);
            }
        }
        return false;
    }

    private static List<MethodHandle> accessors(Class<?> type) {
        List<MethodHandle> accessors = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getType() == LocalDate.class) {
                    try {
                        accessors.add(MethodHandles.publicLookup().unreflect(component.getAccessor()));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return accessors;
    }

    private static void clampAll(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> names = new ArrayList<>();
            fields.forEachRemaining(field -> names.add(field.getKey()));
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual()) {
                    LocalDate day = parse(value.asText());
                    if (day != null) {
                        object.set(name, TextNode.valueOf(clamp(day).toString()));
                    }
                } else {
                    clampAll(value);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(ProjectableDates::clampAll);
        }
    }

    private static LocalDate parse(String text) {
        if (text.length() < 10 || !Character.isDigit(text.charAt(text.length() - 1))) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }
}
