package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The reads of one key at a point ({@link TimePoint#version}: a presence, the posts of one sending state's missions)
 * answer what the reads of many keys answer from every version ({@link TimePoint#rows}), at every point of a history
 * back-filled out of order, in effective and in recorded time.
 */
class PointReadsHttpTest extends LedgerIntegrationTest {

    private static final String SRC = "\"source\": \"point reads test\"";

    @Test
    void aPointReadOfOneKeyAnswersWhatAScanOfEveryVersionAnswers() {
        List<Instant> moments = new ArrayList<>();
        long position = 0;
        for (String[] mission : new String[][] {{"TO", "Nukualofa"}, {"WS", "Apia"}}) {
            position = send("OpenMission", """
                    {"sendingState": "FJ", "receivingState": "%s", "kind": "EMBASSY", "city": "%s", "effectiveDate": "2000-01-01", %s}""".formatted(mission[0], mission[1], SRC));
        }
        moments.add(Instant.now());
        List<Integer> days = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            days.add(i);
        }
        Collections.shuffle(days, new Random(20));
        String tonga = "FJ-TO-EMBASSY-NUKUALOFA";
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = LocalDate.of(2001, 1, 1).plusDays(120L * days.get(i));
            String receiving = i % 3 == 0 ? "WS" : "TO";
            position = send("RecordStaffCount", """
                    {"sendingState": "FJ", "receivingState": "%s", "headcount": %d, "effectiveDate": "%s", %s}""".formatted(receiving, 10 + (i * 7) % 30, day, SRC));
            if (i % 15 == 4) {
                // heads of the Tonga embassy come and go in order, between the counts
                int round = i / 15;
                position = send(
                        "AppointAmbassador", """
                        {"missionId": "%s", "name": "Envoy %d", "effectiveDate": "%s", %s}""".formatted(tonga, round, LocalDate.of(2002 + 3 * round, 3, 1), SRC));
                position = send(
                        "EndAmbassadorship", """
                        {"missionId": "%s", "name": "Envoy %d", "reason": "Tour ended", "effectiveDate": "%s", %s}""".formatted(tonga, round, LocalDate.of(2004 + 3 * round, 6, 1), SRC));
                moments.add(Instant.now());
            }
        }
        moments.add(null);

        // every point of the grid, in the database: the probe of each key against the scan of its versions; first
        // both projections apply every event sent (an answer at the position waits for it), else a version the
        // projector ends between the probe and the scan reads differently in each
        get("/api/v1/presences/FJ/TO", position);
        get("/api/v1/heads-of-mission?sending=FJ", position);
        int compared = 0;
        for (Instant knownAt : moments) {
            for (LocalDate asOf = LocalDate.of(1999, 6, 1);
                    asOf.isBefore(LocalDate.of(2022, 1, 1));
                    asOf = asOf.plusDays(97)) {
                TimePoint point =
                        knownAt == null ? new TimePoint(asOf, Instant.now(), true) : new TimePoint(asOf, knownAt);
                for (String slot : List.of("A", "B")) {
                    for (String presence : List.of("FJ-TO", "FJ-WS")) {
                        compared +=
                                compare(point, slot, "staffing_presence", List.of("presence_id"), List.of(presence));
                        for (Map<String, Object> key : jdbc.queryForList(
                                "SELECT DISTINCT mission_key, category FROM staffing_bucket "
                                        + "WHERE slot = ? AND presence_id = ?",
                                slot,
                                presence)) {
                            compared += compare(
                                    point,
                                    slot,
                                    "staffing_bucket",
                                    List.of("presence_id", "mission_key", "category"),
                                    List.of(presence, key.get("MISSION_KEY"), key.get("CATEGORY")));
                        }
                    }
                    compared += compare(point, slot, "heads_of_mission_post", List.of("mission_id"), List.of(tonga));
                }
            }
        }
        assertThat(compared).as("versions found at the points").isGreaterThan(500);

        // and the reads use them: a few points over HTTP, one presence against the list, one state's posts against
        // the read of either side
        for (Instant knownAt : List.of(moments.get(1), moments.get(3))) {
            for (String asOf : List.of("2003-01-01", "2009-07-01", "2016-02-01")) {
                String point = "asOf=" + asOf + "&knownAt=" + knownAt;
                Response detail = get("/api/v1/presences/FJ/TO?" + point, position);
                JsonNode listed = item(
                        get("/api/v1/presences?sending=FJ&" + point, position).json(), "presenceId", "FJ-TO");
                assertThat(detail.status()).isEqualTo(200);
                assertThat(detail.json().get("presence"))
                        .as("FJ-TO at " + point)
                        .isEqualTo(listed);
                JsonNode probed = get("/api/v1/heads-of-mission?sending=FJ&" + point, position)
                        .json();
                JsonNode scanned = get("/api/v1/heads-of-mission?state=FJ&" + point, position)
                        .json();
                List<JsonNode> fromScan = StreamSupport.stream(
                                scanned.path("items").spliterator(), false)
                        .filter(post -> "FJ".equals(post.path("sendingState").asText()))
                        .toList();
                assertThat(iterable(probed.path("items")))
                        .as("heads at " + point)
                        .isEqualTo(fromScan)
                        .isNotEmpty();
            }
        }
        // and the answers are not all empty: today, 60 counts and 4 tenures later
        assertThat(get("/api/v1/presences/FJ/TO", position)
                        .json()
                        .at("/presence/headcount/total")
                        .asInt())
                .isPositive();
        assertThat(get("/api/v1/heads-of-mission?sending=FJ", position).json().findValuesAsText("missionId"))
                .containsExactly("FJ-TO-EMBASSY-NUKUALOFA", "FJ-WS-EMBASSY-APIA");
    }

    /** The key's version at the point by its probe and by the scan of every version; 1 if there is one. */
    private int compare(TimePoint point, String slot, String table, List<String> key, List<Object> values) {
        KeyVersion version = point.version(table, key).inSlot(slot);
        List<Map<String, Object>> probed = jdbc.queryForList(version.sql(), version.args(values.toArray()));
        Sql scan = Sql.of("SELECT * FROM " + table + " WHERE ")
                .add(point.rows(null, slot))
                .add(
                        key.stream()
                                .map(column -> " AND " + column + " = ?")
                                .collect(java.util.stream.Collectors.joining()),
                        values.toArray());
        List<Map<String, Object>> scanned = jdbc.queryForList(scan.text(), scan.args());
        assertThat(probed)
                .as(table + " " + values + " in slot " + slot + " at " + point)
                .isEqualTo(scanned);
        return scanned.size();
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static JsonNode item(JsonNode page, String field, String value) {
        for (JsonNode item : page.path("items")) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        return null;
    }

    private long send(String command, String json) {
        return ledger.accepted(command, json).get("position").asLong();
    }

    private Response get(String path, long atLeast) {
        Response[] last = new Response[1];
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> (last[0] = ledger.get("analyst", path, atLeast)).status() != 503);
        return last[0];
    }
}
