package org.diplomaticledger.states.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.diplomaticledger.support.LedgerClient;
import org.diplomaticledger.support.LedgerClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The historic sample of the demo data (demo/06-historic-missions.ndjson: the US legation, then embassy, in London,
 * the embassy in Berlin closed at war in 1941, the embassy in Moscow under the USSR's code), imported through
 * {@code POST /api/v1/imports} into ledgers without the demo, and asked as of days in its past. The file is newest
 * first, with each mission's opening ahead of the facts about it; the same lines imported oldest first, or strictly
 * newest first, each on a ledger of their own, answer the same.
 */
class HistoricSampleHttpTest {

    private static final String SAMPLE = "demo/06-historic-missions.ndjson";
    private static final String LONDON = "US-GB-LEGATION-LONDON";
    private static final String BERLIN = "US-DE-EMBASSY-BERLIN";
    private static final String MOSCOW = "US-SU-EMBASSY-MOSCOW";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Ledger newestFirst;
    private static Ledger oldestFirst;
    private static List<String> lines;
    private static long newestPosition;
    private static long oldestPosition;

    @BeforeAll
    static void importTheSampleInBothOrders() throws IOException {
        try (InputStream in = new ClassPathResource(SAMPLE).getInputStream()) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .toList();
        }
        newestFirst = Ledger.start();
        Response newest = newestFirst.importLines(lines);
        assertThat(newest.status()).as(newest.toString()).isEqualTo(200);
        assertThat(newest.json().path("commands").asInt()).isEqualTo(lines.size());
        assertThat(newest.json().path("events").asInt()).isEqualTo(lines.size());
        newestPosition = newest.json().path("position").asLong();

        oldestFirst = Ledger.start();
        Response oldest = oldestFirst.importLines(oldestFirst(lines));
        assertThat(oldest.status()).as(oldest.toString()).isEqualTo(200);
        assertThat(oldest.json().path("events").asInt()).isEqualTo(lines.size());
        oldestPosition = oldest.json().path("position").asLong();
    }

    @AfterAll
    static void stop() {
        if (newestFirst != null) {
            newestFirst.close();
        }
        if (oldestFirst != null) {
            oldestFirst.close();
        }
    }

    /**
     * Newest first, with two exceptions the ledger needs within one import: a mission's opening comes before the facts
     * about it (else {@code unknown-aggregate}, or {@code unknown-mission} once something of the pair is recorded), and
     * a head's tenure is in date order, appointment first (else {@code not-appointed}). So each tenure counts here as
     * one fact, on the day it began.
     */
    @Test
    void theFileIsNewestFirstAfterEachMissionsOpening() {
        assertThat(lines.subList(0, 3)).allMatch(l -> command(l).equals("OpenMission"));
        Map<String, String> tenureBegan = new HashMap<>();
        for (String line : lines) {
            String person = json(line).path("payload").path("personId").asText("");
            if (!person.isEmpty()) {
                tenureBegan.merge(person, effectiveDate(line), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        List<String> facts = lines.subList(3, lines.size()).stream()
                .map(line -> {
                    String person = json(line).path("payload").path("personId").asText("");
                    return person.isEmpty() ? effectiveDate(line) : tenureBegan.get(person);
                })
                .toList();
        assertThat(facts).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(lines).allMatch(l -> !json(l).path("payload").path("source").isMissingNode());
    }

    @Test
    void londonIsALegationUntilBayardPresentsHisCredentialsAsAmbassador() {
        JsonNode in1890 = mission(newestFirst, LONDON, "1890-01-01", newestPosition);
        assertThat(in1890.path("status").asText()).isEqualTo("OPEN");
        assertThat(in1890.path("kind").asText()).isEqualTo("LEGATION");
        assertThat(mission(newestFirst, LONDON, "1893-06-21", newestPosition)
                        .path("kind")
                        .asText())
                .isEqualTo("LEGATION");
        JsonNode in1895 = mission(newestFirst, LONDON, "1895-01-01", newestPosition);
        assertThat(in1895.path("kind").asText()).isEqualTo("EMBASSY");
        assertThat(in1895.path("statusSince").asText())
                .as("the raise does not reopen it")
                .isEqualTo("1785-06-01");
        assertThat(newestFirst
                        .read("/api/v1/presences/US/GB?asOf=1890-01-01", newestPosition)
                        .path("missions")
                        .findValuesAsText("kind"))
                .containsExactly("LEGATION");
        assertThat(newestFirst
                        .read("/api/v1/presences/US/GB?asOf=1895-01-01", newestPosition)
                        .path("missions")
                        .findValuesAsText("kind"))
                .containsExactly("EMBASSY");
        // The mission keeps the id it was opened under.
        assertThat(newestFirst
                        .client
                        .get("analyst", "/api/v1/missions/US-GB-EMBASSY-LONDON")
                        .status())
                .isEqualTo(404);

        JsonNode post1895 = post(newestFirst, LONDON, "1895-01-01", newestPosition);
        assertThat(post1895.path("kind").asText()).isEqualTo("EMBASSY");
        assertThat(post1895.path("current").path("personId").asText()).isEqualTo("thomas-f-bayard");
        assertThat(post1895.path("current").path("headClass").asText()).isEqualTo("AMBASSADOR");
        assertThat(post1895.path("current").path("since").asText()).isEqualTo("1893-06-22");
        JsonNode post1893 = post(newestFirst, LONDON, "1893-05-01", newestPosition);
        assertThat(post1893.path("kind").asText()).isEqualTo("LEGATION");
        assertThat(post1893.path("current").path("personId").asText())
                .as("appointed, not yet in office")
                .isNotEqualTo("thomas-f-bayard");
        assertThat(post(newestFirst, LONDON, "1898-01-01", newestPosition)
                        .path("vacant")
                        .asBoolean())
                .as("Bayard's successors are not in the sample")
                .isTrue();

        assertThat(newestFirst
                        .read("/api/v1/missions?state=GB&kind=LEGATION&asOf=1890-01-01", newestPosition)
                        .path("items")
                        .findValuesAsText("missionId"))
                .containsExactly(LONDON);
        assertThat(newestFirst
                        .read("/api/v1/missions?state=GB&kind=LEGATION&asOf=1900-01-01", newestPosition)
                        .path("items")
                        .size())
                .isZero();
    }

    @Test
    void berlinIsClosedFromGermanysDeclarationOfWar() {
        assertThat(newestFirst
                        .client
                        .get("analyst", "/api/v1/missions/" + BERLIN + "?asOf=1920-01-01", newestPosition)
                        .status())
                .as("not yet opened")
                .isEqualTo(404);
        JsonNode in1930 = mission(newestFirst, BERLIN, "1930-01-01", newestPosition);
        assertThat(in1930.path("status").asText()).isEqualTo("OPEN");
        assertThat(in1930.path("kind").asText()).isEqualTo("EMBASSY");
        assertThat(mission(newestFirst, BERLIN, "1941-12-10", newestPosition)
                        .path("status")
                        .asText())
                .isEqualTo("OPEN");
        JsonNode in1942 = mission(newestFirst, BERLIN, "1942-01-01", newestPosition);
        assertThat(in1942.path("status").asText()).isEqualTo("CLOSED");
        assertThat(in1942.path("statusSince").asText()).isEqualTo("1941-12-11");
    }

    @Test
    void moscowIsTheEmbassyToTheUssrHeadedByBullittFrom1933To1936() {
        JsonNode in1935 = mission(newestFirst, MOSCOW, "1935-01-01", newestPosition);
        assertThat(in1935.path("status").asText()).isEqualTo("OPEN");
        assertThat(in1935.path("receivingState").asText()).isEqualTo("SU");
        JsonNode post1935 = post(newestFirst, MOSCOW, "1935-01-01", newestPosition);
        assertThat(post1935.path("current").path("personId").asText()).isEqualTo("william-c-bullitt");
        assertThat(post1935.path("current").path("since").asText()).isEqualTo("1933-12-13");
        assertThat(post(newestFirst, MOSCOW, "1937-01-01", newestPosition)
                        .path("vacant")
                        .asBoolean())
                .isTrue();
        assertThat(mission(newestFirst, MOSCOW, "1990-01-01", newestPosition)
                        .path("status")
                        .asText())
                .isEqualTo("OPEN");
        JsonNode in1992 = mission(newestFirst, MOSCOW, "1992-01-01", newestPosition);
        assertThat(in1992.path("status").asText()).isEqualTo("CLOSED");
        assertThat(in1992.path("statusSince").asText()).isEqualTo("1991-12-25");
    }

    @Test
    void importedOldestFirstTheSampleAnswersTheSame() {
        for (String mission : List.of(LONDON, BERLIN, MOSCOW)) {
            for (String day : List.of(
                    "1800-01-01",
                    "1890-01-01",
                    "1893-06-22",
                    "1895-01-01",
                    "1898-01-01",
                    "1925-01-01",
                    "1935-01-01",
                    "1937-01-01",
                    "1941-12-11",
                    "1942-01-01",
                    "1990-01-01",
                    "1992-01-01")) {
                assertThat(answer(oldestFirst, mission, day, oldestPosition))
                        .as(mission + " as of " + day)
                        .isEqualTo(answer(newestFirst, mission, day, newestPosition));
            }
        }
    }

    /**
     * Strictly by date, newest first, facts come before their mission's opening and a tenure's end before its
     * appointment: each such line is refused where it stands, and tried again once the rest of the import ran. The
     * import is accepted, and answers as the file oldest first does.
     */
    @Test
    void strictlyNewestFirstTheImportIsAcceptedAndAnswersAsOldestFirst() throws IOException {
        try (Ledger strictly = Ledger.start()) {
            List<String> newest = new ArrayList<>(lines);
            newest.sort(
                    Comparator.comparing(HistoricSampleHttpTest::effectiveDate).reversed());
            assertThat(command(newest.get(0)))
                    .as("the first line is a fact of a mission not yet opened")
                    .isNotEqualTo("OpenMission");
            assertThat(newest).isNotEqualTo(lines);
            long before = strictly.events();
            Response imported = strictly.importLines(newest);
            assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
            assertThat(imported.json().path("events").asInt()).isEqualTo(lines.size());
            assertThat(strictly.events()).isEqualTo(before + lines.size());
            // The receipts follow the file's lines.
            assertThat(imported.json().path("lines").get(0).path("line").asInt())
                    .isEqualTo(1);
            assertThat(imported.json()
                            .path("lines")
                            .get(0)
                            .path("receipt")
                            .path("command")
                            .asText())
                    .isEqualTo(command(newest.get(0)));
            long position = imported.json().path("position").asLong();
            for (String mission : List.of(LONDON, BERLIN, MOSCOW)) {
                for (String day : List.of(
                        "1800-01-01",
                        "1890-01-01",
                        "1893-06-22",
                        "1895-01-01",
                        "1898-01-01",
                        "1925-01-01",
                        "1935-01-01",
                        "1937-01-01",
                        "1941-12-11",
                        "1942-01-01",
                        "1990-01-01",
                        "1992-01-01")) {
                    assertThat(answer(strictly, mission, day, position))
                            .as(mission + " as of " + day)
                            .isEqualTo(answer(oldestFirst, mission, day, oldestPosition));
                }
            }
        }
    }

    /** What the reads say of a mission on a day: its status and kind, and who heads it. */
    private static String answer(Ledger ledger, String missionId, String asOf, long atLeast) {
        Response read = ledger.client.get("analyst", "/api/v1/missions/" + missionId + "?asOf=" + asOf, atLeast);
        if (read.status() == 404) {
            return "not yet opened";
        }
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        JsonNode mission = read.json().path("mission");
        JsonNode post = post(ledger, missionId, asOf, atLeast);
        JsonNode current = post.path("current");
        return String.join(
                " ",
                mission.path("status").asText(),
                mission.path("statusSince").asText(),
                mission.path("kind").asText(),
                post.path("kind").asText(),
                String.valueOf(post.path("vacant").asBoolean()),
                current.path("personId").asText(),
                current.path("headClass").asText(),
                current.path("since").asText(),
                current.path("status").asText());
    }

    private static JsonNode mission(Ledger ledger, String missionId, String asOf, long atLeast) {
        return ledger.read("/api/v1/missions/" + missionId + "?asOf=" + asOf, atLeast)
                .path("mission");
    }

    private static JsonNode post(Ledger ledger, String missionId, String asOf, long atLeast) {
        JsonNode items = ledger.read("/api/v1/heads-of-mission?missionId=" + missionId + "&asOf=" + asOf, atLeast)
                .path("items");
        assertThat(items.size()).as(missionId + " as of " + asOf).isEqualTo(1);
        return items.get(0);
    }

    /** Oldest first: by date, and within a day in the reverse of the file's order. */
    private static List<String> oldestFirst(List<String> lines) {
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparing(HistoricSampleHttpTest::effectiveDate).reversed());
        List<String> reversed = new ArrayList<>(sorted);
        Collections.reverse(reversed);
        assertThat(reversed).isNotEqualTo(lines);
        return reversed;
    }

    private static String effectiveDate(String line) {
        return json(line).path("payload").path("effectiveDate").asText();
    }

    private static String command(String line) {
        return json(line).path("command").asText();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ledger of its own, the test profile without the demo, in a fresh data directory. */
    private static final class Ledger implements AutoCloseable {
        final ConfigurableApplicationContext context;
        final LedgerClient client;

        private Ledger(ConfigurableApplicationContext context) {
            this.context = context;
            this.client = new LedgerClient(
                    ((WebServerApplicationContext) context).getWebServer().getPort());
        }

        static Ledger start() throws IOException {
            String dir = Files.createTempDirectory("ledger-historic-sample-").toString();
            return new Ledger(new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                    .profiles("test")
                    .run("--ledger.data-dir=" + dir, "--server.port=0"));
        }

        Response importLines(List<String> lines) {
            return client.post(
                    "clerk", "/api/v1/imports", "application/x-ndjson", String.join("\n", lines) + "\n", Map.of());
        }

        JsonNode read(String path, long atLeast) {
            Response response = client.get("analyst", path, atLeast);
            assertThat(response.status()).as(path + ": " + response).isEqualTo(200);
            return response.json();
        }

        long events() {
            return context.getBean(JdbcTemplate.class)
                    .queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
