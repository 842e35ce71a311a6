package org.diplomaticledger.ledger.web;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.diplomaticledger.projection.ReadDocs;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpEntity;

/**
 * What every answer of the API has in common, said once for the whole OpenAPI description instead of in each
 * controller:
 * <ul>
 *     <li>a 2xx JSON answer is described by the schema of the type its handler returns (a read declares only its
 *     examples; springdoc leaves the schema out of responses declared inside {@code @Operation});</li>
 *     <li>CSV, NDJSON and server-sent events are text, and say so;</li>
 *     <li>every {@code application/problem+json} answer is the {@value #PROBLEM} document (RFC 9457 with the ledger's
 *     own members), and every path under {@code /api/v1/} answers 401 ({@value #UNAUTHENTICATED}) alike.</li>
 * </ul>
 * The reads' shared 403 and 503 are added by {@code ReadPositionOpenApi}, which knows the reads.
 */
@Configuration(proxyBeanMethods = false)
class ResponsesOpenApi {

    static final String PROBLEM = "Problem";
    static final String UNAUTHENTICATED = "Unauthenticated";
    static final String PROBLEM_JSON = "application/problem+json";
    private static final Set<String> TEXT = Set.of("text/csv", "application/x-ndjson", "text/event-stream");

    /** The answer types' schemas, found while the paths are described and added to the components afterwards. */
    private final Map<String, Schema<?>> answerSchemas = new ConcurrentHashMap<>();

    @Bean
    OperationCustomizer answerSchemas(SpringDocConfigProperties springdoc) {
        boolean openapi31 = springdoc.isOpenapi31();
        return (operation, handler) -> {
            if (operation.getResponses() == null) {
                return operation;
            }
            // springdoc gives every media type a handler produces one shared body with the answer's schema: a text
            // body (CSV of a list) gets its own, typed below as a string
            operation.getResponses().values().stream()
                    .filter(response -> response.getContent() != null)
                    .forEach(response -> response.getContent()
                            .replaceAll((media, content) -> TEXT.contains(media) && content.getSchema() != null
                                    ? new MediaType().examples(content.getExamples())
                                    : content));
            Type answer = answerType(ResolvableType.forMethodReturnType(handler.getMethod(), handler.getBeanType()));
            if (answer == null) {
                return operation;
            }
            operation.getResponses().forEach((code, response) -> {
                if (!code.startsWith("2") || response.getContent() == null) {
                    return;
                }
                response.getContent().forEach((media, content) -> {
                    if (content.getSchema() == null && isJson(media)) {
                        ResolvedSchema resolved = ModelConverters.getInstance(openapi31)
                                .readAllAsResolvedSchema(new AnnotatedType(answer).resolveAsRef(true));
                        if (resolved != null && resolved.schema != null) {
                            content.setSchema(resolved.schema);
                            if (resolved.referencedSchemas != null) {
                                resolved.referencedSchemas.forEach(answerSchemas::put);
                            }
                        }
                    }
                });
            });
            return operation;
        };
    }

    /**
     * Runs after every other customizer (CommandsOpenApi adds the command paths), so that what they add gets the
     * shared schemas too.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    OpenApiCustomizer sharedResponses() {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            new TreeMap<>(answerSchemas).forEach((name, schema) -> {
                if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
                    components.addSchemas(name, schema);
                }
            });
            components.addSchemas(PROBLEM, problemSchema());
            components.addResponses(
                    UNAUTHENTICATED,
                    new ApiResponse()
                            .description(ReadDocs.UNAUTHENTICATED)
                            .content(new Content()
                                    .addMediaType(
                                            PROBLEM_JSON,
                                            new MediaType()
                                                    .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                                                    .addExamples(
                                                            "unauthenticated",
                                                            new Example()
                                                                    .$ref("#/components/examples/unauthenticated")))));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperations().forEach(operation -> {
                        if (path.startsWith("/api/v1/") && operation.getResponses() != null) {
                            operation
                                    .getResponses()
                                    .addApiResponse(
                                            "401", new ApiResponse().$ref("#/components/responses/" + UNAUTHENTICATED));
                        }
                        typeContent(operation);
                    }));
        };
    }

    /** Every problem answer refers to the problem document; text bodies (CSV, NDJSON, events) are strings. */
    private static void typeContent(Operation operation) {
        if (operation.getRequestBody() != null) {
            typeContent(operation.getRequestBody().getContent());
        }
        if (operation.getResponses() != null) {
            operation.getResponses().values().forEach(response -> typeContent(response.getContent()));
        }
    }

    private static void typeContent(Content body) {
        if (body == null) {
            return;
        }
        body.forEach((media, content) -> {
            if (content.getSchema() != null) {
                return;
            }
            switch (media) {
                case PROBLEM_JSON -> content.setSchema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
                case "text/csv" ->
                    content.setSchema(new StringSchema()
                            .description("The same rows as CSV: a header row, then one line per item"));
                case "application/x-ndjson" ->
                    content.setSchema(new StringSchema().description("One JSON document per line"));
                case "text/event-stream" ->
                    content.setSchema(
                            new StringSchema()
                                    .description(
                                            "Server-sent events (`id`, "
                                                    + "`event` and `data` lines, `:` comments), each `data` one CloudEvent in structured JSON on one line"));
                default -> {}
            }
        });
    }

    /**
     * RFC 9457 problem details as the ledger writes them: the standard members, and those of its own that name what
     * was wrong (written only where they apply). Other members may appear; a client ignores what it does not know.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema<?> problemSchema() {
        Schema problem = new ObjectSchema()
                .description(
                        "An error, as RFC 9457 problem details (`application/problem+json`). `type` names the kind "
                                + "of problem (`urn:diplomatic-ledger:problem:…`); the ledger's own members name the field, "
                                + "parameter, header, line or rule at fault where they apply.")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri")
                                .description(
                                        "The kind of problem, e.g. `urn:diplomatic-ledger:problem:ceiling-exceeded`"))
                .addProperty("title", new StringSchema().description("A short summary of the kind of problem"))
                .addProperty("status", new IntegerSchema().description("The HTTP status code"))
                .addProperty("detail", new StringSchema().description("What went wrong, for a human"))
                .addProperty(
                        "instance", new StringSchema().format("uri-reference").description("The request's path"))
                .addProperty(
                        "field",
                        new StringSchema().description("The input field at fault (a JSON path in the command)"))
                .addProperty(
                        "rule",
                        new StringSchema()
                                .description("The ledger's rule that refused a command, e.g. `ceiling-exceeded`"))
                .addProperty("parameter", new StringSchema().description("The query parameter at fault"))
                .addProperty("header", new StringSchema().description("The request header at fault"))
                .addProperty("line", new IntegerSchema().description("The line of an import at fault, from 1"))
                .addProperty("command", new StringSchema().description("The command of that line"))
                .addProperty(
                        "limit", new IntegerSchema().format("int64").description("The bytes a body may have (413)"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .description("For invalid input: every problem found")
                                .items(new ObjectSchema()
                                        .name("InputError")
                                        .addProperty(
                                                "field",
                                                new StringSchema().description("The field at fault, when one is"))
                                        .addProperty("message", new StringSchema().description("What is wrong with it"))
                                        .addProperty(
                                                "line", new IntegerSchema().description("In an import: the line"))));
        problem.setRequired(List.of("type", "title", "status"));
        problem.setAdditionalProperties(true);
        return problem;
    }

    /** The type a handler answers with, without {@code ResponseEntity}; null when nothing can be said of it. */
    private static Type answerType(ResolvableType returned) {
        ResolvableType type = returned;
        if (HttpEntity.class.isAssignableFrom(type.toClass())) {
            // ResponseEntity<X>: X as written in the signature (as(HttpEntity.class) would give its type variable)
            type = type.getGeneric(0);
        }
        Class<?> raw = type.resolve();
        if (raw == null
                || raw == Object.class
                || raw == void.class
                || raw == Void.class
                || raw == String.class
                || type.hasUnresolvableGenerics()) {
            return null;
        }
        return type.getType();
    }

    private static boolean isJson(String media) {
        return Set.of("application/json", "*/*").contains(media)
                || (media.endsWith("+json") && !media.equals(PROBLEM_JSON));
    }
}
