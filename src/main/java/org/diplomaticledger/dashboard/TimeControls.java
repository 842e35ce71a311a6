package org.diplomaticledger.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.diplomaticledger.projection.ReadPosition;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The point in time a page shows, as its URL says ({@code ?asOf=} the world on that day, {@code ?knownAt=} as the
 * ledger had recorded it by then; both absent: today as recorded now), read by the same argument resolver as the
 * API's. Every link a page draws carries them on, so a view is a link an analyst can send.
 *
 * @param asOf      the day asked for, or null (today)
 * @param knownAt   the recorded-time instant asked for, or null (now)
 * @param day       the day the page shows (asOf or today)
 * @param firstYear the slider's first year (the earliest year the page's data knows)
 * @param lastYear  the slider's last year (this year)
 */
record TimeControls(LocalDate asOf, Instant knownAt, LocalDate day, int firstYear, int lastYear) {

    private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern(
                    "d MMMM yyyy, HH:mm:ss 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    static TimeControls of(ReadPosition read, LocalDate today, int firstYear) {
        LocalDate asOf = read == null ? null : read.asOf();
        Instant knownAt = read == null ? null : read.knownAt();
        LocalDate day = asOf == null ? today : asOf;
        int last = Math.max(today.getYear(), day.getYear());
        return new TimeControls(asOf, knownAt, day, Math.min(Math.min(firstYear, day.getYear()), last), last);
    }

    /** Whether the page shows another point than today as recorded now. */
    public boolean travelling() {
        return asOf != null || knownAt != null;
    }

    /** The plain sentence that says which point the page shows. */
    public String sentence() {
        String world = asOf == null ? "The world today" : "The world on " + LONG_DAY.format(asOf);
        String ledger =
                knownAt == null ? "as the ledger stands now" : "as the ledger stood on " + INSTANT.format(knownAt);
        return world + ", " + ledger + ".";
    }

    /** The day the page shows, written long ("1 September 2017"). */
    public String dayText() {
        return LONG_DAY.format(day);
    }

    /** The asOf field's value (YYYY-MM-DD, empty for today). */
    public String asOfValue() {
        return asOf == null ? "" : asOf.toString();
    }

    /** The knownAt field's value (an ISO instant, empty for now). */
    public String knownAtValue() {
        return knownAt == null ? "" : knownAt.toString();
    }

    /** A link to a dashboard path at the same point in time. */
    public String link(String path) {
        return link(path, null, null);
    }

    /** A link to a dashboard path with one more query parameter (none when its value is null), at the same point. */
    public String link(String path, String name, String value) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        if (name != null && value != null && !value.isEmpty()) {
            uri.queryParam(name, value);
        }
        if (asOf != null) {
            uri.queryParam(ReadPosition.AS_OF, asOf.toString());
        }
        if (knownAt != null) {
            uri.queryParam(ReadPosition.KNOWN_AT, knownAt.toString());
        }
        return uri.encode().build().toUriString();
    }
}
