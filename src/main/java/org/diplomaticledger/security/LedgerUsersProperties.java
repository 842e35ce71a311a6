package org.diplomaticledger.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * The ledger's users, from configuration ({@code ledger.security.users[0].username=…}). Passwords are given as
 * Spring Security stores them, {@code {bcrypt}$2a$…} being the one to use outside a demo; a password without a
 * {@code {id}} prefix is taken as plain text.
 */
@ConfigurationProperties("ledger.security")
public record LedgerUsersProperties(List<User> users) {

    public LedgerUsersProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    public record User(String username, String password, List<String> roles) {
        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }
}
