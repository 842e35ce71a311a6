package org.diplomaticledger.presence.web;

import io.swagger.v3.oas.annotations.Parameter;
import java.time.LocalDate;
import java.util.Locale;
import org.diplomaticledger.presence.projection.ExpulsionTrends;
import org.diplomaticledger.presence.projection.ExpulsionsQueries;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.projection.ReadDocs;
import org.diplomaticledger.shared.CountryCode;

/** The query parameters of the expulsions reads, one record per read, bound by name (see {@link StaffingParameters}). */
final class ExpulsionsParameters {

    private ExpulsionsParameters() {}

    /** {@code GET /api/v1/expulsions}. */
    record Expulsions(
            @Parameter(description = "Only expulsions declared by this state (ISO 3166 alpha-2)", example = "US")
            CountryCode by,

            @Parameter(description = "Only expulsions of this state's staff (ISO 3166 alpha-2)", example = "RU")
            CountryCode against,

            @Parameter(
                    description = "Only expulsions this state declared or suffered (ISO 3166 alpha-2)",
                    example = "RU")
            CountryCode state,

            @Parameter(
                    description = "Only expulsions from this mission",
                    example = "RU-US-PERMANENT-MISSION-UN-NEW-YORK")
            String missionId,

            @Parameter(description = "Only expulsions on or after this day (ISO date)", example = "2018-01-01")
            LocalDate from,

            @Parameter(description = "Only expulsions on or before this day (ISO date)", example = "2018-12-31")
            LocalDate to,

            @Parameter(
                    description = "Only expulsions that were (true) or were not (false) answered by the other state",
                    example = "true")
            String answered,

            @Parameter(
                    description = "Only expulsions with (true) or without (false) staff past their deadline on `on`",
                    example = "false")
            String overdue,

            @Parameter(description = ReadDocs.ON, example = "2026-11-30")
            LocalDate on,

            @Parameter(description = ReadDocs.PAGE, example = "0")
            Integer page,

            @Parameter(description = ReadDocs.SIZE, example = "20")
            Integer size,

            @Parameter(
                    description =
                            "Sort by effectiveDate, by, against, count or deadline; `,desc` reverses (default: newest first)",
                    example = "count,desc")
            String sort) {

        /** The filter, deadlines counted against {@code day} ({@code on}, else {@code asOf}, else today). */
        ExpulsionsQueries.Filter filter(LocalDate day) {
            if (from != null && to != null && from.isAfter(to)) {
                throw new QueryParameterException("from", "from " + from + " comes after to " + to);
            }
            return new ExpulsionsQueries.Filter(
                    by,
                    against,
                    state,
                    missionId == null || missionId.isBlank()
                            ? null
                            : missionId.trim().toUpperCase(Locale.ROOT),
                    from,
                    to,
                    QueryParams.bool("answered", answered),
                    QueryParams.bool("overdue", overdue),
                    day);
        }

        PageQuery paging(String accept) {
            return PageQuery.of(
                    page,
                    size,
                    sort,
                    QueryParams.wantsCsv(accept),
                    ExpulsionsQueries.SORTABLE,
                    ExpulsionsQueries.DEFAULT_SORT);
        }
    }

    /** {@code GET /api/v1/trends/expulsions}. */
    record Trend(
            @Parameter(description = "One state of the pair (ISO 3166 alpha-2)", example = "RU")
            CountryCode stateA,

            @Parameter(description = "The other state of the pair (ISO 3166 alpha-2)", example = "US")
            CountryCode stateB,

            @Parameter(description = "First year, YYYY", example = "2016")
            Integer from,

            @Parameter(description = "Last year, YYYY", example = "2025")
            Integer to,

            @Parameter(description = ReadDocs.PAGE, example = "0")
            Integer page,

            @Parameter(description = ReadDocs.SIZE, example = "20")
            Integer size,

            @Parameter(
                    description = "Sort by year, aToB, bToA or balance; `,desc` reverses (default: year)",
                    example = "year")
            String sort) {

        PageQuery paging(String accept) {
            return PageQuery.of(
                    page,
                    size,
                    sort,
                    QueryParams.wantsCsv(accept),
                    ExpulsionTrends.SORTABLE,
                    ExpulsionTrends.DEFAULT_SORT);
        }
    }
}
