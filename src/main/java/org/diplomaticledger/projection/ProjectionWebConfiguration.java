package org.diplomaticledger.projection;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.LedgerTime;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CSV for list answers, {@link ReadPosition} arguments from {@code ?atLeast=} or {@code X-Ledger-At-Least}, and
 * {@code ?asOf=} and {@code ?knownAt=}, and the ledger's value types in query parameters: a {@link CountryCode}
 * (blank is none), a {@link Year} ({@code YYYY}) and a {@link YearMonth} ({@code YYYY-MM}) within
 * {@link LedgerTime}'s span (blank is malformed). A value that is none of these is answered 400 naming the
 * parameter, with the {@link InvalidValueException}'s message (ProjectionProblemAdvice).
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.context.properties.EnableConfigurationProperties(ProjectionsProperties.class)
class ProjectionWebConfiguration implements WebMvcConfigurer {

    private final Clock clock;

    ProjectionWebConfiguration(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(new CsvMessageConverter());
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        fromQuery(registry, CountryCode.class, text -> text.isBlank() ? null : CountryCode.of(text));
        fromQuery(registry, Year.class, text -> Year.of(year(text, clock)));
        fromQuery(registry, YearMonth.class, text -> month(text, clock));
    }

    /**
     * A parameter given twice reaches the converter as all its values: read them as a {@code String} parameter
     * does, joined by commas, so that {@code sending=RU&sending=US} is the malformed {@code RU,US} rather than
     * {@code RU}.
     */
    private static <T> void fromQuery(FormatterRegistry registry, Class<T> type, Converter<String, T> converter) {
        registry.addConverter(String.class, type, converter);
        registry.addConverter(String[].class, type, values -> converter.convert(String.join(",", values)));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == ReadPosition.class;
            }

            @Override
            public Object resolveArgument(
                    MethodParameter parameter,
                    ModelAndViewContainer mav,
                    NativeWebRequest request,
                    WebDataBinderFactory binders) {
                return new ReadPosition(
                        atLeast(request),
                        asOf(request.getParameter(ReadPosition.AS_OF), clock),
                        knownAt(request.getParameter(ReadPosition.KNOWN_AT), clock));
            }
        });
    }

    private static Long atLeast(NativeWebRequest request) {
        String value = request.getParameter(ReadPosition.PARAMETER);
        String name = ReadPosition.PARAMETER;
        if (value == null) {
            value = request.getHeader(ReadPosition.HEADER);
            name = ReadPosition.HEADER;
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new QueryParameterException(name, "expected a ledger position (a whole number), got '" + value + "'");
        }
    }

    /** A year {@code YYYY} within {@link LedgerTime}'s span. */
    private static int year(String text, Clock clock) {
        try {
            return inSpan(Integer.parseInt(text.trim()), clock);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("a year as YYYY, not '" + text + "'");
        }
    }

    /** A month {@code YYYY-MM} whose year lies within {@link LedgerTime}'s span. */
    private static YearMonth month(String text, Clock clock) {
        YearMonth month;
        try {
            month = YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("a month as YYYY-MM, not '" + text + "'");
        }
        inSpan(month.getYear(), clock);
        return month;
    }

    private static int inSpan(int year, Clock clock) {
        if (year < LedgerTime.EARLIEST.getYear()
                || year > LedgerTime.latest(clock).getYear()) {
            throw new InvalidValueException(LedgerTime.outside(Integer.toString(year), clock));
        }
        return year;
    }

    /** A date {@code YYYY-MM-DD} within {@link LedgerTime}'s span. */
    static LocalDate asOf(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LedgerTime.parse(ReadPosition.AS_OF, value, clock);
        } catch (InvalidValueException e) {
            throw new QueryParameterException(ReadPosition.AS_OF, e.getMessage());
        }
    }

    /**
     * An instant ({@code 2018-03-01T12:00:00Z}, any offset), or a date alone meaning the end of that day in UTC;
     * either within {@link LedgerTime}'s span.
     */
    static Instant knownAt(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            Instant instant;
            try {
                instant = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notAnInstant) {
                LocalDate day = LedgerTime.check(ReadPosition.KNOWN_AT, LocalDate.parse(text), clock);
                instant =
                        day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1000);
            }
            return LedgerTime.check(ReadPosition.KNOWN_AT, instant, clock);
        } catch (InvalidValueException e) {
            throw new QueryParameterException(ReadPosition.KNOWN_AT, e.getMessage());
        } catch (DateTimeException e) {
            throw new QueryParameterException(
                    ReadPosition.KNOWN_AT,
                    "expected an instant such as 2018-03-01T12:00:00Z "
                            + "or a date such as 2018-03-01 (the end of that day, UTC), got '" + value + "'");
        }
    }
}
