package org.diplomaticledger.presence.web;

import io.swagger.v3.oas.annotations.Parameter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import org.diplomaticledger.presence.api.MissionKind;
import org.diplomaticledger.presence.api.MissionStatus;
import org.diplomaticledger.presence.api.PresenceIds;
import org.diplomaticledger.presence.projection.StaffingQueries;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.projection.ReadDocs;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.shared.CountryCode;

/**
 * The query parameters of the staffing reads, one record per read, bound by name (each component is a query
 * parameter of that name; a country code, a date, a year or a month is converted, or answered 400 naming it).
 */
final class StaffingParameters {

    private static final String SENDING = "The sending state (ISO 3166 alpha-2)";
    private static final String RECEIVING = "The receiving state (ISO 3166 alpha-2)";
    private static final String ON = ReadDocs.ON;

    private StaffingParameters() {}

    /** {@code GET /api/v1/missions}. */
    record Missions(
            @Parameter(description = "Only missions of this sending state (ISO 3166 alpha-2)", example = "RU")
            CountryCode sending,

            @Parameter(description = "Only missions in this receiving state (ISO 3166 alpha-2)", example = "US")
            CountryCode receiving,

            @Parameter(
                    description = "Only missions where this state sends or receives (ISO 3166 alpha-2)",
                    example = "RU")
            CountryCode state,

            @Parameter(
                    description =
                            "Only missions of this kind on the day read (asOf): EMBASSY, LEGATION, CONSULATE_GENERAL, "
                                    + "CONSULATE or PERMANENT_MISSION",
                    example = "EMBASSY")
            String kind,

            @Parameter(description = "Only missions in this status: OPEN, SUSPENDED or CLOSED", example = "OPEN")
            String status,

            @Parameter(description = "Only missions in this city", example = "Washington")
            String city,

            @Parameter(description = ON, example = "2026-11-30")
            LocalDate on,

            @Parameter(description = ReadDocs.PAGE, example = "0")
            Integer page,

            @Parameter(description = ReadDocs.SIZE, example = "20")
            Integer size,

            @Parameter(
                    description =
                            "Sort by missionId, sending, receiving, kind, city, status or headcount; `,desc` reverses "
                                    + "(default: missionId)",
                    example = "headcount,desc")
            String sort) {

        /** {@code kind} is read with dashes or underscores: {@code consulate-general} is CONSULATE_GENERAL. */
        StaffingQueries.MissionFilter filter() {
            MissionKind missionKind =
                    QueryParams.enumValue("kind", kind == null ? null : kind.replace('-', '_'), MissionKind.class);
            MissionStatus missionStatus = QueryParams.enumValue("status", status, MissionStatus.class);
            return new StaffingQueries.MissionFilter(
                    sending,
                    receiving,
                    state,
                    missionKind == null ? null : missionKind.name(),
                    missionStatus == null ? null : missionStatus.name(),
                    city);
        }

        PageQuery paging(String accept) {
            return PageQuery.of(
                    page,
                    size,
                    sort,
                    QueryParams.wantsCsv(accept),
                    StaffingQueries.MISSION_SORTABLE,
                    StaffingQueries.MISSION_DEFAULT_SORT);
        }
    }

    /** {@code GET /api/v1/presences}. */
    record Presences(
            @Parameter(description = "Only presences of this sending state (ISO 3166 alpha-2)", example = "RU")
            CountryCode sending,

            @Parameter(description = "Only presences in this receiving state (ISO 3166 alpha-2)", example = "US")
            CountryCode receiving,

            @Parameter(
                    description = "Only presences where this state sends or receives (ISO 3166 alpha-2)",
                    example = "US")
            CountryCode state,

            @Parameter(description = ON, example = "2026-11-30")
            LocalDate on,

            @Parameter(description = ReadDocs.PAGE, example = "0")
            Integer page,

            @Parameter(description = ReadDocs.SIZE, example = "20")
            Integer size,

            @Parameter(
                    description =
                            "Sort by presenceId, sending, receiving or headcount; `,desc` reverses (default: presenceId)",
                    example = "headcount,desc")
            String sort) {

        StaffingQueries.PresenceFilter filter() {
            return new StaffingQueries.PresenceFilter(sending, receiving, state);
        }

        PageQuery paging(String accept) {
            return PageQuery.of(
                    page,
                    size,
                    sort,
                    QueryParams.wantsCsv(accept),
                    StaffingQueries.PRESENCE_SORTABLE,
                    StaffingQueries.PRESENCE_DEFAULT_SORT);
        }
    }

    /** {@code GET /api/v1/trends/headcount}: a pair of states and a range of months, at most {@value #MAX_MONTHS}. */
    record Headcount(
            @Parameter(description = SENDING + "; required", example = "RU")
            CountryCode sending,

            @Parameter(description = RECEIVING + "; required", example = "US")
            CountryCode receiving,

            @Parameter(description = "First month, YYYY-MM; ten years before `to` by default", example = "2018-01")
            YearMonth from,

            @Parameter(description = "Last month, YYYY-MM; this month by default", example = "2018-05")
            YearMonth to) {

        static final int MAX_MONTHS = 1200;

        String presenceId() {
            return PresenceIds.presence(required("sending", sending), required("receiving", receiving));
        }

        /** The last month: {@code to}, else this month; read as of a day, the series stops at that day's month. */
        YearMonth last(ReadPosition read, Clock clock) {
            YearMonth asOf = read.asOf() == null ? null : YearMonth.from(read.asOf());
            YearMonth last = to != null ? to : asOf != null ? asOf : YearMonth.now(clock);
            return asOf != null && last.isAfter(asOf) ? asOf : last;
        }

        YearMonth first(YearMonth last) {
            YearMonth first = from == null ? last.minusYears(10) : from;
            if (first.isAfter(last)) {
                throw new QueryParameterException("from", "from " + first + " is after to " + last);
            }
            if (first.plusMonths(MAX_MONTHS).isBefore(last)) {
                throw new QueryParameterException("to", "at most " + MAX_MONTHS + " months at a time");
            }
            return first;
        }
    }

    /**
     * {@code GET /api/v1/trends/open-missions}: a sending state, named {@code sending} or by its older name
     * {@code state}, and a range of years, at most {@value #MAX_YEARS}.
     */
    record OpenMissions(
            @Parameter(description = SENDING + "; required (or its older name `state`)", example = "RU")
            String sending,

            @Parameter(description = "Deprecated alias of `sending`, still accepted", deprecated = true)
            String state,

            @Parameter(description = "Only missions in this receiving state (ISO 3166 alpha-2)", example = "US")
            CountryCode receiving,

            @Parameter(description = "First year, YYYY; ten years before `to` by default", example = "2017")
            Year from,

            @Parameter(description = "Last year, YYYY; this year by default", example = "2018")
            Year to) {

        static final int MAX_YEARS = 200;

        CountryCode sendingState() {
            if (sending != null && state != null && !sending.equals(state)) {
                throw new QueryParameterException("state", "is the older name of sending; give one of them");
            }
            String parameter = sending == null && state != null ? "state" : "sending";
            return QueryParams.country(parameter, required(parameter, sending != null ? sending : state));
        }

        /** The last year: {@code to}, else this year; read as of a day, the series stops at that day's year. */
        int last(ReadPosition read, Clock clock) {
            int last = to != null
                    ? to.getValue()
                    : read.asOf() != null
                            ? read.asOf().getYear()
                            : Year.now(clock).getValue();
            return read.asOf() != null ? Math.min(last, read.asOf().getYear()) : last;
        }

        int first(int last) {
            int first = from == null ? last - 10 : from.getValue();
            if (first > last) {
                throw new QueryParameterException("from", "from " + first + " is after to " + last);
            }
            if (last - first > MAX_YEARS) {
                throw new QueryParameterException("to", "at most " + MAX_YEARS + " years at a time");
            }
            return first;
        }
    }

    private static <T> T required(String parameter, T value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new QueryParameterException(parameter, "required");
        }
        return value;
    }
}
