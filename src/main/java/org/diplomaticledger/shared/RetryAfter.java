package org.diplomaticledger.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How long a client waits before asking a status resource again: its {@code Retry-After} (RFC 9110, 10.2.3: a number
 * of seconds or an HTTP date), kept between {@link #MIN} and {@link #MAX}, or the given default when the answer has
 * none or one that cannot be read. Used by the pollers of {@code GET /api/v1/imports/{id}}: the command line's
 * {@code import} and the benchmark's W2.
 */
public final class RetryAfter {

    /** The least a poller waits, whatever the header says (a {@code 0} would make it spin). */
    public static final Duration MIN = Duration.ofMillis(100);
    /** The most a poller waits, whatever the header says. */
    public static final Duration MAX = Duration.ofMinutes(1);

    private RetryAfter() {}

    /**
     * The wait a {@code Retry-After} value asks for.
     *
     * @param header   the header's value, or null
     * @param fallback the wait when there is none, or it cannot be read
     * @param now      the time now, for an HTTP date
     */
    public static Duration of(String header, Duration fallback, Instant now) {
        Duration wait = fallback;
        if (header != null && !header.isBlank()) {
            String value = header.trim();
            if (value.chars().allMatch(Character::isDigit)) {
                wait = value.length() > 6 ? MAX : Duration.ofSeconds(Long.parseLong(value));
            } else {
                try {
                    wait = Duration.between(
                            now,
                            ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                                    .toInstant());
                } catch (DateTimeParseException unreadable) {
                    wait = fallback;
                }
            }
        }
        if (wait.compareTo(MIN) < 0) {
            return MIN;
        }
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
