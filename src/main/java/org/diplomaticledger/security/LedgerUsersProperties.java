package org.diplomaticledger.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ledger.security.*}: the ledger's users and how their credentials are checked.
 *
 * @param users              the users, from configuration ({@code ledger.security.users[0].username=…}); the ledger
 *                           refuses to start without one
 * @param authCache          how long accepted credentials are remembered, since clients send them on every request
 *                           ({@code PT0S} checks the password every time)
 * @param managementPortOpen whether the actuator endpoints (metrics, prometheus) answer without credentials on a
 *                           separate management port ({@code management.server.port}); on the application's port
 *                           they always need a user with the role ADMIN
 */
@ConfigurationProperties("ledger.security")
public record LedgerUsersProperties(
        List<User> users,
        @DefaultValue("PT5M") Duration authCache,
        @DefaultValue("true") boolean managementPortOpen) {

    @ConstructorBinding
    public LedgerUsersProperties {
        users = users == null ? List.of() : List.copyOf(users);
        authCache = authCache == null ? Duration.ofMinutes(5) : authCache;
    }

    /** The users alone, the rest at their defaults. */
    public LedgerUsersProperties(List<User> users) {
        this(users, Duration.ofMinutes(5), true);
    }

    /**
     * One user. Passwords are given as Spring Security stores them, {@code {bcrypt}$2a$…} being the one to use
     * outside a demo; a password without a {@code {id}} prefix is taken as plain text.
     *
     * @param username the name the user signs in with
     * @param password the password, as {@code {bcrypt}$2a$10$…} (made with {@code hash-password})
     * @param roles    one or more of CLERK, ANALYST, AUDITOR, INTEGRATOR, ADMIN
     */
    public record User(String username, String password, List<String> roles) {
        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }
}
