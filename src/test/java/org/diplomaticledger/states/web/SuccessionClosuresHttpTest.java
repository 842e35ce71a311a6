package org.diplomaticledger.states.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A succession's closures of the missions recorded after it (docs/states.md#succession): a mission of an absorbed or
 * dissolved state opened once its succession is recorded is closed on the succession's day, in the same write, as the
 * missions that were there when it was recorded; an import is judged with all its lines about the mission first.
 * Each test records its own predecessor's succession: the tests share one ledger.
 */
class SuccessionClosuresHttpTest extends LedgerIntegrationTest {

    private static final String NDJSON = "application/x-ndjson";

    private Response importLines(Map<String, String> headers, String... lines) {
        return ledger.post("clerk", "/api/v1/imports", NDJSON, String.join("\n", lines) + "\n", headers);
    }

    private static String line(String command, String payload) {
        return ("{\"command\": \"" + command + "\", \"payload\": " + payload + "}").replace("\n", "");
    }

    private JsonNode mission(String missionId, String asOf, long position) {
        return ledger.get("analyst", "/api/v1/missions/" + missionId + "?asOf=" + asOf, position)
                .json()
                .path("mission");
    }

    private JsonNode lastOfHistory(String sending, String receiving) {
        JsonNode items = ledger.get("auditor", "/api/v1/presences/" + sending + "/" + receiving + "/history")
                .json()
                .path("items");
        return items.get(items.size() - 1);
    }

    @Test
    void aMissionOfADissolvedStateOpenedAfterTheSuccessionIsClosedByItInTheSameWrite() {
        Response dissolution = ledger.command("admin", "RecordSuccession", """
                {"kind": "DISSOLUTION", "predecessor": "CSHH", "successors": ["CZ", "SK"], "effectiveDate": "1993-01-01",
                 "source": {"text": "Constitutional Act 542/1992 on the dissolution of the Czech and Slovak Federal Republic"}}""");
        assertThat(dissolution.status()).as(dissolution.toString()).isEqualTo(200);

        JsonNode opened = ledger.accepted("OpenMission", """
                {"sendingState": "CSHH", "receivingState": "AT", "kind": "EMBASSY", "city": "Vienna",
                 "effectiveDate": "1950-01-01", "source": "archive"}""");
        List<String> written = new ArrayList<>();
        opened.path("events")
                .forEach(event -> written.add(event.path("type").asText() + " "
                        + event.path("aggregateId").asText()));
        assertThat(written).containsExactly("MissionOpened CSHH-AT", "MissionClosed CSHH-AT");
        long position = opened.path("position").asLong();

        assertThat(mission("CSHH-AT-EMBASSY-VIENNA", "1992-12-31", position)
                        .path("status")
                        .asText())
                .isEqualTo("OPEN");
        JsonNode onTheDay = mission("CSHH-AT-EMBASSY-VIENNA", "1993-01-01", position);
        assertThat(onTheDay.path("status").asText()).isEqualTo("CLOSED");
        assertThat(onTheDay.path("statusSince").asText()).isEqualTo("1993-01-01");
        assertThat(ledger.get("analyst", "/api/v1/missions?sending=CSHH&status=OPEN", position)
                        .json()
                        .path("items")
                        .findValuesAsText("missionId"))
                .as("today no mission of Czechoslovakia is open")
                .doesNotContain("CSHH-AT-EMBASSY-VIENNA");

        JsonNode closure = lastOfHistory("CSHH", "AT");
        assertThat(closure.path("type").asText()).isEqualTo("MissionClosed");
        assertThat(closure.path("actor").asText()).isEqualTo("clerk");
        assertThat(closure.path("command").asText()).isEqualTo("OpenMission");
        assertThat(closure.path("commandId").asText())
                .isEqualTo(opened.path("commandId").asText());
        assertThat(closure.path("payload").path("reason").asText()).isEqualTo("STATE_SUCCESSION");
        assertThat(closure.path("payload").path("effectiveDate").asText()).isEqualTo("1993-01-01");
        assertThat(closure.path("payload").path("note").asText())
                .isEqualTo("DISSOLUTION of CSHH into CZ, SK on 1993-01-01");
        assertThat(closure.path("source").path("text").asText())
                .isEqualTo("Constitutional Act 542/1992 on the dissolution of the Czech and Slovak Federal Republic");

        // A mission it received, opened alone, is closed on the day too; a closure back-filled before then
        // contradicts that one, as it would a closure the succession made when recorded: send both in one import.
        ledger.accepted("OpenMission", """
                {"sendingState": "SE", "receivingState": "CSHH", "kind": "CONSULATE", "city": "Bratislava",
                 "effectiveDate": "1960-01-01", "source": "archive"}""");
        Response lateClosure = ledger.command("clerk", "CloseMission", """
                {"missionId": "SE-CSHH-CONSULATE-BRATISLAVA", "reason": "DECISION_OF_SENDING_STATE",
                 "effectiveDate": "1970-01-01", "source": "archive"}""");
        assertThat(lateClosure.status()).as(lateClosure.toString()).isEqualTo(409);
        assertThat(lateClosure.json().path("rule").asText()).isEqualTo("contradicts-recorded-fact");
    }

    @Test
    void anImportClosesTheMissionsItOpensOnceAllItsLinesAboutThemRan() {
        // A state of this test's own (South Yemen's dates): the ledger is shared, and another test records YD's end.
        Response registered = ledger.command("admin", "RegisterState", """
                {"code": "XADEN", "names": ["People's Democratic Republic of Yemen, as this test records it"],
                 "periods": [{"from": "1967-11-30", "until": "1990-05-22"}], "source": "test"}""");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        Response absorption = ledger.command("admin", "RecordSuccession", """
                {"kind": "ABSORPTION", "predecessor": "XADEN", "successors": ["YE"], "effectiveDate": "1990-05-22",
                 "source": "Agreement on the establishment of the Republic of Yemen, 22 April 1990"}""");
        assertThat(absorption.status()).as(absorption.toString()).isEqualTo(200);

        // Newest first, as an archive yields them: the closure of Paris before its opening.
        Response imported = importLines(
                Map.of(),
                line("CloseMission", """
                        {"missionId": "XADEN-FR-EMBASSY-PARIS", "reason": "DECISION_OF_SENDING_STATE",
                         "effectiveDate": "1985-01-01", "source": "archive"}"""),
                line("SuspendMission", """
                        {"missionId": "XADEN-IT-EMBASSY-ROME", "reason": "civil war in Aden",
                         "effectiveDate": "1986-01-13", "source": "archive"}"""),
                line("OpenMission", """
                        {"sendingState": "XADEN", "receivingState": "FR", "kind": "EMBASSY", "city": "Paris",
                         "effectiveDate": "1970-01-01", "source": "archive"}"""),
                line("OpenMission", """
                        {"sendingState": "XADEN", "receivingState": "IT", "kind": "EMBASSY", "city": "Rome",
                         "effectiveDate": "1970-01-01", "source": "archive"}"""));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().path("events").asInt())
                .as("four lines, and the succession's closure of Rome")
                .isEqualTo(5);
        long position = imported.json().path("position").asLong();

        JsonNode paris = mission("XADEN-FR-EMBASSY-PARIS", "1991-01-01", position);
        assertThat(paris.path("status").asText()).isEqualTo("CLOSED");
        assertThat(paris.path("statusSince").asText())
                .as("closed in 1985, as the import says")
                .isEqualTo("1985-01-01");
        assertThat(lastOfHistory("XADEN", "FR").path("payload").path("reason").asText())
                .isEqualTo("DECISION_OF_SENDING_STATE");

        assertThat(mission("XADEN-IT-EMBASSY-ROME", "1990-05-21", position)
                        .path("status")
                        .asText())
                .isEqualTo("SUSPENDED");
        JsonNode rome = mission("XADEN-IT-EMBASSY-ROME", "1990-05-22", position);
        assertThat(rome.path("status").asText()).isEqualTo("CLOSED");
        assertThat(rome.path("statusSince").asText()).isEqualTo("1990-05-22");
        JsonNode closure = lastOfHistory("XADEN", "IT");
        assertThat(closure.path("payload").path("reason").asText()).isEqualTo("STATE_SUCCESSION");
        assertThat(closure.path("payload").path("note").asText())
                .isEqualTo("ABSORPTION of XADEN into YE on 1990-05-22");
        assertThat(closure.path("command").asText()).isEqualTo("OpenMission");
        assertThat(closure.path("actor").asText()).isEqualTo("clerk");

        // A large import, written in the background chunk after chunk, closes at its end as well.
        Response accepted = importLines(Map.of("Prefer", "respond-async"), line("OpenMission", """
                        {"sendingState": "ES", "receivingState": "XADEN", "kind": "EMBASSY", "city": "Aden",
                         "effectiveDate": "1975-01-01", "source": "archive"}"""));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        JsonNode[] status = new JsonNode[1];
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    status[0] = ledger.get("clerk", accepted.header("Location")).json();
                    return status[0].path("state").asText().matches("SUCCEEDED|FAILED");
                });
        assertThat(status[0].path("state").asText()).as(status[0].toString()).isEqualTo("SUCCEEDED");
        assertThat(status[0].path("events").asLong()).isEqualTo(2);
        JsonNode aden = mission(
                "ES-XADEN-EMBASSY-ADEN",
                "1990-05-22",
                status[0].path("lastPosition").asLong());
        assertThat(aden.path("status").asText()).isEqualTo("CLOSED");
        assertThat(aden.path("statusSince").asText()).isEqualTo("1990-05-22");
    }

    @Test
    void aRetractedSuccessionTakesItsClosuresWithItAndCanBeRecordedAgain() {
        Response registered = ledger.command("admin", "RegisterState", """
                {"code": "XTEX", "names": ["Republic of Texas"],
                 "periods": [{"from": "1836-03-02", "until": "1845-12-29"}], "source": "test"}""");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        String opening = ledger.accepted("OpenMission", """
                        {"sendingState": "FR", "receivingState": "XTEX", "kind": "LEGATION", "city": "Austin",
                         "effectiveDate": "1839-09-25", "source": "archive"}""")
                .path("events")
                .get(0)
                .path("eventId")
                .asText();
        String annexation = """
                {"kind": "ABSORPTION", "predecessor": "XTEX", "successors": ["US"], "effectiveDate": "1845-12-29",
                 "source": "Joint Resolution for the Admission of the State of Texas into the Union"}""";
        Response recorded = ledger.command("admin", "RecordSuccession", annexation);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        String succession =
                recorded.json().path("events").get(0).path("eventId").asText();
        // A mission recorded after the succession, closed by it (above).
        ledger.accepted("OpenMission", """
                {"sendingState": "XTEX", "receivingState": "US", "kind": "LEGATION", "city": "Washington",
                 "effectiveDate": "1837-01-01", "source": "archive"}""");
        String retraction = """
                {"eventId": "%s", "reason": "recorded against the wrong day", "source": "test"}""".formatted(succession);

        Response byClerk = ledger.command("clerk", "RetractEntry", retraction);
        assertThat(byClerk.status()).as(byClerk.toString()).isEqualTo(409);
        assertThat(byClerk.json().path("rule").asText()).isEqualTo("admin-only");
        Response byAnalyst = ledger.command("analyst", "RetractEntry", retraction);
        assertThat(byAnalyst.status()).isEqualTo(403);
        // An ADMIN retracts successions, not the facts a clerk records.
        Response factByAdmin = ledger.command("admin", "RetractEntry", """
                {"eventId": "%s", "reason": "not an ADMIN's", "source": "test"}""".formatted(opening));
        assertThat(factByAdmin.status()).as(factByAdmin.toString()).isEqualTo(409);
        assertThat(factByAdmin.json().path("rule").asText()).isEqualTo("clerk-only");

        Response retracted = ledger.command("admin", "RetractEntry", retraction);
        assertThat(retracted.status()).as(retracted.toString()).isEqualTo(200);
        List<String> written = new ArrayList<>();
        retracted
                .json()
                .path("events")
                .forEach(event -> written.add(event.path("type").asText() + " "
                        + event.path("aggregateId").asText()));
        assertThat(written)
                .containsExactlyInAnyOrder(
                        "EntryRetracted STATE-REGISTER", "EntryRetracted FR-XTEX", "EntryRetracted XTEX-US");
        long position = retracted.json().path("position").asLong();
        assertThat(mission("FR-XTEX-LEGATION-AUSTIN", "1846-01-01", position)
                        .path("status")
                        .asText())
                .as("open again, as recorded before the succession")
                .isEqualTo("OPEN");
        assertThat(mission("XTEX-US-LEGATION-WASHINGTON", "1846-01-01", position)
                        .path("status")
                        .asText())
                .isEqualTo("OPEN");
        JsonNode undone = lastOfHistory("FR", "XTEX");
        assertThat(undone.path("type").asText()).isEqualTo("EntryRetracted");
        assertThat(undone.path("actor").asText()).isEqualTo("admin");
        assertThat(undone.path("command").asText()).isEqualTo("RetractEntry");
        assertThat(undone.path("commandId").asText())
                .isEqualTo(retracted.json().path("commandId").asText());

        org.diplomaticledger.projection.RebuildStatus rebuilt = org.diplomaticledger.support.LedgerApp.get()
                .rebuild(org.diplomaticledger.presence.projection.StaffingProjection.NAME);
        assertThat(rebuilt.identical()).as(String.valueOf(rebuilt.tables())).isTrue();

        Response again = ledger.command("admin", "RecordSuccession", annexation);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        List<String> closedAgain = new ArrayList<>();
        again.json()
                .path("events")
                .forEach(event -> closedAgain.add(event.path("type").asText() + " "
                        + event.path("aggregateId").asText()));
        assertThat(closedAgain)
                .containsExactlyInAnyOrder(
                        "StateSucceeded STATE-REGISTER", "MissionClosed FR-XTEX", "MissionClosed XTEX-US");
        assertThat(mission(
                                "FR-XTEX-LEGATION-AUSTIN",
                                "1846-01-01",
                                again.json().path("position").asLong())
                        .path("status")
                        .asText())
                .isEqualTo("CLOSED");
    }
}
