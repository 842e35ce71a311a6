package org.diplomaticledger.history;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.history.api.EntryRevision;
import org.diplomaticledger.history.api.JudgedRevision;
import org.diplomaticledger.history.api.RevisionRules;
import org.diplomaticledger.shared.EventJson;
import org.diplomaticledger.shared.InputChecks;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.RuleViolation;

/**
 * The rules for corrections and retractions, judged on the history of the aggregate that owns the event named. A
 * pure function of that history: {@link EntryRevisions} reads it, and the aggregate records the result.
 *
 * <p>The rules: the event must be one of this aggregate's; it must not itself be a correction or retraction, nor
 * already retracted. A correction names only fields of the event, changes at least one, leaves the event's identity
 * alone (its ids, its states, and the fields the aggregate declares identifying in its {@link RevisionRules}), and
 * must read as a valid event. A retraction is refused while a later event refers to something the retracted event
 * introduced (a person's accreditation and a later expulsion of that person).
 */
final class EntryRules {

    /** Fields that name states: like ids, they say what a fact is about, and cannot be corrected. */
    private static final Set<String> STATE_FIELDS =
            Set.of("sendingState", "receivingState", "declaredBy", "against", "state", "parties", "stateA", "stateB");

    private EntryRules() {}

    /**
     * The event that records the revision, once every rule holds, with the version it was judged at; throws naming
     * the rule or field otherwise.
     *
     * @param history the aggregate's events in sequence order, as the store hands them out (with or without its
     *                corrections applied: they are applied here again, to the same result)
     */
    static JudgedRevision judge(
            EntryRevision revision, RevisionRules rules, List<? extends DomainEventMessage<?>> history) {
        Set<String> revisions = new HashSet<>();
        Set<String> retracted = new HashSet<>();
        Long version = null;
        for (DomainEventMessage<?> message : history) {
            version = message.getSequenceNumber();
            if (message.getPayload() instanceof EntryCorrected) {
                revisions.add(message.getIdentifier());
            } else if (message.getPayload() instanceof EntryRetracted retraction) {
                revisions.add(message.getIdentifier());
                retracted.add(retraction.eventId());
            }
        }
        String id = revision.eventId();
        if (revisions.contains(id)) {
            throw new RuleViolation(
                    "entry-is-revision",
                    "eventId",
                    "event " + id + " is itself a correction or a "
                            + "retraction; correct or retract the event it revised instead");
        }
        if (retracted.contains(id)) {
            throw new RuleViolation(
                    "entry-retracted",
                    "eventId",
                    "event " + id + " was retracted; a retracted event "
                            + "can be neither corrected nor retracted again (record the fact anew if it did happen)");
        }
        Map<String, Entry> entries = entries(history);
        Entry target = entries.get(id);
        if (target == null) {
            throw new RuleViolation(
                    "unknown-entry", "eventId", "event " + id + " is not in the history of this record");
        }
        LedgerEvent event =
                revision.isRetraction() ? retract(target, entries, revision, rules) : correct(target, revision, rules);
        return new JudgedRevision(event, version);
    }

    /** Every event not retracted, by id, in ledger order, with the payload that holds now. */
    private static Map<String, Entry> entries(List<? extends DomainEventMessage<?>> history) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        history.forEach(message -> {
            Object payload = message.getPayload();
            if (payload instanceof EntryCorrected correction) {
                Entry entry = entries.get(correction.eventId());
                if (entry != null) {
                    entry.payload = EventJson.mapper().convertValue(correction.corrected(), entry.payload.getClass());
                }
            } else if (payload instanceof EntryRetracted retraction) {
                entries.remove(retraction.eventId());
            } else if (payload instanceof LedgerEvent) {
                entries.put(message.getIdentifier(), new Entry(message.getIdentifier(), payload));
            }
        });
        return entries;
    }

    private static EntryRetracted retract(
            Entry target, Map<String, Entry> entries, EntryRevision revision, RevisionRules rules) {
        ObjectMapper mapper = EventJson.mapper();
        JsonNode payload = mapper.valueToTree(target.payload);
        for (String key : rules.introduces().getOrDefault(target.payload.getClass(), List.of())) {
            JsonNode value = payload.get(key);
            if (value == null || !value.isTextual()) {
                continue;
            }
            boolean later = false;
            for (Entry entry : entries.values()) {
                if (entry == target) {
                    later = true;
                } else if (later && mentions(mapper.valueToTree(entry.payload), key, value.asText())) {
                    throw new RuleViolation(
                            "entry-has-dependents",
                            "eventId",
                            "event " + target.eventId + " ("
                                    + target.type() + ") introduced " + key + " " + value.asText()
                                    + ", which the later event "
                                    + entry.eventId + " (" + entry.type() + ") refers to; retract that event first");
                }
            }
        }
        return new EntryRetracted(
                target.eventId,
                target.type(),
                revision.reason(),
                ((LedgerEvent) target.payload).effectiveDate(),
                revision.source());
    }

    private static EntryCorrected correct(Entry target, EntryRevision revision, RevisionRules rules) {
        ObjectMapper mapper = EventJson.mapper();
        Class<?> type = target.payload.getClass();
        Set<String> fields = new LinkedHashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            fields.add(component.getName());
        }
        ObjectNode current = mapper.valueToTree(target.payload);
        Map<String, JsonNode> changes = new TreeMap<>();
        for (Map.Entry<String, Object> change : revision.corrections().entrySet()) {
            if (!fields.contains(change.getKey())) {
                throw new InvalidValueException(
                        "corrections." + change.getKey(),
                        "unknown field of " + target.type() + "; expected one of " + fields);
            }
            changes.put(
                    change.getKey(),
                    change.getValue() == null ? NullNode.getInstance() : mapper.valueToTree(change.getValue()));
        }
        for (Map.Entry<String, JsonNode> change : changes.entrySet()) {
            String key = change.getKey();
            if (identifying(rules, type, key) && !identity(current.get(key)).equals(identity(change.getValue()))
                    || !identifying(rules, type, key)
                            && !identity(key, current.get(key)).equals(identity(key, change.getValue()))) {
                throw new RuleViolation(
                        "identity-not-correctable",
                        "corrections." + key,
                        key + " says what "
                                + target.type() + " " + target.eventId
                                + " is about and cannot be corrected; retract the event "
                                + "and record the right fact instead");
            }
        }
        ObjectNode merged = current.deepCopy();
        changes.forEach(merged::set);
        Object corrected = read(merged, type, changes.keySet(), current, target.type());
        // What a correction changes is input like a command's: its dates within the ledger's time, its text clean.
        // Fields it leaves alone keep what was stored, whatever the rules were then.
        for (RecordComponent component : type.getRecordComponents()) {
            if (changes.containsKey(component.getName())) {
                try {
                    InputChecks.check(
                            "corrections." + component.getName(),
                            component.getAccessor().invoke(corrected),
                            java.time.Clock.systemUTC());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        ObjectNode normalised = mapper.valueToTree(corrected);
        if (normalised.equals(current)) {
            throw new RuleViolation(
                    "correction-changes-nothing",
                    "corrections",
                    "the corrections leave " + target.type() + " " + target.eventId + " as it is");
        }
        LedgerEvent event = (LedgerEvent) corrected;
        if (event.effectiveDate() == null) {
            throw new InvalidValueException("corrections.effectiveDate", "an event keeps an effective date");
        }
        if (event.source() == null
                || event.source().text() == null
                || event.source().text().isBlank()) {
            throw new InvalidValueException("corrections.source", "an event keeps a source with a text");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = mapper.convertValue(normalised, Map.class);
        return new EntryCorrected(
                target.eventId, target.type(), payload, revision.reason(), event.effectiveDate(), revision.source());
    }

    /** Reads the merged payload as its event type; a value that does not read is blamed on the correction that gave it. */
    private static Object read(
            ObjectNode merged, Class<?> type, Set<String> changed, ObjectNode current, String typeName) {
        ObjectMapper mapper = EventJson.mapper();
        try {
            return mapper.treeToValue(merged, type);
        } catch (JsonMappingException | IllegalArgumentException e) {
            String field = null;
            if (e instanceof JsonMappingException mapping
                    && !mapping.getPath().isEmpty()
                    && mapping.getPath().get(0).getFieldName() != null) {
                field = mapping.getPath().get(0).getFieldName();
            }
            if (field == null) {
                // The record refused the combination: find the correction that fails on its own.
                for (String key : changed) {
                    ObjectNode single = current.deepCopy();
                    single.set(key, merged.get(key));
                    try {
                        mapper.treeToValue(single, type);
                    } catch (Exception ignored) {
                        field = key;
                        break;
                    }
                }
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = cause instanceof InvalidValueException
                    ? cause.getMessage()
                    : "not a valid value for " + typeName + ": " + firstLine(e.getMessage());
            throw new InvalidValueException(field == null ? "corrections" : "corrections." + field, message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidValueException("corrections", firstLine(e.getMessage()));
        }
    }

    private static boolean identifying(RevisionRules rules, Class<?> type, String field) {
        return field.endsWith("Id")
                || field.endsWith("Ids")
                || STATE_FIELDS.contains(field)
                || rules.identifies().getOrDefault(type, Set.of()).contains(field);
    }

    /** The identifying parts of a value: the value itself for an identifying field. */
    private static JsonNode identity(JsonNode value) {
        return value == null ? NullNode.getInstance() : value;
    }

    /** The ids and states nested in a value (the persons of an expulsion), in their places; others left out. */
    private static List<String> identity(String path, JsonNode value) {
        List<String> found = new ArrayList<>();
        collect(path, value, found);
        found.sort(null);
        return found;
    }

    private static void collect(String path, JsonNode value, List<String> found) {
        if (value == null) {
            return;
        }
        if (value.isArray()) {
            found.add(path + ".size=" + value.size());
            for (int i = 0; i < value.size(); i++) {
                collect(path + "[" + i + "]", value.get(i), found);
            }
        } else if (value.isObject()) {
            value.fields().forEachRemaining(field -> {
                String name = field.getKey();
                if (name.endsWith("Id") || name.endsWith("Ids") || STATE_FIELDS.contains(name)) {
                    found.add(path + "." + name + "=" + field.getValue());
                } else {
                    collect(path + "." + name, field.getValue(), found);
                }
            });
        }
    }

    /** Whether a payload names the value under the field, or under a field ending in it (replacesCeilingId), at any depth. */
    private static boolean mentions(JsonNode node, String key, String value) {
        String suffix = Character.toUpperCase(key.charAt(0)) + key.substring(1);
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String name = field.getKey();
                JsonNode child = field.getValue();
                if ((name.equals(key) || name.endsWith(suffix))
                        && child.isTextual()
                        && child.asText().equals(value)) {
                    return true;
                }
                if ((name.equals(key + "s") || name.endsWith(suffix + "s")) && child.isArray()) {
                    for (JsonNode element : child) {
                        if (element.isTextual() && element.asText().equals(value)) {
                            return true;
                        }
                    }
                }
                if (mentions(child, key, value)) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (mentions(element, key, value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static final class Entry {
        private final String eventId;
        private Object payload;

        Entry(String eventId, Object payload) {
            this.eventId = eventId;
            this.payload = payload;
        }

        String type() {
            return payload.getClass().getSimpleName();
        }
    }
}
