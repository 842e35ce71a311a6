package org.diplomaticledger.history.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.diplomaticledger.history.HistoryQueries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureJdbc;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A slice, not the application: the history controller, the security filter chains and the problem advice over the
 * ledger's real schema (Flyway's migrations on an in-memory H2), with events stored as rows the way the event store
 * stores them. No Axon, no projections, no Tomcat: it starts in a fraction of a whole ledger's time, and proves what
 * the web layer adds on its own: who may read a history, how its paging is bound and refused, and that what a row
 * holds (actor, source, effective date) reaches the answer.
 */
@WebMvcTest(controllers = HistoryController.class)
@AutoConfigureJdbc
@AutoConfigureTestDatabase
@Import({HistoryQueries.class, HistoryWebSliceTest.Security.class})
@ActiveProfiles("test")
class HistoryWebSliceTest {

    /** The application's security configuration and what it needs, picked by name (they are package-private). */
    @TestConfiguration(proxyBeanMethods = false)
    @ComponentScan(
            basePackages = "org.diplomaticledger",
            useDefaultFilters = false,
            includeFilters =
                    @ComponentScan.Filter(
                            type = FilterType.REGEX,
                            pattern = {
                                "org\\.diplomaticledger\\.security\\.SecurityConfiguration",
                                "org\\.diplomaticledger\\.security\\.ManagementPorts",
                                "org\\.diplomaticledger\\.ledger\\.web\\.CommandMetrics"
                            }))
    static class Security {
        @org.springframework.context.annotation.Bean
        java.time.Clock clock() {
            return java.time.Clock.systemUTC();
        }

        @org.springframework.context.annotation.Bean
        io.micrometer.core.instrument.MeterRegistry meterRegistry() {
            return new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        }
    }

    private static final String PRESENCE = "GD-LC";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void twoEventsOfOnePresence() {
        jdbc.update("DELETE FROM domain_event_entry");
        store(0, "org.diplomaticledger.presence.api.MissionOpened", """
                {"missionId":"GD-LC-EMBASSY-CASTRIES","effectiveDate":"2019-03-01","source":{"name":"Gazette"}}""", """
                {"actor":"clerk","correlationId":"c-1","command":"OpenMission"}""");
        store(1, "org.diplomaticledger.presence.api.StaffCountReported", """
                {"headcount":4,"effectiveDate":"2019-04-01","source":{"name":"Annual report"}}""", """
                {"actor":"clerk","correlationId":"c-2","command":"RecordStaffCount"}""");
    }

    private void store(long sequence, String payloadType, String payload, String metaData) {
        jdbc.update(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                        + "time_stamp, payload_type, payload, meta_data) VALUES (?, ?, ?, 'Presence', ?, ?, ?, ?)",
                "e-" + sequence,
                PRESENCE,
                sequence,
                "2024-01-0" + (sequence + 1) + "T10:00:00Z",
                payloadType,
                payload.getBytes(StandardCharsets.UTF_8),
                metaData.getBytes(StandardCharsets.UTF_8));
    }

    private static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String user) {
        // The test profile's users have their name as password.
        return request.header(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anAuditorReadsWhoRecordedWhatOnWhichSourceInSequence() throws Exception {
        mvc.perform(as(get("/api/v1/presences/GD/LC/history"), "auditor"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.aggregateId").value(PRESENCE))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[0].type").value("MissionOpened"))
                .andExpect(jsonPath("$.items[0].actor").value("clerk"))
                .andExpect(jsonPath("$.items[0].source.name").value("Gazette"))
                .andExpect(jsonPath("$.items[0].effectiveDate").value("2019-03-01"))
                .andExpect(jsonPath("$.items[0].command").value("OpenMission"))
                .andExpect(jsonPath("$.items[1].type").value("StaffCountReported"))
                .andExpect(jsonPath("$.items[1].payload.headcount").value(4))
                .andExpect(jsonPath("$.items[1].status").value("RECORDED"));
    }

    @Test
    void aPageAndItsSizeAreBoundAndCounted() throws Exception {
        mvc.perform(as(get("/api/v1/presences/GD/LC/history?page=1&size=1"), "clerk"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.size").value(1))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].type").value("StaffCountReported"));
    }

    @Test
    void badPagingAndBadStatesAreProblemsNamingTheField() throws Exception {
        String[][] cases = {
            {"/api/v1/presences/GD/LC/history?size=abc", "size"},
            {"/api/v1/presences/GD/LC/history?size=0", "size"},
            {"/api/v1/presences/GD/LC/history?page=-1", "page"},
            {"/api/v1/presences/G1/LC/history", "sendingState"},
        };
        for (String[] bad : cases) {
            mvc.perform(as(get(bad[0]), "auditor"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(400))
                    .andExpect(jsonPath("$.detail", containsString(bad[1])));
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class))
                .isEqualTo(2);
    }

    @Test
    void analystsMayNotReadWhoRecordedWhatAndStrangersMustSignIn() throws Exception {
        mvc.perform(as(get("/api/v1/presences/GD/LC/history"), "analyst"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));
        mvc.perform(as(head("/api/v1/presences/GD/LC/history"), "integrator")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/presences/GD/LC/history"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("Basic")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
