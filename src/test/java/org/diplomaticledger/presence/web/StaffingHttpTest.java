package org.diplomaticledger.presence.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staffing through the real application. Tonga's presence in Samoa (TO-WS) is the scenario: an embassy with two
 * named staff, a consulate general with counted service staff, a presence-wide report, counted departures that
 * spill over into the presence-wide count, a ceiling on the embassy and a presence-wide one on diplomats, and an
 * expulsion of one named and two counted diplomats of whom one has left.
 */
class StaffingHttpTest extends LedgerIntegrationTest {

    private static final String EMBASSY = "TO-WS-EMBASSY-APIA";
    private static final String CONSULATE = "TO-WS-CONSULATE-GENERAL-SALELOLOGA";
    private static long scenario;

    @BeforeEach
    void scenario() {
        synchronized (StaffingHttpTest.class) {
            if (scenario == 0) {
                scenario = tongaInSamoa();
            }
        }
    }

    private long tongaInSamoa() {
        open("TO", "WS", "EMBASSY", "Apia", "2024-01-01");
        open("TO", "WS", "CONSULATE_GENERAL", "Salelologa", "2024-01-01");
        open("WS", "TO", "EMBASSY", "Nukualofa", "2024-01-01");
        ledger.accepted("AccreditDiplomat", """
                {"missionId": "%s", "name": "Sione Tupou", "rank": "Counsellor", "category": "DIPLOMATIC",
                 "effectiveDate": "2024-01-10", "source": "Samoa MFA diplomatic list"}""".formatted(EMBASSY));
        ledger.accepted("AccreditDiplomat", """
                {"missionId": "%s", "name": "Mele Taufa", "category": "ADMINISTRATIVE_TECHNICAL",
                 "effectiveDate": "2024-01-10", "source": "Samoa MFA diplomatic list"}""".formatted(EMBASSY));
        ledger.accepted("RecordStaffCount", """
                {"sendingState": "TO", "receivingState": "WS", "headcount": 20, "effectiveDate": "2024-01-31",
                 "source": "Tonga MFA: 20 staff in Samoa"}""");
        ledger.accepted("RecordStaffCount", """
                {"missionId": "%s", "category": "DIPLOMATIC", "headcount": 5, "effectiveDate": "2024-02-01",
                 "source": "Embassy press release"}""".formatted(EMBASSY));
        ledger.accepted("RecordStaffChange", """
                {"missionId": "%s", "category": "SERVICE", "change": 3, "effectiveDate": "2024-02-05",
                 "source": "Local press"}""".formatted(CONSULATE));
        ledger.accepted("RecordDeparture", """
                {"missionId": "%s", "count": 6, "category": "DIPLOMATIC", "effectiveDate": "2024-02-20",
                 "source": "Local press"}""".formatted(EMBASSY));
        ledger.accepted("ImposeStaffCeiling", """
                {"missionId": "%s", "limit": 3, "complyBy": "2024-06-01", "ceilingId": "ws-caps-to-embassy",
                 "effectiveDate": "2024-02-25", "source": "Samoa MFA note"}""".formatted(EMBASSY));
        ledger.accepted("ImposeStaffCeiling", """
                {"sendingState": "TO", "receivingState": "WS", "category": "DIPLOMATIC", "limit": 0,
                 "ceilingId": "ws-caps-to-diplomats", "effectiveDate": "2024-02-25", "source": "Samoa MFA note"}""");
        ledger.accepted("ExpelDiplomat", """
                {"sendingState": "TO", "receivingState": "WS", "missionId": "%s", "personIds": ["sione-tupou"],
                 "count": 2, "category": "DIPLOMATIC", "departureDeadline": "2024-03-10", "expulsionId": "ws-expels-to-2024",
                 "effectiveDate": "2024-03-03", "source": "Samoa MFA"}""".formatted(EMBASSY));
        ledger.accepted("RecordDeparture", """
                {"missionId": "%s", "count": 1, "category": "DIPLOMATIC", "expulsionId": "ws-expels-to-2024",
                 "effectiveDate": "2024-03-05", "source": "Local press"}""".formatted(EMBASSY));
        return ledger.accepted("CloseMission", """
                {"missionId": "%s", "reason": "DECISION_OF_SENDING_STATE", "effectiveDate": "2025-01-15",
                 "source": "Tonga MFA"}""".formatted(CONSULATE))
                .path("position")
                .asLong();
    }

    private long open(String sending, String receiving, String kind, String city, String on) {
        return ledger.accepted("OpenMission", """
                {"sendingState": "%s", "receivingState": "%s", "kind": "%s", "city": "%s", "effectiveDate": "%s",
                 "source": "MFA"}""".formatted(sending, receiving, kind, city, on))
                .path("position")
                .asLong();
    }

    private JsonNode ok(String user, String path) {
        Response response = ledger.get(user, path);
        assertThat(response.status()).as(path + " " + response).isEqualTo(200);
        assertThat(response.header("X-Ledger-Position")).isNotNull();
        return response.json();
    }

    @Test
    void aMissionsHeadcountByCategoryCeilingsAndExpelledDue() {
        JsonNode detail = ok("analyst", "/api/v1/missions/" + EMBASSY + "?on=2024-03-11&atLeast=" + scenario);
        JsonNode mission = detail.path("mission");
        assertThat(mission.path("status").asText()).isEqualTo("OPEN");
        assertThat(mission.path("statusSince").asText()).isEqualTo("2024-01-01");
        assertThat(mission.path("kind").asText()).isEqualTo("EMBASSY");
        assertThat(mission.path("city").asText()).isEqualTo("Apia");
        // two named, but Sione Tupou's deadline (10 March) passed with no departure recorded: from then on he is no
        // longer a member of the mission (VCDR Art. 9) and no longer counts; the embassy's 4 counted diplomats left
        // with the 6 departures, 2 more from the presence-wide count
        assertThat(mission.path("headcount").path("total").asInt()).isEqualTo(1);
        assertThat(mission.path("headcount").path("diplomatic").asInt()).isEqualTo(0);
        assertThat(mission.path("headcount").path("administrativeTechnical").asInt())
                .isEqualTo(1);
        assertThat(mission.path("named").path("total").asInt()).isEqualTo(1);
        assertThat(mission.path("counted").path("total").asInt()).isEqualTo(0);
        assertThat(mission.path("reported").path("headcount").asInt()).isEqualTo(5);
        assertThat(mission.path("reported").path("category").asText()).isEqualTo("DIPLOMATIC");
        assertThat(mission.path("reported").path("on").asText()).isEqualTo("2024-02-01");
        JsonNode ceiling = mission.path("ceilings").get(0);
        assertThat(ceiling.path("ceilingId").asText()).isEqualTo("ws-caps-to-embassy");
        assertThat(ceiling.path("limit").asInt()).isEqualTo(3);
        assertThat(ceiling.path("complyBy").asText()).isEqualTo("2024-06-01");
        assertThat(ceiling.path("room").asInt()).isEqualTo(2);
        assertThat(ceiling.has("excess")).isFalse();
        assertThat(mission.path("ceilings").size()).isEqualTo(1);
        // Sione Tupou (named, not departed) and 1 of the 2 counted: due, and overdue after 10 March
        assertThat(mission.path("expelled").path("due").asInt()).isEqualTo(2);
        assertThat(mission.path("expelled").path("overdue").asInt()).isEqualTo(2);
        assertThat(mission.path("expelled").path("departureNotRecorded").asInt())
                .isEqualTo(1);
        assertThat(mission.path("expelled").path("overdueSince").asText()).isEqualTo("2024-03-10");
        assertThat(mission.path("expelled").path("overdueDays").asLong()).isEqualTo(1);

        assertThat(detail.path("staff").findValuesAsText("personId")).containsExactly("mele-taufa", "sione-tupou");
        JsonNode sione = detail.path("staff").get(1);
        assertThat(sione.path("name").asText()).isEqualTo("Sione Tupou");
        assertThat(sione.path("rank").asText()).isEqualTo("Counsellor");
        assertThat(sione.path("category").asText()).isEqualTo("DIPLOMATIC");
        assertThat(sione.path("accreditedOn").asText()).isEqualTo("2024-01-10");
        assertThat(sione.path("expelledBy").asText()).isEqualTo("ws-expels-to-2024");
        assertThat(sione.has("departedOn")).isFalse();
        JsonNode expulsion = detail.path("expulsions").get(0);
        assertThat(expulsion.path("namedDue").asInt()).isEqualTo(1);
        assertThat(expulsion.path("countedDue").asInt()).isEqualTo(1);
        assertThat(expulsion.path("overdue").asBoolean()).isTrue();

        JsonNode before =
                ok("analyst", "/api/v1/missions/" + EMBASSY + "?on=2024-03-10").path("mission");
        assertThat(before.path("expelled").path("due").asInt()).isEqualTo(2);
        assertThat(before.path("expelled").path("overdue").asInt()).isEqualTo(0);
        assertThat(before.path("headcount").path("total").asInt()).isEqualTo(2); // on the deadline he still counts

        JsonNode consulate = ok("analyst", "/api/v1/missions/" + CONSULATE).path("mission");
        assertThat(consulate.path("status").asText()).isEqualTo("CLOSED");
        assertThat(consulate.path("statusSince").asText()).isEqualTo("2025-01-15");
        assertThat(consulate.path("headcount").path("service").asInt()).isEqualTo(3);
        assertThat(consulate.path("counted").path("service").asInt()).isEqualTo(3);
    }

    @Test
    void aPresenceTotalsItsMissionsAndItsPresenceWideCount() {
        JsonNode detail = ok("analyst", "/api/v1/presences/TON/WSM?on=2024-03-11&atLeast=" + scenario);
        JsonNode presence = detail.path("presence");
        assertThat(presence.path("presenceId").asText()).isEqualTo("TO-WS");
        assertThat(presence.path("sendingState").asText()).isEqualTo("TO");
        // 2 named (less Sione Tupou, past his deadline) + 3 counted service staff + 18 presence-wide, less the 4 the
        // embassy's report took from it and the 2 and 1 departures that spilled over to it
        assertThat(presence.path("headcount").path("total").asInt()).isEqualTo(15);
        assertThat(presence.path("headcount").path("diplomatic").asInt()).isEqualTo(0);
        assertThat(presence.path("headcount").path("service").asInt()).isEqualTo(3);
        assertThat(presence.path("headcount").path("unspecified").asInt()).isEqualTo(11);
        assertThat(presence.path("presenceWide").path("unspecified").asInt()).isEqualTo(11);
        assertThat(presence.path("presenceWide").path("total").asInt()).isEqualTo(11);
        assertThat(presence.path("reported").path("headcount").asInt()).isEqualTo(20);
        assertThat(presence.path("reported").path("on").asText()).isEqualTo("2024-01-31");
        JsonNode ceiling = presence.path("ceilings").get(0);
        assertThat(ceiling.path("ceilingId").asText()).isEqualTo("ws-caps-to-diplomats");
        assertThat(ceiling.path("category").asText()).isEqualTo("DIPLOMATIC");
        assertThat(ceiling.path("headcount").asInt()).isEqualTo(0);
        assertThat(ceiling.path("room").asInt()).isEqualTo(0);
        assertThat(ceiling.has("excess")).isFalse();
        assertThat(presence.path("missions").path("open").asInt()).isEqualTo(1);
        assertThat(presence.path("missions").path("closed").asInt()).isEqualTo(1);
        assertThat(presence.path("expelled").path("due").asInt()).isEqualTo(2);
        assertThat(presence.path("expelled").path("overdue").asInt()).isEqualTo(2);
        assertThat(field(detail.path("missions"), "missionId")).containsExactly(CONSULATE, EMBASSY);
        assertThat(detail.path("expulsions").findValuesAsText("expulsionId")).containsExactly("ws-expels-to-2024");

        JsonNode early = ok("analyst", "/api/v1/presences/TO/WS?on=2024-03-01").path("presence");
        assertThat(early.path("expelled").path("overdue").asInt()).isEqualTo(0);
    }

    @Test
    void listsMissionsWithEveryFilterPagingAndSorting() {
        String base = "/api/v1/missions?atLeast=" + scenario + "&";
        assertThat(ids(ok("analyst", base + "sending=TO&receiving=WS"))).containsExactly(CONSULATE, EMBASSY);
        assertThat(ids(ok("analyst", base + "sending=TON&receiving=WSM&status=closed")))
                .containsExactly(CONSULATE);
        assertThat(ids(ok("analyst", base + "sending=TO&receiving=WS&status=OPEN")))
                .containsExactly(EMBASSY);
        assertThat(ids(ok("analyst", base + "state=WS&kind=EMBASSY")))
                .contains(EMBASSY, "WS-TO-EMBASSY-NUKUALOFA")
                .doesNotContain(CONSULATE);
        assertThat(ids(ok("analyst", base + "receiving=TO&sending=WS"))).containsExactly("WS-TO-EMBASSY-NUKUALOFA");
        assertThat(ids(ok("analyst", base + "sending=TO&kind=consulate-general&city=salelologa")))
                .containsExactly(CONSULATE);
        assertThat(ids(ok("analyst", base + "sending=TO&city=Nowhere"))).isEmpty();

        JsonNode first = ok("analyst", base + "sending=TO&receiving=WS&sort=headcount,desc&size=1&page=0");
        assertThat(ids(first)).containsExactly(CONSULATE);
        assertThat(first.path("total").asLong()).isEqualTo(2);
        assertThat(first.path("size").asInt()).isEqualTo(1);
        assertThat(ids(ok("analyst", base + "sending=TO&receiving=WS&sort=headcount,desc&size=1&page=1")))
                .containsExactly(EMBASSY);
        assertThat(ids(ok("analyst", base + "sending=TO&receiving=WS&sort=city,desc")))
                .containsExactly(CONSULATE, EMBASSY);
        assertThat(ids(ok("analyst", base + "sending=TO&receiving=WS&sort=kind")))
                .containsExactly(CONSULATE, EMBASSY);
        assertThat(ids(ok("analyst", base + "sending=TO&receiving=WS&sort=status")))
                .containsExactly(CONSULATE, EMBASSY);
        assertThat(ids(ok("analyst", base + "state=TO&sort=sending,desc;missionId")))
                .containsSubsequence("WS-TO-EMBASSY-NUKUALOFA", CONSULATE);
        assertThat(ids(ok("analyst", base + "state=TO&sort=receiving;missionId,desc")))
                .containsSubsequence("WS-TO-EMBASSY-NUKUALOFA", EMBASSY);
        assertThat(ids(ok("analyst", base + "sending=TO&receiving=WS&sort=missionId,desc")))
                .containsExactly(EMBASSY, CONSULATE);
    }

    @Test
    void listsPresencesWithFiltersPagingAndSorting() {
        String base = "/api/v1/presences?atLeast=" + scenario + "&";
        assertThat(presenceIds(ok("auditor", base + "sending=TO&receiving=WS"))).containsExactly("TO-WS");
        assertThat(presenceIds(ok("analyst", base + "state=TON"))).contains("TO-WS", "WS-TO");
        assertThat(presenceIds(ok("analyst", base + "receiving=TO")))
                .contains("WS-TO")
                .doesNotContain("TO-WS");
        JsonNode one = ok("analyst", base + "sending=TO&receiving=WS");
        assertThat(one.path("items").get(0).path("headcount").path("total").asInt())
                .isEqualTo(15);
        assertThat(one.path("items").get(0).path("missions").path("open").asInt())
                .isEqualTo(1);
        JsonNode second = ok("analyst", base + "sending=TO&receiving=WS&size=1&page=1");
        assertThat(second.path("items").size()).isZero();
        assertThat(second.path("total").asLong()).isEqualTo(1);
        assertThat(second.path("page").asInt()).isEqualTo(1);
        assertThat(presenceIds(ok("analyst", base + "state=TO&sort=headcount,desc")))
                .containsSubsequence("TO-WS", "WS-TO");
        assertThat(presenceIds(ok("analyst", base + "state=TO&sort=headcount"))).containsSubsequence("WS-TO", "TO-WS");
        assertThat(presenceIds(ok("analyst", base + "state=TO&sort=sending"))).containsSubsequence("TO-WS", "WS-TO");
        assertThat(presenceIds(ok("analyst", base + "state=TO&sort=receiving"))).containsSubsequence("WS-TO", "TO-WS");
        assertThat(presenceIds(ok("analyst", base + "state=TO&sort=presenceId,desc")))
                .containsSubsequence("WS-TO", "TO-WS");
    }

    /**
     * Issue 18 point 3, on Mauritius's embassy in Côte d'Ivoire (MU-CI, a pair no other test uses): from the departure
     * deadline on, an expelled person whose departure is not recorded no longer counts (VCDR Art. 9), is listed as
     * departure not recorded, and is overdue with how long.
     */
    @Test
    void expelledStaffStopCountingFromTheDeadlineAndAreListedAsDepartureNotRecorded() {
        String embassy = "MU-CI-EMBASSY-ABIDJAN";
        ledger.accepted("OpenMission", """
                {"sendingState": "MU", "receivingState": "CI", "kind": "EMBASSY", "city": "Abidjan",
                 "effectiveDate": "2024-01-01", "source": "Mauritius MFA"}""");
        for (String name : List.of("Anil Ramsamy", "Priya Doorgah")) {
            ledger.accepted("AccreditDiplomat", """
                    {"missionId": "%s", "name": "%s", "category": "DIPLOMATIC", "effectiveDate": "2024-01-10",
                     "source": "Mauritius MFA"}""".formatted(embassy, name));
        }
        long position = ledger.accepted("ExpelDiplomat", """
                {"missionId": "%s", "personIds": ["anil-ramsamy"], "expulsionId": "ci-expels-ramsamy-2024",
                 "departureDeadline": "2024-03-08", "effectiveDate": "2024-03-01", "source": "AIP"}""".formatted(embassy))
                .path("position")
                .asLong();

        JsonNode before = ok("analyst", "/api/v1/presences/MU/CI?asOf=2024-03-05&atLeast=" + position)
                .path("presence");
        assertThat(before.at("/headcount/total").asInt()).isEqualTo(2);
        assertThat(before.at("/expelled/due").asInt()).isEqualTo(1);
        assertThat(before.at("/expelled/overdue").asInt()).isZero();
        assertThat(before.at("/expelled/departureNotRecorded").asInt()).isZero();
        assertThat(before.at("/expelled").has("overdueDays")).isFalse();

        JsonNode after =
                ok("analyst", "/api/v1/presences/MU/CI?asOf=2024-04-07").path("presence");
        assertThat(after.at("/headcount/total").asInt()).as(after.toString()).isEqualTo(1);
        assertThat(after.at("/headcount/diplomatic").asInt()).isEqualTo(1);
        assertThat(after.at("/expelled/overdue").asInt()).isEqualTo(1);
        assertThat(after.at("/expelled/departureNotRecorded").asInt()).isEqualTo(1);
        assertThat(after.at("/expelled/overdueSince").asText()).isEqualTo("2024-03-08");
        assertThat(after.at("/expelled/overdueDays").asLong()).isEqualTo(30);

        JsonNode mission = ok("analyst", "/api/v1/missions/" + embassy + "?asOf=2024-04-07");
        assertThat(mission.toString()).contains("\"departureNotRecorded\":1");
        assertThat(mission.findValue("headcount").path("total").asInt()).isEqualTo(1);
    }

    @Test
    void trendsOfHeadcountByMonthAndOfOpenMissionsByYear() {
        JsonNode monthsPage = ok(
                "analyst",
                "/api/v1/trends/headcount?sending=TON&receiving=WS&from=2023-12&to=2024-04&atLeast=" + scenario);
        // One envelope for every trend (issue 18): the list's, with the whole series on page 0.
        assertThat(monthsPage.path("total").asInt()).isEqualTo(5);
        assertThat(monthsPage.path("page").asInt()).isZero();
        assertThat(monthsPage.path("position").asLong()).isGreaterThanOrEqualTo(scenario);
        JsonNode months = monthsPage.path("items");
        assertThat(months.findValuesAsText("month"))
                .containsExactly("2023-12", "2024-01", "2024-02", "2024-03", "2024-04");
        // March: a departure, and Sione Tupou past his deadline (10 March) with no departure recorded stops counting
        assertThat(months.findValuesAsText("headcount")).containsExactly("0", "20", "17", "15", "15");
        assertThat(months.findValuesAsText("change")).containsExactly("0", "20", "-3", "-2", "0");
        assertThat(months.get(1).path("date").asText()).isEqualTo("2024-01-31");

        JsonNode years = ok(
                        "analyst",
                        "/api/v1/trends/open-missions?sending=TO&receiving=WSM&from=2023&to=2025&atLeast=" + scenario)
                .path("items");
        // `state`, the older name of `sending`, still answers the same.
        assertThat(ok("analyst", "/api/v1/trends/open-missions?state=TO&receiving=WSM&from=2023&to=2025")
                        .path("items"))
                .isEqualTo(years);
        List<String> rows = new ArrayList<>();
        years.forEach(row -> rows.add(row.path("year").asInt() + " "
                + row.path("receivingState").asText() + " " + row.path("open").asInt()));
        assertThat(rows).containsExactly("2024 WS 2", "2025 WS 1");
        assertThat(years.get(1).path("missionIds").toString()).isEqualTo("[\"" + EMBASSY + "\"]");
        assertThat(ok("analyst", "/api/v1/trends/open-missions?sending=TO&receiving=TO&from=2023&to=2025")
                        .path("items"))
                .isEmpty();

        // asOf: the series stops on that day, its last point taken then (2024-02-10, before the drop to 17).
        JsonNode asOf = ok(
                        "analyst",
                        "/api/v1/trends/headcount?sending=TO&receiving=WS&from=2023-12&to=2024-04&asOf=2024-02-10")
                .path("items");
        assertThat(asOf.findValuesAsText("month")).containsExactly("2023-12", "2024-01", "2024-02");
        assertThat(asOf.get(2).path("date").asText()).isEqualTo("2024-02-10");
        JsonNode yearsAsOf = ok(
                        "analyst",
                        "/api/v1/trends/open-missions?sending=TO&receiving=WS&from=2023&to=2025&asOf=2024-06-30")
                .path("items");
        assertThat(yearsAsOf.findValuesAsText("year")).containsExactly("2024");
        assertThat(yearsAsOf.get(0).path("date").asText()).isEqualTo("2024-06-30");
    }

    /**
     * What a presence's view says where a bare figure would mislead (issue 18, point 9): a ceiling on a mission shows
     * on its presence too; a scope nothing was counted in says "headcount unknown" rather than 0 staff and full room;
     * a consulate whose consent was withdrawn reads CLOSING with its deadline to leave until that day, CLOSED after.
     */
    @Test
    void presencesShowMissionCeilingsUnknownHeadcountsAndClosingMissions() {
        String src = "\"source\": \"Bahrain MFA statement\"";
        ledger.accepted("OpenMission", """
                {"sendingState": "KW", "receivingState": "BH", "kind": "EMBASSY", "city": "Manama",
                 "effectiveDate": "2010-01-01", %s}""".formatted(src));
        ledger.accepted("OpenMission", """
                {"sendingState": "KW", "receivingState": "BH", "kind": "CONSULATE", "city": "Muharraq",
                 "effectiveDate": "2010-01-01", %s}""".formatted(src));
        ledger.accepted("ImposeStaffCeiling", """
                {"missionId": "KW-BH-EMBASSY-MANAMA", "limit": 25, "ceilingId": "bh-caps-kw-embassy",
                 "effectiveDate": "2015-01-01", %s}""".formatted(src));
        long p = ledger.accepted("CloseMission", """
                {"missionId": "KW-BH-CONSULATE-MUHARRAQ", "reason": "CONSENT_WITHDRAWN", "deadline": "2017-06-19",
                 "effectiveDate": "2017-06-05", %s}""".formatted(src))
                .path("position")
                .asLong();

        JsonNode during = ok("analyst", "/api/v1/presences/KW/BH?asOf=2017-06-10&atLeast=" + p);
        JsonNode presence = during.path("presence");
        assertThat(presence.path("ceilings").size()).isZero();
        JsonNode cap = presence.path("missionCeilings").get(0);
        assertThat(cap.path("ceilingId").asText()).isEqualTo("bh-caps-kw-embassy");
        assertThat(cap.path("missionId").asText()).isEqualTo("KW-BH-EMBASSY-MANAMA");
        assertThat(cap.path("headcountKnown").asBoolean()).isFalse();
        assertThat(cap.has("headcount"))
                .as("no figure where nothing was counted")
                .isFalse();
        assertThat(cap.has("room")).isFalse();
        assertThat(presence.path("headcountKnown").asBoolean()).isFalse();
        assertThat(presence.path("missions").path("closing").asInt()).isEqualTo(1);
        assertThat(presence.path("missions").path("closed").asInt()).isZero();
        JsonNode consulate = mission(during, "KW-BH-CONSULATE-MUHARRAQ");
        assertThat(consulate.path("status").asText()).isEqualTo("CLOSING");
        assertThat(consulate.path("leaveBy").asText()).isEqualTo("2017-06-19");

        JsonNode after = ok("analyst", "/api/v1/presences/KW/BH?asOf=2017-06-19&atLeast=" + p);
        assertThat(mission(after, "KW-BH-CONSULATE-MUHARRAQ").path("status").asText())
                .isEqualTo("CLOSED");
        assertThat(after.path("presence").path("missions").path("closed").asInt())
                .isEqualTo(1);

        p = ledger.accepted("RecordStaffCount", """
                {"missionId": "KW-BH-EMBASSY-MANAMA", "headcount": 10, "effectiveDate": "2016-01-01", %s}""".formatted(src))
                .path("position")
                .asLong();
        JsonNode counted = ok("analyst", "/api/v1/presences/KW/BH?asOf=2017-06-10&atLeast=" + p)
                .path("presence");
        assertThat(counted.path("headcountKnown").asBoolean()).isTrue();
        JsonNode room = counted.path("missionCeilings").get(0);
        assertThat(room.path("headcountKnown").asBoolean()).isTrue();
        assertThat(room.path("headcount").asInt()).isEqualTo(10);
        assertThat(room.path("room").asInt()).isEqualTo(15);
        // before anything was counted, the ledger still says it did not know
        assertThat(ok("analyst", "/api/v1/presences/KW/BH?asOf=2015-06-01&atLeast=" + p)
                        .path("presence")
                        .path("headcountKnown")
                        .asBoolean())
                .isFalse();
    }

    private static JsonNode mission(JsonNode detail, String missionId) {
        for (JsonNode mission : detail.path("missions")) {
            if (mission.path("missionId").asText().equals(missionId)) {
                return mission;
            }
        }
        throw new AssertionError("no mission " + missionId + " in " + detail);
    }

    @Test
    void writesCsvForEveryList() {
        Response missions = ledger.getAccept(
                "analyst", "/api/v1/missions?sending=TO&receiving=WS&status=OPEN&atLeast=" + scenario, "text/csv");
        assertThat(missions.status()).isEqualTo(200);
        assertThat(missions.header("Content-Type")).startsWith("text/csv");
        String[] lines = missions.body().split("\r\n");
        assertThat(lines[0])
                .startsWith("missionId,presenceId,sendingState,receivingState,kind,city,organisation,name,status,"
                        + "statusSince,headcount.total,headcount.diplomatic,headcount.administrativeTechnical,headcount.service,"
                        + "headcount.localHire,headcount.unspecified,named.total");
        assertThat(lines[0])
                .contains("reported.headcount,reported.category,reported.on,ceilings,expelled.due,expelled.overdue");
        assertThat(lines[1])
                .startsWith(
                        EMBASSY + ",TO-WS,TO,WS,EMBASSY,Apia,,,OPEN,2024-01-01,1,0,1,0,0,0,1,0,1,0,0,0,0,0,0,0,0,0,"
                                + "5,DIPLOMATIC,2024-02-01,ws-caps-to-embassy limit 3 since 2024-02-25 comply-by 2024-06-01 room 2,2,");
        assertThat(lines).hasSize(2);

        Response presences =
                ledger.getAccept("analyst", "/api/v1/presences?sending=TO&receiving=WS&on=2024-03-11", "text/csv");
        String[] rows = presences.body().split("\r\n");
        assertThat(rows[0]).startsWith("presenceId,sendingState,receivingState,headcount.total");
        assertThat(rows[0])
                .endsWith("missions.open,missions.suspended,missions.closing,missions.closed,expelled.due,"
                        + "expelled.overdue,expelled.on,expelled.departureNotRecorded,expelled.overdueSince,expelled.overdueDays,"
                        + "relations.level,relations.since,headcountKnown,missionCeilings,reportedSource.text,reportedSource.url,"
                        + "reportedCorrected.at,reportedCorrected.by,reportedCorrected.reason,reportedCorrected.source.text,"
                        + "reportedCorrected.source.url,reportedCorrected.eventId,reportedCorrected.correctsEventId");
        assertThat(rows[1])
                .startsWith("TO-WS,TO,WS,15,0,1,3,0,11,")
                .contains(",1,0,0,1,2,2,2024-03-11,1,2024-03-10,1,,,true,")
                .endsWith("ws-caps-to-embassy limit 3 since 2024-02-25 comply-by 2024-06-01 room 2,"
                        + "Tonga MFA: 20 staff in Samoa,,,,,,,,");

        Response months = ledger.getAccept(
                "analyst", "/api/v1/trends/headcount?sending=TO&receiving=WS&from=2024-01&to=2024-02", "text/csv");
        assertThat(months.body())
                .isEqualTo("month,date,sendingState,receivingState,headcount,change\r\n"
                        + "2024-01,2024-01-31,TO,WS,20,20\r\n2024-02,2024-02-29,TO,WS,17,-3\r\n");

        Response years = ledger.getAccept(
                "analyst", "/api/v1/trends/open-missions?state=TO&receiving=WS&from=2025&to=2025", "text/csv");
        assertThat(years.body())
                .isEqualTo("year,date,sendingState,receivingState,open,missionIds\r\n" + "2025,2025-12-31,TO,WS,1,"
                        + EMBASSY + "\r\n");
    }

    @Test
    void answersNotFoundAndBadRequestNamingTheParameter() {
        assertThat(ledger.get("analyst", "/api/v1/missions/TO-WS-EMBASSY-NOWHERE")
                        .status())
                .isEqualTo(404);
        assertThat(ledger.get("analyst", "/api/v1/presences/TO/AQ").status()).isEqualTo(404);
        assertThat(ledger.get("analyst", "/api/v1/trends/headcount?sending=TO&receiving=AQ")
                        .status())
                .isEqualTo(404);
        assertThat(parameter("/api/v1/presences/XX/WS")).isEqualTo("sending");
        assertThat(parameter("/api/v1/missions?status=SHUT")).isEqualTo("status");
        assertThat(parameter("/api/v1/missions?kind=PALACE")).isEqualTo("kind");
        assertThat(parameter("/api/v1/missions?state=Narnia")).isEqualTo("state");
        assertThat(parameter("/api/v1/missions?sort=name")).isEqualTo("sort");
        assertThat(parameter("/api/v1/missions?size=0")).isEqualTo("size");
        assertThat(parameter("/api/v1/presences?receiving=ZZZ")).isEqualTo("receiving");
        assertThat(parameter("/api/v1/presences?sort=city")).isEqualTo("sort");
        assertThat(parameter("/api/v1/trends/headcount?receiving=WS")).isEqualTo("sending");
        assertThat(parameter("/api/v1/trends/headcount?sending=TO&receiving=WS&from=2024-13"))
                .isEqualTo("from");
        assertThat(parameter("/api/v1/trends/headcount?sending=TO&receiving=WS&from=2024-05&to=2024-04"))
                .isEqualTo("from");
        assertThat(parameter("/api/v1/trends/open-missions?from=2020")).isEqualTo("sending");
        assertThat(parameter("/api/v1/trends/open-missions?sending=TO&state=WS"))
                .isEqualTo("state");
        assertThat(parameter("/api/v1/trends/open-missions?state=TO&to=twenty")).isEqualTo("to");
        assertThat(ledger.get("analyst", "/api/v1/missions?on=yesterday").status())
                .isEqualTo(400);
        assertThat(ledger.get("clerk", "/api/v1/missions").status()).isEqualTo(403);
        assertThat(ledger.get(null, "/api/v1/presences").status()).isEqualTo(401);
    }

    /**
     * Issue 18, 9(d): Uzbekistan's (UZ) embassy in Turkmenistan (TM) is reported at 30 staff; a
     * clerk corrects the embassy's report to 25. The mission and the presence read 25 under the correction's source
     * with a {@code reportedCorrected} mark; known before the correction, 30 under the original source, unmarked.
     */
    @Test
    void aCorrectedReportedHeadcountIsMarkedAndReadsAsRecordedBeforeTheCorrection() {
        open("UZ", "TM", "EMBASSY", "Ashgabat", "2020-01-01");
        String mission = "UZ-TM-EMBASSY-ASHGABAT";
        JsonNode reported = ledger.accepted("RecordStaffCount", """
                {"missionId": "%s", "headcount": 30, "effectiveDate": "2021-03-01", "source": "Uzbek MFA yearbook"}""".formatted(mission));
        String reportEventId = reported.path("events").get(0).path("eventId").asText();
        JsonNode before = ok(
                        "analyst",
                        "/api/v1/missions/" + mission + "?atLeast="
                                + reported.path("position").asLong())
                .path("mission");
        assertThat(before.path("reported").path("headcount").asInt()).isEqualTo(30);
        assertThat(before.path("reportedSource").path("text").asText()).isEqualTo("Uzbek MFA yearbook");
        assertThat(before.has("reportedCorrected")).isFalse();
        java.time.Instant knownBefore = java.time.Instant.now();

        JsonNode correction = ledger.accepted("CorrectEntry", """
                {"eventId": "%s", "corrections": {"headcount": 25}, "reason": "the yearbook counted five spouses",
                 "source": {"text": "Uzbek MFA erratum", "url": "https://example.org/uz-erratum"}}""".formatted(reportEventId));
        String correctionEventId =
                correction.path("events").get(0).path("eventId").asText();
        long position = correction.path("position").asLong();

        JsonNode after = ok("analyst", "/api/v1/missions/" + mission + "?atLeast=" + position)
                .path("mission");
        assertThat(after.path("reported").path("headcount").asInt())
                .as(after.toString())
                .isEqualTo(25);
        assertThat(after.path("headcount").path("total").asInt()).isEqualTo(25);
        assertThat(after.path("reportedSource").path("text").asText()).isEqualTo("Uzbek MFA erratum");
        assertThat(after.path("reportedSource").path("url").asText()).isEqualTo("https://example.org/uz-erratum");
        JsonNode mark = after.path("reportedCorrected");
        assertThat(mark.path("by").asText()).as(after.toString()).isEqualTo("clerk");
        assertThat(mark.path("reason").asText()).isEqualTo("the yearbook counted five spouses");
        assertThat(mark.path("source").path("text").asText()).isEqualTo("Uzbek MFA erratum");
        assertThat(mark.path("eventId").asText()).isEqualTo(correctionEventId);
        assertThat(mark.path("correctsEventId").asText()).isEqualTo(reportEventId);
        assertThat(java.time.Instant.parse(mark.path("at").asText())).isAfter(knownBefore);
        // The presence totals the corrected mission; it has no report of its own, so no mark of its own.
        JsonNode presence = ok("analyst", "/api/v1/presences/UZ/TM?atLeast=" + position);
        assertThat(presence.path("presence").path("headcount").path("total").asInt())
                .isEqualTo(25);
        assertThat(presence.path("presence").has("reportedCorrected")).isFalse();
        assertThat(presence.path("missions").get(0).path("reportedCorrected")).isEqualTo(mark);

        JsonNode known = ok("analyst", "/api/v1/missions/" + mission + "?knownAt=" + knownBefore)
                .path("mission");
        assertThat(known.path("reported").path("headcount").asInt())
                .as(known.toString())
                .isEqualTo(30);
        assertThat(known.path("reportedSource").path("text").asText()).isEqualTo("Uzbek MFA yearbook");
        assertThat(known.has("reportedCorrected")).isFalse();

        String[] csv = ledger.getAccept(
                        "analyst", "/api/v1/missions?sending=UZ&receiving=TM&atLeast=" + position, "text/csv")
                .body()
                .split("\r\n");
        assertThat(csv[0])
                .endsWith(",leaveBy,headcountKnown,reportedSource.text,reportedSource.url,reportedCorrected.at,"
                        + "reportedCorrected.by,reportedCorrected.reason,reportedCorrected.source.text,reportedCorrected.source.url,"
                        + "reportedCorrected.eventId,reportedCorrected.correctsEventId");
        assertThat(csv[1])
                .endsWith(",true,Uzbek MFA erratum,https://example.org/uz-erratum,"
                        + mark.path("at").asText()
                        + ",clerk,the yearbook counted five spouses,Uzbek MFA erratum,https://example.org/uz-erratum,"
                        + correctionEventId + "," + reportEventId);
        assertThat(ledger.getAccept(
                                "analyst",
                                "/api/v1/missions?sending=UZ&receiving=TM&knownAt=" + knownBefore,
                                "text/csv")
                        .body()
                        .split("\r\n")[1])
                .endsWith(",true,Uzbek MFA yearbook,,,,,,,,");
    }

    @Test
    void readsItsOwnWrite() {
        long position =
                ledger.accepted("RecordStaffChange", """
                {"sendingState": "WS", "receivingState": "TO", "category": "LOCAL_HIRE", "change": 4,
                 "effectiveDate": "2024-05-01", "source": "Samoa Observer"}""").path("position").asLong();
        Response response = ledger.get("analyst", "/api/v1/presences/WS/TO?atLeast=" + position);
        assertThat(response.status()).isEqualTo(200);
        assertThat(Long.parseLong(response.header("X-Ledger-Position"))).isGreaterThanOrEqualTo(position);
        assertThat(response.json()
                        .path("presence")
                        .path("presenceWide")
                        .path("localHire")
                        .asInt())
                .isGreaterThanOrEqualTo(4);
        assertThat(ledger.get("analyst", "/api/v1/missions?atLeast=999999999").status())
                .isEqualTo(503);
    }

    @Test
    void concurrentWritersEachReadTheirOwnWrite() throws Exception {
        List<String[]> presences =
                List.of(new String[] {"NR", "PW"}, new String[] {"PW", "NR"}, new String[] {"KI", "TV"}, new String[] {
                    "TV", "KI"
                });
        ExecutorService pool = Executors.newFixedThreadPool(presences.size() + 1);
        try {
            List<Future<Integer>> writers = new ArrayList<>();
            for (String[] states : presences) {
                writers.add(pool.submit(() -> {
                    String missionId = states[0] + "-" + states[1] + "-EMBASSY-CAPITAL";
                    open(states[0], states[1], "EMBASSY", "Capital", "2024-01-01");
                    int seen = 0;
                    for (int i = 1; i <= 5; i++) {
                        long position = ledger.accepted("RecordStaffChange", """
                                {"missionId": "%s", "category": "DIPLOMATIC", "change": 1, "effectiveDate": "2024-02-0%d",
                                 "source": "wire"}""".formatted(missionId, i))
                                .path("position")
                                .asLong();
                        Response response =
                                ledger.get("analyst", "/api/v1/missions/" + missionId + "?atLeast=" + position);
                        assertThat(response.status()).as(response.toString()).isEqualTo(200);
                        assertThat(response.json()
                                        .path("mission")
                                        .path("headcount")
                                        .path("diplomatic")
                                        .asInt())
                                .isEqualTo(i);
                        seen = i;
                    }
                    return seen;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                int reads = 0;
                for (int i = 0; i < 20; i++) {
                    assertThat(ledger.get("auditor", "/api/v1/presences?state=PW")
                                    .status())
                            .isEqualTo(200);
                    reads++;
                }
                return reads;
            });
            for (Future<Integer> writer : writers) {
                assertThat(writer.get(60, TimeUnit.SECONDS)).isEqualTo(5);
            }
            assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ok("analyst", "/api/v1/presences/KI/TV")
                        .path("presence")
                        .path("headcount")
                        .path("total")
                        .asInt())
                .isEqualTo(5);
    }

    private String parameter(String path) {
        Response response = ledger.get("analyst", path);
        assertThat(response.status()).as(path + " " + response).isEqualTo(400);
        return response.json().path("parameter").asText();
    }

    private static List<String> ids(JsonNode page) {
        return field(page.path("items"), "missionId");
    }

    private static List<String> presenceIds(JsonNode page) {
        return field(page.path("items"), "presenceId");
    }

    /** The field of each item (not of the items' nested objects, as findValuesAsText would). */
    private static List<String> field(JsonNode items, String name) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.path(name).asText()));
        return values;
    }
}
