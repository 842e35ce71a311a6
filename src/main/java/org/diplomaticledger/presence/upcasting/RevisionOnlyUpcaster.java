package org.diplomaticledger.presence.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads an event stored under one revision as the next, keeping its payload as stored: for a revision that only
 * adds a value to an enum (a new enum value is a new revision: docs/contract.md). The ledger then emits one revision
 * of each event. The event store applies it to every read; the stored row is never changed, and a correction of an
 * event of the older revision carries a payload of the same shape and needs nothing.
 */
abstract class RevisionOnlyUpcaster extends SingleEventUpcaster {

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;

    /** {@code from} null: the revision stored before the class had a {@code @Revision}. */
    RevisionOnlyUpcaster(Class<?> type, String from, String to) {
        this.from = new SimpleSerializedType(type.getName(), from);
        this.to = new SimpleSerializedType(type.getName(), to);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return from.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, payload -> payload);
    }
}
