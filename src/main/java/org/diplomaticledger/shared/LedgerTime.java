package org.diplomaticledger.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The span of time the ledger accepts, in one place: every date a command or a read names (effective dates,
 * deadlines, talks dates, {@code asOf}, {@code on}, {@code from}, {@code to}) and every instant ({@code knownAt}) lies
 * between {@link #EARLIEST} (1648-01-01, the Peace of Westphalia, before which there were no resident missions in the
 * modern sense) and {@link #YEARS_AHEAD} years after today, both included. Anything else is a typo or an attack: a
 * date such as {@code -999999999-01-01} overflows the projections' date arithmetic. The check is made where input is
 * read, never where stored events are read, so events recorded before the bound existed still load and project.
 */
public final class LedgerTime {

    /** The earliest day the ledger accepts. */
    public static final LocalDate EARLIEST = LocalDate.of(1648, 1, 1);

    /** How many years after today the latest accepted day lies. */
    public static final int YEARS_AHEAD = 100;

    private LedgerTime() {}

    /** The latest day accepted when today is {@code today} (UTC). */
    public static LocalDate latest(LocalDate today) {
        return today.plusYears(YEARS_AHEAD);
    }

    /** The latest day accepted now. */
    public static LocalDate latest(Clock clock) {
        return latest(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    }

    /** Whether the day lies in the accepted span. */
    public static boolean accepts(LocalDate date, Clock clock) {
        return !date.isBefore(EARLIEST) && !date.isAfter(latest(clock));
    }

    /**
     * The day itself when it lies in the accepted span; otherwise an {@link InvalidValueException} naming the field.
     */
    public static LocalDate check(String field, LocalDate date, Clock clock) {
        if (date != null && !accepts(date, clock)) {
            throw new InvalidValueException(field, outside(date.toString(), clock));
        }
        return date;
    }

    /** {@link #check(String, LocalDate, Clock)} against the system clock, for input read where no clock is injected. */
    public static LocalDate check(String field, LocalDate date) {
        return check(field, date, Clock.systemUTC());
    }

    /**
     * A date as a client writes it in a query: {@code YYYY-MM-DD} (surrounding spaces ignored), within the span;
     * otherwise an {@link InvalidValueException} naming the parameter and what is expected.
     */
    public static LocalDate parse(String field, String text, Clock clock) {
        LocalDate date;
        try {
            date = LocalDate.parse(text.trim());
        } catch (java.time.DateTimeException e) {
            throw new InvalidValueException(field, "expected a date as YYYY-MM-DD, not '" + text + "'");
        }
        return check(field, date, clock);
    }

    /** The instant itself when its day (UTC) lies in the accepted span; otherwise an {@link InvalidValueException}. */
    public static Instant check(String field, Instant instant, Clock clock) {
        if (instant != null
                && (instant.isBefore(EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant())
                        || !instant.isBefore(latest(clock)
                                .plusDays(1)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant()))) {
            throw new InvalidValueException(field, outside(instant.toString(), clock));
        }
        return instant;
    }

    /** The message for a value outside the span. */
    public static String outside(String value, Clock clock) {
        return "the ledger accepts dates from " + EARLIEST + " to " + latest(clock) + " (" + YEARS_AHEAD
                + " years after today), not " + value;
    }
}
