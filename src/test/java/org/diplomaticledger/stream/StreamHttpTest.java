package org.diplomaticledger.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Event pages and the stream on the shared test ledger, with the states Cambodia (KH), Laos (LA) and Brunei (BN),
 * which no other test class uses.
 */
class StreamHttpTest extends LedgerIntegrationTest {

    @Autowired
    TransactionTemplate transactions;

    private long before;
    private long last;

    @BeforeEach
    void history() {
        before = eventCount() == 0
                ? 0
                : jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        ledger.accepted("OpenMission", """
                {"sendingState": "KH", "receivingState": "LA", "kind": "CONSULATE", "city": "Pakse %d",
                 "effectiveDate": "1999-03-01", "source": "Cambodian MFA"}""".formatted(System.nanoTime()));
        ledger.accepted("RecordStaffCount", """
                {"sendingState": "KH", "receivingState": "LA", "headcount": 12, "effectiveDate": "2005-06-01", "source": "x"}""");
        ledger.accepted("ScheduleTalks", """
                {"talksId": "kh-la-border-%d", "parties": ["KH", "LA"], "venue": {"city": "Bangkok", "country": "TH"},
                 "date": "2030-02-01", "scope": "border", "format": "OFFICIALS", "effectiveDate": "2029-12-01", "source": "Reuters"}""".formatted(System.nanoTime()));
        // Positions taken by writes that rolled back (outside the ledger's writer): the stream and pages pass them by.
        transactions.executeWithoutResult(tx -> {
            for (int i = 0; i < 30; i++) {
                jdbc.update(
                        "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                                + "time_stamp, payload_type, payload) VALUES (?, 'kh-gap', ?, 'Gap', '2025-01-01T00:00:00Z', 'Gap', ?)",
                        "kh-gap-" + System.nanoTime() + "-" + i,
                        System.nanoTime() + i,
                        new byte[] {0});
            }
            tx.setRollbackOnly();
        });
        JsonNode postponed = ledger.accepted("RecordStaffCount", """
                {"sendingState": "BN", "receivingState": "LA", "headcount": 4, "effectiveDate": "2010-01-01", "source": "x"}""");
        last = postponed.path("position").asLong();
    }

    @Test
    void pagesFollowNextInLedgerOrderAndFilter() {
        List<JsonNode> all = new ArrayList<>();
        String path = "/api/v1/events?after=" + before + "&limit=2&atLeast=" + last;
        for (int page = 0; page < 100 && path != null; page++) {
            Response response = ledger.get("integrator", path);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            response.json().path("events").forEach(all::add);
            assertThat(response.json().path("events").size()).isLessThanOrEqualTo(2);
            String link = response.header("Link");
            path = link == null ? null : link.substring(link.indexOf("/api"), link.indexOf('>'));
        }
        List<Long> positions = all.stream()
                .map(e -> Long.parseLong(e.path("ledgerposition").asText()))
                .toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates().contains(last);
        assertThat(positions.get(0)).isGreaterThan(before);

        JsonNode kh = ledger.get("auditor", "/api/v1/events?after=" + before + "&state=KHM")
                .json();
        assertThat(kh.path("events"))
                .extracting(e -> e.path("type").asText())
                .containsExactly(
                        "org.diplomaticledger.MissionOpened.v2",
                        "org.diplomaticledger.StaffCountReported.v1",
                        "org.diplomaticledger.TalksScheduled.v1");
        JsonNode bn = ledger.get("integrator", "/api/v1/events?after=" + before + "&state=BN")
                .json();
        assertThat(bn.path("events")).hasSize(1);
        assertThat(bn.path("events").get(0).path("subject").asText()).isEqualTo("BN-LA");
        JsonNode typed = ledger.get(
                        "integrator",
                        "/api/v1/events?after=" + before
                                + "&type=MissionOpened,org.diplomaticledger.StaffCountReported.v1&state=LA")
                .json();
        assertThat(typed.path("events"))
                .extracting(e -> e.path("subject").asText())
                .containsExactly("KH-LA", "KH-LA", "BN-LA");
        JsonNode dated = ledger.get(
                        "integrator", "/api/v1/events?after=" + before + "&state=LA&from=2000-01-01&to=2010-01-01")
                .json();
        assertThat(dated.path("events"))
                .extracting(e -> e.path("effectivedate").asText())
                .containsExactly("2005-06-01", "2010-01-01");
        JsonNode aggregate = ledger.get("integrator", "/api/v1/events?after=" + before + "&aggregate=KH-LA")
                .json();
        assertThat(aggregate.path("events"))
                .allSatisfy(e -> assertThat(e.path("subject").asText()).isEqualTo("KH-LA"))
                .hasSize(2);

        Response ndjson =
                ledger.getAccept("integrator", "/api/v1/events?after=" + before + "&state=KH", "application/x-ndjson");
        assertThat(ndjson.header("Content-Type")).startsWith("application/x-ndjson");
        String[] lines = ndjson.body().split("\n");
        assertThat(lines).hasSize(3);
        CloudEvent first = SseLines.CLOUD_EVENTS.deserialize(lines[0].getBytes(StandardCharsets.UTF_8));
        assertThat(first.getSubject()).isEqualTo("KH-LA");
        assertThat(first.getExtension("effectivedate")).isEqualTo("1999-03-01");
    }

    @Test
    void integratorsAuditorsAndClerksReadPagesOthersDoNot() {
        assertThat(ledger.get("integrator", "/api/v1/events?limit=1").status()).isEqualTo(200);
        assertThat(ledger.get("auditor", "/api/v1/events?limit=1").status()).isEqualTo(200);
        // Clerks read pages to find the event id a CorrectEntry names (issue 18), but no stream.
        Response clerk = ledger.get("clerk", "/api/v1/events?limit=1");
        assertThat(clerk.status()).as(clerk.toString()).isEqualTo(200);
        assertThat(clerk.json().path("events").get(0).path("id").asText()).isNotBlank();
        try (SseLines clerkStream = SseLines.open(SseLines.client(), port, "clerk", "/api/v1/stream", null)) {
            assertThat(clerkStream.status).isEqualTo(403);
        }
        Response analystPage = ledger.get("analyst", "/api/v1/events");
        assertThat(analystPage.status()).isEqualTo(403);
        assertThat(analystPage.header("Content-Type")).startsWith("application/problem+json");
        assertThat(ledger.get(null, "/api/v1/events").status()).isEqualTo(401);
        // The INTEGRATOR role still reads nothing else.
        assertThat(ledger.get("integrator", "/api/v1/talks").status()).isEqualTo(403);
        try (SseLines analyst = SseLines.open(SseLines.client(), port, "analyst", "/api/v1/stream", null)) {
            assertThat(analyst.status).isEqualTo(403);
        }
        try (SseLines auditor = SseLines.open(SseLines.client(), port, "auditor", "/api/v1/stream", null)) {
            assertThat(auditor.status).isEqualTo(403);
        }
    }

    @Test
    void badParametersAreNamed() {
        for (String[] bad : new String[][] {
            {"limit=0", "limit"},
            {"limit=abc", "limit"},
            {"limit=5000", "limit"},
            {"after=-1", "after"},
            {"after=x", "after"},
            {"type=NoSuchEvent", "type"},
            {"state=Narnia", "state"},
            {"from=2020-13-01", "from"},
            {"from=2020-01-02&to=2020-01-01", "from"},
            {"to=tomorrow", "to"}
        }) {
            Response response = ledger.get("integrator", "/api/v1/events?" + bad[0]);
            assertThat(response.status()).as(bad[0]).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().path("parameter").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
        try (SseLines stream = SseLines.open(SseLines.client(), port, "integrator", "/api/v1/stream?type=Nope", null)) {
            assertThat(stream.status).isEqualTo(400);
        }
        try (SseLines stream = SseLines.open(SseLines.client(), port, "integrator", "/api/v1/stream", "abc")) {
            assertThat(stream.status).isEqualTo(400);
        }
    }

    @Test
    void theStreamCatchesUpThenGoesLiveAndResumesFromTheLastId() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            HttpClient http = SseLines.client();
            String liveId;
            try (SseLines stream =
                    SseLines.open(http, port, "integrator", "/api/v1/stream?state=KH&after=" + before, null)) {
                assertThat(stream.status).isEqualTo(200);
                List<String> types = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    SseLines.Message message = stream.next();
                    assertThat(message.id()).isEqualTo(message.data().getExtension("ledgerposition"));
                    assertThat(Long.parseLong(message.id())).isGreaterThan(before);
                    types.add(message.event());
                }
                assertThat(types).containsExactly("MissionOpened", "StaffCountReported", "TalksScheduled");
                long written = ledger.accepted("RecordStaffCount", """
                        {"sendingState": "KH", "receivingState": "LA", "headcount": 13, "source": "live"}""")
                        .path("position")
                        .asLong();
                SseLines.Message live = stream.next();
                assertThat(live.id()).isEqualTo(Long.toString(written));
                assertThat(live.data().getType()).isEqualTo("org.diplomaticledger.StaffCountReported.v1");
                liveId = live.id();
            }
            long missed =
                    ledger.accepted("RecordStaffCount", """
                    {"sendingState": "LA", "receivingState": "KH", "headcount": 3, "source": "while away"}""").path("position").asLong();
            try (SseLines resumed =
                    SseLines.open(http, port, "integrator", "/api/v1/stream?state=KH&after=0", liveId)) {
                SseLines.Message next = resumed.next();
                assertThat(next.id()).isEqualTo(Long.toString(missed));
                assertThat(next.data().getSubject()).isEqualTo("LA-KH");
            }
        });
    }
}
