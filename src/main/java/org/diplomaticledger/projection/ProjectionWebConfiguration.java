package org.diplomaticledger.projection;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** CSV for list answers, and {@link ReadPosition} arguments from {@code ?atLeast=} or {@code X-Ledger-At-Least}. */
@Configuration(proxyBeanMethods = false)
class ProjectionWebConfiguration implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(new CsvMessageConverter());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == ReadPosition.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                          WebDataBinderFactory binders) {
                String value = request.getParameter(ReadPosition.PARAMETER);
                String name = ReadPosition.PARAMETER;
                if (value == null) {
                    value = request.getHeader(ReadPosition.HEADER);
                    name = ReadPosition.HEADER;
                }
                if (value == null || value.isBlank()) {
                    return ReadPosition.any();
                }
                try {
                    return new ReadPosition(Long.parseLong(value.trim()));
                } catch (NumberFormatException e) {
                    throw new QueryParameterException(name, "expected a ledger position (a whole number), got '" + value + "'");
                }
            }
        });
    }
}
