package org.diplomaticledger.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.diplomaticledger.shared.Problems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
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
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * HTTP Basic over configured users. Writes need CLERK; {@code /actuator/health} and {@code /actuator/info} are open;
 * the other actuator endpoints (metrics, prometheus) need ADMIN, but on a separate management port, when one is
 * configured ({@code management.server.port}) and {@code ledger.security.management-port-open} is true, they are
 * open (docs/operations.md); everything else needs a user. The ledger refuses to start without users, so that it
 * never runs open by accident.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerUsersProperties.class)
class SecurityConfiguration {

    /** Open to anyone, whatever the method (a method a path does not serve answers 405). */
    static final String[] PUBLIC = {
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/v3/api-docs.yaml",
        "/swagger-ui.html",
        "/swagger-ui/**"
    };
    /** ADMIN, or anyone on an open management port: every actuator endpoint but the public ones. */
    static final String[] ACTUATOR = {"/actuator", "/actuator/**"};
    /** CLERK only. */
    static final String[] WRITES = {"/api/v1/commands", "/api/v1/commands/**", "/api/v1/imports", "/api/v1/imports/**"};
    /** AUDITOR, ADMIN. */
    static final String[] AUDIT = {"/api/v1/audit", "/api/v1/audit/**"};
    /** AUDITOR, ADMIN. */
    static final String[] REBUILD = {"/api/v1/projections/*/rebuild", "/api/v1/projections/*/parked/retry"};
    /** CLERK, AUDITOR, ADMIN. */
    static final String[] HISTORIES = {
        "/api/v1/presences/*/*/history", "/api/v1/missions/*/history", "/api/v1/talks/*/history"
    };
    /** INTEGRATOR, ADMIN. */
    static final String[] STREAM = {"/api/v1/stream", "/api/v1/stream/**"};
    /** CLERK, INTEGRATOR, AUDITOR, ADMIN. */
    static final String[] EVENTS = {"/api/v1/events", "/api/v1/events/**"};
    /** ANALYST, AUDITOR, ADMIN: every other path of the API. */
    static final String[] READS = {"/api/v1/**"};

    /** The dashboard's pages (docs/dashboard.md): a browser signs in with a form and keeps a session. */
    static final String[] DASHBOARD = {
        "/",
        "/login",
        "/logout",
        "/denied",
        "/presences",
        "/presences/**",
        "/expulsions",
        "/expulsions/**",
        "/talks",
        "/talks/**",
        "/audit",
        "/audit/**",
        "/history",
        "/history/**",
        "/feed",
        "/feed/**",
        "/projections",
        "/projections/**",
        "/record",
        "/record/**",
        "/css/**",
        "/js/**",
        "/webjars/**",
        "/favicon.ico"
    };
    /** Open to anyone: the sign-in page and what it is drawn with. */
    static final String[] DASHBOARD_PUBLIC = {"/login", "/denied", "/css/**", "/js/**", "/webjars/**", "/favicon.ico"};
    /** AUDITOR, ADMIN: the pages of history, the audit chain and the projections. */
    static final String[] DASHBOARD_AUDIT = {
        "/audit", "/audit/**", "/history", "/history/**", "/projections", "/projections/**"
    };
    /** INTEGRATOR, AUDITOR, ADMIN: the live feed of the ledger's events. */
    static final String[] DASHBOARD_FEED = {"/feed", "/feed/**"};
    /** CLERK: the command forms, and what they send (the API's writes, under the session). */
    static final String[] DASHBOARD_RECORD = {"/record", "/record/**"};
    /** ANALYST, AUDITOR, ADMIN: the pages that read projections (the overview itself is open to every user). */
    static final String[] DASHBOARD_READS = {
        "/presences", "/presences/**", "/expulsions", "/expulsions/**", "/talks", "/talks/**"
    };

    /**
     * The dashboard's own chain, ahead of the API's: form sign-in, a session and CSRF protection for its paths only
     * ({@link #DASHBOARD}); every other path, the whole API among them, stays with {@link #securityFilterChain}, HTTP
     * Basic and stateless as before. Same users, same roles.
     */
    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain dashboardFilterChain(HttpSecurity http, AuthenticationManager authenticationManager)
            throws Exception {
        http.securityMatcher(DASHBOARD)
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(
                        requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
                                .permitAll()
                                .requestMatchers(DASHBOARD_PUBLIC)
                                .permitAll()
                                .requestMatchers(DASHBOARD_AUDIT)
                                .hasAnyRole(Role.AUDITOR.name(), Role.ADMIN.name())
                                .requestMatchers(DASHBOARD_FEED)
                                .hasAnyRole(Role.INTEGRATOR.name(), Role.AUDITOR.name(), Role.ADMIN.name())
                                .requestMatchers(DASHBOARD_RECORD)
                                .hasRole(Role.CLERK.name())
                                .requestMatchers(DASHBOARD_READS)
                                .hasAnyRole(Role.ANALYST.name(), Role.AUDITOR.name(), Role.ADMIN.name())
                                .anyRequest()
                                .authenticated())
                .formLogin(form ->
                        form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                // A page the user's roles do not reach: a page saying so (403), not the API's problem+json.
                .exceptionHandling(handling -> handling.accessDeniedHandler((request, response, e) -> {
                    response.setStatus(HttpStatus.FORBIDDEN.value());
                    request.getRequestDispatcher("/denied").forward(request, response);
                }));
        return http.build();
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            ObjectMapper objectMapper,
            AuthenticationManager authenticationManager,
            ManagementPorts managementPorts,
            LedgerUsersProperties properties)
            throws Exception {
        RequestMatcher onManagementPort =
                properties.managementPortOpen() ? managementPorts.matcher() : request -> false;
        http.authenticationManager(authenticationManager)
                .csrf(csrf -> csrf.disable()) // no cookies or sessions: every request carries its credentials
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Every rule holds for every method (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS): a rule names a
                // path and who may touch it; a method the path does not serve then answers 405 to those users only.
                .authorizeHttpRequests(requests -> requests
                        // The ledger's own error answers (a refused path, a too large body) reach the client whoever it
                        // is.
                        .dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(PUBLIC)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/schemas/**", "/asyncapi.yaml")
                        .permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/schemas/**", "/asyncapi.yaml")
                        .permitAll()
                        // A separate management port is reached by the monitoring network only: scraped there without a
                        // user.
                        .requestMatchers(new AndRequestMatcher(onManagementPort, matchers(ACTUATOR)))
                        .permitAll()
                        .requestMatchers(ACTUATOR)
                        .hasRole(Role.ADMIN.name())
                        // The register of states is ADMIN's to extend (docs/states.md), whatever the method: a method
                        // the path does not serve answers 405 to ADMIN, 403 to the others, as for every path.
                        .requestMatchers(
                                "/api/v1/commands/RegisterState",
                                "/api/v1/commands/SeedStates",
                                "/api/v1/commands/RecordSuccession")
                        .hasRole(Role.ADMIN.name())
                        // A clerk retracts facts; an ADMIN retracts the successions it recorded (docs/states.md), and
                        // only an ADMIN does: the register refuses a clerk's retraction of one.
                        .requestMatchers("/api/v1/commands/RetractEntry")
                        .hasAnyRole(Role.CLERK.name(), Role.ADMIN.name())
                        .requestMatchers(WRITES)
                        .hasRole(Role.CLERK.name())
                        // The audit chain (verify, digests, exports) is for auditors and administrators only.
                        .requestMatchers(AUDIT)
                        .hasAnyRole(Role.AUDITOR.name(), Role.ADMIN.name())
                        .requestMatchers(REBUILD)
                        .hasAnyRole(Role.AUDITOR.name(), Role.ADMIN.name())
                        // A record's full history names who wrote what: for auditors, not analysts. Clerks read it
                        // too: CorrectEntry and RetractEntry name an event id, which they find there (issue 18).
                        .requestMatchers(HISTORIES)
                        .hasAnyRole(Role.CLERK.name(), Role.AUDITOR.name(), Role.ADMIN.name())
                        // The ledger's own events: integrators subscribe; auditors, integrators and clerks (who look
                        // up the event id a correction names) read pages.
                        .requestMatchers(STREAM)
                        .hasAnyRole(Role.INTEGRATOR.name(), Role.ADMIN.name())
                        .requestMatchers(EVENTS)
                        .hasAnyRole(Role.CLERK.name(), Role.INTEGRATOR.name(), Role.AUDITOR.name(), Role.ADMIN.name())
                        .requestMatchers(READS)
                        .hasAnyRole(Role.ANALYST.name(), Role.AUDITOR.name(), Role.ADMIN.name())
                        .anyRequest()
                        .authenticated())
                .httpBasic(basic -> basic.realmName("diplomatic-ledger")
                        .authenticationEntryPoint((request, response, e) -> write(
                                objectMapper,
                                request,
                                response,
                                HttpStatus.UNAUTHORIZED,
                                "unauthenticated",
                                "Unauthenticated",
                                "this request needs a user: send HTTP Basic credentials")))
                .exceptionHandling(handling -> handling.authenticationEntryPoint((request, response, e) -> write(
                                objectMapper,
                                request,
                                response,
                                HttpStatus.UNAUTHORIZED,
                                "unauthenticated",
                                "Unauthenticated",
                                "this request needs a user: send HTTP Basic credentials"))
                        .accessDeniedHandler((request, response, e) -> write(
                                objectMapper,
                                request,
                                response,
                                HttpStatus.FORBIDDEN,
                                "forbidden",
                                "Forbidden",
                                "user '"
                                        + (request.getUserPrincipal() == null
                                                ? ""
                                                : request.getUserPrincipal().getName())
                                        + "' lacks the role this request needs"
                                        + (!HttpMethod.POST.matches(request.getMethod())
                                                ? ""
                                                : request.getRequestURI()
                                                                .matches(
                                                                        ".*/commands/(RegisterState|SeedStates|RecordSuccession)")
                                                        ? " (the register of states is ADMIN's)"
                                                        : " (writes need CLERK)"))));
        return http.build();
    }

    private static RequestMatcher matchers(String... patterns) {
        return new OrRequestMatcher(java.util.Arrays.stream(patterns)
                .map(pattern -> (RequestMatcher)
                        PathPatternRequestMatcher.withDefaults().matcher(pattern))
                .toList());
    }

    /**
     * A request the firewall refuses (a path with {@code ..}, {@code ;}, an encoded slash or a control character) is
     * answered 400 problem+json by the ledger, before any authentication: it was never going to reach anything.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper objectMapper) {
        return (request, response, rejected) -> write(
                objectMapper,
                request,
                response,
                HttpStatus.BAD_REQUEST,
                "malformed-request",
                "Malformed request",
                "the request's path or headers are not accepted (no '..', ';', encoded '/', '\\' or control characters "
                        + "in a path): send a normalised path");
    }

    private static void write(
            ObjectMapper objectMapper,
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String kind,
            String title,
            String detail)
            throws IOException {
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
     * An unknown user costs what a wrong password costs: Spring's {@link DaoAuthenticationProvider} checks the
     * password given against a dummy hash made by {@link #passwordEncoder}, whose bcrypt has the cost of the
     * configured users' hashes, so that the time of a refusal does not tell who exists.
     */
    @Bean
    AuthenticationManager authenticationManager(
            UserDetailsService users,
            PasswordEncoder passwordEncoder,
            LedgerUsersProperties properties,
            java.time.Clock clock) {
        return new ProviderManager(
                new CachingAuthenticationProvider(passwords(users, passwordEncoder), properties.authCache(), clock));
    }

    static DaoAuthenticationProvider passwords(UserDetailsService users, PasswordEncoder passwordEncoder) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        return passwords;
    }

    /**
     * Spring Security's delegating encoder ({@code {bcrypt}}, {@code {argon2@SpringSecurity_v5_8}}, …), whose own
     * hashes (the dummy an unknown user is checked against) are bcrypt at the highest cost among the configured users'
     * bcrypt hashes (10 when there is none).
     */
    @Bean
    PasswordEncoder passwordEncoder(LedgerUsersProperties properties) {
        int strength = HashPassword.DEFAULT_STRENGTH;
        boolean any = false;
        for (LedgerUsersProperties.User user : properties.users()) {
            Matcher cost = BCRYPT_COST.matcher(user.password() == null ? "" : user.password());
            if (cost.lookingAt()) {
                int found = Integer.parseInt(cost.group(1));
                strength = any ? Math.max(strength, found) : found;
                any = true;
            }
        }
        Map<String, PasswordEncoder> encoders = new HashMap<>();
        PasswordEncoder all = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        for (String id : new String[] {
            "noop",
            "argon2",
            "argon2@SpringSecurity_v5_8",
            "pbkdf2",
            "pbkdf2@SpringSecurity_v5_8",
            "scrypt",
            "scrypt@SpringSecurity_v5_8"
        }) {
            encoders.put(id, new Prefixed(all, id));
        }
        encoders.put("bcrypt", new BCryptPasswordEncoder(Math.max(4, Math.min(31, strength))));
        return new DelegatingPasswordEncoder("bcrypt", encoders);
    }

    private static final Pattern BCRYPT_COST = Pattern.compile("\\{bcrypt}\\$2[abxy]?\\$(\\d{2})\\$");

    /** Password ids that name a slow, salted hash: the only ones accepted outside the demo profile. */
    static final Set<String> HASHED = Set.of(
            "bcrypt",
            "argon2",
            "argon2@SpringSecurity_v5_8",
            "pbkdf2",
            "pbkdf2@SpringSecurity_v5_8",
            "scrypt",
            "scrypt@SpringSecurity_v5_8");

    /** One of Spring's encoders, reached through its delegating encoder by its id. */
    private record Prefixed(PasswordEncoder all, String id) implements PasswordEncoder {
        @Override
        public String encode(CharSequence raw) {
            return all.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return all.matches(raw, "{" + id + "}" + encoded);
        }
    }

    @Bean
    UserDetailsService users(LedgerUsersProperties properties, Environment environment) {
        return users(properties, environment.acceptsProfiles(Profiles.of("demo")));
    }

    static UserDetailsService users(LedgerUsersProperties properties, boolean demo) {
        if (properties.users().isEmpty()) {
            throw new IllegalStateException("No users are configured. Set ledger.security.users[0].username, "
                    + ".password (e.g. {bcrypt}$2a$...) and .roles (CLERK, ANALYST, AUDITOR, INTEGRATOR), "
                    + "or run with the demo profile for the demo users.");
        }
        List<UserDetails> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (LedgerUsersProperties.User user : properties.users()) {
            if (user.username() == null
                    || user.username().isBlank()
                    || user.password() == null
                    || user.password().isBlank()) {
                throw new IllegalStateException("Every configured user needs a username and a password");
            }
            if (!names.add(user.username())) {
                throw new IllegalStateException("User '" + user.username() + "' is configured twice");
            }
            if (user.roles().isEmpty() || user.roles().stream().allMatch(role -> role == null || role.isBlank())) {
                throw new IllegalStateException("User '" + user.username() + "' has no role; give it one or more of "
                        + java.util.Arrays.toString(Role.values()) + " in ledger.security.users[i].roles");
            }
            List<String> roles = new ArrayList<>();
            for (String role : user.roles()) {
                try {
                    roles.add(Role.valueOf(role.trim().toUpperCase(java.util.Locale.ROOT))
                            .name());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("User '" + user.username() + "' has the unknown role '" + role
                            + "'; roles are " + java.util.Arrays.toString(Role.values()));
                }
            }
            String password = user.password().startsWith("{") ? user.password() : "{noop}" + user.password();
            String id = password.indexOf('}') > 0 ? password.substring(1, password.indexOf('}')) : "";
            if (!demo && !HASHED.contains(id)) {
                throw new IllegalStateException("User '" + user.username() + "' has a password stored as {" + id
                        + "}, not hashed: outside the demo profile give a bcrypt hash ({bcrypt}$2a$10$...), made with "
                        + "'java -jar diplomatic-ledger.jar hash-password'");
            }
            users.add(User.withUsername(user.username())
                    .password(password)
                    .roles(roles.toArray(String[]::new))
                    .build());
        }
        return new InMemoryUserDetailsManager(users);
    }
}
