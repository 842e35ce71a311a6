package org.diplomaticledger.relations.web;

import io.swagger.v3.oas.annotations.Parameter;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.projection.ReadDocs;
import org.diplomaticledger.relations.projection.RelationsQueries;
import org.diplomaticledger.shared.CountryCode;

/**
 * The query parameters of {@code GET /api/v1/relations}, bound by name (each component is a query parameter of that
 * name; a country code is converted, or answered 400 naming it).
 */
record RelationsParameters(
        @Parameter(description = "Only pairs this state is one of (ISO 3166 alpha-2 or alpha-3)", example = "ER")
        CountryCode state,

        @Parameter(description = "With `b`: only this pair (in any order); alone: like `state`", example = "ER")
        CountryCode a,

        @Parameter(description = "With `a`: only this pair (in any order); alone: like `state`", example = "DJ")
        CountryCode b,

        @Parameter(
                description = "Only pairs at these levels, comma-separated: FULL, DOWNGRADED, SEVERED, RESTORED",
                example = "SEVERED,DOWNGRADED")
        String level,

        @Parameter(description = ReadDocs.PAGE, example = "0")
        Integer page,

        @Parameter(description = ReadDocs.SIZE, example = "20")
        Integer size,

        @Parameter(
                description =
                        "Sort by relationsId, stateA, stateB, level or since; `,desc` reverses (default: relationsId)",
                example = "since,desc")
        String sort) {

    RelationsQueries.Filter filter() {
        RelationsQueries.Filter filter = new RelationsQueries.Filter(state, a, b, RelationsQueries.levels(level));
        if (a != null && a.equals(b)) {
            throw new QueryParameterException("b", "names the same state as a; relations are between two states");
        }
        return filter;
    }

    PageQuery paging(String accept) {
        return PageQuery.of(
                page,
                size,
                sort,
                QueryParams.wantsCsv(accept),
                RelationsQueries.SORTABLE,
                RelationsQueries.DEFAULT_SORT);
    }
}
