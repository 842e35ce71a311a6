package org.diplomaticledger.relations.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.diplomaticledger.relations.api.RelationsLevelChanged;
import org.springframework.stereotype.Component;

/**
 * Reads {@code RelationsLevelChanged} stored as revision 1 as revision 2: the positional {@code protectingPowerOfA}
 * and {@code protectingPowerOfB} become {@code protectingPowers}, a list of {@code {"protectedState", "power"}} that
 * names the protected state ({@code stateA}, then {@code stateB}), empty when neither was given. Everything else is
 * kept as stored. The corrected payload of an {@code EntryCorrected} of this event, recorded in revision 1's shape,
 * is upcast the same way. The event store applies it to every read, so aggregates, projection replays and the stream see
 * revision 2 only; the stored row is never changed.
 */
@Component
public class RelationsLevelChangedUpcaster extends SingleEventUpcaster {

    static final String TYPE = RelationsLevelChanged.class.getName();
    /** Revision 1 was stored without a revision (the class had no {@code @Revision}). */
    static final SimpleSerializedType V1 = new SimpleSerializedType(TYPE, null);

    static final SimpleSerializedType V2 = new SimpleSerializedType(TYPE, "2");
    /** EntryCorrected, by name: its corrected payload of this event is upcast too. */
    static final String CORRECTION = "org.diplomaticledger.history.api.EntryCorrected";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return V1.equals(representation.getType()) || correctsRevision1(representation);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        if (V1.equals(representation.getType())) {
            return representation.upcastPayload(V2, JsonNode.class, RelationsLevelChangedUpcaster::toRevision2);
        }
        // A correction recorded while revision 1 was current carries the corrected event in revision 1's shape.
        return representation.upcastPayload(representation.getType(), JsonNode.class, correction -> {
            ObjectNode upcast = ((ObjectNode) correction).deepCopy();
            upcast.set("corrected", toRevision2(correction.get("corrected")));
            return upcast;
        });
    }

    private static boolean correctsRevision1(IntermediateEventRepresentation representation) {
        if (!CORRECTION.equals(representation.getType().getName())) {
            return false;
        }
        JsonNode correction = representation.getData(JsonNode.class).getData();
        JsonNode corrected = correction.get("corrected");
        return "RelationsLevelChanged".equals(correction.path("eventType").asText())
                && corrected != null
                && corrected.isObject()
                && !corrected.has("protectingPowers");
    }

    /** The revision 2 payload of a revision 1 payload. */
    static JsonNode toRevision2(JsonNode revision1) {
        ObjectNode payload = ((ObjectNode) revision1).deepCopy();
        JsonNode powerOfA = payload.remove("protectingPowerOfA");
        JsonNode powerOfB = payload.remove("protectingPowerOfB");
        ArrayNode powers = payload.arrayNode();
        addPower(powers, payload.get("stateA"), powerOfA);
        addPower(powers, payload.get("stateB"), powerOfB);
        // Keep the field order of revision 2, where protectingPowers follows reason.
        ObjectNode ordered = payload.objectNode();
        payload.fields().forEachRemaining(field -> {
            if (field.getKey().equals("effectiveDate")) {
                ordered.set("protectingPowers", powers);
            }
            ordered.set(field.getKey(), field.getValue());
        });
        if (!ordered.has("protectingPowers")) {
            ordered.set("protectingPowers", powers);
        }
        return ordered;
    }

    private static void addPower(ArrayNode powers, JsonNode protectedState, JsonNode power) {
        if (power != null && !power.isNull()) {
            powers.addObject().set("protectedState", protectedState);
            ((ObjectNode) powers.get(powers.size() - 1)).set("power", power);
        }
    }
}
