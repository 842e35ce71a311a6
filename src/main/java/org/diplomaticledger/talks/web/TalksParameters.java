package org.diplomaticledger.talks.web;

import io.swagger.v3.oas.annotations.Parameter;
import java.time.LocalDate;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.projection.ReadDocs;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.talks.api.TalksFormat;
import org.diplomaticledger.talks.projection.TalksBoardQueries;

/**
 * The query parameters of {@code GET /api/v1/talks}, bound by name (each component is a query parameter of that
 * name; a country code or a date is converted, or answered 400 naming it).
 */
record TalksParameters(
        @Parameter(description = "Only talks this state is a party to (ISO 3166 alpha-2)", example = "RU")
        CountryCode state,

        @Parameter(
                description = "Only talks in these statuses, comma-separated: SCHEDULED, RESCHEDULED, POSTPONED, HELD, "
                        + "CONCLUDED, CANCELLED",
                example = "HELD,CONCLUDED")
        String status,

        @Parameter(description = "Only talks on or after this day (ISO date)", example = "2025-01-01")
        LocalDate from,

        @Parameter(description = "Only talks on or before this day (ISO date)", example = "2025-12-31")
        LocalDate to,

        @Parameter(description = "Only talks in this format, e.g. DIPLOMATS_ONLY", example = "DIPLOMATS_ONLY")
        String format,

        @Parameter(description = "Only talks held in this country (ISO 3166 alpha-2)", example = "TR")
        CountryCode venueCountry,

        @Parameter(description = ReadDocs.PAGE, example = "0")
        Integer page,

        @Parameter(description = ReadDocs.SIZE, example = "20")
        Integer size,

        @Parameter(
                description =
                        "Sort by date, status, talksId, title or venueCountry; `,desc` reverses (default: newest first)",
                example = "date,desc")
        String sort) {

    TalksBoardQueries.Filter filter() {
        TalksFormat talksFormat = QueryParams.enumValue("format", format, TalksFormat.class);
        TalksBoardQueries.Filter filter = new TalksBoardQueries.Filter(
                state,
                TalksBoardQueries.statuses(status),
                from,
                to,
                talksFormat == null ? null : talksFormat.name(),
                venueCountry);
        if (from != null && to != null && from.isAfter(to)) {
            throw new QueryParameterException("from", "comes after to");
        }
        return filter;
    }

    PageQuery paging(String accept) {
        return PageQuery.of(
                page,
                size,
                sort,
                QueryParams.wantsCsv(accept),
                TalksBoardQueries.SORTABLE,
                "talks_date DESC, talks_id");
    }
}
