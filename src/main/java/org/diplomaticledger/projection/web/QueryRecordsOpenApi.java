package org.diplomaticledger.projection.web;

import io.swagger.v3.oas.models.media.StringSchema;
import org.diplomaticledger.shared.CountryCode;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;

import java.time.Year;
import java.time.YearMonth;

/**
 * The reads bind their filters to records ({@code @ParameterObject}), whose components are the ledger's value types
 * where a query names one. In the OpenAPI description each stays one query parameter, a string, as a client writes
 * it: {@code sending=RU}, {@code from=2017}, {@code from=2018-01}, not an object whose fields become parameters.
 */
@Configuration(proxyBeanMethods = false)
class QueryRecordsOpenApi {

    static {
        SpringDocUtils.getConfig()
                .replaceWithSchema(CountryCode.class, new StringSchema())
                .replaceWithSchema(Year.class, new StringSchema())
                .replaceWithSchema(YearMonth.class, new StringSchema())
                .addSimpleTypesForParameterObject(CountryCode.class, Year.class, YearMonth.class);
    }
}
