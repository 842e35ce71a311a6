package org.diplomaticledger.ledger.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import java.util.Properties;
import org.diplomaticledger.history.api.RetractEntry;
import org.diplomaticledger.ledger.CommandCatalog;
import org.diplomaticledger.ledger.CommandDocs;
import org.diplomaticledger.ledger.CommandReceipt;
import org.diplomaticledger.shared.AdminCommand;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (and Swagger UI at {@code /swagger-ui.html}): besides the
 * controllers springdoc finds, one path per command, {@code POST /api/v1/commands/OpenMission} and so on, with the
 * command's JSON schema, its meaning and a real example, and the answers it can give.
 */
@Configuration(proxyBeanMethods = false)
class CommandsOpenApi {

    @Bean
    OpenAPI ledgerOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("diplomatic-ledger")
                        .version("v1")
                        .description("An event-sourced ledger of relations between states. Writes are commands "
                                + "(POST /api/v1/commands/{CommandName}, role CLERK); reads are projections under /api/v1/ "
                                + "(roles ANALYST, AUDITOR). Errors are RFC 9457 application/problem+json."))
                .components(new Components()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }

    @Bean
    OpenApiCustomizer commandPaths(
            CommandCatalog catalog, ObjectMapper objectMapper, SpringDocConfigProperties springdoc) {
        Map<String, JsonNode> examples = CommandDocs.examples(objectMapper);
        Properties descriptions = CommandDocs.descriptions();
        ModelConverters converters = ModelConverters.getInstance(springdoc.isOpenapi31());
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            ResolvedSchema receipt = converters.readAllAsResolvedSchema(new AnnotatedType(CommandReceipt.class));
            receipt.referencedSchemas.forEach(components::addSchemas);
            catalog.all().forEach((name, type) -> {
                ResolvedSchema schema = converters.readAllAsResolvedSchema(new AnnotatedType(type));
                schema.referencedSchemas.forEach(components::addSchemas);
                MediaType json =
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + type.getSimpleName()));
                JsonNode example = examples.get(name);
                if (example != null) {
                    json.addExamples("example", new Example().value(example));
                }
                Operation operation = new Operation()
                        .operationId("command" + name)
                        .addTagsItem("Commands")
                        .summary(name)
                        .description(descriptions.getProperty(name, name)
                                + "\n\nA missing `effectiveDate` means today. `source` is free text or {text, url}.")
                        .addParametersItem(new Parameter()
                                .in("header")
                                .name("Idempotency-Key")
                                .required(false)
                                .description("A retry with the same key answers the first answer and writes nothing")
                                .schema(new StringSchema()))
                        .addParametersItem(new Parameter()
                                .in("header")
                                .name("X-Correlation-Id")
                                .required(false)
                                .description("Stored with every event the command writes")
                                .schema(new StringSchema()))
                        .requestBody(new RequestBody()
                                .required(true)
                                .content(new Content().addMediaType("application/json", json)))
                        .responses(responses(
                                AdminCommand.class.isAssignableFrom(type)
                                        ? "ADMIN"
                                        // an ADMIN retracts the successions it records (docs/states.md)
                                        : type == RetractEntry.class ? "CLERK or ADMIN" : "CLERK"));
                openApi.path("/api/v1/commands/" + name, new PathItem().post(operation));
            });
        };
    }

    private static ApiResponses responses(String role) {
        Content problem = new Content().addMediaType("application/problem+json", new MediaType());
        return new ApiResponses()
                .addApiResponse(
                        "200",
                        new ApiResponse()
                                .description("Stored: the events' ids and ledger positions")
                                .content(new Content()
                                        .addMediaType(
                                                "application/json",
                                                new MediaType()
                                                        .schema(new Schema<>()
                                                                .$ref("#/components/schemas/CommandReceipt")))))
                .addApiResponse(
                        "400",
                        new ApiResponse()
                                .description("Malformed input, naming the field")
                                .content(problem))
                .addApiResponse(
                        "403",
                        new ApiResponse()
                                .description("The user lacks the " + role + " role")
                                .content(problem))
                .addApiResponse(
                        "409",
                        new ApiResponse()
                                .description("Refused by a rule of the ledger, naming it")
                                .content(problem))
                .addApiResponse(
                        "422",
                        new ApiResponse()
                                .description("Idempotency-Key reused for another request")
                                .content(problem));
    }
}
