package org.diplomaticledger.ledger.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.diplomaticledger.shared.LedgerMetadata;
import org.slf4j.MDC;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request's correlation id, its user and the command it sends into the logging MDC ({@code correlationId},
 * {@code actor}, {@code command}, the keys the events' metadata uses), so that every line logged while the request is
 * served carries them; with structured logging ({@code logging.structured.format.console=ecs}) they are fields of each
 * JSON line (docs/operations.md). The correlation id is the client's {@code X-Correlation-Id} when it sent a valid one,
 * else a new one; the ledger stores that same id with the events the request writes, and sends it back in the
 * {@code X-Correlation-Id} response header. Two filters: the first runs before Spring Security (its lines carry the id
 * too), the second right after it, once the user is known.
 */
@Configuration(proxyBeanMethods = false)
class RequestLogContext {

    static final String COMMANDS = "/api/v1/commands/";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestCorrelation() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Correlation());
        registration.setOrder(-200); // before Spring Security's chain (-100)
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestActor() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Actor());
        registration.setOrder(-98); // after Spring Security's chain (-100) and the body limit (-99)
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** The id the request's lines and events carry: the request's own, or the one a client sent. */
    static String correlationId() {
        return MDC.get(LedgerMetadata.CORRELATION_ID);
    }

    private static final class Correlation extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String sent = request.getHeader(Writes.CORRELATION_ID);
            // A malformed header is refused by the write path (400 invalid-header); the log keeps a fresh id meanwhile.
            String id =
                    Writes.isToken(sent) ? sent : java.util.UUID.randomUUID().toString();
            MDC.put(LedgerMetadata.CORRELATION_ID, id);
            String path = request.getRequestURI();
            if (path.startsWith(COMMANDS)
                    && path.length() > COMMANDS.length()
                    && path.indexOf('/', COMMANDS.length()) < 0) {
                MDC.put(LedgerMetadata.COMMAND, path.substring(COMMANDS.length()));
            } else if (path.equals(BodyLimitFilter.IMPORTS)) {
                MDC.put(LedgerMetadata.COMMAND, "import");
            }
            response.setHeader(Writes.CORRELATION_ID, id);
            try {
                chain.doFilter(request, response);
            } finally {
                MDC.remove(LedgerMetadata.CORRELATION_ID);
                MDC.remove(LedgerMetadata.COMMAND);
                MDC.remove(LedgerMetadata.ACTOR);
            }
        }
    }

    private static final class Actor extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            if (user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken)) {
                MDC.put(LedgerMetadata.ACTOR, user.getName());
            }
            chain.doFilter(request, response);
        }
    }
}
