package org.diplomaticledger.presence.web;

import io.swagger.v3.oas.annotations.Parameter;
import java.time.LocalDate;
import org.diplomaticledger.presence.projection.HeadsOfMissionQueries;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.Post;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.projection.ReadDocs;
import org.diplomaticledger.shared.CountryCode;

/** The query parameters of the heads-of-mission reads, one record per read, bound by name (see {@link StaffingParameters}). */
final class HeadsOfMissionParameters {

    /** What {@code on} means for heads of mission. */
    static final String ON =
            "The day deadlines and vacancies are counted against (ISO date); asOf, else today, by default";

    private HeadsOfMissionParameters() {}

    /** {@code GET /api/v1/heads-of-mission}. */
    record Missions(
            @Parameter(description = "Only missions of this sending state (ISO 3166 alpha-2)", example = "RU")
            CountryCode sending,

            @Parameter(description = "Only missions in this receiving state (ISO 3166 alpha-2)", example = "US")
            CountryCode receiving,

            @Parameter(
                    description = "Only missions where this state sends or receives (ISO 3166 alpha-2)",
                    example = "US")
            CountryCode state,

            @Parameter(description = "Only this mission", example = "RU-US-EMBASSY-WASHINGTON")
            String missionId,

            @Parameter(
                    description =
                            "Only vacant (true: no head in functions, the mission not closed) or headed (false) posts; "
                                    + "a closed mission is neither",
                    example = "false")
            String vacant,

            @Parameter(
                    description =
                            "Only posts in this state on the day read: HEADED (a head in functions), VACANT (no head "
                                    + "in functions, the mission not closed) or CLOSED (the mission closed)",
                    example = "HEADED")
            String post,

            @Parameter(description = ON, example = "2026-11-30")
            LocalDate on,

            @Parameter(description = ReadDocs.PAGE, example = "0")
            Integer page,

            @Parameter(description = ReadDocs.SIZE, example = "20")
            Integer size,

            @Parameter(
                    description =
                            "Sort by missionId, sending, receiving, since or name; `,desc` reverses (default: missionId)",
                    example = "since,desc")
            String sort) {

        /** The filter, vacancies counted against {@code day} ({@code on}, else {@code asOf}, else today). */
        HeadsOfMissionQueries.MissionFilter filter(LocalDate day) {
            return new HeadsOfMissionQueries.MissionFilter(
                    sending,
                    receiving,
                    state,
                    blankToNull(missionId),
                    QueryParams.bool("vacant", vacant),
                    QueryParams.enumValue("post", post, Post.class),
                    day);
        }

        PageQuery paging(String accept) {
            return PageQuery.of(
                    page,
                    size,
                    sort,
                    QueryParams.wantsCsv(accept),
                    HeadsOfMissionQueries.MISSION_SORTABLE,
                    HeadsOfMissionQueries.MISSION_DEFAULT_SORT);
        }
    }

    /** {@code GET /api/v1/heads-of-mission/tenures}. */
    record Tenures(
            @Parameter(description = "Only tenures for this sending state (ISO 3166 alpha-2)", example = "RU")
            CountryCode sending,

            @Parameter(description = "Only tenures in this receiving state (ISO 3166 alpha-2)", example = "US")
            CountryCode receiving,

            @Parameter(description = "Only this person's tenures", example = "anatoly-antonov")
            String personId,

            @Parameter(
                    description = "Only tenures still running on or after this day (ISO date)",
                    example = "2017-01-01")
            LocalDate from,

            @Parameter(description = "Only tenures begun on or before this day (ISO date)", example = "2025-12-31")
            LocalDate to,

            @Parameter(description = ReadDocs.PAGE, example = "0")
            Integer page,

            @Parameter(description = ReadDocs.SIZE, example = "20")
            Integer size,

            @Parameter(
                    description =
                            "Sort by missionId, personId, name, appointedOn, functionsStartedOn, endedOn, sending or "
                                    + "receiving; `,desc` reverses",
                    example = "appointedOn,desc")
            String sort) {

        HeadsOfMissionQueries.TenureFilter filter() {
            if (from != null && to != null && to.isBefore(from)) {
                throw new QueryParameterException("to", to + " is before from " + from);
            }
            return new HeadsOfMissionQueries.TenureFilter(sending, receiving, blankToNull(personId), from, to);
        }

        PageQuery paging(String accept) {
            return PageQuery.of(
                    page,
                    size,
                    sort,
                    QueryParams.wantsCsv(accept),
                    HeadsOfMissionQueries.TENURE_SORTABLE,
                    HeadsOfMissionQueries.TENURE_DEFAULT_SORT);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
