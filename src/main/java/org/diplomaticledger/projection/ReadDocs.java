package org.diplomaticledger.projection;

/**
 * Texts shared by the OpenAPI annotations of the read controllers (in the capabilities' {@code web} packages, which
 * may not depend on each other): read-your-writes, roles, paging, CSV and the problems every read can answer.
 * Constants only, so that annotations can use them; the examples of answers are resources (openapi/examples/).
 */
public final class ReadDocs {

    private ReadDocs() {}

    public static final String READ_ROLES = "Needs the role ANALYST, AUDITOR or ADMIN (HTTP Basic).";

    public static final String READ_YOUR_WRITES = "Read-your-writes: pass the `position` a command's answer gave as "
            + "`?atLeast=` (or the header `X-Ledger-At-Least`) and the answer waits, up to 10 s, until the projection has "
            + "applied that position, else 503 with Retry-After. The header `X-Ledger-Position` of every answer says "
            + "which ledger position it reflects.";

    public static final String LIST = "Paged with `page` (from 0), `size` (1 to 1000, 50 by default) and `sort` "
            + "(`field` or `field,desc`, several separated by `;`). Send `Accept: text/csv` for the same rows as CSV, "
            + "one line per item with a header row (up to 100000 rows; all of them by default).";

    /** The end of every read's description: read-your-writes and the roles, each a paragraph of its own. */
    public static final String READ = "\n\n" + READ_YOUR_WRITES + "\n\n" + READ_ROLES;

    /** The end of every paged list's description: paging and CSV, then {@link #READ}. */
    public static final String LIST_READ = "\n\n" + LIST + READ;

    public static final String AT_LEAST =
            "Read-your-writes: the ledger position (`position` of a command's answer) the "
                    + "projection must have applied before it answers; it waits up to 10 s, else 503. Absent: any state will do.";
    public static final String AT_LEAST_HEADER = "The same as `atLeast`, as a header; `atLeast` wins if both are sent.";
    public static final String AT_LEAST_EXAMPLE = "81";

    public static final String AS_OF = "Time travel in effective time: the world on this day (ISO date), as the facts' "
            + "effective dates tell it. Today (the ledger's clock) by default. A fact dated later, even one already recorded "
            + "(talks next month, a ceiling from next month), does not count yet. Answered in the header `X-Ledger-As-Of`. "
            + "See docs/time-travel.md.";
    public static final String AS_OF_EXAMPLE = "2018-01-01";
    public static final String KNOWN_AT =
            "Time travel in recorded time: only what the ledger had recorded by this instant "
                    + "(ISO instant such as `2018-03-01T12:00:00Z`, any offset; a date alone means the end of that day, UTC), with "
                    + "the corrections and retractions recorded by then. Now by default; a later instant is read as now. Answered "
                    + "in the header `X-Ledger-Known-At`. Combine with `asOf`: the world on `asOf` as known at `knownAt`.";
    public static final String KNOWN_AT_EXAMPLE = "2026-11-30T12:00:00Z";

    public static final String PAGE = "Page number, from 0";
    public static final String SIZE =
            "Items per page, 1 to 1000 (50 by default; with Accept: text/csv up to 100000, all by default)";
    public static final String ON =
            "The day against which departure deadlines count as overdue (ISO date); `asOf`, else today, by default";

    public static final String BAD_QUERY = "A query parameter is malformed or out of range; `parameter` names it";
    public static final String UNAUTHENTICATED = "No or wrong credentials";
    public static final String FORBIDDEN = "The user lacks the role ANALYST, AUDITOR or ADMIN";
    public static final String BEHIND = "The projection did not reach `atLeast` within 10 s; retry after Retry-After";
}
