package org.diplomaticledger.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Remembers, for a short while, which credentials a slow password check (bcrypt: about 80 ms) has already accepted,
 * so that a client sending HTTP Basic on every request pays for it once, not per command. Only successes are kept,
 * under a SHA-256 of user and password (never the password itself); a wrong password always pays the full check.
 */
final class CachingAuthenticationProvider implements AuthenticationProvider {

    private static final int MAX_ENTRIES = 10_000;

    private record Accepted(Authentication authentication, Instant until) {}

    private final AuthenticationProvider delegate;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();

    CachingAuthenticationProvider(AuthenticationProvider delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication instanceof UsernamePasswordAuthenticationToken)
                || authentication.getCredentials() == null
                || ttl.isZero()) {
            return delegate.authenticate(authentication);
        }
        String key =
                key(authentication.getName(), authentication.getCredentials().toString());
        Instant now = clock.instant();
        Accepted known = accepted.get(key);
        if (known != null && known.until().isAfter(now)) {
            return known.authentication();
        }
        Authentication result = delegate.authenticate(authentication);
        if (result != null && result.isAuthenticated()) {
            if (accepted.size() >= MAX_ENTRIES) {
                accepted.values().removeIf(entry -> !entry.until().isAfter(now));
                if (accepted.size() >= MAX_ENTRIES) {
                    accepted.clear();
                }
            }
            accepted.put(key, new Accepted(result, now.plus(ttl)));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private static String key(String user, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(user.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
