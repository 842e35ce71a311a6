package org.diplomaticledger.talks.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

class TalksBoardHttpTest extends LedgerIntegrationTest {

    private long scheduleIstanbul(String id) {
        ledger.accepted("ScheduleTalks", """
                {"talksId": "%s", "parties": ["US", "RU"], "venue": {"city": "Istanbul", "country": "TR", "place": "Russian consulate-general"},
                 "date": "2025-04-10", "scope": "embassy operations", "excludedTopics": ["political issues", "security issues"],
                 "format": "DIPLOMATS_ONLY", "effectiveDate": "2025-04-08", "source": "State Department briefing"}""".formatted(id));
        ledger.accepted("NameDelegation", """
                {"talksId": "%s", "state": "RU", "head": {"name": "Alexander Darchiev", "title": "Ambassador", "diplomat": true},
                 "effectiveDate": "2025-04-08", "source": "TASS"}""".formatted(id));
        return ledger.accepted("RecordTalksHeld", """
                {"talksId": "%s", "effectiveDate": "2025-04-10", "source": "Reuters"}""".formatted(id))
                .path("position")
                .asLong();
    }

    @Test
    void readsItsOwnWriteOnTheBoardWithDelegationsAndHistory() {
        long position = scheduleIstanbul("board-istanbul");
        Response response = ledger.get("analyst", "/api/v1/talks/board-istanbul?atLeast=" + position);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(Long.parseLong(response.header("X-Ledger-Position"))).isGreaterThanOrEqualTo(position);
        JsonNode talks = response.json().path("talks");
        assertThat(talks.path("status").asText()).isEqualTo("HELD");
        assertThat(talks.path("venue").path("place").asText()).isEqualTo("Russian consulate-general");
        assertThat(talks.path("thirdLocation").asBoolean()).isTrue();
        assertThat(talks.path("parties").toString()).isEqualTo("[\"RU\",\"US\"]");
        assertThat(talks.path("excludedTopics").size()).isEqualTo(2);
        assertThat(talks.path("delegations").get(0).path("headName").asText()).isEqualTo("Alexander Darchiev");
        assertThat(response.json().path("history").findValuesAsText("status")).containsExactly("SCHEDULED", "HELD");
    }

    @Test
    void listsFiltersAndWritesCsv() {
        long position = scheduleIstanbul("board-csv");
        Response list = ledger.get(
                "auditor", "/api/v1/talks?state=USA&status=held&from=2025-04-01&to=2025-04-30&atLeast=" + position);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items").findValuesAsText("talksId")).contains("board-csv");
        assertThat(list.json().path("total").asLong()).isGreaterThanOrEqualTo(1);

        Response none = ledger.get("analyst", "/api/v1/talks?state=FR&atLeast=" + position);
        assertThat(none.json().path("items").findValuesAsText("talksId")).doesNotContain("board-csv");

        Response csv = ledger.getAccept("analyst", "/api/v1/talks?status=HELD&atLeast=" + position, "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0])
                .startsWith("talksId,title,status,statusSince,date,time,venue.city,venue.country,venue.place");
        assertThat(csv.body())
                .contains("board-csv,,HELD,2025-04-10,2025-04-10,,Istanbul,TR,Russian consulate-general,true");

        Response empty = ledger.getAccept("analyst", "/api/v1/talks?state=AQ", "text/csv");
        assertThat(empty.body()).isEqualTo(lines[0] + "\r\n");
    }

    @Test
    void answersProblemsForBadQueriesUnknownTalksAndWrongRoles() {
        assertThat(ledger.get("analyst", "/api/v1/talks?status=DONE")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("status");
        assertThat(ledger.get("analyst", "/api/v1/talks?sort=venue")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("sort");
        assertThat(ledger.get("analyst", "/api/v1/talks?state=Narnia").status()).isEqualTo(400);
        assertThat(ledger.get("analyst", "/api/v1/talks?format=nonsense")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("format");
        assertThat(ledger.get("analyst", "/api/v1/talks?from=2025-05-01&to=2025-04-01")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("from");
        assertThat(ledger.get("analyst", "/api/v1/talks?from=yesterday")
                        .json()
                        .path("parameter")
                        .asText())
                .isEqualTo("from");
        assertThat(ledger.get("analyst", "/api/v1/talks/no-such-talks").status())
                .isEqualTo(404);
        assertThat(ledger.get("clerk", "/api/v1/talks").status()).isEqualTo(403);
        assertThat(ledger.get(null, "/api/v1/talks").status()).isEqualTo(401);
    }

    @Test
    void waitsNoLongerThanAllowedForAPositionTheLedgerNeverReached() {
        Response response = ledger.get("analyst", "/api/v1/talks?atLeast=999999999");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isNotNull();
    }

    @Test
    void aRebuildEqualsTheLiveBoardAndTakesOver() {
        long position = scheduleIstanbul("board-rebuild");
        ledger.get("analyst", "/api/v1/talks?atLeast=" + position);
        String before = ledger.get("analyst", "/api/v1/talks?size=1000&atLeast=" + position)
                .json()
                .path("items")
                .toString();
        JsonNode state = ledger.get("auditor", "/api/v1/projections/talks").json();
        String slotBefore = state.path("activeSlot").asText();

        Response started = ledger.post("auditor", "/api/v1/projections/talks/rebuild", null, "", java.util.Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        JsonNode rebuilt = awaitRebuild();
        assertThat(rebuilt.path("state").asText()).isEqualTo("SWITCHED");
        assertThat(rebuilt.path("identical").asBoolean()).as(rebuilt.toString()).isTrue();
        assertThat(rebuilt.path("tables")
                        .path("talks_board")
                        .path("rebuiltRows")
                        .asLong())
                .isGreaterThan(0);

        JsonNode after = ledger.get("auditor", "/api/v1/projections/talks").json();
        assertThat(after.path("activeSlot").asText()).isNotEqualTo(slotBefore);
        assertThat(ledger.get("analyst", "/api/v1/talks?size=1000")
                        .json()
                        .path("items")
                        .toString())
                .isEqualTo(before);

        // The live processor goes on in the rebuilt slot.
        long next = ledger.accepted("ConcludeTalks", """
                {"talksId": "board-rebuild", "outcome": "CONTINUED", "effectiveDate": "2025-04-10", "source": "Reuters"}""").path("position").asLong();
        assertThat(ledger.get("analyst", "/api/v1/talks/board-rebuild?atLeast=" + next)
                        .json()
                        .path("talks")
                        .path("status")
                        .asText())
                .isEqualTo("CONCLUDED");
        assertThat(ledger.post("analyst", "/api/v1/projections/talks/rebuild", null, "", java.util.Map.of())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void everyWriterReadsItsOwnWriteWhileOthersWrite() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int writer = 0; writer < 6; writer++) {
                int w = writer;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 8; i++) {
                        String id = "ryw-" + w + "-" + i;
                        long position = ledger.accepted("ScheduleTalks", """
                                {"talksId": "%s", "parties": ["NO", "SE"], "venue": {"city": "Oslo", "country": "NO"},
                                 "date": "2026-01-01", "scope": "fisheries", "format": "EXPERTS", "source": "x"}""".formatted(id))
                                .path("position")
                                .asLong();
                        Response read = ledger.get("analyst", "/api/v1/talks/" + id + "?atLeast=" + position);
                        if (read.status() != 200
                                || !read.json()
                                        .path("talks")
                                        .path("status")
                                        .asText()
                                        .equals("SCHEDULED")
                                || Long.parseLong(read.header("X-Ledger-Position")) < position) {
                            return id + " not read back: " + read;
                        }
                        Response header = ledger.get("analyst", "/api/v1/talks?state=NO&size=1000", position);
                        if (!header.json()
                                .path("items")
                                .findValuesAsText("talksId")
                                .contains(id)) {
                            return id + " missing from the list read with X-Ledger-At-Least";
                        }
                    }
                    return "ok";
                }));
            }
            for (java.util.concurrent.Future<String> result : results) {
                assertThat(result.get()).isEqualTo("ok");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private JsonNode awaitRebuild() {
        return org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(20))
                .until(
                        () -> ledger.get("auditor", "/api/v1/projections/talks")
                                .json()
                                .path("lastRebuild"),
                        rebuild -> !rebuild.path("state").asText().equals("RUNNING"));
    }
}
