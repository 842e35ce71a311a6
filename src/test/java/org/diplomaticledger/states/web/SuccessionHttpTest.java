package org.diplomaticledger.states.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Successions of states through the real application (docs/states.md#succession): an absorption closes the
 * predecessor's missions on its day, in the same write, with the succession's source; a continuation makes the
 * successor's reads answer for the predecessor before its day, each row marked with the state as it was then.
 */
class SuccessionHttpTest extends LedgerIntegrationTest {

    private static final String UNIFICATION = """
            {"kind": "ABSORPTION", "predecessor": "DD", "successors": ["DE"], "effectiveDate": "1990-10-03",
             "source": {"text": "Unification Treaty of 31 August 1990, Art. 1"}}""";

    /**
     * A list's answer without its {@code position}: the projection's position when it answered, which moves when it
     * has handled the succession's own event (written between the two reads compared), whatever the rows.
     */
    private static JsonNode page(JsonNode answer) {
        return ((ObjectNode) answer.deepCopy()).without("position");
    }

    @Test
    void anAbsorptionClosesThePredecessorsMissionsOnItsDayWithItsSource() {
        ledger.accepted("OpenMission", """
                {"sendingState": "DD", "receivingState": "AT", "kind": "EMBASSY", "city": "Vienna",
                 "effectiveDate": "1973-01-01", "source": "test"}""");
        ledger.accepted("OpenMission", """
                {"sendingState": "SE", "receivingState": "DD", "kind": "EMBASSY", "city": "Berlin",
                 "effectiveDate": "1973-01-01", "source": "test"}""");

        Response byClerk = ledger.command("clerk", "RecordSuccession", UNIFICATION);
        assertThat(byClerk.status()).as(byClerk.toString()).isEqualTo(403);

        Response recorded = ledger.command("admin", "RecordSuccession", UNIFICATION);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        List<String> written = new ArrayList<>();
        recorded.json()
                .path("events")
                .forEach(event -> written.add(event.path("type").asText() + " "
                        + event.path("aggregateId").asText()));
        assertThat(written).first().isEqualTo("StateSucceeded STATE-REGISTER");
        assertThat(written).contains("MissionClosed DD-AT", "MissionClosed SE-DD");
        long position = recorded.json().path("position").asLong();

        JsonNode dayBefore = ledger.get("analyst", "/api/v1/missions/DD-AT-EMBASSY-VIENNA?asOf=1990-10-02", position)
                .json();
        assertThat(dayBefore.path("mission").path("status").asText()).isEqualTo("OPEN");
        JsonNode onTheDay = ledger.get("analyst", "/api/v1/missions/SE-DD-EMBASSY-BERLIN?asOf=1990-10-03", position)
                .json();
        assertThat(onTheDay.path("mission").path("status").asText()).isEqualTo("CLOSED");
        assertThat(onTheDay.path("mission").path("statusSince").asText()).isEqualTo("1990-10-03");

        JsonNode history =
                ledger.get("auditor", "/api/v1/presences/DD/AT/history").json().path("items");
        JsonNode closure = history.get(history.size() - 1);
        assertThat(closure.path("type").asText()).isEqualTo("MissionClosed");
        assertThat(closure.path("actor").asText()).isEqualTo("admin");
        assertThat(closure.path("payload").path("reason").asText()).isEqualTo("STATE_SUCCESSION");
        assertThat(closure.path("payload").path("effectiveDate").asText()).isEqualTo("1990-10-03");
        assertThat(closure.path("source").path("text").asText())
                .isEqualTo("Unification Treaty of 31 August 1990, Art. 1");

        Response again = ledger.command("admin", "RecordSuccession", UNIFICATION);
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().path("rule").asText()).isEqualTo("succession-already-recorded");
    }

    @Test
    void aContinuationMakesTheSuccessorsReadsAnswerForThePredecessorBeforeItsDay() {
        ledger.accepted("OpenMission", """
                {"sendingState": "SU", "receivingState": "US", "kind": "EMBASSY", "city": "Washington",
                 "effectiveDate": "1933-11-16", "source": "test"}""");
        ledger.accepted("RecordStaffCount", """
                {"sendingState": "SU", "receivingState": "US", "headcount": 300, "effectiveDate": "1986-01-01", "source": "test"}""");
        ledger.accepted("OpenMission", """
                {"sendingState": "RU", "receivingState": "US", "kind": "EMBASSY", "city": "Washington",
                 "effectiveDate": "1991-12-25", "source": "test"}""");
        long opened = ledger.accepted("RecordStaffCount", """
                {"sendingState": "RU", "receivingState": "US", "headcount": 200, "effectiveDate": "1991-12-25", "source": "test"}""").path("position").asLong();
        String trend = "/api/v1/trends/open-missions?sending=RU&receiving=US&from=1985&to=2000";
        assertThat(ledger.get("analyst", trend, opened)
                        .json()
                        .path("items")
                        .get(0)
                        .path("year")
                        .asInt())
                .isEqualTo(1991);
        JsonNode todayBefore =
                ledger.get("analyst", "/api/v1/presences/RU/US", opened).json();

        Response recorded = ledger.command("admin", "RecordSuccession", """
                {"kind": "CONTINUATION", "predecessor": "SU", "successors": ["RU"], "effectiveDate": "1991-12-25",
                 "source": "Letter of President Yeltsin to the UN Secretary-General, 24 December 1991"}""");
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        assertThat(recorded.json().path("events").size())
                .as("a continuation closes nothing")
                .isEqualTo(1);

        JsonNode points = ledger.get("analyst", trend, opened).json().path("items");
        assertThat(points.size()).isEqualTo(16);
        JsonNode in1985 = points.get(0);
        assertThat(in1985.path("year").asInt()).isEqualTo(1985);
        assertThat(in1985.path("sendingState").asText()).isEqualTo("SU");
        assertThat(in1985.path("missionIds").toString()).contains("SU-US-EMBASSY-WASHINGTON");
        assertThat(in1985.path("stateAsThen").path("code").asText()).isEqualTo("SU");
        assertThat(in1985.path("stateAsThen").path("name").asText()).isEqualTo("Union of Soviet Socialist Republics");
        assertThat(in1985.path("stateAsThen").path("continuedBy").asText()).isEqualTo("RU");
        JsonNode in1991 = points.get(6);
        assertThat(in1991.path("year").asInt()).isEqualTo(1991);
        assertThat(in1991.path("sendingState").asText()).isEqualTo("RU");
        assertThat(in1991.has("stateAsThen")).isFalse();
        Response csv = ledger.getAccept("analyst", trend, "text/csv");
        assertThat(csv.body())
                .as("CSV keeps its columns; the row names the state as it was then")
                .startsWith(
                        "year,date,sendingState,receivingState,open,missionIds\r\n1985,1985-12-31,SU,US,1,SU-US-EMBASSY-WASHINGTON\r\n");

        JsonNode months = ledger.get(
                        "analyst", "/api/v1/trends/headcount?sending=RU&receiving=US&from=1991-11&to=1992-01", opened)
                .json()
                .path("items");
        assertThat(months.findValuesAsText("sendingState")).containsExactly("SU", "RU", "RU");
        assertThat(months.get(0).path("headcount").asInt()).isEqualTo(300);
        assertThat(months.get(1).path("headcount").asInt()).isEqualTo(200);
        assertThat(months.get(1).path("change").asInt()).isEqualTo(-100);

        JsonNode in1986 = ledger.get("analyst", "/api/v1/presences/RU/US?asOf=1986-06-01", opened)
                .json();
        assertThat(in1986.path("presence").path("presenceId").asText()).isEqualTo("SU-US");
        assertThat(in1986.path("presence").path("headcount").path("total").asInt())
                .isEqualTo(300);
        assertThat(in1986.path("stateAsThen").path("code").asText()).isEqualTo("SU");

        JsonNode today =
                ledger.get("analyst", "/api/v1/presences/RU/US", opened).json();
        assertThat(today).as("today's RU reads are unchanged").isEqualTo(todayBefore);
        assertThat(today.path("presence").path("presenceId").asText()).isEqualTo("RU-US");
    }

    @Test
    void aReadOfAPairsRelationsFollowsAChainOfContinuationsBeforeTheirDays() {
        ledger.accepted("ChangeRelationsLevel", """
                {"stateA": "YU", "stateB": "US", "level": "FULL", "effectiveDate": "1946-01-01", "source": "test"}""");
        ledger.accepted("ChangeRelationsLevel", """
                {"stateA": "YU", "stateB": "US", "level": "SEVERED", "initiatedBy": "YU", "effectiveDate": "1999-03-24",
                 "source": "test"}""");
        ledger.accepted("ChangeRelationsLevel", """
                {"stateA": "YU", "stateB": "US", "level": "RESTORED", "effectiveDate": "2000-11-17", "source": "test"}""");
        long recorded =
                ledger.accepted("ChangeRelationsLevel", """
                {"stateA": "RS", "stateB": "US", "level": "FULL", "effectiveDate": "2006-06-05", "source": "test"}""").path("position").asLong();
        JsonNode todayBefore =
                ledger.get("analyst", "/api/v1/relations/RS/US", recorded).json();
        JsonNode ofYugoslaviaBefore = ledger.get("analyst", "/api/v1/relations/YU/US?asOf=1999-06-01", recorded)
                .json();
        assertThat(ledger.get("analyst", "/api/v1/relations/RS/US?asOf=1999-06-01", recorded)
                        .status())
                .isEqualTo(404);
        Instant beforeAny = Instant.now();

        Response first = ledger.command("admin", "RecordSuccession", """
                {"kind": "CONTINUATION", "predecessor": "YU", "successors": ["CSXX"], "effectiveDate": "2003-02-04",
                 "source": "Constitutional Charter of Serbia and Montenegro, 4 February 2003"}""");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode ofTheUnion = ledger.get("analyst", "/api/v1/relations/CSXX/US?asOf=1999-06-01", recorded)
                .json();
        assertThat(ofTheUnion.path("relations").path("relationsId").asText()).isEqualTo("RELATIONS-US-YU");
        assertThat(ofTheUnion.path("stateAsThen").path("continuedBy").asText()).isEqualTo("CSXX");
        assertThat(ledger.get("analyst", "/api/v1/relations/RS/US?asOf=1999-06-01", recorded)
                        .status())
                .as("Serbia continues nobody yet")
                .isEqualTo(404);
        Instant beforeSerbia = Instant.now();

        Response second = ledger.command("admin", "RecordSuccession", """
                {"kind": "CONTINUATION", "predecessor": "CSXX", "successors": ["RS"], "effectiveDate": "2006-06-05",
                 "source": "Decision of the National Assembly of Serbia, 5 June 2006"}""");
        assertThat(second.status()).as(second.toString()).isEqualTo(200);

        JsonNode in1999 = ledger.get("analyst", "/api/v1/relations/RS/US?asOf=1999-06-01", recorded)
                .json();
        assertThat(in1999.path("relations").path("relationsId").asText()).isEqualTo("RELATIONS-US-YU");
        assertThat(in1999.path("relations").path("level").asText()).isEqualTo("SEVERED");
        assertThat(in1999.path("history").findValuesAsText("level")).containsExactly("FULL", "SEVERED");
        assertThat(in1999.path("stateAsThen").path("code").asText()).isEqualTo("YU");
        assertThat(in1999.path("stateAsThen").path("name").asText()).isEqualTo("Yugoslavia");
        assertThat(in1999.path("stateAsThen").path("continuedBy").asText()).isEqualTo("CSXX");
        assertThat(in1999.path("stateAsThen").path("until").asText()).isEqualTo("2003-02-04");
        assertThat(ledger.get("analyst", "/api/v1/relations/US/RS?asOf=1999-06-01", recorded)
                        .json())
                .as("either order, either side")
                .isEqualTo(in1999);
        assertThat(ledger.get("analyst", "/api/v1/relations/US/RS?asOf=2003-02-03", recorded)
                        .json()
                        .path("stateAsThen")
                        .path("code")
                        .asText())
                .isEqualTo("YU");

        JsonNode inTheUnion = ledger.get("analyst", "/api/v1/relations/RS/US?asOf=2004-01-01", recorded)
                .json();
        assertThat(inTheUnion.path("relations").path("relationsId").asText())
                .as("the chain's middle: no relations recorded for CSXX-US, so Yugoslavia's carry on")
                .isEqualTo("RELATIONS-US-YU");
        assertThat(inTheUnion.path("relations").path("level").asText()).isEqualTo("RESTORED");
        assertThat(inTheUnion.path("stateAsThen").path("code").asText()).isEqualTo("YU");
        assertThat(inTheUnion.path("stateAsThen").path("continuedBy").asText()).isEqualTo("CSXX");
        assertThat(inTheUnion.path("history").findValuesAsText("level")).containsExactly("FULL", "SEVERED", "RESTORED");
        assertThat(inTheUnion.path("history").findValuesAsText("code")).containsOnly("YU");
        assertThat(ledger.get("analyst", "/api/v1/relations?state=RS&asOf=2004-01-01", recorded)
                        .json()
                        .path("items")
                        .findValuesAsText("relationsId"))
                .as("the list carries Yugoslavia's pair on likewise")
                .containsExactly("RELATIONS-US-YU");
        assertThat(ledger.get("analyst", "/api/v1/relations?state=RS", recorded)
                        .json()
                        .path("items")
                        .findValuesAsText("relationsId"))
                .as("today Serbia's own pair with the US replaces Yugoslavia's")
                .containsExactly("RELATIONS-RS-US");

        JsonNode onTheDay = ledger.get("analyst", "/api/v1/relations/RS/US?asOf=2006-06-05", recorded)
                .json();
        assertThat(onTheDay.path("relations").path("relationsId").asText()).isEqualTo("RELATIONS-RS-US");
        assertThat(onTheDay.has("stateAsThen")).isFalse();
        JsonNode today =
                ledger.get("analyst", "/api/v1/relations/RS/US", recorded).json();
        assertThat(today.path("relations")).as("today's pair is unchanged").isEqualTo(todayBefore.path("relations"));
        assertThat(today.has("stateAsThen")).isFalse();
        JsonNode history = today.path("history");
        assertThat(history.findValuesAsText("level"))
                .as("the history starts with Yugoslavia's changes, before the day it was continued")
                .containsExactly("FULL", "SEVERED", "RESTORED", "FULL");
        assertThat(history.get(0).path("effectiveDate").asText()).isEqualTo("1946-01-01");
        assertThat(history.get(0).path("stateAsThen").path("code").asText()).isEqualTo("YU");
        assertThat(history.get(2).path("stateAsThen").path("continuedBy").asText())
                .isEqualTo("CSXX");
        assertThat(history.get(3).path("effectiveDate").asText()).isEqualTo("2006-06-05");
        assertThat(history.get(3).has("stateAsThen")).isFalse();
        assertThat(ledger.get("analyst", "/api/v1/relations/RS/US?knownAt=" + beforeAny, recorded)
                        .json())
                .as("as known before any continuation was recorded: the history as it was")
                .isEqualTo(todayBefore);
        assertThat(ledger.get("analyst", "/api/v1/relations/RS/US?asOf=2006-06-05", recorded)
                        .json()
                        .path("history")
                        .findValuesAsText("level"))
                .containsExactly("FULL", "SEVERED", "RESTORED", "FULL");
        assertThat(ledger.get("analyst", "/api/v1/relations/YU/US?asOf=1999-06-01", recorded)
                        .json())
                .as("a state that continued none reads as recorded")
                .isEqualTo(ofYugoslaviaBefore);

        assertThat(ledger.get("analyst", "/api/v1/relations/RS/US?asOf=1999-06-01&knownAt=" + beforeAny, recorded)
                        .status())
                .as("before any continuation was recorded")
                .isEqualTo(404);
        assertThat(ledger.get("analyst", "/api/v1/relations/RS/US?asOf=1999-06-01&knownAt=" + beforeSerbia, recorded)
                        .status())
                .as("before Serbia's was recorded")
                .isEqualTo(404);
        assertThat(ledger.get("analyst", "/api/v1/relations/CSXX/US?asOf=1999-06-01&knownAt=" + beforeSerbia, recorded)
                        .json()
                        .path("stateAsThen")
                        .path("code")
                        .asText())
                .isEqualTo("YU");
    }

    @Test
    void theHeadsOfMissionOfAStateAnswerForThePredecessorBeforeTheContinuation() {
        ledger.accepted("OpenMission", """
                {"sendingState": "ZR", "receivingState": "BE", "kind": "EMBASSY", "city": "Brussels",
                 "effectiveDate": "1971-10-27", "source": "test"}""");
        long opened = ledger.accepted("OpenMission", """
                {"sendingState": "CD", "receivingState": "BE", "kind": "EMBASSY", "city": "Brussels",
                 "effectiveDate": "1997-05-17", "source": "test"}""").path("position").asLong();
        String in1990 = "/api/v1/heads-of-mission?state=CD&asOf=1990-01-01";
        assertThat(ledger.get("analyst", in1990, opened).json().path("total").asInt())
                .isZero();
        JsonNode todayBefore = ledger.get("analyst", "/api/v1/heads-of-mission?state=CD", opened)
                .json();
        JsonNode ofZaireBefore = ledger.get("analyst", "/api/v1/heads-of-mission?state=ZR&asOf=1990-01-01", opened)
                .json();
        JsonNode missionsOfZaireBefore = ledger.get("analyst", "/api/v1/missions?sending=ZR&asOf=1990-01-01", opened)
                .json();
        assertThat(ledger.get("analyst", "/api/v1/missions?sending=CD&asOf=1990-01-01", opened)
                        .json()
                        .path("total")
                        .asInt())
                .isZero();
        assertThat(ledger.get("analyst", "/api/v1/presences?sending=CD&asOf=1990-01-01", opened)
                        .json()
                        .path("total")
                        .asInt())
                .isZero();
        Instant beforeTheContinuation = Instant.now();

        Response recorded = ledger.command("admin", "RecordSuccession", """
                {"kind": "CONTINUATION", "predecessor": "ZR", "successors": ["CD"], "effectiveDate": "1997-05-17",
                 "source": "Decree-law of 17 May 1997 restoring the name Democratic Republic of the Congo"}""");
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);

        JsonNode items = ledger.get("analyst", in1990, opened).json().path("items");
        assertThat(items.findValuesAsText("missionId")).containsExactly("ZR-BE-EMBASSY-BRUSSELS");
        JsonNode row = items.get(0);
        assertThat(row.path("sendingState").asText()).isEqualTo("ZR");
        assertThat(row.path("stateAsThen").path("code").asText()).isEqualTo("ZR");
        assertThat(row.path("stateAsThen").path("name").asText()).isEqualTo("Zaire");
        assertThat(row.path("stateAsThen").path("continuedBy").asText()).isEqualTo("CD");
        assertThat(row.path("stateAsThen").path("until").asText()).isEqualTo("1997-05-17");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?sending=CD&receiving=BE&asOf=1997-05-16", opened)
                        .json()
                        .path("items")
                        .findValuesAsText("missionId"))
                .containsExactly("ZR-BE-EMBASSY-BRUSSELS");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?receiving=CD&asOf=1990-01-01", opened)
                        .json()
                        .path("total")
                        .asInt())
                .as("Zaire received no mission")
                .isZero();

        JsonNode onTheDay = ledger.get("analyst", "/api/v1/heads-of-mission?state=CD&asOf=1997-05-17", opened)
                .json();
        assertThat(onTheDay.path("items").findValuesAsText("missionId")).containsExactly("CD-BE-EMBASSY-BRUSSELS");
        assertThat(onTheDay.path("items").get(0).has("stateAsThen")).isFalse();
        assertThat(page(ledger.get("analyst", "/api/v1/heads-of-mission?state=CD", opened)
                        .json()))
                .as("today's list is unchanged")
                .isEqualTo(page(todayBefore));
        assertThat(page(ledger.get("analyst", "/api/v1/heads-of-mission?state=ZR&asOf=1990-01-01", opened)
                        .json()))
                .as("a state that continued none lists as recorded")
                .isEqualTo(page(ofZaireBefore));
        assertThat(ledger.get("analyst", in1990 + "&knownAt=" + beforeTheContinuation, opened)
                        .json()
                        .path("total")
                        .asInt())
                .as("before the continuation was recorded")
                .isZero();

        // The missions and presences lists read the same way (#20: "a query for RU ... answers the Soviet years").
        JsonNode missions = ledger.get("analyst", "/api/v1/missions?sending=CD&asOf=1990-01-01", opened)
                .json()
                .path("items");
        assertThat(missions.findValuesAsText("missionId")).containsExactly("ZR-BE-EMBASSY-BRUSSELS");
        assertThat(missions.get(0).path("status").asText()).isEqualTo("OPEN");
        assertThat(missions.get(0).path("stateAsThen").path("code").asText()).isEqualTo("ZR");
        assertThat(missions.get(0).path("stateAsThen").path("continuedBy").asText())
                .isEqualTo("CD");
        JsonNode presences = ledger.get("analyst", "/api/v1/presences?state=CD&asOf=1990-01-01", opened)
                .json()
                .path("items");
        assertThat(presences.findValuesAsText("presenceId")).containsExactly("ZR-BE");
        assertThat(presences.get(0).path("stateAsThen").path("name").asText()).isEqualTo("Zaire");
        JsonNode missionsOnTheDay = ledger.get("analyst", "/api/v1/missions?sending=CD&asOf=1997-05-17", opened)
                .json()
                .path("items");
        assertThat(missionsOnTheDay.findValuesAsText("missionId")).containsExactly("CD-BE-EMBASSY-BRUSSELS");
        assertThat(missionsOnTheDay.get(0).has("stateAsThen")).isFalse();
        assertThat(page(ledger.get("analyst", "/api/v1/missions?sending=ZR&asOf=1990-01-01", opened)
                        .json()))
                .as("a state that continued none lists its missions as recorded")
                .isEqualTo(page(missionsOfZaireBefore));
        assertThat(ledger.get(
                                "analyst",
                                "/api/v1/missions?sending=CD&asOf=1990-01-01&knownAt=" + beforeTheContinuation,
                                opened)
                        .json()
                        .path("total")
                        .asInt())
                .as("missions before the continuation was recorded")
                .isZero();
        assertThat(ledger.getAccept("analyst", "/api/v1/missions?sending=CD&asOf=1990-01-01", "text/csv")
                        .body())
                .isEqualTo(ledger.getAccept("analyst", "/api/v1/missions?sending=ZR&asOf=1990-01-01", "text/csv")
                        .body())
                .doesNotContain("stateAsThen");

        Response csv = ledger.getAccept("analyst", in1990, "text/csv");
        assertThat(csv.body())
                .as("CSV keeps its columns; the row names the state as it was then")
                .isEqualTo(ledger.getAccept("analyst", "/api/v1/heads-of-mission?state=ZR&asOf=1990-01-01", "text/csv")
                        .body())
                .contains("ZR-BE-EMBASSY-BRUSSELS,ZR,BE,")
                .doesNotContain("stateAsThen");
    }

    @Test
    void theExpulsionsOfAStateHoldThePredecessorsBeforeTheContinuationEachMarked() {
        ledger.accepted("OpenMission", """
                {"sendingState": "GB", "receivingState": "BU", "kind": "EMBASSY", "city": "Rangoon",
                 "effectiveDate": "1948-01-04", "source": "test"}""");
        ledger.accepted("ExpelDiplomat", """
                {"sendingState": "GB", "receivingState": "BU", "count": 2, "category": "DIPLOMATIC",
                 "expulsionId": "bu-expels-2-1988", "departureDeadline": "1988-09-10", "effectiveDate": "1988-09-01",
                 "source": "test"}""");
        ledger.accepted("OpenMission", """
                {"sendingState": "GB", "receivingState": "MM", "kind": "EMBASSY", "city": "Yangon",
                 "effectiveDate": "1989-06-18", "source": "test"}""");
        long expelled = ledger.accepted("ExpelDiplomat", """
                {"sendingState": "GB", "receivingState": "MM", "count": 1, "category": "DIPLOMATIC",
                 "expulsionId": "mm-expels-1-2000", "departureDeadline": "2000-03-10", "effectiveDate": "2000-03-01",
                 "source": "test"}""").path("position").asLong();
        String span = "/api/v1/expulsions?state=MM&from=1985-01-01&to=2005-12-31";
        assertThat(ledger.get("analyst", span, expelled).json().path("items").findValuesAsText("expulsionId"))
                .containsExactly("mm-expels-1-2000");
        JsonNode ofBurmaBefore =
                ledger.get("analyst", "/api/v1/expulsions?state=BU", expelled).json();
        Instant beforeTheContinuation = Instant.now();

        Response recorded = ledger.command("admin", "RecordSuccession", """
                {"kind": "CONTINUATION", "predecessor": "BU", "successors": ["MM"], "effectiveDate": "1989-06-18",
                 "source": "Adaptation of Expressions Law, 18 June 1989"}""");
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);

        JsonNode list = ledger.get("analyst", span, expelled).json();
        assertThat(list.path("total").asInt()).isEqualTo(2);
        JsonNode items = list.path("items");
        assertThat(items.findValuesAsText("expulsionId")).containsExactly("mm-expels-1-2000", "bu-expels-2-1988");
        assertThat(items.get(0).has("stateAsThen"))
                .as("Myanmar's own expulsion")
                .isFalse();
        JsonNode burmese = items.get(1);
        assertThat(burmese.path("declaredBy").asText()).isEqualTo("BU");
        assertThat(burmese.path("totalExpelled").asInt()).isEqualTo(2);
        assertThat(burmese.path("stateAsThen").path("code").asText()).isEqualTo("BU");
        assertThat(burmese.path("stateAsThen").path("name").asText()).isEqualTo("Burma");
        assertThat(burmese.path("stateAsThen").path("continuedBy").asText()).isEqualTo("MM");
        assertThat(burmese.path("stateAsThen").path("until").asText()).isEqualTo("1989-06-18");
        assertThat(ledger.get("analyst", "/api/v1/expulsions?by=MM&sort=effectiveDate", expelled)
                        .json()
                        .path("items")
                        .findValuesAsText("expulsionId"))
                .as("by the declaring state, in another order")
                .containsExactly("bu-expels-2-1988", "mm-expels-1-2000");
        assertThat(ledger.get("analyst", "/api/v1/expulsions?by=MM&to=1989-06-17", expelled)
                        .json()
                        .path("items")
                        .findValuesAsText("expulsionId"))
                .containsExactly("bu-expels-2-1988");
        assertThat(ledger.get("analyst", "/api/v1/expulsions?by=MM&against=GB&from=1989-06-18", expelled)
                        .json()
                        .path("items")
                        .findValuesAsText("expulsionId"))
                .containsExactly("mm-expels-1-2000");
        assertThat(ledger.get("analyst", "/api/v1/expulsions?against=MM", expelled)
                        .json()
                        .path("total")
                        .asInt())
                .as("nobody expelled Burma's or Myanmar's staff")
                .isZero();
        assertThat(page(ledger.get("analyst", "/api/v1/expulsions?state=BU", expelled)
                        .json()))
                .as("a state that continued none lists as recorded")
                .isEqualTo(page(ofBurmaBefore));
        assertThat(ledger.get("analyst", span + "&knownAt=" + beforeTheContinuation, expelled)
                        .json()
                        .path("items")
                        .findValuesAsText("expulsionId"))
                .as("before the continuation was recorded")
                .containsExactly("mm-expels-1-2000");
        assertThat(ledger.getAccept("analyst", span, "text/csv").body())
                .as("CSV keeps its columns; the row names the state as it was then")
                .contains("\r\nbu-expels-2-1988,GB-BU,BU,GB,")
                .doesNotContain("stateAsThen");
    }

    @Test
    void theExpulsionsTrendOfAPairCountsThePredecessorsYearsBeforeTheContinuationEachMarked() {
        ledger.accepted("OpenMission", """
                {"sendingState": "OM", "receivingState": "YD", "kind": "EMBASSY", "city": "Aden",
                 "effectiveDate": "1980-01-01", "source": "test"}""");
        ledger.accepted("OpenMission", """
                {"sendingState": "YD", "receivingState": "OM", "kind": "EMBASSY", "city": "Muscat",
                 "effectiveDate": "1980-01-01", "source": "test"}""");
        ledger.accepted("OpenMission", """
                {"sendingState": "OM", "receivingState": "YE", "kind": "EMBASSY", "city": "Sanaa",
                 "effectiveDate": "1985-01-01", "source": "test"}""");
        ledger.accepted("ExpelDiplomat", """
                {"sendingState": "OM", "receivingState": "YD", "count": 3, "category": "DIPLOMATIC",
                 "expulsionId": "yd-expels-3-1988", "departureDeadline": "1988-04-10", "effectiveDate": "1988-04-01",
                 "source": "test"}""");
        ledger.accepted("ExpelDiplomat", """
                {"sendingState": "YD", "receivingState": "OM", "count": 2, "category": "DIPLOMATIC",
                 "expulsionId": "om-expels-2-1989", "departureDeadline": "1989-02-10", "effectiveDate": "1989-02-01",
                 "source": "test"}""");
        ledger.accepted("ExpelDiplomat", """
                {"sendingState": "OM", "receivingState": "YE", "count": 4, "category": "DIPLOMATIC",
                 "expulsionId": "ye-expels-4-1989", "departureDeadline": "1989-03-10", "effectiveDate": "1989-03-01",
                 "source": "test"}""");
        long expelled = ledger.accepted("ExpelDiplomat", """
                {"sendingState": "OM", "receivingState": "YE", "count": 1, "category": "DIPLOMATIC",
                 "expulsionId": "ye-expels-1-1993", "departureDeadline": "1993-05-10", "effectiveDate": "1993-05-01",
                 "source": "test"}""").path("position").asLong();
        String trend = "/api/v1/trends/expulsions?stateA=YE&stateB=OM";
        JsonNode before = ledger.get("analyst", trend, expelled).json();
        assertThat(before.path("items").findValuesAsText("year"))
                .as("as recorded: North Yemen's own expulsions")
                .containsExactly("1989", "1990", "1991", "1992", "1993");
        assertThat(before.path("items").get(0).path("aToB").asInt()).isEqualTo(4);
        assertThat(before.path("items").findValues("stateAsThen")).isEmpty();
        JsonNode ofSouthYemenBefore = ledger.get("analyst", "/api/v1/trends/expulsions?stateA=YD&stateB=OM", expelled)
                .json();
        Instant beforeTheContinuation = Instant.now();

        Response recorded = ledger.command("admin", "RecordSuccession", """
                {"kind": "CONTINUATION", "predecessor": "YD", "successors": ["YE"], "effectiveDate": "1990-05-22",
                 "source": "Agreement on the Establishment of the Republic of Yemen, 22 April 1990"}""");
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);

        JsonNode after = ledger.get("analyst", trend, expelled).json();
        assertThat(after.path("total").asInt())
                .as("from South Yemen's first year")
                .isEqualTo(6);
        JsonNode years = after.path("items");
        assertThat(years.findValuesAsText("year")).containsExactly("1988", "1989", "1990", "1991", "1992", "1993");
        JsonNode y1988 = years.get(0);
        assertThat(y1988.path("stateA").asText()).as("the pair asked").isEqualTo("YE");
        assertThat(y1988.path("aToB").asInt()).isEqualTo(3);
        assertThat(y1988.path("expulsionsByA").asInt()).isEqualTo(1);
        assertThat(y1988.path("balance").asInt()).isEqualTo(3);
        assertThat(y1988.path("stateAsThen").path("code").asText()).isEqualTo("YD");
        assertThat(y1988.path("stateAsThen").path("continuedBy").asText()).isEqualTo("YE");
        assertThat(y1988.path("stateAsThen").path("until").asText()).isEqualTo("1990-05-22");
        JsonNode y1989 = years.get(1);
        assertThat(y1989.path("aToB").asInt())
                .as("North Yemen's expulsion of 1989 is not the state answering for YE then")
                .isZero();
        assertThat(y1989.path("bToA").asInt()).isEqualTo(2);
        assertThat(y1989.path("balance").asInt()).isEqualTo(-2);
        assertThat(years.get(2).path("stateAsThen").path("code").asText())
                .as("the year of the continuation")
                .isEqualTo("YD");
        assertThat(years.get(3).has("stateAsThen")).isFalse();
        assertThat(years.get(5).path("aToB").asInt()).isEqualTo(1);
        assertThat(years.get(5).has("stateAsThen")).isFalse();

        JsonNode reversed = ledger.get(
                        "analyst", "/api/v1/trends/expulsions?stateA=OM&stateB=YE&from=1988&to=1988", expelled)
                .json()
                .path("items")
                .get(0);
        assertThat(reversed.path("bToA").asInt())
                .as("either state of the pair may be the successor")
                .isEqualTo(3);
        assertThat(reversed.path("stateAsThen").path("code").asText()).isEqualTo("YD");
        assertThat(page(ledger.get("analyst", "/api/v1/trends/expulsions?stateA=YD&stateB=OM", expelled)
                        .json()))
                .as("a state that continued none reads as recorded")
                .isEqualTo(page(ofSouthYemenBefore));
        assertThat(page(ledger.get("analyst", trend + "&knownAt=" + beforeTheContinuation, expelled)
                        .json()))
                .as("before the continuation was recorded")
                .isEqualTo(page(before));
        assertThat(ledger.getAccept("analyst", trend + "&from=1988&to=1988", "text/csv")
                        .body())
                .as("CSV keeps its columns and names the pair asked")
                .contains("year,stateA,stateB,aToB,bToA,balance,expulsionsByA,expulsionsByB\r\n")
                .contains("1988,YE,OM,3,0,3,1,0")
                .doesNotContain("stateAsThen");
    }

    @Test
    void theTenuresOfAStateHoldThePredecessorsBeforeTheContinuationEachMarked() {
        ledger.accepted("OpenMission", """
                {"sendingState": "US", "receivingState": "DY", "kind": "EMBASSY", "city": "Cotonou",
                 "effectiveDate": "1960-08-01", "source": "test"}""");
        ledger.accepted("AppointAmbassador", """
                {"missionId": "US-DY-EMBASSY-COTONOU", "name": "Dahomey Envoy", "effectiveDate": "1972-01-10",
                 "source": "test"}""");
        ledger.accepted("OpenMission", """
                {"sendingState": "US", "receivingState": "BJ", "kind": "EMBASSY", "city": "Cotonou",
                 "effectiveDate": "1975-11-30", "source": "test"}""");
        long appointed =
                ledger.accepted("AppointAmbassador", """
                {"missionId": "US-BJ-EMBASSY-COTONOU", "name": "Benin Envoy", "effectiveDate": "1980-02-01",
                 "source": "test"}""").path("position").asLong();
        String tenures = "/api/v1/heads-of-mission/tenures?receiving=BJ";
        assertThat(ledger.get("analyst", tenures, appointed)
                        .json()
                        .path("items")
                        .findValuesAsText("personId"))
                .containsExactly("benin-envoy");

        Response recorded = ledger.command("admin", "RecordSuccession", """
                {"kind": "CONTINUATION", "predecessor": "DY", "successors": ["BJ"], "effectiveDate": "1975-11-30",
                 "source": "Proclamation of the People's Republic of Benin, 30 November 1975"}""");
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);

        JsonNode items = ledger.get("analyst", tenures + "&sort=appointedOn", appointed)
                .json()
                .path("items");
        assertThat(items.findValuesAsText("personId")).containsExactly("dahomey-envoy", "benin-envoy");
        assertThat(items.get(0).path("receivingState").asText()).isEqualTo("DY");
        assertThat(items.get(0).path("stateAsThen").path("code").asText()).isEqualTo("DY");
        assertThat(items.get(0).path("stateAsThen").path("continuedBy").asText())
                .isEqualTo("BJ");
        assertThat(items.get(0).path("stateAsThen").path("until").asText()).isEqualTo("1975-11-30");
        assertThat(items.get(1).has("stateAsThen")).isFalse();
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission/tenures?sending=US&receiving=BJ&to=1975-01-01")
                        .json()
                        .path("total")
                        .asInt())
                .as("from/to bound the day functions started, which neither envoy's tenure records")
                .isZero();
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission/tenures?receiving=DY")
                        .json()
                        .path("items")
                        .findValuesAsText("personId"))
                .as("a state that continued none lists as recorded")
                .containsExactly("dahomey-envoy");
        assertThat(ledger.getAccept("analyst", tenures + "&sort=appointedOn", "text/csv")
                        .body())
                .contains("\r\nUS-DY-EMBASSY-COTONOU,1,US,DY,dahomey-envoy,")
                .doesNotContain("stateAsThen");
    }

    @Test
    void theRelationsOfAStateAnswerForThePredecessorAndCarryItsPairsOn() {
        long changed =
                ledger.accepted("ChangeRelationsLevel", """
                {"stateA": "VD", "stateB": "SE", "level": "FULL", "effectiveDate": "1969-01-10",
                 "source": "test"}""").path("position").asLong();
        String in1970 = "/api/v1/relations?state=VN&asOf=1970-01-01";
        assertThat(ledger.get("analyst", in1970, changed).json().path("total").asInt())
                .isZero();
        assertThat(ledger.get("analyst", "/api/v1/relations/VN/SE", changed).status())
                .isEqualTo(404);
        Instant beforeTheContinuation = Instant.now();

        Response recorded = ledger.command("admin", "RecordSuccession", """
                {"kind": "CONTINUATION", "predecessor": "VD", "successors": ["VN"], "effectiveDate": "1976-07-02",
                 "source": "Reunification of Vietnam, 2 July 1976"}""");
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);

        JsonNode list = ledger.get("analyst", in1970, changed).json();
        assertThat(list.path("items").findValuesAsText("relationsId")).containsExactly("RELATIONS-SE-VD");
        JsonNode pair = list.path("items").get(0);
        assertThat(pair.path("level").asText()).isEqualTo("FULL");
        assertThat(pair.path("stateAsThen").path("code").asText()).isEqualTo("VD");
        assertThat(pair.path("stateAsThen").path("continuedBy").asText()).isEqualTo("VN");
        assertThat(pair.path("stateAsThen").path("until").asText()).isEqualTo("1976-07-02");
        assertThat(ledger.get("analyst", "/api/v1/relations?a=SE&b=VN&asOf=1970-01-01", changed)
                        .json()
                        .path("items")
                        .findValuesAsText("code"))
                .as("a pair named by a and b")
                .containsExactly("VD");
        assertThat(ledger.get("analyst", in1970 + "&knownAt=" + beforeTheContinuation, changed)
                        .json()
                        .path("total")
                        .asInt())
                .as("before the continuation was recorded")
                .isZero();
        assertThat(ledger.getAccept("analyst", in1970, "text/csv").body())
                .as("CSV keeps its columns; the row names the state as it was then")
                .contains("\r\nRELATIONS-SE-VD,SE,VD,FULL,")
                .doesNotContain("stateAsThen");

        // No change of VN-SE is recorded: from the day of the continuation on, the pair carries VD-SE's on.
        JsonNode today =
                ledger.get("analyst", "/api/v1/relations/VN/SE", changed).json();
        assertThat(today.path("relations").path("relationsId").asText()).isEqualTo("RELATIONS-SE-VD");
        assertThat(today.path("relations").path("level").asText()).isEqualTo("FULL");
        assertThat(today.path("stateAsThen").path("code").asText()).isEqualTo("VD");
        assertThat(today.path("history").findValuesAsText("effectiveDate")).containsExactly("1969-01-10");
        assertThat(today.path("history")
                        .get(0)
                        .path("stateAsThen")
                        .path("continuedBy")
                        .asText())
                .isEqualTo("VN");
        assertThat(ledger.get("analyst", "/api/v1/relations/SE/VN?asOf=1976-07-02", changed)
                        .json())
                .as("either order, from the day of the continuation")
                .isEqualTo(ledger.get("analyst", "/api/v1/relations/VN/SE?asOf=1976-07-02", changed)
                        .json());
        assertThat(ledger.get("analyst", "/api/v1/relations/VN/SE?knownAt=" + beforeTheContinuation, changed)
                        .status())
                .as("before the continuation was recorded")
                .isEqualTo(404);
        JsonNode listed = ledger.get("analyst", "/api/v1/relations?state=VN", changed)
                .json()
                .path("items");
        assertThat(listed.findValuesAsText("relationsId"))
                .as("the list carries the pair on too")
                .contains("RELATIONS-SE-VD")
                .doesNotContain("RELATIONS-SE-VN");
        assertThat(ledger.get("analyst", "/api/v1/relations?a=SE&b=VN", changed)
                        .json()
                        .path("items")
                        .get(0)
                        .path("stateAsThen")
                        .path("code")
                        .asText())
                .isEqualTo("VD");

        long own = ledger.accepted("ChangeRelationsLevel", """
                {"stateA": "VN", "stateB": "SE", "level": "DOWNGRADED", "effectiveDate": "1980-01-01",
                 "source": "test"}""").path("position").asLong();
        JsonNode after = ledger.get("analyst", "/api/v1/relations/VN/SE", own).json();
        assertThat(after.path("relations").path("relationsId").asText())
                .as("once the successor's own pair has a change, it answers")
                .isEqualTo("RELATIONS-SE-VN");
        assertThat(after.has("stateAsThen")).isFalse();
        assertThat(after.path("history").findValuesAsText("level")).containsExactly("FULL", "DOWNGRADED");
        assertThat(ledger.get("analyst", "/api/v1/relations?state=VN", own)
                        .json()
                        .path("items")
                        .findValuesAsText("relationsId"))
                .contains("RELATIONS-SE-VN")
                .doesNotContain("RELATIONS-SE-VD");
        assertThat(ledger.get("analyst", "/api/v1/relations?state=VN&level=FULL", own)
                        .json()
                        .path("items")
                        .findValuesAsText("relationsId"))
                .as("a predecessor's pair replaced is not listed, whatever the level asked")
                .doesNotContain("RELATIONS-SE-VD", "RELATIONS-SE-VN");
        assertThat(ledger.get("analyst", "/api/v1/relations/VN/SE?asOf=1978-01-01", own)
                        .json()
                        .path("relations")
                        .path("relationsId")
                        .asText())
                .as("before its first change, the predecessor's pair still carries on")
                .isEqualTo("RELATIONS-SE-VD");
    }
}
