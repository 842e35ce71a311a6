package org.diplomaticledger.projection.web;

import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.DateSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import org.diplomaticledger.projection.ReadDocs;
import org.diplomaticledger.projection.ReadPosition;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents read-your-writes and time travel once for every read: any handler that takes a {@link ReadPosition} gets
 * the query parameters {@code atLeast}, {@code asOf} and {@code knownAt} and the header {@code X-Ledger-At-Least} in
 * the OpenAPI description, and the answers every such read shares: 400 for a malformed query parameter, 403 for a
 * user without a reading role and 503 when the projection does not reach {@code atLeast} in time (a controller may
 * still say more of any of them). 401, shared by every path, is added by {@code ResponsesOpenApi}.
 */
@Configuration(proxyBeanMethods = false)
class ReadPositionOpenApi {

    @Bean
    OperationCustomizer readPositionParameters() {
        return (operation, handler) -> {
            boolean reads = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(parameter -> parameter.getParameterType() == ReadPosition.class);
            if (reads) {
                operation.addParametersItem(new Parameter()
                        .in("query")
                        .name(ReadPosition.PARAMETER)
                        .required(false)
                        .description(ReadDocs.AT_LEAST)
                        .example(Long.valueOf(ReadDocs.AT_LEAST_EXAMPLE))
                        .schema(new IntegerSchema().format("int64")));
                operation.addParametersItem(new Parameter()
                        .in("header")
                        .name(ReadPosition.HEADER)
                        .required(false)
                        .description(ReadDocs.AT_LEAST_HEADER)
                        .example(Long.valueOf(ReadDocs.AT_LEAST_EXAMPLE))
                        .schema(new IntegerSchema().format("int64")));
                operation.addParametersItem(new Parameter()
                        .in("query")
                        .name(ReadPosition.AS_OF)
                        .required(false)
                        .description(ReadDocs.AS_OF)
                        .example(ReadDocs.AS_OF_EXAMPLE)
                        .schema(new DateSchema()));
                operation.addParametersItem(new Parameter()
                        .in("query")
                        .name(ReadPosition.KNOWN_AT)
                        .required(false)
                        .description(ReadDocs.KNOWN_AT)
                        .example(ReadDocs.KNOWN_AT_EXAMPLE)
                        .schema(new StringSchema().format("date-time")));
                ApiResponses responses =
                        operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
                operation.setResponses(responses);
                responses.computeIfAbsent("400", code -> problem(ReadDocs.BAD_QUERY, "invalid-query"));
                responses.computeIfAbsent("403", code -> problem(ReadDocs.FORBIDDEN, "forbidden"));
                responses.computeIfAbsent("503", code -> problem(ReadDocs.BEHIND, "behind"));
            }
            return operation;
        };
    }

    /** A problem answer whose example is one of the shared ones (resources openapi/examples/problems.json). */
    private static ApiResponse problem(String description, String example) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType()
                                        .addExamples(example, new Example().$ref("#/components/examples/" + example))));
    }
}
