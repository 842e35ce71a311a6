package org.diplomaticledger.projection.web;

import io.swagger.v3.oas.models.media.StringSchema;
import java.time.Year;
import java.time.YearMonth;
import java.util.Set;
import org.diplomaticledger.shared.CountryCode;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reads bind their filters to records ({@code @ParameterObject}), whose components are the ledger's value types
 * where a query names one. In the OpenAPI description each stays one query parameter, a string, as a client writes
 * it: {@code sending=RU}, {@code from=2017}, {@code from=2018-01}, not an object whose fields become parameters.
 */
@Configuration(proxyBeanMethods = false)
class QueryRecordsOpenApi {

    /*
     * SpringDocUtils holds global settings that springdoc reads as its own beans are made. They are set here, by a
     * bean factory post-processor, which runs before any bean is made: set in a static initializer instead, they
     * came too late whenever a change in other beans moved this class's creation after springdoc's (the country
     * codes were then described as arrays).
     */
    @Bean
    static BeanFactoryPostProcessor queryRecordTypesAsStrings() {
        return beanFactory -> SpringDocUtils.getConfig()
                .replaceWithSchema(CountryCode.class, new StringSchema())
                .replaceWithSchema(Year.class, new StringSchema())
                .replaceWithSchema(YearMonth.class, new StringSchema())
                .addSimpleTypesForParameterObject(CountryCode.class, Year.class, YearMonth.class);
    }

    private static final Set<Class<?>> STRINGS = Set.of(CountryCode.class, Year.class, YearMonth.class);

    /*
     * The schema replacement above still lost, in some runs, to a schema springdoc resolved for the type before it
     * (docs/openapi.json then described the country codes as arrays, and OpenApiSnapshotTest failed on a fresh
     * clone but not on another run). Each parameter of these types is set to a string here as springdoc builds it,
     * which does not depend on when anything was made.
     */
    @Bean
    ParameterCustomizer queryValueTypesAsStrings() {
        return (parameter, methodParameter) -> {
            if (parameter != null && methodParameter != null && STRINGS.contains(methodParameter.getParameterType())) {
                parameter.setSchema(new StringSchema());
            }
            return parameter;
        };
    }
}
