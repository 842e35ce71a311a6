package org.diplomaticledger.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.diplomaticledger.shared.Problems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * HTTP Basic over configured users. Writes need CLERK; {@code /actuator/health} is open; everything else needs a
 * user. The ledger refuses to start without users, so that it never runs open by accident.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerUsersProperties.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectMapper objectMapper,
                                           AuthenticationManager authenticationManager) throws Exception {
        http.authenticationManager(authenticationManager)
                .csrf(csrf -> csrf.disable()) // no cookies or sessions: every request carries its credentials
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/schemas/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/commands/**", "/api/v1/imports").hasRole(Role.CLERK.name())
                        // The audit chain (verify, digests, exports) is for auditors and administrators only.
                        .requestMatchers("/api/v1/audit/**").hasAnyRole(Role.AUDITOR.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/projections/*/rebuild")
                        .hasAnyRole(Role.AUDITOR.name(), Role.ADMIN.name())
                        // A record's full history names who wrote what: for auditors, not analysts.
                        .requestMatchers(HttpMethod.GET, "/api/v1/presences/*/*/history", "/api/v1/missions/*/history",
                                "/api/v1/talks/*/history")
                        .hasAnyRole(Role.AUDITOR.name(), Role.ADMIN.name())
                        // The ledger's own events: integrators subscribe; auditors and integrators read pages.
                        .requestMatchers(HttpMethod.GET, "/api/v1/stream").hasAnyRole(Role.INTEGRATOR.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/events")
                        .hasAnyRole(Role.INTEGRATOR.name(), Role.AUDITOR.name(), Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/**")
                        .hasAnyRole(Role.ANALYST.name(), Role.AUDITOR.name(), Role.ADMIN.name())
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("diplomatic-ledger")
                        .authenticationEntryPoint((request, response, e) -> write(objectMapper, request, response,
                                HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                                "this request needs a user: send HTTP Basic credentials")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) -> write(objectMapper, request, response,
                                HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                                "this request needs a user: send HTTP Basic credentials"))
                        .accessDeniedHandler((request, response, e) -> write(objectMapper, request, response,
                                HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                                "user '" + (request.getUserPrincipal() == null ? "" : request.getUserPrincipal().getName())
                                        + "' lacks the role this request needs"
                                        + (HttpMethod.POST.matches(request.getMethod()) ? " (writes need CLERK)" : ""))));
        return http.build();
    }

    private static void write(ObjectMapper objectMapper, HttpServletRequest request, HttpServletResponse response,
                              HttpStatus status, String kind, String title, String detail) throws IOException {
        ProblemDetail problem = Problems.of(status, kind, title, detail, request);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"diplomatic-ledger\"");
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    /**
     * Checks passwords against the configured users, and remembers accepted credentials for
     * {@code ledger.security.auth-cache} (5 minutes; PT0S turns it off), since clients send them on every request.
     */
    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder passwordEncoder,
                                                @org.springframework.beans.factory.annotation.Value("${ledger.security.auth-cache:PT5M}")
                                                java.time.Duration cache, java.time.Clock clock) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        return new ProviderManager(new CachingAuthenticationProvider(passwords, cache, clock));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(LedgerUsersProperties properties) {
        if (properties.users().isEmpty()) {
            throw new IllegalStateException("No users are configured. Set ledger.security.users[0].username, "
                    + ".password (e.g. {bcrypt}$2a$...) and .roles (CLERK, ANALYST, AUDITOR, INTEGRATOR), "
                    + "or run with the demo profile for the demo users.");
        }
        List<UserDetails> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (LedgerUsersProperties.User user : properties.users()) {
            if (user.username() == null || user.username().isBlank() || user.password() == null || user.password().isBlank()) {
                throw new IllegalStateException("Every configured user needs a username and a password");
            }
            if (!names.add(user.username())) {
                throw new IllegalStateException("User '" + user.username() + "' is configured twice");
            }
            List<String> roles = new ArrayList<>();
            for (String role : user.roles()) {
                try {
                    roles.add(Role.valueOf(role.trim().toUpperCase(java.util.Locale.ROOT)).name());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("User '" + user.username() + "' has the unknown role '" + role
                            + "'; roles are " + java.util.Arrays.toString(Role.values()));
                }
            }
            String password = user.password().startsWith("{") ? user.password() : "{noop}" + user.password();
            users.add(User.withUsername(user.username()).password(password).roles(roles.toArray(String[]::new)).build());
        }
        return new InMemoryUserDetailsManager(users);
    }
}
