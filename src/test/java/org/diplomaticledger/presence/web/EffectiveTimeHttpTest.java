package org.diplomaticledger.presence.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A mission's facts judged in effective time over HTTP (issue 20, item 1): Belgium's legation in Kathmandu recorded
 * as opened in 1990, then its earlier life back-filled by an import judged as a whole. Afterwards the write side and
 * the reads agree on every day. The pair BE-NP is this class's own.
 */
class EffectiveTimeHttpTest extends LedgerIntegrationTest {

    private static final String MISSION = "BE-NP-EMBASSY-KATHMANDU";

    private static String open(String day) {
        return """
                {"command": "OpenMission", "payload": {"sendingState": "BE", "receivingState": "NP", "kind": "EMBASSY",
                 "city": "Kathmandu", "effectiveDate": "%s", "source": "archive"}}""".formatted(day).replace("\n", "");
    }

    private static String close(String day) {
        return """
                {"command": "CloseMission", "payload": {"missionId": "%s", "reason": "RELATIONS_SEVERED",
                 "effectiveDate": "%s", "source": "archive"}}""".formatted(MISSION, day).replace("\n", "");
    }

    private Response importLines(String... lines) {
        return ledger.post(
                "clerk", "/api/v1/imports", "application/x-ndjson", String.join("\n", lines) + "\n", Map.of());
    }

    private long events() {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = 'BE-NP'", Long.class);
    }

    @Test
    void anEarlierLifeBackFilledAsAWholeIsAcceptedAndBothSidesThenAgree() {
        ledger.accepted("OpenMission", """
                {"sendingState": "BE", "receivingState": "NP", "kind": "EMBASSY", "city": "Kathmandu",
                 "effectiveDate": "1990-01-01", "source": "archive"}""");
        long before = events();

        // Alone, the opening of 1900 would leave the mission open when the recorded opening of 1990 comes.
        Response alone = importLines(open("1900-01-01"));
        assertThat(alone.status()).as(alone.toString()).isEqualTo(409);
        assertThat(alone.json().path("rule").asText()).isEqualTo("contradicts-recorded-fact");
        assertThat(alone.json().path("line").asInt()).isEqualTo(1);
        assertThat(alone.json().path("conflictingFact").path("effectiveDate").asText())
                .isEqualTo("1990-01-01");
        assertThat(alone.json().path("conflictingFact").path("rule").asText()).isEqualTo("mission-already-open");
        Response single = ledger.command("clerk", "CloseMission", """
                {"missionId": "%s", "reason": "RELATIONS_SEVERED", "effectiveDate": "1941-12-08", "source": "archive"}""".formatted(MISSION));
        assertThat(single.json().path("rule").asText()).as(single.toString()).isEqualTo("mission-not-open");
        assertThat(events()).isEqualTo(before);

        // With its closure, the earlier life fits before the reopening of 1990.
        Response whole = importLines(open("1900-01-01"), close("1941-12-08"));
        assertThat(whole.status()).as(whole.toString()).isEqualTo(200);
        assertThat(events()).isEqualTo(before + 2);

        // The write side judges by that life: closed in 1950, open again in 2000.
        Response in1950 = ledger.command("clerk", "AccreditDiplomat", """
                {"missionId": "%s", "name": "A. Attaché", "category": "DIPLOMATIC", "effectiveDate": "1950-01-01",
                 "source": "archive"}""".formatted(MISSION));
        assertThat(in1950.status()).as(in1950.toString()).isEqualTo(409);
        assertThat(in1950.json().path("detail").asText()).contains("closed since 1941-12-08");
        long position = ledger.accepted("AccreditDiplomat", """
                {"missionId": "%s", "name": "A. Attaché", "category": "DIPLOMATIC", "effectiveDate": "2000-01-01",
                 "source": "archive"}""".formatted(MISSION))
                .path("position")
                .asLong();

        // The reads fold the same life.
        assertThat(status("1920-06-01", position)).isEqualTo("OPEN");
        assertThat(status("1950-01-01", position)).isEqualTo("CLOSED");
        assertThat(status("2000-01-01", position)).isEqualTo("OPEN");
    }

    /** Norway's embassy in Kathmandu; the pair NO-NP is this test's own. */
    @Test
    void anEarlierStintOfAPersonBackFilledAsAWholeIsAccepted() {
        String embassy = "NO-NP-EMBASSY-KATHMANDU";
        ledger.accepted("OpenMission", """
                {"sendingState": "NO", "receivingState": "NP", "kind": "EMBASSY", "city": "Kathmandu",
                 "effectiveDate": "1990-01-01", "source": "archive"}""");
        ledger.accepted("AccreditDiplomat", """
                {"missionId": "%s", "personId": "lars-berg", "name": "Lars Berg", "category": "DIPLOMATIC",
                 "effectiveDate": "2000-01-01", "source": "archive"}""".formatted(embassy));
        String accredited = """
                {"command": "AccreditDiplomat", "payload": {"missionId": "%s", "personId": "lars-berg", "name": "Lars Berg",
                 "category": "DIPLOMATIC", "effectiveDate": "1995-01-01", "source": "archive"}}""".formatted(embassy).replace("\n", "");
        String departed = """
                {"command": "RecordDeparture", "payload": {"missionId": "%s", "personId": "lars-berg",
                 "effectiveDate": "1998-06-30", "source": "archive"}}""".formatted(embassy).replace("\n", "");

        Response alone = importLines(accredited);
        assertThat(alone.status()).as(alone.toString()).isEqualTo(409);
        assertThat(alone.json().path("rule").asText()).isEqualTo("contradicts-recorded-fact");
        assertThat(alone.json().path("conflictingFact").path("rule").asText()).isEqualTo("already-accredited");

        Response whole = importLines(accredited, departed);
        assertThat(whole.status()).as(whole.toString()).isEqualTo(200);

        // A second departure inside that stint would leave the recorded one of 1998 departing someone gone.
        Response twice = ledger.command("clerk", "RecordDeparture", """
                {"missionId": "%s", "personId": "lars-berg", "effectiveDate": "1997-01-01", "source": "archive"}""".formatted(embassy));
        assertThat(twice.json().path("rule").asText()).as(twice.toString()).isEqualTo("contradicts-recorded-fact");
        assertThat(twice.json().path("conflictingFact").path("rule").asText()).isEqualTo("already-departed");
    }

    /**
     * Denmark's embassy in Kathmandu (the pair DK-NP is this test's own): its ambassador of 2000 recorded first, then
     * the heads before her back-filled. A head back-filled before a recorded one becomes that head's predecessor, on
     * the write side and in the reads, though the recorded head's event named none.
     */
    @Test
    void headsOfMissionBackFilledInAnyOrderFormOneSuccession() {
        String embassy = "DK-NP-EMBASSY-KATHMANDU";
        ledger.accepted("OpenMission", """
                {"sendingState": "DK", "receivingState": "NP", "kind": "EMBASSY", "city": "Kathmandu",
                 "effectiveDate": "1960-01-01", "source": "archive"}""");
        ledger.accepted("AppointAmbassador", """
                {"missionId": "%s", "personId": "anne-holm", "name": "Anne Holm", "effectiveDate": "2000-01-10",
                 "source": "archive"}""".formatted(embassy));
        ledger.accepted("PresentCredentials", """
                {"missionId": "%s", "personId": "anne-holm", "step": "PRESENTATION_TO_HEAD_OF_STATE",
                 "effectiveDate": "2000-02-01", "source": "archive"}""".formatted(embassy));

        // Erik Lund, head from 1994: accepted line by line; Anne Holm's arrival in 2000 ends his functions.
        ledger.accepted("AppointAmbassador", """
                {"missionId": "%s", "personId": "erik-lund", "name": "Erik Lund", "effectiveDate": "1994-03-01",
                 "source": "archive"}""".formatted(embassy));
        ledger.accepted("PresentCredentials", """
                {"missionId": "%s", "personId": "erik-lund", "step": "PRESENTATION_TO_HEAD_OF_STATE",
                 "effectiveDate": "1994-04-01", "source": "archive"}""".formatted(embassy));
        Response endedTwice = ledger.command("clerk", "EndAmbassadorship", """
                {"missionId": "%s", "personId": "erik-lund", "effectiveDate": "2001-01-01", "source": "archive"}""".formatted(embassy));
        assertThat(endedTwice.json().path("rule").asText())
                .as(endedTwice.toString())
                .isEqualTo("ambassadorship-already-ended");
        assertThat(endedTwice.json().path("detail").asText()).contains("2000-02-01");

        // Anne Holm's own earlier tenure (1985-1989): its appointment alone would find her appointed when her
        // recorded appointment of 2000 comes; with its end, the import fits as a whole.
        String appointed = """
                {"command": "AppointAmbassador", "payload": {"missionId": "%s", "personId": "anne-holm",
                 "name": "Anne Holm", "effectiveDate": "1985-05-01", "source": "archive"}}""".formatted(embassy).replace("\n", "");
        String ended = """
                {"command": "EndAmbassadorship", "payload": {"missionId": "%s", "personId": "anne-holm",
                 "effectiveDate": "1989-09-30", "source": "archive"}}""".formatted(embassy).replace("\n", "");
        Response alone = importLines(appointed);
        assertThat(alone.status()).as(alone.toString()).isEqualTo(409);
        assertThat(alone.json().path("rule").asText()).isEqualTo("contradicts-recorded-fact");
        assertThat(alone.json().path("conflictingFact").path("type").asText()).isEqualTo("AmbassadorAppointed");
        assertThat(alone.json().path("conflictingFact").path("effectiveDate").asText())
                .isEqualTo("2000-01-10");
        assertThat(alone.json().path("conflictingFact").path("rule").asText()).isEqualTo("already-appointed");
        Response whole = importLines(appointed, ended);
        assertThat(whole.status()).as(whole.toString()).isEqualTo(200);
        long position = whole.json().path("position").asLong();

        // The reads fold the same succession.
        JsonNode in1997 = heads(embassy, "1997-01-01", position);
        assertThat(in1997.path("mission").path("current").path("personId").asText())
                .isEqualTo("erik-lund");
        JsonNode in2005 = heads(embassy, "2005-01-01", position);
        assertThat(in2005.path("mission").path("current").path("personId").asText())
                .isEqualTo("anne-holm");
        JsonNode erik = null;
        for (JsonNode tenure : in2005.path("tenures")) {
            if (tenure.path("personId").asText().equals("erik-lund")) {
                erik = tenure;
            }
        }
        assertThat(erik).as(in2005.toString()).isNotNull();
        assertThat(erik.path("endedOn").asText()).isEqualTo("2000-02-01");
        assertThat(erik.path("endedHow").asText()).isEqualTo("SUCCESSOR_TOOK_UP_FUNCTIONS");
        assertThat(erik.path("successorPersonId").asText()).isEqualTo("anne-holm");
    }

    /**
     * Finland's presence in Nepal (the pair FI-NP is this test's own) under a ceiling of two since 2000, with one
     * diplomat accredited in 2001 and one in 2010: staff and ceilings back-filled are judged by the headcount and the
     * ceilings of their own day, and the reads then show the same ceilings and headcounts on every day.
     */
    @Test
    void staffAndCeilingsBackFilledAreJudgedOnTheirDay() {
        String embassy = "FI-NP-EMBASSY-KATHMANDU";
        ledger.accepted("OpenMission", """
                {"sendingState": "FI", "receivingState": "NP", "kind": "EMBASSY", "city": "Kathmandu",
                 "effectiveDate": "1990-01-01", "source": "archive"}""");
        ledger.accepted("ImposeStaffCeiling", """
                {"sendingState": "FI", "receivingState": "NP", "ceilingId": "fi-np-2", "limit": 2,
                 "effectiveDate": "2000-01-01", "source": "archive"}""");
        for (String[] person : new String[][] {{"aino-aalto", "2001-01-01"}, {"eero-eskola", "2010-01-01"}}) {
            ledger.accepted("AccreditDiplomat", """
                    {"missionId": "%s", "personId": "%s", "name": "%s", "category": "DIPLOMATIC", "effectiveDate": "%s",
                     "source": "archive"}""".formatted(embassy, person[0], person[0], person[1]));
        }
        String accredited = """
                {"command": "AccreditDiplomat", "payload": {"missionId": "%s", "personId": "ville-virta", "name": "Ville Virta",
                 "category": "DIPLOMATIC", "effectiveDate": "2005-01-01", "source": "archive"}}""".formatted(embassy).replace("\n", "");
        String departed = """
                {"command": "RecordDeparture", "payload": {"missionId": "%s", "personId": "ville-virta",
                 "effectiveDate": "2008-06-30", "source": "archive"}}""".formatted(embassy).replace("\n", "");

        // Room in 2005, but staying on he would bring the accreditation of 2010 over the ceiling.
        Response alone = importLines(accredited);
        assertThat(alone.status()).as(alone.toString()).isEqualTo(409);
        assertThat(alone.json().path("rule").asText()).isEqualTo("contradicts-recorded-fact");
        assertThat(alone.json().path("conflictingFact").path("rule").asText()).isEqualTo("ceiling-exceeded");
        assertThat(alone.json().path("conflictingFact").path("effectiveDate").asText())
                .isEqualTo("2010-01-01");
        // With his departure of 2008, the import fits as a whole.
        Response whole = importLines(accredited, departed);
        assertThat(whole.status()).as(whole.toString()).isEqualTo(200);
        // Full in 2006 (Aino Aalto and him), though there is room today.
        Response full = ledger.command("clerk", "AccreditDiplomat", """
                {"missionId": "%s", "name": "Kaisa Koski", "category": "DIPLOMATIC", "effectiveDate": "2006-01-01",
                 "source": "archive"}""".formatted(embassy));
        assertThat(full.json().path("rule").asText()).as(full.toString()).isEqualTo("ceiling-exceeded");

        // A ceiling of nine back-filled to 1995 records the headcount of its day and is replaced in 2000.
        ledger.accepted("ImposeStaffCeiling", """
                {"sendingState": "FI", "receivingState": "NP", "ceilingId": "fi-np-9", "limit": 9,
                 "effectiveDate": "1995-01-01", "source": "archive"}""");
        Response lift = ledger.command("clerk", "LiftStaffCeiling", """
                {"sendingState": "FI", "receivingState": "NP", "ceilingId": "fi-np-9", "effectiveDate": "2005-01-01",
                 "source": "archive"}""");
        assertThat(lift.json().path("rule").asText()).as(lift.toString()).isEqualTo("no-ceiling-in-force");
        long position =
                ledger.accepted("LiftStaffCeiling", """
                {"sendingState": "FI", "receivingState": "NP", "ceilingId": "fi-np-9", "effectiveDate": "1999-01-01",
                 "source": "archive"}""").path("position").asLong();

        // The reads fold the same timeline.
        JsonNode in1996 = presence("FI/NP", "1996-01-01", position);
        assertThat(in1996.path("ceilings").findValuesAsText("ceilingId")).containsExactly("fi-np-9");
        assertThat(in1996.path("ceilings").get(0).path("headcount").asInt()).isZero();
        assertThat(presence("FI/NP", "1999-06-01", position).path("ceilings").size())
                .isZero();
        JsonNode in2006 = presence("FI/NP", "2006-01-01", position);
        assertThat(in2006.path("ceilings").findValuesAsText("ceilingId")).containsExactly("fi-np-2");
        assertThat(in2006.path("headcount").path("total").asInt()).isEqualTo(2);
        assertThat(presence("FI/NP", "2009-01-01", position)
                        .path("headcount")
                        .path("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(presence("FI/NP", "2011-01-01", position)
                        .path("headcount")
                        .path("total")
                        .asInt())
                .isEqualTo(2);
    }

    /**
     * The earlier life of an embassy in Kathmandu (opened 1900, an ambassador from 1920 to 1930, a diplomat from
     * 1925 to 1935, closed 1941-12-08) back-filled before its recorded reopening of 1990, by one import newest first
     * for Sweden (SE-NP) and by the same lines oldest first for the Netherlands (NL-NP); both pairs are this test's own. No line
     * of the newest-first file fits where it stands but the opening, and the import is accepted as a whole all the
     * same: the reads of both embassies then agree on every day.
     */
    @Test
    void anEarlierLifeImportedNewestFirstReadsAsTheSameLifeImportedOldestFirst() {
        List<String> newestFirst = List.of(
                earlier("CloseMission", "SE", "\"reason\": \"RELATIONS_SEVERED\"", "1941-12-08"),
                earlier("RecordDeparture", "SE", "\"personId\": \"se-attache\"", "1935-06-30"),
                earlier("EndAmbassadorship", "SE", "\"personId\": \"se-envoy\"", "1930-01-01"),
                earlier(
                        "AccreditDiplomat",
                        "SE",
                        "\"personId\": \"se-attache\", \"name\": \"An Attache\", " + "\"category\": \"DIPLOMATIC\"",
                        "1925-01-01"),
                earlier(
                        "PresentCredentials",
                        "SE",
                        "\"personId\": \"se-envoy\", " + "\"step\": \"PRESENTATION_TO_HEAD_OF_STATE\"",
                        "1920-02-01"),
                earlier("AppointAmbassador", "SE", "\"personId\": \"se-envoy\", \"name\": \"An Envoy\"", "1920-01-01"),
                """
                {"command": "OpenMission", "payload": {"sendingState": "SE", "receivingState": "NP", "kind": "EMBASSY",
                 "city": "Kathmandu", "effectiveDate": "1900-01-01", "source": "archive"}}""".replace("\n", ""));
        List<String> oldestFirst = new ArrayList<>(newestFirst.stream()
                .map(line -> line.replace("SE-NP", "NL-NP")
                        .replace("\"SE\"", "\"NL\"")
                        .replace("se-", "nl-"))
                .toList());
        Collections.reverse(oldestFirst);
        for (String sending : List.of("SE", "NL")) {
            ledger.accepted("OpenMission", """
                    {"sendingState": "%s", "receivingState": "NP", "kind": "EMBASSY", "city": "Kathmandu",
                     "effectiveDate": "1990-01-01", "source": "archive"}""".formatted(sending));
        }
        long seBefore = events("SE-NP");

        Response newest = importLines(newestFirst.toArray(String[]::new));
        assertThat(newest.status()).as(newest.toString()).isEqualTo(200);
        assertThat(events("SE-NP")).isEqualTo(seBefore + 7);
        // The receipts follow the file: line 1 is the closure.
        assertThat(newest.json().path("lines").get(0).path("line").asInt()).isEqualTo(1);
        assertThat(newest.json()
                        .path("lines")
                        .get(0)
                        .path("receipt")
                        .path("command")
                        .asText())
                .isEqualTo("CloseMission");
        assertThat(newest.json()
                        .path("lines")
                        .get(0)
                        .path("receipt")
                        .path("events")
                        .get(0)
                        .path("type")
                        .asText())
                .isEqualTo("MissionClosed");
        Response oldest = importLines(oldestFirst.toArray(String[]::new));
        assertThat(oldest.status()).as(oldest.toString()).isEqualTo(200);
        long position = Math.max(
                newest.json().path("position").asLong(),
                oldest.json().path("position").asLong());

        for (String day : List.of(
                "1899-01-01",
                "1900-01-01",
                "1920-01-15",
                "1920-06-01",
                "1926-01-01",
                "1931-01-01",
                "1936-01-01",
                "1941-12-08",
                "1950-01-01",
                "1990-01-01",
                "2000-01-01")) {
            assertThat(earlierLife("SE", day, position))
                    .as("SE-NP as of " + day)
                    .isEqualTo(earlierLife("NL", day, position));
        }
        assertThat(earlierLife("SE", "1926-01-01", position)).startsWith("OPEN 1900-01-01 envoy 1");
        assertThat(earlierLife("SE", "1950-01-01", position)).startsWith("CLOSED 1941-12-08");
        assertThat(earlierLife("SE", "2000-01-01", position)).startsWith("OPEN 1990-01-01");
    }

    /** A line of an import about the embassy of Sweden in Kathmandu. */
    private static String earlier(String command, String sending, String fields, String day) {
        return ("{\"command\": \"%s\", \"payload\": {\"missionId\": \"%s-NP-EMBASSY-KATHMANDU\", %s, "
                        + "\"effectiveDate\": \"%s\", \"source\": \"archive\"}}")
                .formatted(command, sending, fields, day);
    }

    /** The embassy of a pair in Kathmandu on a day: its status and since when, its head, the presence's headcount. */
    private String earlierLife(String sending, String day, long atLeast) {
        String mission = sending + "-NP-EMBASSY-KATHMANDU";
        Response read = ledger.get("analyst", "/api/v1/missions/" + mission + "?asOf=" + day, atLeast);
        if (read.status() == 404) {
            return "not yet opened";
        }
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        JsonNode head = heads(mission, day, atLeast).path("mission").path("current");
        JsonNode presence = presence(sending + "/NP", day, atLeast);
        return String.join(
                " ",
                read.json().path("mission").path("status").asText(),
                read.json().path("mission").path("statusSince").asText(),
                head.path("personId").asText("").replaceFirst("^(se|nl)-", ""),
                String.valueOf(presence.path("headcount").path("total").asInt()),
                head.path("status").asText(""));
    }

    /**
     * A tenure recorded end first (Austria's embassy in Kathmandu, the pair AT-NP is this test's own): the end of the
     * ambassadorship on line 1 is refused where it stands (not yet appointed), and accepted once the appointment on
     * line 2 ran.
     */
    @Test
    void aTenureRecordedEndFirstIsAccepted() {
        String embassy = "AT-NP-EMBASSY-KATHMANDU";
        ledger.accepted("OpenMission", """
                {"sendingState": "AT", "receivingState": "NP", "kind": "EMBASSY", "city": "Kathmandu",
                 "effectiveDate": "1960-01-01", "source": "archive"}""");
        String ended = """
                {"command": "EndAmbassadorship", "payload": {"missionId": "%s", "personId": "franz-huber",
                 "effectiveDate": "1999-06-30", "source": "archive"}}""".formatted(embassy).replace("\n", "");
        String appointed = """
                {"command": "AppointAmbassador", "payload": {"missionId": "%s", "personId": "franz-huber",
                 "name": "Franz Huber", "effectiveDate": "1995-03-01", "source": "archive"}}""".formatted(embassy).replace("\n", "");
        Response alone = importLines(ended);
        assertThat(alone.status()).as(alone.toString()).isEqualTo(409);
        assertThat(alone.json().path("line").asInt()).isEqualTo(1);
        assertThat(alone.json().path("rule").asText()).isEqualTo("not-appointed");

        Response whole = importLines(ended, appointed);
        assertThat(whole.status()).as(whole.toString()).isEqualTo(200);
        assertThat(whole.json().path("lines").findValuesAsText("command"))
                .containsExactly("EndAmbassadorship", "AppointAmbassador");
        long position = whole.json().path("position").asLong();
        JsonNode in2000 = heads(embassy, "2000-01-01", position);
        JsonNode tenure = in2000.path("tenures").get(0);
        assertThat(tenure.path("personId").asText()).as(in2000.toString()).isEqualTo("franz-huber");
        assertThat(tenure.path("appointedOn").asText()).as(in2000.toString()).isEqualTo("1995-03-01");
        assertThat(tenure.path("endedOn").asText()).isEqualTo("1999-06-30");
    }

    /**
     * An import with no valid order is refused as before, naming its line, and writes nothing: Switzerland's embassy
     * in Kathmandu (the pair CH-NP is this test's own) opened twice, in 1900 and in 1910, never closed between.
     */
    @Test
    void anImportWithNoValidOrderIsRefusedNamingTheLine() {
        String embassy = "CH-NP-EMBASSY-KATHMANDU";
        ledger.accepted("OpenMission", """
                {"sendingState": "CH", "receivingState": "NP", "kind": "EMBASSY", "city": "Kathmandu",
                 "effectiveDate": "1990-01-01", "source": "archive"}""");
        long before = events("CH-NP");
        String closed = """
                {"command": "CloseMission", "payload": {"missionId": "%s", "reason": "OTHER", "effectiveDate": "1950-01-01",
                 "source": "archive"}}""".formatted(embassy).replace("\n", "");
        String opened1910 = """
                {"command": "OpenMission", "payload": {"sendingState": "CH", "receivingState": "NP", "kind": "EMBASSY",
                 "city": "Kathmandu", "effectiveDate": "1910-01-01", "source": "archive"}}""".replace("\n", "");
        String opened1900 = opened1910.replace("1910-01-01", "1900-01-01");

        // Judged as a whole, the opening of 1900 on line 3 leaves the one of 1910 on line 2 opening an open
        // mission: the refusal names line 2, whose fact is broken.
        Response refused = importLines(closed, opened1910, opened1900);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("line").asInt()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.json().path("command").asText()).isEqualTo("OpenMission");
        assertThat(refused.json().path("rule").asText()).isEqualTo("contradicts-recorded-fact");
        assertThat(refused.json().path("conflictingFact").path("effectiveDate").asText())
                .isEqualTo("1910-01-01");
        assertThat(refused.json().path("conflictingFact").path("rule").asText()).isEqualTo("mission-already-open");
        assertThat(refused.json().path("detail").asText())
                .startsWith("line 2 (OpenMission): ")
                .contains("nothing of the import was written");
        assertThat(events("CH-NP")).isEqualTo(before);

        // Newest first, the closure waits for the opening it closes; the second opening still has no place.
        Response reversed = importLines(closed, opened1900, opened1910);
        assertThat(reversed.status()).as(reversed.toString()).isEqualTo(409);
        assertThat(reversed.json().path("line").asInt()).isEqualTo(3);
        assertThat(reversed.json().path("rule").asText()).isEqualTo("mission-already-open");
        assertThat(events("CH-NP")).isEqualTo(before);

        // Without the second opening, the earlier life fits, closure first.
        Response fits = importLines(closed, opened1910);
        assertThat(fits.status()).as(fits.toString()).isEqualTo(200);
        assertThat(events("CH-NP")).isEqualTo(before + 2);
    }

    private long events(String aggregate) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, aggregate);
    }

    private JsonNode presence(String states, String asOf, long atLeast) {
        Response read = ledger.get("analyst", "/api/v1/presences/" + states + "?asOf=" + asOf, atLeast);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.json().path("presence");
    }

    private JsonNode heads(String missionId, String asOf, long atLeast) {
        Response read = ledger.get("analyst", "/api/v1/heads-of-mission/" + missionId + "?asOf=" + asOf, atLeast);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.json();
    }

    private String status(String asOf, long atLeast) {
        Response read = ledger.get("analyst", "/api/v1/missions/" + MISSION + "?asOf=" + asOf, atLeast);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        JsonNode mission = read.json().path("mission");
        return mission.path("status").asText();
    }
}
