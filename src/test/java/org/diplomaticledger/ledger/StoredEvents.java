package org.diplomaticledger.ledger;

import org.axonframework.serialization.Serializer;

/** The event store's own serializer, as the application configures it, for tests outside this package. */
public final class StoredEvents {

    private StoredEvents() {}

    public static Serializer serializer() {
        return new LedgerConfiguration().eventSerializer();
    }

    public static com.fasterxml.jackson.databind.ObjectMapper objectMapper() {
        return ((org.axonframework.serialization.json.JacksonSerializer) serializer()).getObjectMapper();
    }
}
