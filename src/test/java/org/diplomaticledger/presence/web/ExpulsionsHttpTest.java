package org.diplomaticledger.presence.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The expulsions projection through the real application. Tonga (LS) and Samoa (SZ) expel each other's staff in
 * 2023–2024: LS-1 (LS expels one named and three counted SZ staff), LS-2 (SZ answers four days later, not saying
 * so: an inferred link), LS-3 (SZ answers LS-1 explicitly, three months later), LS-4 (LS expels one named person
 * in 2024, answering nothing and answered by nothing).
 */
class ExpulsionsHttpTest extends LedgerIntegrationTest {

    private static final String SRC = "\"source\": \"Ministry of Foreign Affairs statement\"";
    private static final String WS_MISSION = "SZ-LS-EMBASSY-NUKUALOFA";
    private static final String TO_MISSION = "LS-SZ-EMBASSY-APIA";
    private static long scenarioPosition;

    /** The Tonga–Samoa scenario, written once for the whole class; the position of its last write. */
    private synchronized long scenario() {
        if (scenarioPosition > 0) {
            return scenarioPosition;
        }
        ledger.accepted("OpenMission", """
                {"sendingState": "SZ", "receivingState": "LS", "kind": "EMBASSY", "city": "Nukualofa",
                 "effectiveDate": "2000-01-01", %s}""".formatted(SRC));
        ledger.accepted("OpenMission", """
                {"sendingState": "LS", "receivingState": "SZ", "kind": "EMBASSY", "city": "Apia",
                 "effectiveDate": "2000-01-01", %s}""".formatted(SRC));
        ledger.accepted("AccreditDiplomat", """
                {"missionId": "%s", "personId": "to-ws-p1", "name": "Afamasaga Lepuiai", "category": "DIPLOMATIC",
                 "effectiveDate": "2020-01-01", %s}""".formatted(WS_MISSION, SRC));
        ledger.accepted("AccreditDiplomat", """
                {"missionId": "%s", "personId": "to-ws-p2", "name": "Tuilaepa Fonoti", "category": "ADMINISTRATIVE_TECHNICAL",
                 "effectiveDate": "2020-01-01", %s}""".formatted(WS_MISSION, SRC));
        ledger.accepted("ExpelDiplomat", """
                {"sendingState": "SZ", "receivingState": "LS", "personIds": ["to-ws-p1"], "count": 3, "category": "DIPLOMATIC",
                 "expulsionId": "LS-1", "departureDeadline": "2023-03-10", "reason": "espionage",
                 "effectiveDate": "2023-03-01", "source": {"text": "Tonga MFA", "url": "https://example.org/to-1"}}""");
        ledger.accepted("ExpelDiplomat", """
                {"missionId": "%s", "count": 4, "expulsionId": "LS-2", "departureDeadline": "2023-03-12",
                 "effectiveDate": "2023-03-05", %s}""".formatted(TO_MISSION, SRC));
        ledger.accepted("ExpelDiplomat", """
                {"sendingState": "LS", "receivingState": "SZ", "count": 2, "expulsionId": "LS-3", "answersExpulsionId": "LS-1",
                 "departureDeadline": "2023-06-08", "effectiveDate": "2023-06-01", %s}""".formatted(SRC));
        ledger.accepted("ExpelDiplomat", """
                {"missionId": "%s", "personIds": ["to-ws-p2"], "expulsionId": "LS-4", "departureDeadline": "2024-01-20",
                 "effectiveDate": "2024-01-10", %s}""".formatted(WS_MISSION, SRC));
        ledger.accepted("RecordDeparture", """
                {"missionId": "%s", "count": 2, "category": "DIPLOMATIC", "expulsionId": "LS-1", "effectiveDate": "2023-03-09",
                 %s}""".formatted(WS_MISSION, SRC));
        ledger.accepted("RecordDeparture", """
                {"missionId": "%s", "personId": "to-ws-p1", "effectiveDate": "2023-03-12", %s}""".formatted(WS_MISSION, SRC));
        scenarioPosition = ledger.accepted("RecordDeparture", """
                {"missionId": "%s", "count": 4, "expulsionId": "LS-2", "effectiveDate": "2023-03-11", %s}""".formatted(TO_MISSION, SRC))
                .path("position")
                .asLong();
        return scenarioPosition;
    }

    private JsonNode detail(String id, String query) {
        Response response = ledger.get("analyst", "/api/v1/expulsions/" + id + "?atLeast=" + scenario() + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("expulsion");
    }

    private List<String> ids(String query) {
        Response response = ledger.get("analyst", "/api/v1/expulsions?atLeast=" + scenario() + "&" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return itemIds(response.json());
    }

    /** The ids of a page's items (not of the expulsions they link to). */
    private static List<String> itemIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("expulsionId").asText()));
        return ids;
    }

    @Test
    void showsAnExpulsionWithItsPersonsDeparturesAndBothDirectionsOfReciprocity() {
        Response response = ledger.get("analyst", "/api/v1/expulsions/LS-1?on=2023-04-01&atLeast=" + scenario());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(Long.parseLong(response.header("X-Ledger-Position"))).isGreaterThanOrEqualTo(scenario());
        JsonNode e = response.json().path("expulsion");
        assertThat(e.path("presenceId").asText()).isEqualTo("SZ-LS");
        assertThat(e.path("declaredBy").asText()).isEqualTo("LS");
        assertThat(e.path("against").asText()).isEqualTo("SZ");
        assertThat(e.path("namedCount").asInt()).isEqualTo(1);
        assertThat(e.path("count").asInt()).isEqualTo(3);
        assertThat(e.path("category").asText()).isEqualTo("DIPLOMATIC");
        assertThat(e.path("totalExpelled").asInt()).isEqualTo(4);
        assertThat(e.path("departureDeadline").asText()).isEqualTo("2023-03-10");
        assertThat(e.path("namedDeparted").asInt()).isEqualTo(1);
        assertThat(e.path("countedDeparted").asInt()).isEqualTo(2);
        assertThat(e.path("departed").asInt()).isEqualTo(3);
        assertThat(e.path("stillDue").asInt()).isEqualTo(1);
        assertThat(e.path("overdue").asBoolean()).isTrue();
        assertThat(e.path("lateDepartures").asInt()).isEqualTo(1);
        assertThat(e.path("lastDepartureOn").asText()).isEqualTo("2023-03-12");
        assertThat(e.path("reason").asText()).isEqualTo("espionage");
        assertThat(e.path("sourceUrl").asText()).isEqualTo("https://example.org/to-1");
        JsonNode person = e.path("persons").get(0);
        assertThat(person.path("personId").asText()).isEqualTo("to-ws-p1");
        assertThat(person.path("name").asText()).isEqualTo("Afamasaga Lepuiai");
        assertThat(person.path("missionId").asText()).isEqualTo(WS_MISSION);
        assertThat(person.path("category").asText()).isEqualTo("DIPLOMATIC");
        assertThat(person.path("departedOn").asText()).isEqualTo("2023-03-12");
        assertThat(person.path("departedLate").asBoolean()).isTrue();
        JsonNode departures = response.json().path("departures");
        assertThat(departures.findValuesAsText("seq")).containsExactly("1", "2");
        assertThat(departures.get(0).path("departed").asInt()).isEqualTo(2);
        assertThat(departures.get(0).path("late").asBoolean()).isFalse();
        assertThat(departures.get(1).path("personId").asText()).isEqualTo("to-ws-p1");
        assertThat(departures.get(1).path("late").asBoolean()).isTrue();
        assertThat(e.has("answers")).isFalse();
        JsonNode answeredBy = e.path("answeredBy");
        assertThat(answeredBy.findValuesAsText("expulsionId")).containsExactly("LS-2", "LS-3");
        assertThat(answeredBy.get(0).path("inferred").asBoolean()).isTrue();
        assertThat(answeredBy.get(1).path("inferred").asBoolean()).isFalse();
        assertThat(answeredBy.get(0).path("declaredBy").asText()).isEqualTo("SZ");

        // Before the deadline nothing is overdue yet.
        assertThat(detail("LS-1", "&on=2023-03-05").path("overdue").asBoolean()).isFalse();

        JsonNode answer = detail("LS-2", "").path("answers");
        assertThat(answer.path("expulsionId").asText()).isEqualTo("LS-1");
        assertThat(answer.path("presenceId").asText()).isEqualTo("SZ-LS");
        assertThat(answer.path("inferred").asBoolean()).isTrue();
        JsonNode two = detail("LS-2", "");
        assertThat(two.path("stillDue").asInt()).isZero();
        assertThat(two.path("overdue").asBoolean()).isFalse();
        assertThat(two.path("missionId").asText()).isEqualTo(TO_MISSION);

        JsonNode explicit = detail("LS-3", "").path("answers");
        assertThat(explicit.path("expulsionId").asText()).isEqualTo("LS-1");
        assertThat(explicit.path("inferred").asBoolean()).isFalse();
        assertThat(explicit.path("totalExpelled").asInt()).isEqualTo(4);

        JsonNode four = detail("LS-4", "");
        assertThat(four.has("answers")).isFalse();
        assertThat(four.path("answeredBy").size()).isZero();
        assertThat(four.path("persons").get(0).path("departedOn").isMissingNode())
                .isTrue();
    }

    @Test
    void filtersByStatesMissionDatesReciprocityAndOverdue() {
        assertThat(ids("state=LS&sort=effectiveDate")).containsExactly("LS-1", "LS-2", "LS-3", "LS-4");
        assertThat(ids("state=SZ&by=LS&sort=effectiveDate")).containsExactly("LS-1", "LS-4");
        assertThat(ids("against=LS&sort=effectiveDate")).containsExactly("LS-2", "LS-3");
        assertThat(ids("missionId=" + WS_MISSION + "&sort=effectiveDate")).containsExactly("LS-1", "LS-4");
        assertThat(ids("missionId=" + TO_MISSION.toLowerCase())).containsExactly("LS-2");
        assertThat(ids("state=LS&from=2023-03-02&to=2023-12-31&sort=effectiveDate"))
                .containsExactly("LS-2", "LS-3");
        assertThat(ids("state=LS&answered=true")).containsExactly("LS-1");
        assertThat(ids("state=LS&answered=false&sort=effectiveDate")).containsExactly("LS-2", "LS-3", "LS-4");
        assertThat(ids("state=LS&overdue=true&on=2023-04-01")).containsExactly("LS-1");
        assertThat(ids("state=LS&overdue=false&on=2023-04-01&sort=effectiveDate"))
                .containsExactly("LS-2", "LS-3", "LS-4");
        // Without "on", overdue is judged today: every deadline has passed, and only LS-2 left in full.
        assertThat(ids("state=LS&overdue=true&sort=effectiveDate")).containsExactly("LS-1", "LS-3", "LS-4");
    }

    @Test
    void sortsAndPages() {
        assertThat(ids("state=LS&sort=count,desc")).containsExactly("LS-2", "LS-1", "LS-3", "LS-4");
        assertThat(ids("state=LS&sort=deadline")).containsExactly("LS-1", "LS-2", "LS-3", "LS-4");
        assertThat(ids("state=LS&sort=effectiveDate,desc")).containsExactly("LS-4", "LS-3", "LS-2", "LS-1");
        assertThat(ids("state=LS")).containsExactly("LS-4", "LS-3", "LS-2", "LS-1");
        assertThat(ids("state=LS&sort=by")).containsExactly("LS-4", "LS-1", "LS-3", "LS-2");
        assertThat(ids("state=LS&sort=against,desc")).containsExactly("LS-4", "LS-1", "LS-3", "LS-2");
        assertThat(ids("state=LS&sort=by;count")).containsExactly("LS-4", "LS-1", "LS-3", "LS-2");
        Response page = ledger.get(
                "analyst", "/api/v1/expulsions?state=LS&sort=effectiveDate&size=3&page=1&atLeast=" + scenario());
        assertThat(itemIds(page.json())).containsExactly("LS-4");
        assertThat(page.json().path("total").asLong()).isEqualTo(4);
        assertThat(page.json().path("page").asInt()).isEqualTo(1);
        assertThat(page.json().path("size").asInt()).isEqualTo(3);
    }

    @Test
    void writesTheListAndTheTrendsAsCsv() {
        Response csv = ledger.getAccept(
                "analyst",
                "/api/v1/expulsions?state=LS&sort=effectiveDate&on=2023-04-01&atLeast=" + scenario(),
                "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0])
                .isEqualTo("expulsionId,presenceId,declaredBy,against,missionId,persons,namedCount,count,category,"
                        + "totalExpelled,effectiveDate,departureDeadline,namedDeparted,countedDeparted,departed,stillDue,overdue,"
                        + "lateDepartures,lastDepartureOn,answers.expulsionId,answers.presenceId,answers.declaredBy,answers.against,"
                        + "answers.effectiveDate,answers.totalExpelled,answers.inferred,answeredBy,reason,source,sourceUrl,recordedAt,"
                        + "corrected.at,corrected.by,corrected.reason,corrected.source.text,corrected.source.url,corrected.eventId,"
                        + "corrected.correctsEventId");
        assertThat(lines[1])
                .startsWith("LS-1,SZ-LS,LS,SZ,,\"Afamasaga Lepuiai (to-ws-p1, DIPLOMATIC) left 2023-03-12 late\",1,3,"
                        + "DIPLOMATIC,4,2023-03-01,2023-03-10,1,2,3,1,true,1,2023-03-12,,,,,,,,");
        assertThat(lines[2])
                .startsWith("LS-2,LS-SZ,SZ,LS,LS-SZ-EMBASSY-APIA,,0,4,UNSPECIFIED,4,2023-03-05,2023-03-12,0,4,4,0,"
                        + "false,0,2023-03-11,LS-1,SZ-LS,LS,SZ,2023-03-01,4,true,,");

        Response trends = ledger.getAccept(
                "analyst", "/api/v1/trends/expulsions?stateA=LS&stateB=SZ&atLeast=" + scenario(), "text/csv");
        assertThat(trends.status()).isEqualTo(200);
        assertThat(trends.body().split("\r\n"))
                .containsExactly(
                        "year,stateA,stateB,aToB,bToA,balance,expulsionsByA,expulsionsByB",
                        "2023,LS,SZ,4,6,-2,1,2",
                        "2024,LS,SZ,1,0,1,1,0");
    }

    @Test
    void balancesAPairYearByYear() {
        Response response = ledger.get(
                "analyst", "/api/v1/trends/expulsions?stateA=SZ&stateB=LSO&from=2022&to=2025&atLeast=" + scenario());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode items = response.json().path("items");
        assertThat(items.findValuesAsText("year")).containsExactly("2022", "2023", "2024", "2025");
        assertThat(items.get(1).path("aToB").asInt()).isEqualTo(6);
        assertThat(items.get(1).path("bToA").asInt()).isEqualTo(4);
        assertThat(items.get(1).path("balance").asInt()).isEqualTo(2);
        assertThat(items.get(2).path("balance").asInt()).isEqualTo(-1);
        assertThat(items.get(0).path("aToB").asInt()).isZero();
        assertThat(response.json().path("total").asLong()).isEqualTo(4);

        JsonNode sorted = ledger.get(
                        "analyst",
                        "/api/v1/trends/expulsions?stateA=SZ&stateB=LS&from=2022&to=2025&sort=balance,desc"
                                + "&size=2&atLeast=" + scenario())
                .json();
        assertThat(sorted.path("items").findValuesAsText("year")).containsExactly("2023", "2022");
        JsonNode second = ledger.get(
                        "analyst",
                        "/api/v1/trends/expulsions?stateA=SZ&stateB=LS&from=2022&to=2025&sort=balance,desc"
                                + "&size=2&page=1")
                .json();
        assertThat(second.path("items").findValuesAsText("year")).containsExactly("2025", "2024");

        JsonNode quiet = ledger.get("analyst", "/api/v1/trends/expulsions?stateA=LS&stateB=AQ")
                .json();
        assertThat(quiet.path("items").size()).isZero();
    }

    @Test
    void aLateFactMovesTheInferredLinkAndTheWindowIsThirtyDays() {
        long p = expel("PW", "FM", "PW-1", 5, "2022-01-01", null);
        p = expel("FM", "PW", "PW-2", 5, "2022-01-31", null);
        p = expel("FM", "PW", "PW-3", 5, "2022-03-04", null);
        assertThat(link("PW-2", p).path("expulsionId").asText()).isEqualTo("PW-1");
        assertThat(link("PW-3", p).isMissingNode()).isTrue();

        // Recorded later, an expulsion in between becomes the one PW-2 answers; PW-1 is answered no more.
        p = expel("PW", "FM", "PW-0", 7, "2022-01-20", null);
        assertThat(link("PW-2", p).path("expulsionId").asText()).isEqualTo("PW-0");
        assertThat(link("PW-2", p).path("inferred").asBoolean()).isTrue();
        assertThat(ledger.get("analyst", "/api/v1/expulsions/PW-1?atLeast=" + p)
                        .json()
                        .path("expulsion")
                        .path("answeredBy")
                        .size())
                .isZero();
        assertThat(ids("state=PW&answered=true")).containsExactly("PW-0");

        // 31 days before PW-3: outside the window.
        p = expel("PW", "FM", "PW-5", 1, "2022-02-01", null);
        assertThat(link("PW-3", p).isMissingNode()).isTrue();
        // An explicit link to an expulsion not recorded stays, unresolved.
        p = expel("FM", "PW", "PW-6", 1, "2022-02-02", "PW-404");
        JsonNode unresolved = link("PW-6", p);
        assertThat(unresolved.path("expulsionId").asText()).isEqualTo("PW-404");
        assertThat(unresolved.path("inferred").asBoolean()).isFalse();
        assertThat(unresolved.has("presenceId")).isFalse();
    }

    /**
     * A page works out the links of its own rows only (not every expulsion's): paged one or three at a time, every
     * expulsion between Nauru and the Marshall Islands shows the same answers and answerers as on one page of all.
     * The history mixes inferred links either way, explicit ones across the window and to an id used in another
     * pair, a tie on the same day, and expulsions answering nothing.
     */
    @Test
    void aPageShowsTheSameLinksAsTheWholeList() {
        expel("KI", "TV", "NR-9", 1, "2018-05-01", null);
        String[][] history = {
            {"NR", "MH", "NR-1", "2018-01-10", null}, {"MH", "NR", "NR-2", "2018-01-15", null},
            {"MH", "NR", "NR-3", "2018-01-15", null}, {"NR", "MH", "NR-4", "2018-02-01", null},
            {"MH", "NR", "NR-5", "2018-03-20", "NR-1"}, {"MH", "NR", "NR-6", "2018-04-10", null},
            {"MH", "NR", "NR-7", "2018-05-02", "NR-9"}, {"NR", "MH", "NR-8", "2018-05-05", null},
            {"MH", "NR", "NR-10", "2018-05-30", null}, {"NR", "MH", "NR-11", "2018-09-01", "NR-2"},
            {"MH", "NR", "NR-12", "2018-12-30", null}, {"NR", "MH", "NR-13", "2019-01-02", null}
        };
        long p = 0;
        for (String[] e : history) {
            p = expel(e[0], e[1], e[2], 1, e[3], e[4]);
        }
        String query = "/api/v1/expulsions?state=NR&atLeast=" + p;
        JsonNode all = ledger.get("analyst", query + "&size=100").json().path("items");
        assertThat(all.size()).isEqualTo(history.length);
        assertThat(all.findValuesAsText("expulsionId")).contains("NR-2", "NR-7", "NR-13");
        for (int size : new int[] {1, 3}) {
            for (int page = 0; page * size < history.length; page++) {
                JsonNode items = ledger.get("analyst", query + "&size=" + size + "&page=" + page)
                        .json()
                        .path("items");
                for (int i = 0; i < items.size(); i++) {
                    JsonNode whole = all.get(page * size + i);
                    JsonNode paged = items.get(i);
                    assertThat(paged.path("expulsionId").asText())
                            .isEqualTo(whole.path("expulsionId").asText());
                    assertThat(paged.path("answers"))
                            .as(whole.path("expulsionId").asText())
                            .isEqualTo(whole.path("answers"));
                    assertThat(paged.path("answeredBy"))
                            .as(whole.path("expulsionId").asText())
                            .isEqualTo(whole.path("answeredBy"));
                }
            }
        }
        // The links themselves, as the rules make them.
        JsonNode two = ledger.get("analyst", "/api/v1/expulsions/NR-2?atLeast=" + p)
                .json()
                .path("expulsion");
        assertThat(two.path("answers").path("expulsionId").asText()).isEqualTo("NR-1");
        assertThat(two.path("answeredBy").findValuesAsText("expulsionId")).containsExactly("NR-11");
        // NR-4 answers the one of the two same-day expulsions recorded last
        assertThat(ledger.get("analyst", "/api/v1/expulsions/NR-3?atLeast=" + p)
                        .json()
                        .path("expulsion")
                        .path("answeredBy")
                        .findValuesAsText("expulsionId"))
                .containsExactly("NR-4");
        JsonNode seven = ledger.get("analyst", "/api/v1/expulsions/NR-7?atLeast=" + p)
                .json()
                .path("expulsion");
        assertThat(seven.path("answers").path("presenceId").asText()).isEqualTo("TV-KI");
        assertThat(ledger.get("analyst", "/api/v1/expulsions/NR-13?atLeast=" + p)
                        .json()
                        .path("expulsion")
                        .path("answers")
                        .path("expulsionId")
                        .asText())
                .isEqualTo("NR-12");
    }

    @Test
    void answersAProblemForAnIdUsedInTwoPresencesUntilOneIsNamed() {
        expel("KI", "TV", "KI-SAME", 1, "2021-05-01", null);
        long p = expel("TV", "KI", "KI-SAME", 2, "2021-05-02", null);
        Response ambiguous = ledger.get("analyst", "/api/v1/expulsions/KI-SAME?atLeast=" + p);
        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(ambiguous.json().path("parameter").asText()).isEqualTo("presenceId");
        JsonNode one = ledger.get("analyst", "/api/v1/expulsions/KI-SAME?presenceId=ki-tv&atLeast=" + p)
                .json()
                .path("expulsion");
        assertThat(one.path("declaredBy").asText()).isEqualTo("TV");
        assertThat(one.path("totalExpelled").asInt()).isEqualTo(2);
        assertThat(one.path("answers").path("presenceId").asText()).isEqualTo("TV-KI");
        assertThat(ledger.get("analyst", "/api/v1/expulsions/KI-SAME?presenceId=TV-KI&atLeast=" + p)
                        .json()
                        .path("expulsion")
                        .path("answeredBy")
                        .findValuesAsText("presenceId"))
                .containsExactly("KI-TV");
    }

    @Test
    void answersProblemsForBadQueriesUnknownExpulsionsAndWrongRoles() {
        assertThat(ledger.get("analyst", "/api/v1/expulsions/no-such-expulsion").status())
                .isEqualTo(404);
        assertParameter("/api/v1/expulsions?from=2023-13-01", "from");
        assertParameter("/api/v1/expulsions?on=yesterday", "on");
        assertParameter("/api/v1/expulsions?from=2024-01-01&to=2023-01-01", "from");
        assertParameter("/api/v1/expulsions?answered=maybe", "answered");
        assertParameter("/api/v1/expulsions?overdue=1", "overdue");
        assertParameter("/api/v1/expulsions?by=Narnia", "by");
        assertParameter("/api/v1/expulsions?against=XX", "against");
        assertParameter("/api/v1/expulsions?state=1", "state");
        assertParameter("/api/v1/expulsions?sort=reason", "sort");
        assertParameter("/api/v1/expulsions?size=0", "size");
        assertParameter("/api/v1/expulsions?atLeast=soon", "atLeast");
        assertParameter("/api/v1/trends/expulsions?stateB=US", "stateA");
        assertParameter("/api/v1/trends/expulsions?stateA=RU", "stateB");
        assertParameter("/api/v1/trends/expulsions?stateA=RU&stateB=RUS", "stateB");
        assertParameter("/api/v1/trends/expulsions?stateA=RU&stateB=US&from=twenty", "from");
        assertParameter("/api/v1/trends/expulsions?stateA=RU&stateB=US&from=2025&to=2014", "from");
        assertParameter("/api/v1/trends/expulsions?stateA=RU&stateB=US&sort=month", "sort");
        assertThat(ledger.get("clerk", "/api/v1/expulsions").status()).isEqualTo(403);
        assertThat(ledger.get(null, "/api/v1/trends/expulsions?stateA=RU&stateB=US")
                        .status())
                .isEqualTo(401);
        assertThat(ledger.get("analyst", "/api/v1/expulsions?atLeast=999999999").status())
                .isEqualTo(503);
    }

    /**
     * Issue 18, 9(d): Oman (OM) expels 5 of Jordan's (JO) staff; a clerk corrects it to 3. The expulsion reads 3 under
     * the correction's source with a {@code corrected} mark naming the correction; known before the correction, it
     * reads 5 under the original source, unmarked. The CSV carries the mark in its last columns.
     */
    @Test
    void marksACorrectedExpulsionAndShowsTheOriginalAsKnownBeforeTheCorrection() {
        String mission = openMission("JO", "OM");
        JsonNode expelled = ledger.accepted("ExpelDiplomat", """
                {"missionId": "%s", "count": 5, "expulsionId": "OM-CORR-1", "departureDeadline": "2022-05-08",
                 "effectiveDate": "2022-05-01", "source": {"text": "Oman News Agency", "url": "https://example.org/ona"}}""".formatted(mission));
        String expulsionEventId = expelled.path("events").get(0).path("eventId").asText();
        JsonNode before = ledger.get(
                        "analyst",
                        "/api/v1/expulsions/OM-CORR-1?atLeast="
                                + expelled.path("position").asLong())
                .json()
                .path("expulsion");
        assertThat(before.has("corrected")).as(before.toString()).isFalse();
        String recordedAt = before.path("recordedAt").asText();

        JsonNode correction = ledger.accepted("CorrectEntry", """
                {"eventId": "%s", "corrections": {"count": 3}, "reason": "the ministry said 3, not 5",
                 "source": {"text": "Omani MFA statement", "url": "https://example.org/om-mfa"}}""".formatted(expulsionEventId));
        String correctionEventId =
                correction.path("events").get(0).path("eventId").asText();
        long position = correction.path("position").asLong();

        JsonNode after = ledger.get("analyst", "/api/v1/expulsions/OM-CORR-1?atLeast=" + position)
                .json()
                .path("expulsion");
        assertThat(after.path("count").asInt()).as(after.toString()).isEqualTo(3);
        assertThat(after.path("totalExpelled").asInt()).isEqualTo(3);
        assertThat(after.path("source").asText()).isEqualTo("Omani MFA statement");
        assertThat(after.path("sourceUrl").asText()).isEqualTo("https://example.org/om-mfa");
        JsonNode mark = after.path("corrected");
        assertThat(mark.path("by").asText()).as(after.toString()).isEqualTo("clerk");
        assertThat(mark.path("reason").asText()).isEqualTo("the ministry said 3, not 5");
        assertThat(mark.path("source").path("text").asText()).isEqualTo("Omani MFA statement");
        assertThat(mark.path("source").path("url").asText()).isEqualTo("https://example.org/om-mfa");
        assertThat(mark.path("eventId").asText()).isEqualTo(correctionEventId);
        assertThat(mark.path("correctsEventId").asText()).isEqualTo(expulsionEventId);
        assertThat(java.time.Instant.parse(mark.path("at").asText())).isAfter(java.time.Instant.parse(recordedAt));
        // The list shows the same mark.
        JsonNode listed = ledger.get("analyst", "/api/v1/expulsions?by=OM&against=JO&atLeast=" + position)
                .json()
                .path("items")
                .get(0);
        assertThat(listed.path("corrected")).isEqualTo(mark);

        // As the ledger knew it before the correction: 5, the original source, no mark.
        JsonNode known = ledger.get(
                        "analyst", "/api/v1/expulsions/OM-CORR-1?atLeast=" + position + "&knownAt=" + recordedAt)
                .json()
                .path("expulsion");
        assertThat(known.path("count").asInt()).as(known.toString()).isEqualTo(5);
        assertThat(known.path("source").asText()).isEqualTo("Oman News Agency");
        assertThat(known.has("corrected")).isFalse();

        String[] csv = ledger.getAccept(
                        "analyst", "/api/v1/expulsions?by=OM&against=JO&atLeast=" + position, "text/csv")
                .body()
                .split("\r\n");
        assertThat(csv).hasSize(2);
        assertThat(csv[1])
                .endsWith("," + mark.path("at").asText() + ",clerk,\"the ministry said 3, not 5\",Omani MFA statement,"
                        + "https://example.org/om-mfa," + correctionEventId + "," + expulsionEventId);
        String[] unmarked = ledger.getAccept(
                        "analyst",
                        "/api/v1/expulsions?by=OM&against=JO&atLeast=" + position + "&knownAt=" + recordedAt,
                        "text/csv")
                .body()
                .split("\r\n");
        assertThat(unmarked[1]).endsWith("," + recordedAt + ",,,,,,,");

        // A rebuild replays the correction at its recorded instant: the same versions, the same mark.
        org.diplomaticledger.projection.RebuildStatus status = org.diplomaticledger.support.LedgerApp.get()
                .rebuild(org.diplomaticledger.presence.projection.ExpulsionsProjection.NAME);
        assertThat(status.identical()).as(String.valueOf(status.tables())).isTrue();
        assertThat(ledger.get("analyst", "/api/v1/expulsions/OM-CORR-1")
                        .json()
                        .path("expulsion")
                        .path("corrected"))
                .isEqualTo(mark);
        assertThat(ledger.get("analyst", "/api/v1/expulsions/OM-CORR-1?knownAt=" + recordedAt)
                        .json()
                        .path("expulsion")
                        .has("corrected"))
                .isFalse();
    }

    @Test
    void readsItsOwnWrite() {
        long position = expel("NR", "MH", "NR-RYW", 9, "2019-09-09", null);
        Response response = ledger.get("auditor", "/api/v1/expulsions/NR-RYW?atLeast=" + position);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(Long.parseLong(response.header("X-Ledger-Position"))).isGreaterThanOrEqualTo(position);
        assertThat(response.json().path("expulsion").path("stillDue").asInt()).isEqualTo(9);
        String mission = openMission("MH", "NR");
        long departed = ledger.accepted("RecordDeparture", """
                {"missionId": "%s", "count": 4, "expulsionId": "NR-RYW", "effectiveDate": "2019-09-20", %s}""".formatted(mission, SRC))
                .path("position")
                .asLong();
        JsonNode after = ledger.get("analyst", "/api/v1/expulsions?by=NR&against=MH&atLeast=" + departed)
                .json()
                .path("items")
                .get(0);
        assertThat(after.path("stillDue").asInt()).isEqualTo(5);
        assertThat(after.path("lateDepartures").asInt()).isEqualTo(4);
    }

    @Test
    void concurrentWritersEachReadTheirOwnExpulsion() throws Exception {
        String[] senders = {"SB", "VU", "FJ", "PG"};
        ExecutorService pool = Executors.newFixedThreadPool(senders.length + 2);
        long highest = 0;
        try {
            List<Future<Long>> writers = new ArrayList<>();
            for (String sender : senders) {
                writers.add(pool.submit(() -> {
                    long last = 0;
                    for (int i = 0; i < 5; i++) {
                        String id = "CW-" + sender + "-" + i;
                        long position = expel("AU", sender, id, i + 1, "2020-0" + (i + 1) + "-01", null);
                        Response read = ledger.get("analyst", "/api/v1/expulsions/" + id + "?atLeast=" + position);
                        assertThat(read.status()).as(read.toString()).isEqualTo(200);
                        assertThat(read.json()
                                        .path("expulsion")
                                        .path("totalExpelled")
                                        .asInt())
                                .isEqualTo(i + 1);
                        List<String> listed = ledger.get(
                                        "analyst",
                                        "/api/v1/expulsions?by=AU&against=" + sender + "&size=1000&atLeast=" + position)
                                .json()
                                .path("items")
                                .findValuesAsText("expulsionId");
                        // (links name other ids too; contains() is enough here)
                        assertThat(listed).contains(id);
                        last = Math.max(last, position);
                    }
                    return last;
                }));
            }
            Callable<Integer> reader = () -> {
                int reads = 0;
                for (int i = 0; i < 20; i++) {
                    assertThat(ledger.get("analyst", "/api/v1/trends/expulsions?stateA=AU&stateB=SB")
                                    .status())
                            .isEqualTo(200);
                    reads++;
                }
                return reads;
            };
            Future<Integer> readers = pool.submit(reader);
            for (Future<Long> writer : writers) {
                highest = Math.max(highest, writer.get());
            }
            assertThat(readers.get()).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
        JsonNode trend = ledger.get("analyst", "/api/v1/trends/expulsions?stateA=AU&stateB=VU&atLeast=" + highest)
                .json();
        assertThat(trend.path("items").get(0).path("aToB").asInt()).isEqualTo(15);
    }

    private void assertParameter(String path, String parameter) {
        Response response = ledger.get("analyst", path);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("parameter").asText())
                .as(response.toString())
                .isEqualTo(parameter);
    }

    private JsonNode link(String id, long position) {
        return ledger.get("analyst", "/api/v1/expulsions/" + id + "?atLeast=" + position)
                .json()
                .path("expulsion")
                .path("answers");
    }

    private String openMission(String sending, String receiving) {
        ledger.accepted("OpenMission", """
                {"sendingState": "%s", "receivingState": "%s", "kind": "EMBASSY", "city": "Capital",
                 "effectiveDate": "2000-01-01", %s}""".formatted(sending, receiving, SRC));
        return sending + "-" + receiving + "-EMBASSY-CAPITAL";
    }

    /** {@code by} expels {@code count} unnamed staff of {@code against}, a week to leave; the position. */
    private long expel(String by, String against, String id, int count, String effectiveDate, String answers) {
        String deadline = java.time.LocalDate.parse(effectiveDate).plusDays(7).toString();
        return ledger.accepted("ExpelDiplomat", """
                {"sendingState": "%s", "receivingState": "%s", "count": %d, "expulsionId": "%s", %s
                 "departureDeadline": "%s", "effectiveDate": "%s", %s}""".formatted(
                                against,
                                by,
                                count,
                                id,
                                answers == null ? "" : "\"answersExpulsionId\": \"" + answers + "\",",
                                deadline,
                                effectiveDate,
                                SRC))
                .path("position")
                .asLong();
    }
}
