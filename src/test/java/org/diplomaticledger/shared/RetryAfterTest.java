package org.diplomaticledger.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The wait the import pollers take from a status answer's Retry-After. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-05T21:00:00Z");
    private static final Duration FALLBACK = Duration.ofSeconds(1);

    @Test
    void secondsAreTakenAsSent() {
        assertThat(RetryAfter.of("3", FALLBACK, NOW)).isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryAfter.of(" 2 ", FALLBACK, NOW)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anHttpDateIsTheTimeUntilThen() {
        assertThat(RetryAfter.of("Sat, 05 Dec 2026 21:00:05 GMT", FALLBACK, NOW))
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void noHeaderOrAnUnreadableOneGivesTheFallback() {
        assertThat(RetryAfter.of(null, FALLBACK, NOW)).isEqualTo(FALLBACK);
        assertThat(RetryAfter.of("soon", FALLBACK, NOW)).isEqualTo(FALLBACK);
        assertThat(RetryAfter.of("-4", FALLBACK, NOW)).isEqualTo(FALLBACK);
    }

    @Test
    void theWaitStaysBetweenitsBounds() {
        assertThat(RetryAfter.of("0", FALLBACK, NOW)).isEqualTo(RetryAfter.MIN);
        assertThat(RetryAfter.of("Sat, 05 Dec 2026 20:00:00 GMT", FALLBACK, NOW))
                .isEqualTo(RetryAfter.MIN);
        assertThat(RetryAfter.of("86400", FALLBACK, NOW)).isEqualTo(RetryAfter.MAX);
        assertThat(RetryAfter.of("99999999999999999999", FALLBACK, NOW)).isEqualTo(RetryAfter.MAX);
    }
}
