package org.diplomaticledger.projection;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What a reader asks of a projection besides its filters: the ledger position it wants reflected (the
 * {@code position} a command's answer gave, passed back as {@code ?atLeast=} or the header
 * {@code X-Ledger-At-Least}; absent: any state will do), and the point in time to read
 * ({@code ?asOf=} the world on that date, {@code ?knownAt=} only what the ledger had recorded by then; absent: today
 * and now). See {@link TimePoint}.
 */
public record ReadPosition(Long atLeast, LocalDate asOf, Instant knownAt) {

    public static final String HEADER = "X-Ledger-At-Least";
    public static final String PARAMETER = "atLeast";
    public static final String AS_OF = "asOf";
    public static final String KNOWN_AT = "knownAt";

    public ReadPosition(Long atLeast) {
        this(atLeast, null, null);
    }

    public static ReadPosition any() {
        return new ReadPosition(null);
    }

    /** The day an answer counts deadlines and vacancies against: {@code on} when given, else {@code asOf}, else today. */
    public LocalDate day(LocalDate on, Clock clock) {
        return on != null ? on : asOf != null ? asOf : LocalDate.now(clock);
    }
}
