package org.diplomaticledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

class CachingAuthenticationProviderTest {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final AtomicInteger checks = new AtomicInteger();
    private final UserDetailsService users = new InMemoryUserDetailsManager(User.withUsername("clerk")
            .password(bcrypt.encode("secret"))
            .roles("CLERK")
            .build());

    private CachingAuthenticationProvider provider(Clock clock) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users) {
            {
                setPasswordEncoder(bcrypt);
            }

            @Override
            public org.springframework.security.core.Authentication authenticate(
                    org.springframework.security.core.Authentication authentication) {
                checks.incrementAndGet();
                return super.authenticate(authentication);
            }
        };
        return new CachingAuthenticationProvider(passwords, Duration.ofMinutes(5), clock);
    }

    @Test
    void checksAcceptedCredentialsOnceWithinTheCacheTime() {
        CachingAuthenticationProvider provider =
                provider(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        for (int i = 0; i < 5; i++) {
            assertThat(provider.authenticate(new UsernamePasswordAuthenticationToken("clerk", "secret"))
                            .isAuthenticated())
                    .isTrue();
        }
        assertThat(checks.get()).isEqualTo(1);
    }

    @Test
    void alwaysChecksAWrongPassword() {
        CachingAuthenticationProvider provider = provider(Clock.systemUTC());
        provider.authenticate(new UsernamePasswordAuthenticationToken("clerk", "secret"));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken("clerk", "guess")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(checks.get()).isEqualTo(4);
    }

    @Test
    void checksAgainOnceTheCacheTimeHasPassed() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Clock[] now = {Clock.fixed(start, ZoneOffset.UTC)};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0].instant();
            }
        };
        CachingAuthenticationProvider provider = provider(moving);
        provider.authenticate(new UsernamePasswordAuthenticationToken("clerk", "secret"));
        now[0] = Clock.fixed(start.plus(Duration.ofMinutes(6)), ZoneOffset.UTC);
        provider.authenticate(new UsernamePasswordAuthenticationToken("clerk", "secret"));
        assertThat(checks.get()).isEqualTo(2);
    }
}
