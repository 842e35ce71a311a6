package org.diplomaticledger.ledger.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The examples of the OpenAPI description, kept as JSON under {@value #FOLDER} instead of in the controllers'
 * annotations (real answers of the demo ledger, too long to read inside Java).
 * <ul>
 *     <li>{@value #SHARED} holds the problems many operations answer alike (a bad query parameter, 401, 403, a
 *     projection behind): they become {@code components/examples}, and the operations refer to them by name
 *     ({@code #/components/examples/forbidden}).</li>
 *     <li>Every other file holds the examples of one controller's operations, placed as in the description:
 *     {@code operationId} (several, comma-separated, when they answer alike), status, media type, example name, and
 *     an OpenAPI Example Object: {@code value} and optionally {@code summary}, or a {@code $ref} to a shared one.
 *     As springdoc does for the examples of annotations, an example's {@code description} is its name.</li>
 * </ul>
 * The operation's annotations declare its responses (with their descriptions); a file adds a media type to a
 * response where needed, but never a response. An example for an operation or a response the description does not
 * have fails the description, so that an example cannot outlive what it shows.
 */
@Configuration(proxyBeanMethods = false)
class ExamplesOpenApi {

    static final String FOLDER = "openapi/examples/";
    static final String SHARED = "problems.json";

    private static final Set<String> EXAMPLE_FIELDS = Set.of("value", "summary", "$ref");

    /** Operation id to status to media type to example name: the examples of every operation that has some. */
    private final Map<String, Map<String, Map<String, Map<String, Example>>>> byOperation = new LinkedHashMap<>();

    private final Map<String, Example> shared;

    ExamplesOpenApi(ObjectMapper objectMapper) throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:" + FOLDER + "*.json");
        Map<String, Example> sharedExamples = null;
        for (Resource file : files) {
            JsonNode content = read(file, objectMapper);
            if (SHARED.equals(file.getFilename())) {
                sharedExamples = examples(content, file.getFilename());
            } else {
                content.fields().forEachRemaining(operations -> {
                    for (String operationId : operations.getKey().split(",")) {
                        if (byOperation.put(operationId.trim(), responses(operations.getValue(), file.getFilename()))
                                != null) {
                            throw new IllegalStateException(
                                    file.getFilename() + ": examples of " + operationId.trim() + " are given twice");
                        }
                    }
                });
            }
        }
        if (sharedExamples == null) {
            throw new IllegalStateException("no " + FOLDER + SHARED + " on the classpath");
        }
        this.shared = sharedExamples;
    }

    /**
     * Before {@code ResponsesOpenApi.sharedResponses}, which types the problem bodies a file may have added and
     * refers 401 to the shared example.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 1)
    OpenApiCustomizer examples() {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            shared.forEach(components::addExamples);
            Set<String> unused = new TreeSet<>(byOperation.keySet());
            if (openApi.getPaths() != null) {
                openApi.getPaths()
                        .values()
                        .forEach(path -> path.readOperations().forEach(operation -> {
                            if (unused.remove(operation.getOperationId())) {
                                place(operation, byOperation.get(operation.getOperationId()));
                            }
                        }));
            }
            if (!unused.isEmpty()) {
                throw new IllegalStateException(
                        FOLDER + " has examples of operations the API does not have: " + unused);
            }
        };
    }

    private static void place(Operation operation, Map<String, Map<String, Map<String, Example>>> responses) {
        responses.forEach((status, media) -> {
            ApiResponse response = operation.getResponses() == null
                    ? null
                    : operation.getResponses().get(status);
            if (response == null) {
                throw new IllegalStateException(FOLDER + " has examples of a response " + status + " that "
                        + operation.getOperationId() + " does not declare");
            }
            if (response.getContent() == null) {
                response.setContent(new Content());
            }
            media.forEach((type, examples) -> response.getContent()
                    .computeIfAbsent(type, any -> new MediaType())
                    .setExamples(new LinkedHashMap<>(examples)));
        });
    }

    private static Map<String, Map<String, Map<String, Example>>> responses(JsonNode byStatus, String file) {
        Map<String, Map<String, Map<String, Example>>> responses = new LinkedHashMap<>();
        byStatus.fields().forEachRemaining(status -> {
            Map<String, Map<String, Example>> media = new LinkedHashMap<>();
            status.getValue()
                    .fields()
                    .forEachRemaining(type -> media.put(type.getKey(), examples(type.getValue(), file)));
            responses.put(status.getKey(), media);
        });
        return responses;
    }

    private static Map<String, Example> examples(JsonNode byName, String file) {
        Map<String, Example> examples = new LinkedHashMap<>();
        byName.fields()
                .forEachRemaining(
                        named -> examples.put(named.getKey(), example(named.getKey(), named.getValue(), file)));
        return examples;
    }

    private static Example example(String name, JsonNode node, String file) {
        node.fieldNames().forEachRemaining(field -> {
            if (!EXAMPLE_FIELDS.contains(field)) {
                throw new IllegalStateException(
                        file + ": example " + name + " has '" + field + "', not one of " + EXAMPLE_FIELDS);
            }
        });
        if (node.has("$ref")) {
            return new Example().$ref(node.get("$ref").asText());
        }
        if (!node.has("value")) {
            throw new IllegalStateException(file + ": example " + name + " has no value");
        }
        JsonNode value = node.get("value");
        return new Example()
                .summary(node.path("summary").textValue())
                .description(name)
                .value(value.isTextual() ? value.textValue() : value);
    }

    private static JsonNode read(Resource file, ObjectMapper objectMapper) {
        try (InputStream in = file.getInputStream()) {
            return objectMapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(FOLDER + file.getFilename() + " is not JSON", e);
        }
    }
}
