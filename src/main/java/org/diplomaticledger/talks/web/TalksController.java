package org.diplomaticledger.talks.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.ReadDocs;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.ResourceNotFound;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.talks.projection.TalksBoardProjection;
import org.diplomaticledger.talks.projection.TalksBoardQueries;
import org.diplomaticledger.talks.projection.TalksViews.TalksDetail;
import org.diplomaticledger.talks.projection.TalksViews.TalksView;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/** The talks board: {@code GET /api/v1/talks} and {@code GET /api/v1/talks/{id}}. */
@RestController
@Tag(name = "Talks", description = "The talks board: rounds of talks between states, their venue, format, delegations, "
        + "status history and outcome")
class TalksController {

    private static final String TALKS = """
            {"talksId":"istanbul-2025-04-10","title":"Second round on embassy operations","status":"CONCLUDED",\
            "statusSince":"2025-04-10","date":"2025-04-10",\
            "venue":{"city":"Istanbul","country":"TR","place":"Russian consulate-general"},"thirdLocation":true,\
            "scope":"Embassy operations","excludedTopics":["political issues","security issues"],\
            "format":"DIPLOMATS_ONLY","parties":["RU","US"],\
            "delegations":[{"state":"RU","headName":"Alexander Darchiev","headTitle":"Ambassador to the United States",\
            "headDiplomat":true,"members":[],"namedOn":"2025-04-08"}],\
            "heldOn":"2025-04-10","concludedOn":"2025-04-10","outcome":"CONTINUED",\
            "statement":"Both sides called the round constructive and said work to stabilise the operations of their embassies continues (paraphrased).",\
            "followUps":["Further consultations on embassy operations"],"lastRecordedAt":"2025-04-10T18:00:00Z"}""";

    private final Reads reads;
    private final TalksBoardQueries queries;

    TalksController(Reads reads, TalksBoardQueries queries) {
        this.reads = reads;
        this.queries = queries;
    }

    @Operation(operationId = "listTalks", summary = "List talks between states",
            description = "Which talks were scheduled, held, postponed, concluded or cancelled, between which states, where "
                    + "and when: one item per round of talks, newest first, filtered by party, status, date, format and "
                    + "venue.\n\n" + ReadDocs.LIST + "\n\n" + ReadDocs.READ_YOUR_WRITES + "\n\n" + ReadDocs.READ_ROLES,
            responses = {
                    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "A page of talks (header X-Ledger-Position: the position it reflects)",
                            content = {
                                    @Content(mediaType = "application/json", examples = @ExampleObject(name = "talks",
                                            summary = "RU-US talks on embassy operations, page of one",
                                            value = "{\"items\":[" + TALKS + "],\"page\":0,\"size\":1,\"total\":3,\"position\":81}")),
                                    @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = """
                                            talksId,title,status,statusSince,date,time,venue.city,venue.country,venue.place,thirdLocation,scope,excludedTopics,format,parties,delegations,heldOn,endDate,concludedOn,outcome,statement,followUps,cancelledBy,lastRecordedAt
                                            istanbul-2025-04-10,Second round on embassy operations,CONCLUDED,2025-04-10,2025-04-10,,Istanbul,TR,Russian consulate-general,true,Embassy operations,political issues; security issues,DIPLOMATS_ONLY,RU; US,RU: Alexander Darchiev (Ambassador to the United States); US: Sonata Coulter (Deputy Assistant Secretary of State),2025-04-10,,2025-04-10,CONTINUED,Both sides called the round constructive (paraphrased).,Further consultations on embassy operations,,2025-04-10T18:00:00Z
                                            """))}),
                    @ApiResponse(responseCode = "400", description = ReadDocs.BAD_QUERY, content = @Content(
                            mediaType = "application/problem+json", examples = @ExampleObject(name = "invalid-query", value = ReadDocs.PROBLEM_400)))})
    @GetMapping(path = "/api/v1/talks", produces = {"application/json", "text/csv"})
    ResponseEntity<Page<TalksView>> list(@Parameter(description = "Only talks this state is a party to (ISO 3166 alpha-2)", example = "RU")
                                         @RequestParam(required = false) String state,
                                         @Parameter(description = "Only talks in these statuses, comma-separated: SCHEDULED, RESCHEDULED, "
                                                 + "POSTPONED, HELD, CONCLUDED, CANCELLED", example = "HELD,CONCLUDED")
                                         @RequestParam(required = false) String status,
                                         @Parameter(description = "Only talks on or after this day (ISO date)", example = "2025-01-01")
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                         @Parameter(description = "Only talks on or before this day (ISO date)", example = "2025-12-31")
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                         @Parameter(description = "Only talks in this format, e.g. DIPLOMATS_ONLY", example = "DIPLOMATS_ONLY")
                                         @RequestParam(required = false) String format,
                                         @Parameter(description = "Only talks held in this country (ISO 3166 alpha-2)", example = "TR")
                                         @RequestParam(required = false) String venueCountry,
                                         @Parameter(description = ReadDocs.PAGE, example = "0")
                                         @RequestParam(required = false) Integer page,
                                         @Parameter(description = ReadDocs.SIZE, example = "20")
                                         @RequestParam(required = false) Integer size,
                                         @Parameter(description = "Sort by date, status, talksId, title or venueCountry; `,desc` reverses "
                                                 + "(default: newest first)", example = "date,desc")
                                         @RequestParam(required = false) String sort,
                                         @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                         @Parameter(hidden = true) ReadPosition read) {
        TalksBoardQueries.Filter filter = new TalksBoardQueries.Filter(QueryParams.country("state", state),
                TalksBoardQueries.statuses(status), from, to,
                java.util.Optional.ofNullable(QueryParams.enumValue("format", format, org.diplomaticledger.talks.api.TalksFormat.class)).map(Enum::name).orElse(null),
                QueryParams.country("venueCountry", venueCountry));
        if (from != null && to != null && from.isAfter(to)) {
            throw new org.diplomaticledger.projection.QueryParameterException("from", "comes after to");
        }
        PageQuery paging = PageQuery.of(page, size, sort, QueryParams.wantsCsv(accept), TalksBoardQueries.SORTABLE,
                "talks_date DESC, talks_id");
        return reads.answer(TalksBoardProjection.NAME, read, snapshot -> queries.list(snapshot, filter, paging));
    }

    @Operation(operationId = "getTalks", summary = "One round of talks with its history",
            description = "Everything the board knows of one round of talks: parties, venue, format, delegations, outcome, "
                    + "and the history of its statuses with the source of each.\n\n" + ReadDocs.READ_YOUR_WRITES + "\n\n"
                    + ReadDocs.READ_ROLES,
            responses = {
                    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "The talks and their status history",
                            content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "istanbul-2025-04-10",
                                    value = "{\"talks\":" + TALKS + """
                                            ,"history":[{"seq":1,"status":"SCHEDULED","effectiveDate":"2025-04-08",\
                                            "recordedAt":"2025-04-08T12:00:00Z","event":"TalksScheduled",\
                                            "note":"scheduled for 2025-04-10 in Istanbul",\
                                            "source":"State Department daily press briefing, 8 April 2025"},\
                                            {"seq":3,"status":"CONCLUDED","effectiveDate":"2025-04-10","recordedAt":"2025-04-10T18:00:00Z",\
                                            "event":"TalksConcluded","note":"CONTINUED: Both sides called the round constructive (paraphrased).",\
                                            "source":"Russian MFA statement; US Department of State, 10 April 2025"}]}"""))),
                    @ApiResponse(responseCode = "404", description = "No talks with this id on the board", content = @Content(
                            mediaType = "application/problem+json", examples = @ExampleObject(name = "not-found", value = """
                                    {"type":"urn:diplomatic-ledger:problem:not-found","title":"Not found","status":404,\
                                    "detail":"no talks 'geneva-2030-01-01' on the board","instance":"/api/v1/talks/geneva-2030-01-01"}""")))})
    @GetMapping(path = "/api/v1/talks/{talksId}", produces = "application/json")
    ResponseEntity<TalksDetail> one(@Parameter(description = "The talks' id: venue city and date, as in the list", example = "istanbul-2025-04-10")
                                    @PathVariable String talksId,
                                    @Parameter(hidden = true) ReadPosition read) {
        return reads.answer(TalksBoardProjection.NAME, read, snapshot -> queries.one(snapshot, talksId)
                .orElseThrow(() -> new ResourceNotFound("no talks '" + talksId + "' on the board")));
    }
}
