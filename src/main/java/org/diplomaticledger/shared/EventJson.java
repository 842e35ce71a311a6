package org.diplomaticledger.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form events are stored in: dates as ISO strings, null fields left out, unknown fields ignored when
 * reading (so events written by a newer version still read). The event serializer uses it, and so do aggregates
 * when they check a corrected payload, so that a correction is read exactly as the stored event would be.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = newMapper();

    private EventJson() {}

    /** A new mapper with the ledger's event settings. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    /** One shared mapper with those settings (never reconfigured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
