package org.diplomaticledger.states.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

        Response inTheUnion = ledger.get("analyst", "/api/v1/relations/RS/US?asOf=2004-01-01", recorded);
        assertThat(inTheUnion.status())
                .as("the chain's middle: no relations recorded for CSXX-US")
                .isEqualTo(404);
        assertThat(inTheUnion.json().path("detail").asText()).contains("RS and US");

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
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?state=CD", opened)
                        .json())
                .as("today's list is unchanged")
                .isEqualTo(todayBefore);
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?state=ZR&asOf=1990-01-01", opened)
                        .json())
                .as("a state that continued none lists as recorded")
                .isEqualTo(ofZaireBefore);
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
        assertThat(ledger.get("analyst", "/api/v1/missions?sending=ZR&asOf=1990-01-01", opened)
                        .json())
                .as("a state that continued none lists its missions as recorded")
                .isEqualTo(missionsOfZaireBefore);
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
}
