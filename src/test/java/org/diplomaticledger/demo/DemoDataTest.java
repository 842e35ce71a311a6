package org.diplomaticledger.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.diplomaticledger.DiplomaticLedgerApplication;
import org.diplomaticledger.states.api.RegisterState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo data loads, as a whole, into an empty ledger on a fresh data directory, and a restart on the same
 * directory leaves it as it is.
 */
@SpringBootTest(properties = "ledger.demo.load=true")
@ActiveProfiles("test")
class DemoDataTest {

    private static final Path DATA_DIR = createDataDir();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("demo-data-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", DATA_DIR::toString);
    }

    @AfterAll
    static void removeDataDir() throws IOException {
        // the cached test context may still hold the H2 files open; remove what can be removed
        try (Stream<Path> files = Files.walk(DATA_DIR)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void writesOneEventPerDemoLineAllByTheDemoLoader() throws IOException {
        // Besides the demo, the ledger holds the register of states, seeded once on the first start.
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                        Long.class,
                        RegisterState.REGISTER_ID))
                .isEqualTo(1);
        assertThat(events() - 1).isEqualTo(demoLines()).isGreaterThanOrEqualTo(70);
        List<String> actors = jdbc.query(
                "SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier <> ?",
                (rs, i) -> json(rs.getBytes(1)).path("actor").asText(),
                RegisterState.REGISTER_ID);
        assertThat(actors).isNotEmpty().containsOnly("demo-loader");
    }

    @Test
    void theApril2025IstanbulTalksAreForDiplomatsOnlyWithBothDelegations() {
        JsonNode scheduled = payloadsOf("istanbul-2025-04-10", "TalksScheduled").get(0);
        assertThat(scheduled.path("format").asText()).isEqualTo("DIPLOMATS_ONLY");
        assertThat(scheduled.path("date").asText()).isEqualTo("2025-04-10");
        assertThat(scheduled.path("venue").path("city").asText()).isEqualTo("Istanbul");
        assertThat(scheduled.path("venue").path("country").asText()).isEqualTo("TR");
        assertThat(scheduled.path("venue").path("place").asText()).isEqualTo("Russian consulate-general");
        assertThat(scheduled.path("scope").asText()).isEqualTo("Embassy operations");

        List<JsonNode> delegations = payloadsOf("istanbul-2025-04-10", "DelegationNamed");
        assertThat(delegations)
                .extracting(d -> d.path("state").asText() + ":"
                        + d.path("head").path("personId").asText())
                .containsExactlyInAnyOrder("RU:alexander-darchiev", "US:sonata-coulter");
        assertThat(delegations).allMatch(d -> d.path("head").path("diplomat").asBoolean());

        assertThat(payloadsOf("istanbul-2025-04-10", "TalksHeld")
                        .get(0)
                        .path("heldOn")
                        .asText())
                .isEqualTo("2025-04-10");
        assertThat(payloadsOf("istanbul-2025-04-10", "TalksConcluded")
                        .get(0)
                        .path("outcome")
                        .asText())
                .isEqualTo("CONTINUED");
    }

    @Test
    void darchievIsAppointedAmbassadorInWashington() {
        List<JsonNode> appointed = payloadsOf("RU-US", "AmbassadorAppointed").stream()
                .filter(p -> p.path("personId").asText().equals("alexander-darchiev"))
                .toList();
        assertThat(appointed).hasSize(1);
        assertThat(appointed.get(0).path("missionId").asText()).isEqualTo("RU-US-EMBASSY-WASHINGTON");
        assertThat(appointed.get(0).path("agrementReported").asBoolean()).isTrue();
        assertThat(appointed.get(0).path("effectiveDate").asText()).isEqualTo("2025-03-06");
    }

    @Test
    void russiasReciprocal2018ExpulsionNamesTheOneItAnswers() {
        JsonNode answer = payloadsOf("US-RU", "DiplomatExpelled").stream()
                .filter(p -> p.path("expulsionId").asText().equals("ru-expels-60-2018-03-29"))
                .findFirst()
                .orElseThrow();
        assertThat(answer.path("answersExpulsionId").asText()).isEqualTo("us-expels-60-2018-03-26");
        assertThat(answer.path("count").asInt()).isEqualTo(60);
        assertThat(payloadsOf("RU-US", "DiplomatExpelled"))
                .anyMatch(p -> p.path("expulsionId").asText().equals("us-expels-60-2018-03-26")
                        && p.path("count").asInt() == 60);
    }

    @Test
    void aHistoricThreadRunsUnderTheUssrsCodeUntilTheEmbassyCarriesOnUnderRussias() {
        JsonNode opened = payloadsOf("US-SU", "MissionOpened").get(0);
        assertThat(opened.path("missionId").asText()).isEqualTo("US-SU-EMBASSY-MOSCOW");
        assertThat(opened.path("effectiveDate").asText()).isEqualTo("1933-11-16");
        JsonNode closed = payloadsOf("US-SU", "MissionClosed").get(0);
        assertThat(closed.path("reason").asText()).isEqualTo("STATE_SUCCESSION");
        assertThat(closed.path("effectiveDate").asText()).isEqualTo("1991-12-25");
        assertThat(payloadsOf("US-RU", "MissionOpened"))
                .anyMatch(p -> p.path("missionId").asText().equals("US-RU-EMBASSY-MOSCOW")
                        && p.path("effectiveDate").asText().equals("1991-12-25"));
        assertThat(payloadsOf("US-GB", "MissionRankChanged")
                        .get(0)
                        .path("effectiveDate")
                        .asText())
                .isEqualTo("1893-06-22");
    }

    @Test
    void aRestartOnTheSameDataDirectoryDoesNotLoadTheDemoAgain() {
        long before = events();
        // As command-line arguments: builder .properties(...) are only defaults, which application.properties
        // and application-test.properties (ledger.data-dir=./data, ledger.demo.load=false) would override.
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(DiplomaticLedgerApplication.class)
                .profiles("test")
                .properties("spring.main.banner-mode=off")
                .run("--ledger.demo.load=true", "--ledger.data-dir=" + DATA_DIR, "--server.port=0")) {
            assertThat(restarted.getEnvironment().getProperty("ledger.data-dir"))
                    .isEqualTo(DATA_DIR.toString());
            assertThat(restarted
                            .getBean(JdbcTemplate.class)
                            .queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class))
                    .isEqualTo(before);
        }
        assertThat(events()).isEqualTo(before);
    }

    private long events() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    /** Every non-blank line of demo/*.ndjson is one command, and every demo command writes one event. */
    private static long demoLines() throws IOException {
        long lines = 0;
        for (var file : new PathMatchingResourcePatternResolver().getResources("classpath*:demo/*.ndjson")) {
            try (InputStream in = file.getInputStream()) {
                lines += new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .filter(l -> !l.isBlank())
                        .count();
            }
        }
        return lines;
    }

    private List<JsonNode> payloadsOf(String aggregateId, String eventType) {
        return jdbc.query(
                "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ? "
                        + "ORDER BY global_index",
                (rs, i) -> json(rs.getBytes(1)),
                aggregateId,
                "%." + eventType);
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
