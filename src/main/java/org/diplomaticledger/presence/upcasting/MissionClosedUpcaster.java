package org.diplomaticledger.presence.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.diplomaticledger.presence.api.MissionClosed;
import org.springframework.stereotype.Component;

/**
 * Reads {@code MissionClosed} stored as revision 1 as revision 2. Revision 2 only adds the value STATE_SUCCESSION to
 * {@code reason} (a new enum value is a new revision: docs/contract.md), so the payload is kept as stored and only its
 * revision changes, and the ledger emits one revision. The stored row is never changed.
 */
@Component
public class MissionClosedUpcaster extends SingleEventUpcaster {

    static final String TYPE = MissionClosed.class.getName();
    /** Revision 1 was stored without a revision (the class had no {@code @Revision}). */
    static final SimpleSerializedType V1 = new SimpleSerializedType(TYPE, null);
    static final SimpleSerializedType V2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return V1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(V2, JsonNode.class, payload -> payload);
    }
}
