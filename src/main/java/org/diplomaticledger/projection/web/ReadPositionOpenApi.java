package org.diplomaticledger.projection.web;

import io.swagger.v3.oas.models.media.DateSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.diplomaticledger.projection.ReadDocs;
import org.diplomaticledger.projection.ReadPosition;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;

/**
 * Documents read-your-writes and time travel once for every read: any handler that takes a {@link ReadPosition} gets
 * the query parameters {@code atLeast}, {@code asOf} and {@code knownAt} and the header {@code X-Ledger-At-Least} in
 * the OpenAPI description.
 */
@Configuration(proxyBeanMethods = false)
class ReadPositionOpenApi {

    @Bean
    OperationCustomizer readPositionParameters() {
        return (operation, handler) -> {
            boolean reads = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(parameter -> parameter.getParameterType() == ReadPosition.class);
            if (reads) {
                operation.addParametersItem(new Parameter().in("query").name(ReadPosition.PARAMETER).required(false)
                        .description(ReadDocs.AT_LEAST).example(Long.valueOf(ReadDocs.AT_LEAST_EXAMPLE))
                        .schema(new IntegerSchema().format("int64")));
                operation.addParametersItem(new Parameter().in("header").name(ReadPosition.HEADER).required(false)
                        .description(ReadDocs.AT_LEAST_HEADER).example(Long.valueOf(ReadDocs.AT_LEAST_EXAMPLE))
                        .schema(new IntegerSchema().format("int64")));
                operation.addParametersItem(new Parameter().in("query").name(ReadPosition.AS_OF).required(false)
                        .description(ReadDocs.AS_OF).example(ReadDocs.AS_OF_EXAMPLE).schema(new DateSchema()));
                operation.addParametersItem(new Parameter().in("query").name(ReadPosition.KNOWN_AT).required(false)
                        .description(ReadDocs.KNOWN_AT).example(ReadDocs.KNOWN_AT_EXAMPLE)
                        .schema(new StringSchema().format("date-time")));
            }
            return operation;
        };
    }
}
