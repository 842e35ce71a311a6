package org.diplomaticledger.relations.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The level of relations through the real application. Djibouti and Eritrea (DJ-ER) are the story: full relations
 * from 1993, severed in June 2008 with Qatar and Bahrain as protecting powers (invented for the test), restored in
 * September 2018, and a correction of the severance's date. BH-ER is a pair the ledger knows nothing of.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelationsHttpTest extends LedgerIntegrationTest {

    private static long position;
    private static Instant beforeSeverance;
    private static Instant beforeCorrection;
    private static String severance;

    private static long position(JsonNode receipt) {
        return receipt.path("position").asLong();
    }

    @Test
    @Order(1)
    void severedWithProtectingPowersThePairShowsItsLevelAndHistory() {
        ledger.accepted("ChangeRelationsLevel", """
                {"stateA": "DJ", "stateB": "ER", "level": "FULL", "reason": "independence of Eritrea",
                 "effectiveDate": "1993-05-24", "source": "UN records"}""");
        beforeSeverance = Instant.now();
        JsonNode severed = ledger.accepted("ChangeRelationsLevel", """
                {"stateA": "ERI", "stateB": "DJ", "level": "SEVERED", "initiatedBy": "DJ",
                 "reason": "border clashes at Ras Doumeira", "protectingPowerOfA": "BH", "protectingPowerOfB": "QA",
                 "effectiveDate": "2008-06-12", "source": {"text": "Reuters, 12 June 2008", "url": "https://example.org/dj-er"}}""");
        severance = severed.path("events").get(0).path("eventId").asText();
        position = position(severed);

        Response response = ledger.get("analyst", "/api/v1/relations/ER/DJ?atLeast=" + position);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(Long.parseLong(response.header("X-Ledger-Position"))).isGreaterThanOrEqualTo(position);
        JsonNode relations = response.json().path("relations");
        assertThat(relations.path("relationsId").asText()).isEqualTo("RELATIONS-DJ-ER");
        assertThat(relations.path("level").asText()).isEqualTo("SEVERED");
        assertThat(relations.path("since").asText()).isEqualTo("2008-06-12");
        assertThat(relations.path("previousLevel").asText()).isEqualTo("FULL");
        assertThat(relations.path("initiatedBy").asText()).isEqualTo("DJ");
        assertThat(relations.path("cameoCode").asInt()).isEqualTo(161);
        assertThat(relations.path("sourceUrl").asText()).isEqualTo("https://example.org/dj-er");
        assertThat(relations.path("protectingPowers").toString())
                .isEqualTo(
                        "[{\"protectedState\":\"DJ\",\"power\":\"QA\"},{\"protectedState\":\"ER\",\"power\":\"BH\"}]");
        JsonNode history = response.json().path("history");
        assertThat(history.findValuesAsText("level")).containsExactly("FULL", "SEVERED");
        assertThat(history.get(0).path("protectingPowers").size()).isZero();
        assertThat(history.get(1).path("source").asText()).isEqualTo("Reuters, 12 June 2008");

        // The order of the two states in the path does not matter.
        assertThat(ledger.get("analyst", "/api/v1/relations/DJ/ERI")
                        .json()
                        .path("relations")
                        .path("level")
                        .asText())
                .isEqualTo("SEVERED");
    }

    @Test
    @Order(2)
    void readsTheLevelAsOfADayAndAsKnownAtAnInstant() {
        JsonNode before =
                ledger.get("analyst", "/api/v1/relations/DJ/ER?asOf=2000-01-01").json();
        assertThat(before.path("relations").path("level").asText()).isEqualTo("FULL");
        assertThat(before.path("history").findValuesAsText("level")).containsExactly("FULL");
        Response none = ledger.get("analyst", "/api/v1/relations/DJ/ER?asOf=1990-01-01");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().path("detail").asText()).contains("DJ and ER");

        JsonNode known = ledger.get("analyst", "/api/v1/relations/DJ/ER?knownAt=" + beforeSeverance)
                .json();
        assertThat(known.path("relations").path("level").asText()).isEqualTo("FULL");
        assertThat(ledger.get("analyst", "/api/v1/relations/DJ/ER?asOf=2008-06-12")
                        .json()
                        .path("relations")
                        .path("level")
                        .asText())
                .isEqualTo("SEVERED");
    }

    @Test
    @Order(3)
    void restoredRelationsEndTheProtectingPowersAndTheListFiltersAndWritesCsv() {
        position = position(ledger.accepted("ChangeRelationsLevel", """
                {"stateA": "DJ", "stateB": "ER", "level": "RESTORED", "effectiveDate": "2018-09-06",
                 "source": "Jeddah meeting, Saudi Press Agency"}"""));
        JsonNode relations = ledger.get("analyst", "/api/v1/relations/DJ/ER?atLeast=" + position)
                .json()
                .path("relations");
        assertThat(relations.path("level").asText()).isEqualTo("RESTORED");
        assertThat(relations.path("previousLevel").asText()).isEqualTo("SEVERED");
        assertThat(relations.path("protectingPowers").size()).isZero();
        assertThat(relations.path("cameoCode").isNumber())
                .as("no CAMEO code when relations go up")
                .isFalse();
        assertThat(relations.path("changes").asInt()).isEqualTo(3);

        Response list = ledger.get(
                "analyst", "/api/v1/relations?state=ER&level=restored,full&sort=since,desc&atLeast=" + position);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().path("items").findValuesAsText("relationsId")).containsExactly("RELATIONS-DJ-ER");
        assertThat(ledger.get("analyst", "/api/v1/relations?a=ER&b=DJ&level=SEVERED")
                        .json()
                        .path("total")
                        .asLong())
                .isZero();
        JsonNode in2010 = ledger.get("analyst", "/api/v1/relations?a=ER&b=DJ&level=SEVERED&asOf=2010-01-01")
                .json();
        assertThat(in2010.path("items").findValuesAsText("level")).containsExactly("SEVERED");
        assertThat(ledger.get("analyst", "/api/v1/relations?state=BH")
                        .json()
                        .path("total")
                        .asLong())
                .isZero();

        Response csv = ledger.getAccept("analyst", "/api/v1/relations?a=DJ&b=ER&asOf=2010-01-01", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0])
                .isEqualTo(
                        "relationsId,stateA,stateB,level,since,previousLevel,initiatedBy,reason,"
                                + "protectingPowers,cameoCode,source,sourceUrl,changes,lastRecordedAt,corrected.at,corrected.by,corrected.reason,corrected.source.text,corrected.source.url,corrected.eventId,corrected.correctsEventId");
        assertThat(lines[1])
                .startsWith("RELATIONS-DJ-ER,DJ,ER,SEVERED,2008-06-12,FULL,DJ,border clashes at Ras Doumeira,"
                        + "QA for DJ; BH for ER,161,\"Reuters, 12 June 2008\",https://example.org/dj-er,2,");
        assertThat(lines).hasSize(2);
    }

    @Test
    @Order(4)
    void aCorrectedSeveranceMovesInTheHistoryAndOnThePresence() {
        long opened = position(ledger.accepted("OpenMission", """
                {"sendingState": "DJ", "receivingState": "ER", "kind": "EMBASSY", "city": "Asmara",
                 "effectiveDate": "1996-01-01", "source": "Djibouti MFA"}"""));
        beforeCorrection = Instant.now();
        Response corrected = ledger.command("clerk", "CorrectEntry", """
                {"eventId": "%s", "corrections": {"effectiveDate": "2008-06-11", "reason": "Eritrean troops at Ras Doumeira"},
                 "reason": "the break was announced a day earlier", "source": "Djibouti MFA communiqué"}""".formatted(severance));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        position = position(corrected.json());

        JsonNode on11 = ledger.get("analyst", "/api/v1/relations/DJ/ER?asOf=2008-06-11&atLeast=" + position)
                .json();
        assertThat(on11.path("relations").path("level").asText()).isEqualTo("SEVERED");
        assertThat(on11.path("relations").path("since").asText()).isEqualTo("2008-06-11");
        assertThat(on11.path("relations").path("reason").asText()).isEqualTo("Eritrean troops at Ras Doumeira");
        assertThat(on11.path("history").findValuesAsText("effectiveDate")).containsExactly("1993-05-24", "2008-06-11");
        JsonNode knownBefore = ledger.get(
                        "analyst", "/api/v1/relations/DJ/ER?asOf=2008-06-11&knownAt=" + beforeCorrection)
                .json();
        assertThat(knownBefore.path("relations").path("level").asText()).isEqualTo("FULL");
        // Issue 18, 9(d): the level set by the corrected change is marked, in the pair and in its history, with the
        // correction's source shown; as known before the correction, the same change reads as recorded, unmarked.
        JsonNode mark = on11.path("relations").path("corrected");
        assertThat(mark.path("by").asText()).as(on11.toString()).isEqualTo("clerk");
        assertThat(mark.path("reason").asText()).isEqualTo("the break was announced a day earlier");
        assertThat(mark.path("source").path("text").asText()).isEqualTo("Djibouti MFA communiqué");
        assertThat(mark.path("eventId").asText())
                .isEqualTo(
                        corrected.json().path("events").get(0).path("eventId").asText());
        assertThat(mark.path("correctsEventId").asText()).isEqualTo(severance);
        assertThat(java.time.Instant.parse(mark.path("at").asText())).isAfter(beforeCorrection);
        assertThat(on11.path("relations").path("source").asText()).isEqualTo("Djibouti MFA communiqué");
        assertThat(on11.path("history").get(1).path("corrected")).isEqualTo(mark);
        assertThat(on11.path("history").get(0).has("corrected")).isFalse();
        JsonNode severedAsRecorded = ledger.get(
                        "analyst", "/api/v1/relations/DJ/ER?asOf=2008-06-12&knownAt=" + beforeCorrection)
                .json();
        assertThat(severedAsRecorded.path("relations").path("level").asText()).isEqualTo("SEVERED");
        assertThat(severedAsRecorded.path("relations").path("since").asText()).isEqualTo("2008-06-12");
        assertThat(severedAsRecorded.path("relations").has("corrected"))
                .as(severedAsRecorded.toString())
                .isFalse();
        assertThat(severedAsRecorded.path("history").get(1).has("corrected")).isFalse();
        String[] marked = ledger.getAccept("analyst", "/api/v1/relations?a=DJ&b=ER&asOf=2008-06-11", "text/csv")
                .body()
                .split("\r\n");
        assertThat(marked[1])
                .endsWith("," + mark.path("at").asText() + ",clerk,the break was announced a day earlier,"
                        + "Djibouti MFA communiqué,," + mark.path("eventId").asText() + "," + severance);

        // The presence shows the level of relations between its two states on the same day, as known at the same
        // instant.
        Response presence =
                ledger.get("analyst", "/api/v1/presences/DJ/ER?asOf=2008-06-11&atLeast=" + Math.max(opened, position));
        assertThat(presence.status()).as(presence.toString()).isEqualTo(200);
        assertThat(presence.json().path("presence").path("relations").toString())
                .isEqualTo("{\"level\":\"SEVERED\",\"since\":\"2008-06-11\"}");
        assertThat(ledger.get("analyst", "/api/v1/presences/DJ/ER?asOf=2008-06-11&knownAt=" + beforeCorrection)
                        .json()
                        .path("presence")
                        .path("relations")
                        .path("level")
                        .asText())
                .isEqualTo("FULL");
        assertThat(ledger.get("analyst", "/api/v1/presences/DJ/ER")
                        .json()
                        .path("presence")
                        .path("relations")
                        .path("level")
                        .asText())
                .isEqualTo("RESTORED");
        assertThat(ledger.get("analyst", "/api/v1/presences?sending=DJ&asOf=1993-01-01")
                        .json()
                        .path("items")
                        .toString())
                .isEqualTo("[]");
        Response csv =
                ledger.getAccept("analyst", "/api/v1/presences?sending=DJ&receiving=ER&asOf=2010-01-01", "text/csv");
        List<String> header = List.of(csv.body().split("\r\n")[0].split(","));
        String[] row = csv.body().split("\r\n")[1].split(",", -1);
        assertThat(header).contains("relations.level", "relations.since");
        assertThat(row[header.indexOf("relations.level")]).isEqualTo("SEVERED");
        assertThat(row[header.indexOf("relations.since")]).isEqualTo("2008-06-11");
    }

    @Test
    @Order(5)
    void answersProblemsForBadParametersUnknownPairsAndWrongRoles() {
        assertThat(ledger.get("analyst", "/api/v1/relations?level=FRIENDLY")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("level");
        assertThat(ledger.get("analyst", "/api/v1/relations?state=Narnia")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("state");
        assertThat(ledger.get("analyst", "/api/v1/relations?a=DJ&b=DJI")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("b");
        assertThat(ledger.get("analyst", "/api/v1/relations?sort=power")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("sort");
        assertThat(ledger.get("analyst", "/api/v1/relations/XX1/DJ")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("a");
        assertThat(ledger.get("analyst", "/api/v1/relations/ER/ER").status()).isEqualTo(400);
        assertThat(ledger.get("analyst", "/api/v1/relations/RU/%20")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("b");
        Response unknown = ledger.get("analyst", "/api/v1/relations/BH/ER");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(ledger.get("clerk", "/api/v1/relations").status()).isEqualTo(403);
        assertThat(ledger.get(null, "/api/v1/relations/DJ/ER").status()).isEqualTo(401);
    }

    @Test
    @Order(6)
    void aRebuildIsIdenticalToTheLiveRelations() {
        ledger.get("analyst", "/api/v1/relations?atLeast=" + position);
        String before = ledger.get("analyst", "/api/v1/relations?state=DJ")
                .json()
                .path("items")
                .toString();
        Response started = ledger.post("auditor", "/api/v1/projections/relations/rebuild", null, "", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode rebuilt = org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> ledger.get("auditor", "/api/v1/projections/relations")
                                .json()
                                .path("lastRebuild"),
                        rebuild -> !rebuild.path("state").asText().equals("RUNNING"));
        assertThat(rebuilt.path("state").asText()).as(rebuilt.toString()).isEqualTo("SWITCHED");
        assertThat(rebuilt.path("identical").asBoolean()).as(rebuilt.toString()).isTrue();
        assertThat(rebuilt.path("tables")
                        .path("relations_change")
                        .path("rebuiltRows")
                        .asLong())
                .isGreaterThan(0);
        assertThat(ledger.get("analyst", "/api/v1/relations?state=DJ")
                        .json()
                        .path("items")
                        .toString())
                .isEqualTo(before);
    }
}
