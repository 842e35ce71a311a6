package org.diplomaticledger.stream.web;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * The OpenAPI description's {@value #CLOUD_EVENT} schema, which the event pages' items refer to: the published
 * envelope {@code /schemas/LedgerCloudEvent.v1.json} itself (a JSON Schema 2020-12, as OpenAPI 3.1 schemas are), so
 * that the API and the event contract cannot drift apart.
 */
@Configuration(proxyBeanMethods = false)
class StreamOpenApi {

    static final String CLOUD_EVENT = "CloudEvent";
    static final String CLOUD_EVENT_REF = "#/components/schemas/" + CLOUD_EVENT;
    static final String ENVELOPE = "static/schemas/LedgerCloudEvent.v1.json";

    @Bean
    OpenApiCustomizer cloudEventSchema() {
        Schema<?> envelope = envelope();
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(CLOUD_EVENT, envelope);
        };
    }

    static Schema<?> envelope() {
        try (InputStream in = new ClassPathResource(ENVELOPE).getInputStream()) {
            Schema<?> schema = Json31.mapper().readValue(in, Schema.class);
            schema.set$schema(null);
            schema.set$id(null);
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
