package org.diplomaticledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Issue 14, item 7: configurations that must not start, the hash-password command, and sign-ins that cost the same. */
class PasswordsTest {

    private static final String HASH_10 = new BCryptPasswordEncoder(10).encode("correct horse");

    @TempDir
    Path dataDir;

    private static LedgerUsersProperties users(String password, String... roles) {
        return new LedgerUsersProperties(List.of(new LedgerUsersProperties.User("alice", password, List.of(roles))));
    }

    @Test
    void aUserWithoutARoleRefusesToStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                        .run(
                                "--ledger.data-dir=" + dataDir,
                                "--server.port=0",
                                "--spring.main.banner-mode=off",
                                "--ledger.security.users[0].username=alice",
                                "--ledger.security.users[0].password={bcrypt}" + HASH_10))
                .hasStackTraceContaining("User 'alice' has no role");
    }

    @Test
    void plainTextPasswordsRefuseToStartOutsideTheDemo() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                        .run(
                                "--ledger.data-dir=" + dataDir,
                                "--server.port=0",
                                "--spring.main.banner-mode=off",
                                "--ledger.security.users[0].username=alice",
                                "--ledger.security.users[0].password={noop}secret",
                                "--ledger.security.users[0].roles=CLERK"))
                .hasStackTraceContaining("not hashed");
        for (String password :
                new String[] {"secret", "{noop}secret", "{MD5}5ebe2294ecd0e0f08eab7690d2a6ee69", "{sha256}x"}) {
            assertThatThrownBy(() -> SecurityConfiguration.users(users(password, "CLERK"), false))
                    .as(password)
                    .hasMessageContaining("not hashed");
        }
        assertThat(SecurityConfiguration.users(users("{noop}secret", "CLERK"), true)
                        .loadUserByUsername("alice"))
                .isNotNull();
        assertThat(SecurityConfiguration.users(users("{bcrypt}" + HASH_10, "CLERK"), false)
                        .loadUserByUsername("alice"))
                .isNotNull();
        assertThatThrownBy(() -> SecurityConfiguration.users(users("{bcrypt}" + HASH_10), false))
                .hasMessageContaining("no role");
    }

    @Test
    void hashPasswordPrintsAHashTheLedgerAccepts() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HashPassword.run(
                new String[] {"--strength", "5"},
                new ByteArrayInputStream("s3cret pass\n".getBytes(StandardCharsets.UTF_8)),
                null,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String hash = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(hash).startsWith("{bcrypt}$2a$05$");
        LedgerUsersProperties properties = users(hash, "CLERK");
        PasswordEncoder encoder = new SecurityConfiguration().passwordEncoder(properties);
        assertThat(encoder.matches("s3cret pass", hash)).isTrue();
        assertThat(encoder.matches("wrong", hash)).isFalse();
        assertThat(HashPassword.run(
                        new String[] {"--strength", "99"},
                        new ByteArrayInputStream(new byte[0]),
                        null,
                        new PrintStream(out),
                        new PrintStream(err)))
                .isEqualTo(2);
        assertThat(HashPassword.run(
                        new String[0],
                        new ByteArrayInputStream(new byte[0]),
                        null,
                        new PrintStream(out),
                        new PrintStream(err)))
                .isEqualTo(2);
    }

    /** The encoder as configured, counting what it is asked to compare. */
    private static final class Counting implements PasswordEncoder {
        final PasswordEncoder delegate;
        final List<String> compared = new ArrayList<>();

        Counting(PasswordEncoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String encode(CharSequence raw) {
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            compared.add(encoded);
            return delegate.matches(raw, encoded);
        }
    }

    @Test
    void anUnknownUserCostsAsMuchAsAWrongPassword() {
        LedgerUsersProperties properties = users("{bcrypt}" + HASH_10, "CLERK");
        Counting encoder = new Counting(new SecurityConfiguration().passwordEncoder(properties));
        DaoAuthenticationProvider provider =
                SecurityConfiguration.passwords(SecurityConfiguration.users(properties, false), encoder);

        // The first unknown user makes the dummy hash: warm it up so that only the comparison is timed.
        timeRefused(provider, "warm-up", "x");
        encoder.compared.clear();
        long wrongPassword = timeRefused(provider, "alice", "wrong");
        long unknownUser = timeRefused(provider, "mallory", "wrong");

        // Both compare the password given with a bcrypt hash of the users' cost (10), never a cheaper one.
        assertThat(encoder.compared).hasSize(2);
        assertThat(encoder.compared.get(0)).startsWith("{bcrypt}$2a$10$");
        assertThat(encoder.compared.get(1)).startsWith("{bcrypt}$2a$10$");
        assertThat(unknownUser)
                .as("unknown user %d ns against wrong password %d ns", unknownUser, wrongPassword)
                .isGreaterThan(wrongPassword / 3);
        assertThat(wrongPassword).isGreaterThan(unknownUser / 3);
    }

    private static long timeRefused(DaoAuthenticationProvider provider, String user, String password) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken(user, password)))
                .isInstanceOf(BadCredentialsException.class);
        return System.nanoTime() - started;
    }
}
