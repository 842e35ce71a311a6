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

/** The heads-of-mission read API through the real application. States here (GM, SN, QA, MR, SB, VU, CK, SO, SD) are this class's own. */
class HeadsOfMissionHttpTest extends LedgerIntegrationTest {

    private long send(String command, String json) {
        return ledger.accepted(command, json).path("position").asLong();
    }

    private long open(String sending, String receiving, String kind, String city, String extra) {
        return send("OpenMission", """
                {"sendingState": "%s", "receivingState": "%s", "kind": "%s", "city": "%s", %s "effectiveDate": "2000-01-01", "source": "test"}""".formatted(sending, receiving, kind, city, extra));
    }

    private long act(String command, String missionId, String fields, String date) {
        return send(command, """
                {"missionId": "%s", %s, "effectiveDate": "%s", "source": "test"}""".formatted(missionId, fields, date));
    }

    /** GM-SN: agrément, appointment, both credentials steps, a recall with a chargé, a return, an end, a vacancy with a chargé, a successor, a re-appointment ending the successor implicitly, and an open vacancy. */
    private long funafutiHistory() {
        String m = "GM-SN-EMBASSY-FUNAFUTI";
        open("GM", "SN", "EMBASSY", "Funafuti", "");
        act("RequestAgrement", m, "\"name\": \"Teburoro Tito\"", "2010-01-10");
        act("GrantAgrement", m, "\"personId\": \"teburoro-tito\"", "2010-02-01");
        act("AppointAmbassador", m, "\"name\": \"Teburoro Tito\"", "2010-03-01");
        act(
                "PresentCredentials",
                m,
                "\"personId\": \"teburoro-tito\", \"step\": \"COPY_TO_FOREIGN_MINISTRY\"",
                "2010-04-01");
        act(
                "PresentCredentials",
                m,
                "\"personId\": \"teburoro-tito\", \"step\": \"PRESENTATION_TO_HEAD_OF_STATE\"",
                "2010-04-15");
        act(
                "RecallAmbassador",
                m,
                "\"personId\": \"teburoro-tito\", \"kind\": \"FOR_CONSULTATIONS\", \"reason\": \"consultations\"",
                "2012-05-01");
        act("AppointChargeDAffaires", m, "\"name\": \"Ioane Teitiota\", \"rank\": \"Counsellor\"", "2012-05-02");
        act("ReturnAmbassador", m, "\"personId\": \"teburoro-tito\"", "2012-07-01");
        act("EndAmbassadorship", m, "\"personId\": \"teburoro-tito\", \"reason\": \"left\"", "2014-06-30");
        act("AppointChargeDAffaires", m, "\"name\": \"Anote Tong\", \"rank\": \"First Secretary\"", "2014-07-01");
        act("AppointAmbassador", m, "\"name\": \"Taneti Maamau\", \"headClass\": \"ENVOY\"", "2014-09-01");
        act(
                "PresentCredentials",
                m,
                "\"personId\": \"taneti-maamau\", \"step\": \"PRESENTATION_TO_HEAD_OF_STATE\"",
                "2014-10-03");
        act("AppointAmbassador", m, "\"name\": \"Teburoro Tito\"", "2018-01-01");
        act(
                "PresentCredentials",
                m,
                "\"personId\": \"teburoro-tito\", \"step\": \"COPY_TO_FOREIGN_MINISTRY\"",
                "2018-02-01");
        return act("EndAmbassadorship", m, "\"personId\": \"teburoro-tito\", \"reason\": \"retired\"", "2020-01-01");
    }

    @Test
    void showsTheWholeSequenceOfTenuresChargesAndVacanciesOfAMission() {
        long position = funafutiHistory();
        Response response = ledger.get(
                "analyst", "/api/v1/heads-of-mission/GM-SN-EMBASSY-FUNAFUTI?on=2020-03-01&atLeast=" + position);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(Long.parseLong(response.header("X-Ledger-Position"))).isGreaterThanOrEqualTo(position);
        JsonNode body = response.json();

        JsonNode mission = body.path("mission");
        assertThat(mission.path("vacant").asBoolean()).isTrue();
        assertThat(mission.path("vacantSince").asText()).isEqualTo("2020-01-01");
        assertThat(mission.path("vacantDays").asLong()).isEqualTo(60);
        assertThat(mission.has("current")).isFalse();

        JsonNode tenures = body.path("tenures");
        assertThat(tenures.findValuesAsText("personId"))
                .containsExactly("teburoro-tito", "taneti-maamau", "teburoro-tito");
        JsonNode first = tenures.get(0);
        assertThat(first.path("agrementRequestedOn").asText()).isEqualTo("2010-01-10");
        assertThat(first.path("agrementGrantedOn").asText()).isEqualTo("2010-02-01");
        assertThat(first.path("requestReported").asBoolean()).isTrue();
        assertThat(first.path("agrementReported").asBoolean()).isTrue();
        assertThat(first.path("appointedOn").asText()).isEqualTo("2010-03-01");
        assertThat(first.path("copyPresentedOn").asText()).isEqualTo("2010-04-01");
        assertThat(first.path("credentialsPresentedOn").asText()).isEqualTo("2010-04-15");
        assertThat(first.path("functionsStartedOn").asText()).isEqualTo("2010-04-01");
        assertThat(first.path("recalls").get(0).path("kind").asText()).isEqualTo("FOR_CONSULTATIONS");
        assertThat(first.path("recalls").get(0).path("returnedOn").asText()).isEqualTo("2012-07-01");
        assertThat(first.path("endedOn").asText()).isEqualTo("2014-06-30");
        assertThat(first.path("endedHow").asText()).isEqualTo("REPORTED");
        JsonNode second = tenures.get(1);
        assertThat(second.path("headClass").asText()).isEqualTo("ENVOY");
        assertThat(second.path("agrementReported").asBoolean()).isFalse();
        assertThat(second.path("functionsStartedOn").asText()).isEqualTo("2014-10-03");
        assertThat(second.path("endedOn").asText()).isEqualTo("2018-02-01");
        assertThat(second.path("endedHow").asText()).isEqualTo("SUCCESSOR_TOOK_UP_FUNCTIONS");
        assertThat(second.path("successorPersonId").asText()).isEqualTo("teburoro-tito");
        JsonNode third = tenures.get(2);
        assertThat(third.path("tenureNo").asInt()).isEqualTo(3);
        assertThat(third.path("appointedOn").asText()).isEqualTo("2018-01-01");
        assertThat(third.path("agrementReported").asBoolean())
                .as("the first tenure's agrément does not count")
                .isFalse();
        assertThat(third.path("status").asText()).isEqualTo("ENDED");

        JsonNode charges = body.path("chargesDAffaires");
        assertThat(charges.findValuesAsText("personId")).containsExactly("ioane-teitiota", "anote-tong");
        assertThat(charges.get(0).path("actingForPersonId").asText()).isEqualTo("teburoro-tito");
        assertThat(charges.get(0).path("to").asText()).isEqualTo("2012-07-01");
        assertThat(charges.get(0).path("endedBy").asText()).isEqualTo("HEAD_RETURNED");
        assertThat(charges.get(1).path("to").asText()).isEqualTo("2014-10-03");
        assertThat(charges.get(1).path("endedBy").asText()).isEqualTo("HEAD_TOOK_UP_FUNCTIONS");

        JsonNode vacancies = body.path("vacancies");
        assertThat(vacancies.size()).isEqualTo(2);
        assertThat(vacancies.get(0).path("from").asText()).isEqualTo("2014-06-30");
        assertThat(vacancies.get(0).path("to").asText()).isEqualTo("2014-10-03");
        assertThat(vacancies.get(0).path("days").asLong()).isEqualTo(95);
        assertThat(vacancies.get(0).path("nextPersonId").asText()).isEqualTo("taneti-maamau");
        assertThat(vacancies.get(0).path("chargesDAffaires").findValuesAsText("personId"))
                .containsExactly("anote-tong");
        assertThat(vacancies.get(1).path("open").asBoolean()).isTrue();
        assertThat(vacancies.get(1).path("afterPersonId").asText()).isEqualTo("teburoro-tito");
        assertThat(vacancies.get(1).path("days").asLong()).isEqualTo(60);
    }

    @Test
    void theCurrentHeadIsTheChargeWhileTheHeadIsRecalledAndTheHeadAgainOnReturn() {
        String m = "GM-SN-EMBASSY-VAITUPU";
        open("GM", "SN", "EMBASSY", "Vaitupu", "");
        act("AppointAmbassador", m, "\"name\": \"Kourabi Nenem\"", "2021-01-01");
        act(
                "PresentCredentials",
                m,
                "\"personId\": \"kourabi-nenem\", \"step\": \"PRESENTATION_TO_HEAD_OF_STATE\"",
                "2021-02-01");
        long recalled = act(
                "RecallAmbassador",
                m,
                "\"personId\": \"kourabi-nenem\", \"kind\": \"FOR_CONSULTATIONS\"",
                "2022-03-01");
        JsonNode row = ledger.get("analyst", "/api/v1/heads-of-mission?missionId=" + m + "&atLeast=" + recalled)
                .json()
                .path("items")
                .get(0);
        assertThat(row.path("current").path("status").asText()).isEqualTo("RECALLED_FOR_CONSULTATIONS");
        assertThat(row.path("vacant").asBoolean()).isFalse();

        long charge = act("AppointChargeDAffaires", m, "\"name\": \"Tessie Lambourne\"", "2022-03-02");
        row = ledger.get("analyst", "/api/v1/heads-of-mission?missionId=" + m + "&atLeast=" + charge)
                .json()
                .path("items")
                .get(0);
        assertThat(row.path("current").path("personId").asText()).isEqualTo("tessie-lambourne");
        assertThat(row.path("current").path("headClass").asText()).isEqualTo("CHARGE_D_AFFAIRES_AD_INTERIM");
        assertThat(row.path("current").path("since").asText()).isEqualTo("2022-03-02");
        assertThat(row.path("current").path("status").asText()).isEqualTo("ACTING");
        assertThat(row.path("actingForPersonId").asText()).isEqualTo("kourabi-nenem");

        long back = act("ReturnAmbassador", m, "\"personId\": \"kourabi-nenem\"", "2022-05-01");
        row = ledger.get("analyst", "/api/v1/heads-of-mission?missionId=" + m + "&atLeast=" + back)
                .json()
                .path("items")
                .get(0);
        assertThat(row.path("current").path("personId").asText()).isEqualTo("kourabi-nenem");
        assertThat(row.path("current").path("status").asText()).isEqualTo("IN_OFFICE");
        assertThat(row.path("current").path("since").asText()).isEqualTo("2021-02-01");
    }

    /** QA-MR and MR-QA: a head in office, a vacancy after an end, a permanent mission with no head recorded, a consulate (not listed). */
    private long pacificPosts() {
        open("QA", "MR", "EMBASSY", "Yaren", "");
        open("QA", "MR", "CONSULATE_GENERAL", "Aiwo", "");
        open("QA", "MR", "PERMANENT_MISSION", "Yaren", "\"organisation\": \"PIF\",");
        act("AppointAmbassador", "QA-MR-EMBASSY-YAREN", "\"name\": \"Zed Adeang\"", "2019-05-01");
        act(
                "PresentCredentials",
                "QA-MR-EMBASSY-YAREN",
                "\"personId\": \"zed-adeang\", \"step\": \"COPY_TO_FOREIGN_MINISTRY\"",
                "2019-06-01");
        open("MR", "QA", "EMBASSY", "Ngerulmud", "");
        act("AppointAmbassador", "MR-QA-EMBASSY-NGERULMUD", "\"name\": \"Baron Waqa\"", "2015-01-01");
        act(
                "PresentCredentials",
                "MR-QA-EMBASSY-NGERULMUD",
                "\"personId\": \"baron-waqa\", \"step\": \"COPY_TO_FOREIGN_MINISTRY\"",
                "2015-02-01");
        return act("EndAmbassadorship", "MR-QA-EMBASSY-NGERULMUD", "\"personId\": \"baron-waqa\"", "2024-01-01");
    }

    @Test
    void listsMissionsWithFiltersPagingSortingAndCsv() {
        long position = pacificPosts();
        Response all = ledger.get("analyst", "/api/v1/heads-of-mission?state=QA&sort=missionId&atLeast=" + position);
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().path("items").findValuesAsText("missionId"))
                .containsExactly("MR-QA-EMBASSY-NGERULMUD", "QA-MR-EMBASSY-YAREN", "QA-MR-PERMANENT-MISSION-PIF-YAREN");
        assertThat(all.json().path("total").asLong()).isEqualTo(3);

        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?sending=QA&atLeast=" + position)
                        .json()
                        .path("items")
                        .findValuesAsText("missionId"))
                .containsExactly("QA-MR-EMBASSY-YAREN", "QA-MR-PERMANENT-MISSION-PIF-YAREN");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?receiving=QAT")
                        .json()
                        .path("items")
                        .findValuesAsText("missionId"))
                .containsExactly("MR-QA-EMBASSY-NGERULMUD");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?missionId=QA-MR-EMBASSY-YAREN")
                        .json()
                        .path("items")
                        .findValuesAsText("missionId"))
                .containsExactly("QA-MR-EMBASSY-YAREN");

        JsonNode vacant = ledger.get(
                        "analyst", "/api/v1/heads-of-mission?state=QA&vacant=true&on=2024-03-01&sort=missionId,desc")
                .json();
        assertThat(vacant.path("items").findValuesAsText("missionId"))
                .containsExactly("QA-MR-PERMANENT-MISSION-PIF-YAREN", "MR-QA-EMBASSY-NGERULMUD");
        JsonNode ngerulmud = vacant.path("items").get(1);
        assertThat(ngerulmud.path("vacantSince").asText()).isEqualTo("2024-01-01");
        assertThat(ngerulmud.path("vacantDays").asLong()).isEqualTo(60);
        assertThat(vacant.path("items").get(0).has("vacantSince"))
                .as("no head ever recorded: since when is unknown")
                .isFalse();

        JsonNode filled = ledger.get("analyst", "/api/v1/heads-of-mission?state=QA&vacant=false")
                .json();
        assertThat(filled.path("items").findValuesAsText("missionId")).containsExactly("QA-MR-EMBASSY-YAREN");
        assertThat(filled.path("items").get(0).path("current").path("since").asText())
                .isEqualTo("2019-06-01");

        JsonNode page = ledger.get(
                        "analyst", "/api/v1/heads-of-mission?state=QA&sort=receiving;missionId&size=1&page=1")
                .json();
        assertThat(page.path("items").findValuesAsText("missionId"))
                .containsExactly("QA-MR-PERMANENT-MISSION-PIF-YAREN");
        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(page.path("size").asInt()).isEqualTo(1);
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?state=QA&sort=sending,desc;missionId")
                        .json()
                        .path("items")
                        .findValuesAsText("missionId"))
                .containsExactly("QA-MR-EMBASSY-YAREN", "QA-MR-PERMANENT-MISSION-PIF-YAREN", "MR-QA-EMBASSY-NGERULMUD");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?state=QA&vacant=false&sort=name,desc")
                        .json()
                        .path("items")
                        .get(0)
                        .path("current")
                        .path("name")
                        .asText())
                .isEqualTo("Zed Adeang");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?state=QA&sort=since,desc")
                        .json()
                        .path("items")
                        .get(0)
                        .path("missionId")
                        .asText())
                .isEqualTo("QA-MR-EMBASSY-YAREN");

        Response csv = ledger.getAccept("analyst", "/api/v1/heads-of-mission?sending=QA&vacant=false", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0])
                .isEqualTo("missionId,sendingState,receivingState,kind,city,organisation,missionName,missionStatus,"
                        + "missionStatusSince,current.personId,current.name,current.headClass,current.since,current.status,"
                        + "actingForPersonId,post,vacant,vacantSince,vacantDays,lastRecordedAt,corrected.at,corrected.by,corrected.reason,"
                        + "corrected.source.text,corrected.source.url,corrected.eventId,corrected.correctsEventId");
        assertThat(lines[1])
                .startsWith(
                        "QA-MR-EMBASSY-YAREN,QA,MR,EMBASSY,Yaren,,,OPEN,2000-01-01,zed-adeang,Zed Adeang,AMBASSADOR,"
                                + "2019-06-01,IN_OFFICE,,HEADED,false,,,");
    }

    /**
     * Issue 20: a closed mission is neither vacant nor headed. SO-SD-EMBASSY-KHARTOUM closes on 2023-04-22 with its head
     * in functions (a closure records no end of the tenure), SO-SD-EMBASSY-PORT-SUDAN is vacant after its head's end,
     * SD-SO-EMBASSY-MOGADISHU has a head in office. Each row says its post, the filters select by it, and a read as of a
     * day before the closure, or as the ledger stood before it was recorded, sees the Khartoum post headed.
     */
    @Test
    void aClosedMissionIsNeitherVacantNorHeadedAndThePostFilterSelectsEachState() {
        open("SO", "SD", "EMBASSY", "Khartoum", "");
        act("AppointAmbassador", "SO-SD-EMBASSY-KHARTOUM", "\"name\": \"Abdi Farah\"", "2010-01-01");
        act(
                "PresentCredentials",
                "SO-SD-EMBASSY-KHARTOUM",
                "\"personId\": \"abdi-farah\", \"step\": \"COPY_TO_FOREIGN_MINISTRY\"",
                "2010-02-01");
        open("SO", "SD", "EMBASSY", "Port Sudan", "");
        act("AppointAmbassador", "SO-SD-EMBASSY-PORT-SUDAN", "\"name\": \"Hodan Ali\"", "2011-01-01");
        act(
                "PresentCredentials",
                "SO-SD-EMBASSY-PORT-SUDAN",
                "\"personId\": \"hodan-ali\", \"step\": \"COPY_TO_FOREIGN_MINISTRY\"",
                "2011-02-01");
        act(
                "EndAmbassadorship",
                "SO-SD-EMBASSY-PORT-SUDAN",
                "\"personId\": \"hodan-ali\", \"reason\": \"left\"",
                "2015-01-01");
        open("SD", "SO", "EMBASSY", "Mogadishu", "");
        act("AppointAmbassador", "SD-SO-EMBASSY-MOGADISHU", "\"name\": \"Omer Bashir\"", "2012-01-01");
        act(
                "PresentCredentials",
                "SD-SO-EMBASSY-MOGADISHU",
                "\"personId\": \"omer-bashir\", \"step\": \"PRESENTATION_TO_HEAD_OF_STATE\"",
                "2012-02-01");
        java.time.Instant beforeClosure = java.time.Instant.now();
        long closed = act(
                "CloseMission", "SO-SD-EMBASSY-KHARTOUM", "\"reason\": \"DECISION_OF_SENDING_STATE\"", "2023-04-22");

        JsonNode all = ledger.get("analyst", "/api/v1/heads-of-mission?state=SO&atLeast=" + closed)
                .json()
                .path("items");
        assertThat(all.findValuesAsText("missionId"))
                .containsExactly("SD-SO-EMBASSY-MOGADISHU", "SO-SD-EMBASSY-KHARTOUM", "SO-SD-EMBASSY-PORT-SUDAN");
        assertThat(all.findValuesAsText("post")).containsExactly("HEADED", "CLOSED", "VACANT");
        assertThat(all.findValuesAsText("vacant")).containsExactly("false", "false", "true");

        assertThat(missionIds("state=SO&vacant=true")).containsExactly("SO-SD-EMBASSY-PORT-SUDAN");
        assertThat(missionIds("state=SO&vacant=false"))
                .as("a closed mission is not headed")
                .containsExactly("SD-SO-EMBASSY-MOGADISHU");
        assertThat(missionIds("state=SO&post=HEADED")).containsExactly("SD-SO-EMBASSY-MOGADISHU");
        assertThat(missionIds("state=SO&post=vacant")).containsExactly("SO-SD-EMBASSY-PORT-SUDAN");
        assertThat(missionIds("state=SO&post=CLOSED")).containsExactly("SO-SD-EMBASSY-KHARTOUM");
        assertThat(missionIds("state=SO&post=CLOSED&vacant=false")).isEmpty();
        // one sending state's missions, and one mission, are read by index probes: the same filters there
        assertThat(missionIds("sending=SO&post=CLOSED")).containsExactly("SO-SD-EMBASSY-KHARTOUM");
        assertThat(missionIds("sending=SO&vacant=false")).isEmpty();
        assertThat(missionIds("sending=SO&vacant=true")).containsExactly("SO-SD-EMBASSY-PORT-SUDAN");
        assertThat(missionIds("missionId=SO-SD-EMBASSY-KHARTOUM&post=HEADED")).isEmpty();
        assertThat(missionIds("missionId=SO-SD-EMBASSY-KHARTOUM&post=CLOSED"))
                .containsExactly("SO-SD-EMBASSY-KHARTOUM");

        // the day before the closure, and the ledger as it stood before the closure was recorded: headed
        assertThat(missionIds("state=SO&post=HEADED&asOf=2023-04-21"))
                .containsExactly("SD-SO-EMBASSY-MOGADISHU", "SO-SD-EMBASSY-KHARTOUM");
        assertThat(missionIds("state=SO&vacant=false&knownAt=" + beforeClosure))
                .containsExactly("SD-SO-EMBASSY-MOGADISHU", "SO-SD-EMBASSY-KHARTOUM");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission/SO-SD-EMBASSY-KHARTOUM?asOf=2023-04-21")
                        .json()
                        .path("mission")
                        .path("post")
                        .asText())
                .isEqualTo("HEADED");
        JsonNode khartoum = ledger.get("analyst", "/api/v1/heads-of-mission/SO-SD-EMBASSY-KHARTOUM")
                .json()
                .path("mission");
        assertThat(khartoum.path("post").asText()).as(khartoum.toString()).isEqualTo("CLOSED");
        assertThat(khartoum.path("vacant").asBoolean()).isFalse();
        assertThat(khartoum.path("missionStatus").asText()).isEqualTo("CLOSED");

        String[] csv = ledger.getAccept("analyst", "/api/v1/heads-of-mission?sending=SO&post=CLOSED", "text/csv")
                .body()
                .split("\r\n");
        assertThat(csv).hasSize(2);
        assertThat(csv[1])
                .startsWith("SO-SD-EMBASSY-KHARTOUM,SO,SD,EMBASSY,Khartoum,,,CLOSED,2023-04-22,abdi-farah,Abdi Farah,"
                        + "AMBASSADOR,2010-02-01,IN_OFFICE,,CLOSED,false,,,");

        Response bad = ledger.get("analyst", "/api/v1/heads-of-mission?post=SHUT");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(bad.json().path("type").asText()).isEqualTo("urn:diplomatic-ledger:problem:invalid-query");
        assertThat(bad.json().path("parameter").asText()).isEqualTo("post");
        assertThat(bad.json().path("detail").asText()).isEqualTo("post: one of [HEADED, VACANT, CLOSED], not 'SHUT'");
    }

    private List<String> missionIds(String query) {
        Response response = ledger.get("analyst", "/api/v1/heads-of-mission?sort=missionId&" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("items").findValuesAsText("missionId");
    }

    @Test
    void listsEveryTenureFlatWithFiltersPagingSortingAndCsv() {
        String m = "SB-VU-EMBASSY-PORT-VILA";
        open("SB", "VU", "EMBASSY", "Port Vila", "");
        act("RequestAgrement", m, "\"name\": \"Manasseh Sogavare\"", "2005-01-01");
        act("RefuseAgrement", m, "\"personId\": \"manasseh-sogavare\", \"reason\": \"none given\"", "2005-02-01");
        act("AppointAmbassador", m, "\"name\": \"Jeremiah Manele\"", "2006-01-01");
        act(
                "PresentCredentials",
                m,
                "\"personId\": \"jeremiah-manele\", \"step\": \"COPY_TO_FOREIGN_MINISTRY\"",
                "2006-02-01");
        act("RecallAmbassador", m, "\"personId\": \"jeremiah-manele\", \"kind\": \"FOR_GOOD\"", "2009-01-01");
        act("AppointAmbassador", m, "\"name\": \"Peter Shanel\"", "2009-03-01");
        long position = act(
                "PresentCredentials",
                m,
                "\"personId\": \"peter-shanel\", \"step\": \"PRESENTATION_TO_HEAD_OF_STATE\"",
                "2009-04-01");

        JsonNode all = ledger.get("analyst", "/api/v1/heads-of-mission/tenures?sending=SB&atLeast=" + position)
                .json();
        assertThat(all.path("items").findValuesAsText("personId"))
                .containsExactly("manasseh-sogavare", "jeremiah-manele", "peter-shanel");
        JsonNode refused = all.path("items").get(0);
        assertThat(refused.path("status").asText()).isEqualTo("AGREMENT_REFUSED");
        assertThat(refused.path("agrementRefusedOn").asText()).isEqualTo("2005-02-01");
        assertThat(refused.path("requestReported").asBoolean()).isTrue();
        JsonNode manele = all.path("items").get(1);
        assertThat(manele.path("recalls").get(0).path("kind").asText()).isEqualTo("FOR_GOOD");
        assertThat(manele.path("endedHow").asText()).isEqualTo("SUCCESSOR_TOOK_UP_FUNCTIONS");
        assertThat(manele.path("endedOn").asText()).isEqualTo("2009-04-01");
        JsonNode shanel = all.path("items").get(2);
        assertThat(shanel.path("appointmentReported").asBoolean()).isTrue();
        assertThat(shanel.path("status").asText()).isEqualTo("IN_OFFICE");

        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission/tenures?receiving=VU&personId=peter-shanel")
                        .json()
                        .path("items")
                        .findValuesAsText("personId"))
                .containsExactly("peter-shanel");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission/tenures?receiving=VU&from=2006-01-15&to=2006-12-31")
                        .json()
                        .path("items")
                        .findValuesAsText("personId"))
                .containsExactly("jeremiah-manele");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission/tenures?sending=SB&from=2009-01-01")
                        .json()
                        .path("items")
                        .findValuesAsText("personId"))
                .containsExactly("peter-shanel");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission/tenures?sending=SB&sort=name,desc")
                        .json()
                        .path("items")
                        .findValuesAsText("personId"))
                .containsExactly("peter-shanel", "manasseh-sogavare", "jeremiah-manele");
        JsonNode page = ledger.get(
                        "analyst",
                        "/api/v1/heads-of-mission/tenures?sending=SB&sort=functionsStartedOn,desc&size=2&page=0")
                .json();
        assertThat(page.path("items").findValuesAsText("personId")).containsExactly("peter-shanel", "jeremiah-manele");
        assertThat(page.path("total").asLong()).isEqualTo(3);

        Response csv = ledger.getAccept(
                "analyst", "/api/v1/heads-of-mission/tenures?sending=SB&personId=jeremiah-manele", "text/csv");
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0])
                .startsWith("missionId,tenureNo,sendingState,receivingState,personId,name,headClass,status,agrement,");
        assertThat(lines[1])
                .isEqualTo("SB-VU-EMBASSY-PORT-VILA,2,SB,VU,jeremiah-manele,Jeremiah Manele,AMBASSADOR,ENDED,NONE,,,,,"
                        + "false,2006-01-01,true,2006-02-01,,2006-02-01,FOR_GOOD 2009-01-01,2009-04-01,SUCCESSOR_TOOK_UP_FUNCTIONS,,peter-shanel"
                        + ",,,,,,,");
        assertThat(lines).hasSize(2);
    }

    /**
     * Issue 18, 9(d): Slovenia's (SI) head of mission in Croatia (HR) is recorded as an ambassador; a clerk corrects
     * the appointment to an envoy. The mission and the tenure read ENVOY with a {@code corrected} mark naming the
     * correction; known before the correction, AMBASSADOR and no mark.
     */
    @Test
    void aCorrectedAppointmentIsMarkedOnTheMissionAndItsTenureButNotBeforeTheCorrection() {
        String m = "SI-HR-EMBASSY-ZAGREB";
        open("SI", "HR", "EMBASSY", "Zagreb", "");
        String appointment = ledger.accepted("AppointAmbassador", """
                {"missionId": "%s", "name": "Vojko Volk", "headClass": "AMBASSADOR", "effectiveDate": "2015-01-01",
                 "source": "Slovenian MFA"}""".formatted(m))
                .path("events")
                .get(0)
                .path("eventId")
                .asText();
        long presented = act(
                "PresentCredentials",
                m,
                "\"personId\": \"vojko-volk\", \"step\": \"PRESENTATION_TO_HEAD_OF_STATE\"",
                "2015-02-01");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission/" + m + "?atLeast=" + presented)
                        .json()
                        .path("mission")
                        .path("current")
                        .path("headClass")
                        .asText())
                .isEqualTo("AMBASSADOR");
        java.time.Instant knownBefore = java.time.Instant.now();

        JsonNode correction = ledger.accepted("CorrectEntry", """
                {"eventId": "%s", "corrections": {"headClass": "ENVOY"}, "reason": "accredited as envoy, not ambassador",
                 "source": {"text": "Croatian MFA diplomatic list", "url": "https://example.org/hr-list"}}""".formatted(appointment));
        String correctionId = correction.path("events").get(0).path("eventId").asText();
        long position = correction.path("position").asLong();

        JsonNode detail = ledger.get("analyst", "/api/v1/heads-of-mission/" + m + "?atLeast=" + position)
                .json();
        JsonNode mission = detail.path("mission");
        assertThat(mission.path("current").path("headClass").asText())
                .as(detail.toString())
                .isEqualTo("ENVOY");
        JsonNode mark = mission.path("corrected");
        assertThat(mark.path("by").asText()).as(detail.toString()).isEqualTo("clerk");
        assertThat(mark.path("reason").asText()).isEqualTo("accredited as envoy, not ambassador");
        assertThat(mark.path("source").path("text").asText()).isEqualTo("Croatian MFA diplomatic list");
        assertThat(mark.path("source").path("url").asText()).isEqualTo("https://example.org/hr-list");
        assertThat(mark.path("eventId").asText()).isEqualTo(correctionId);
        assertThat(mark.path("correctsEventId").asText()).isEqualTo(appointment);
        assertThat(java.time.Instant.parse(mark.path("at").asText())).isAfter(knownBefore);
        assertThat(detail.path("tenures").get(0).path("headClass").asText()).isEqualTo("ENVOY");
        assertThat(detail.path("tenures").get(0).path("corrected")).isEqualTo(mark);
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?sending=SI&receiving=HR")
                        .json()
                        .path("items")
                        .get(0)
                        .path("corrected"))
                .isEqualTo(mark);

        JsonNode known = ledger.get("analyst", "/api/v1/heads-of-mission/" + m + "?knownAt=" + knownBefore)
                .json();
        assertThat(known.path("mission").path("current").path("headClass").asText())
                .as(known.toString())
                .isEqualTo("AMBASSADOR");
        assertThat(known.path("mission").has("corrected")).isFalse();
        assertThat(known.path("tenures").get(0).has("corrected")).isFalse();

        String[] csv = ledger.getAccept("analyst", "/api/v1/heads-of-mission?sending=SI&receiving=HR", "text/csv")
                .body()
                .split("\r\n");
        assertThat(csv[1])
                .endsWith("," + mark.path("at").asText() + ",clerk,\"accredited as envoy, not ambassador\","
                        + "Croatian MFA diplomatic list,https://example.org/hr-list," + correctionId + ","
                        + appointment);
        String[] tenures = ledger.getAccept(
                        "analyst", "/api/v1/heads-of-mission/tenures?sending=SI&knownAt=" + knownBefore, "text/csv")
                .body()
                .split("\r\n");
        assertThat(tenures[1]).endsWith(",,,,,,,");
    }

    @Test
    void answersProblemsForBadParametersUnknownMissionsAndWrongRoles() {
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?vacant=maybe")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("vacant");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?on=yesterday")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("on");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?sort=city")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("sort");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?sending=Narnia")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("sending");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?size=0")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("size");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission/tenures?from=2020-13-01")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("from");
        Response backwards = ledger.get("analyst", "/api/v1/heads-of-mission/tenures?from=2020-01-01&to=2019-01-01");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().path("parameter").asText()).isEqualTo("to");
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission/XX-YY-EMBASSY-NOWHERE")
                        .status())
                .isEqualTo(404);
        assertThat(ledger.get("analyst", "/api/v1/heads-of-mission?atLeast=999999999")
                        .status())
                .isEqualTo(503);
        assertThat(ledger.get("clerk", "/api/v1/heads-of-mission").status()).isEqualTo(403);
        assertThat(ledger.get(null, "/api/v1/heads-of-mission/tenures").status())
                .isEqualTo(401);
    }

    @Test
    void concurrentWritersEachReadTheirOwnLatestHead() throws Exception {
        List<String> receivers = List.of("NU", "TK", "WF", "PF", "NC", "AS");
        ExecutorService pool = Executors.newFixedThreadPool(receivers.size() + 2);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (String receiving : receivers) {
                tasks.add(() -> {
                    String m = "CK-" + receiving + "-EMBASSY-CAPITAL";
                    open("CK", receiving, "EMBASSY", "Capital", "");
                    int checked = 0;
                    for (int round = 1; round <= 4; round++) {
                        String person = "head-" + receiving.toLowerCase() + "-" + round;
                        act(
                                "AppointAmbassador",
                                m,
                                "\"personId\": \"" + person + "\", \"name\": \"Head " + round + "\"",
                                "2020-01-0" + round);
                        long position = act(
                                "PresentCredentials",
                                m,
                                "\"personId\": \"" + person + "\", \"step\": \"COPY_TO_FOREIGN_MINISTRY\"",
                                "2020-02-0" + round);
                        Response read = ledger.get(
                                "analyst", "/api/v1/heads-of-mission?missionId=" + m + "&atLeast=" + position);
                        assertThat(read.status()).as(read.toString()).isEqualTo(200);
                        assertThat(Long.parseLong(read.header("X-Ledger-Position")))
                                .isGreaterThanOrEqualTo(position);
                        assertThat(read.json()
                                        .path("items")
                                        .get(0)
                                        .path("current")
                                        .path("personId")
                                        .asText())
                                .isEqualTo(person);
                        checked++;
                    }
                    return checked;
                });
            }
            // Readers with no position of their own query alongside the writers.
            for (int r = 0; r < 2; r++) {
                tasks.add(() -> {
                    int reads = 0;
                    for (int i = 0; i < 10; i++) {
                        assertThat(ledger.get("auditor", "/api/v1/heads-of-mission?sending=CK")
                                        .status())
                                .isEqualTo(200);
                        reads++;
                    }
                    return reads;
                });
            }
            int total = 0;
            for (Future<Integer> result : pool.invokeAll(tasks)) {
                total += result.get();
            }
            assertThat(total).isEqualTo(receivers.size() * 4 + 20);
        } finally {
            pool.shutdownNow();
        }
        JsonNode tenures = ledger.get("analyst", "/api/v1/heads-of-mission/tenures?sending=CK&receiving=NU&size=100")
                .json();
        assertThat(tenures.path("items").findValuesAsText("endedHow"))
                .containsExactly(
                        "SUCCESSOR_TOOK_UP_FUNCTIONS", "SUCCESSOR_TOOK_UP_FUNCTIONS", "SUCCESSOR_TOOK_UP_FUNCTIONS");
    }
}
