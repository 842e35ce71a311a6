package org.diplomaticledger.states.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The register of states through the real application: its seed, its reads as of a date and as known at a time,
 * ADMIN's registrations, codes in the researchers' schemes, and the existence rule on commands and imports.
 */
class StatesHttpTest extends LedgerIntegrationTest {

    private long registerEvents() {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = 'STATE-REGISTER'", Long.class);
    }

    @Test
    void theSeedHoldsTodaysAndFormerStatesWithTheirPeriods() {
        Response ussr = ledger.get("analyst", "/api/v1/states/SU");
        assertThat(ussr.status()).as(ussr.toString()).isEqualTo(200);
        assertThat(ussr.json().path("name").asText()).isEqualTo("Union of Soviet Socialist Republics");
        assertThat(ussr.json().path("periods").toString())
                .isEqualTo("[{\"from\":\"1922-12-30\",\"until\":\"1991-12-26\"}]");
        assertThat(ussr.json().path("existing").asBoolean()).isFalse();
        assertThat(ussr.json().path("successors").toString()).contains("RU");

        Response gdr = ledger.get("analyst", "/api/v1/states/DDR?asOf=1980-01-01");
        assertThat(gdr.json().path("code").asText()).isEqualTo("DD");
        assertThat(gdr.json().path("existing").asBoolean()).isTrue();
        assertThat(gdr.json().path("schemeCodes").toString()).contains("cow:265", "gw:GDR");

        JsonNode us = ledger.get("analyst", "/api/v1/states/US").json();
        assertThat(us.path("periods").get(0).path("from").asText()).isEqualTo("1776-07-04");
        assertThat(us.path("startDefault").asBoolean()).isFalse();
        JsonNode guam = ledger.get("analyst", "/api/v1/states/GU").json();
        assertThat(guam.path("periods").get(0).path("from").asText()).isEqualTo("1648-01-01");
        assertThat(guam.path("startDefault").asBoolean()).isTrue();
        assertThat(ledger.get("analyst", "/api/v1/states/CSHH")
                        .json()
                        .path("name")
                        .asText())
                .isEqualTo("Czechoslovakia");

        assertThat(registerEvents())
                .as("seeded once, in one event, however many contexts started")
                .isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = 'STATE-REGISTER'"
                                + " AND payload_type LIKE '%StatesSeeded'",
                        Long.class))
                .isEqualTo(1);
    }

    @Test
    void theListIsAsOfADateInJsonAndCsv() {
        JsonNode in1980 =
                ledger.get("analyst", "/api/v1/states?asOf=1980-06-01").json();
        assertThat(in1980.findValuesAsText("code"))
                .contains("SU", "DD", "YU", "CSHH", "US")
                .doesNotContain("RU", "CZ", "UA", "SS");
        JsonNode today = ledger.get("analyst", "/api/v1/states").json();
        assertThat(today.findValuesAsText("code"))
                .contains("RU", "CZ", "SK", "SS", "US")
                .doesNotContain("SU", "DD", "CSHH");
        JsonNode everything = ledger.get("analyst", "/api/v1/states?all=true").json();
        assertThat(everything.size()).isGreaterThan(today.size());

        Response csv = ledger.getAccept("analyst", "/api/v1/states?asOf=1995-01-01", "text/csv");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.body()).startsWith("code,alpha3,name,");
        assertThat(csv.body()).contains("\nRU,RUS,Russia,").doesNotContain("\nSU,");
    }

    @Test
    void anAdminRegistersAHistoricStateWhichThenIsKnownAtThatTimeOnly() {
        Instant before = Instant.now();
        Response registered = ledger.command("admin", "RegisterState", """
                {"code": "XBAV", "names": ["Bavaria", "Kingdom of Bavaria"],
                 "periods": [{"from": "1648-01-01", "until": "1871-01-18"}], "predecessors": [],
                 "schemeCodes": ["cow:245", "cow:BAV", "gw:245", "gw:BAV"],
                 "source": "Correlates of War state system membership"}""");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        assertThat(registered.json().path("events").get(0).path("type").asText())
                .isEqualTo("StateRegistered");

        JsonNode bavaria =
                ledger.get("analyst", "/api/v1/states/XBAV?asOf=1850-01-01").json();
        assertThat(bavaria.path("name").asText()).isEqualTo("Bavaria");
        assertThat(bavaria.path("existing").asBoolean()).isTrue();
        assertThat(ledger.get("analyst", "/api/v1/states/XBAV?knownAt=" + before)
                        .status())
                .isEqualTo(404);
        assertThat(ledger.get("analyst", "/api/v1/states/cow:245")
                        .json()
                        .path("code")
                        .asText())
                .isEqualTo("XBAV");

        // A US legation in Munich in 1850, named by its COW code; refused once Bavaria had joined the German Empire.
        Response legation = ledger.command("clerk", "OpenMission", """
                {"sendingState": "US", "receivingState": "cow:BAV", "kind": "EMBASSY", "city": "Munich",
                 "effectiveDate": "1850-01-01", "source": "test"}""");
        assertThat(legation.status()).as(legation.toString()).isEqualTo(200);
        assertThat(legation.json().path("aggregateId").asText()).isEqualTo("US-XBAV");
        String missionId = legation.json().path("ids").path("missionId").asText();
        assertThat(missionId).isEqualTo("US-XBAV-EMBASSY-MUNICH");
        Response accredited = ledger.command("clerk", "AccreditDiplomat", """
                {"missionId": "US-XBAV-EMBASSY-MUNICH", "name": "A. Envoy", "category": "DIPLOMATIC",
                 "effectiveDate": "1851-01-01", "source": "test"}""");
        assertThat(accredited.status()).as(accredited.toString()).isEqualTo(200);
        Response presence = ledger.get(
                "analyst",
                "/api/v1/presences/US/XBAV?asOf=1852-01-01&atLeast="
                        + accredited.json().path("position").asLong());
        assertThat(presence.status()).as(presence.toString()).isEqualTo(200);
        assertThat(presence.toString()).contains("\"receivingState\":\"XBAV\"");
        Response late = ledger.command("clerk", "OpenMission", """
                {"sendingState": "US", "receivingState": "XBAV", "kind": "CONSULATE", "city": "Nuremberg",
                 "effectiveDate": "1900-01-01", "source": "test"}""");
        assertThat(late.status()).as(late.toString()).isEqualTo(409);
        assertThat(late.json().path("rule").asText()).isEqualTo("state-not-in-existence");

        Response again = ledger.command("admin", "RegisterState", """
                {"code": "XBAV", "names": ["Bavaria"], "periods": [{"from": "1648-01-01"}], "source": "twice"}""");
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().path("rule").asText()).isEqualTo("state-already-registered");
    }

    @Test
    void onlyAnAdminRegistersAndOnlyInTheLedgersNamespace() {
        String hanover = """
                {"code": "XHAN", "names": ["Hanover"], "periods": [{"from": "1814-10-12", "until": "1866-09-20"}],
                 "source": "test"}""";
        Response clerk = ledger.command("clerk", "RegisterState", hanover);
        assertThat(clerk.status()).isEqualTo(403);
        assertThat(clerk.json().path("detail").asText()).endsWith("(the register of states is ADMIN's)");
        long before = registerEvents();
        Response iso = ledger.command("admin", "RegisterState", """
                {"code": "DE", "names": ["Prussia"], "periods": [{"from": "1701-01-18"}], "source": "test"}""");
        assertThat(iso.status()).as(iso.toString()).isEqualTo(400);
        assertThat(iso.json().path("field").asText()).isEqualTo("code");
        Response unknownPredecessor = ledger.command("admin", "RegisterState", """
                {"code": "XHAN", "names": ["Hanover"], "periods": [{"from": "1814-10-12", "until": "1866-09-20"}],
                 "predecessors": ["XQQQ"], "source": "test"}""");
        assertThat(unknownPredecessor.status())
                .as(unknownPredecessor.toString())
                .isEqualTo(400);
        assertThat(unknownPredecessor.json().path("field").asText()).isEqualTo("predecessors[0]");
        Response overlapping = ledger.command("admin", "RegisterState", """
                {"code": "XHAN", "names": ["Hanover"], "periods": [{"from": "1814-10-12", "until": "1866-09-20"},
                 {"from": "1860-01-01"}], "source": "test"}""");
        assertThat(overlapping.status()).as(overlapping.toString()).isEqualTo(400);
        assertThat(overlapping.json().path("field").asText()).isEqualTo("periods[1].from");
        assertThat(registerEvents()).isEqualTo(before);
    }

    @Test
    void aRegisterEntryKeepsItsSchemeCodeAndIsNotCorrectedOrRetractedByAClerk() {
        Response registered = ledger.command("admin", "RegisterState", """
                {"code": "XTUSC", "names": ["Grand Duchy of Tuscany"], "periods": [{"from": "1648-01-01", "until": "1860-03-22"}],
                 "schemeCodes": ["cow:0337"], "source": "test"}""");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        // Registered with a leading zero, found without one (and the other way round).
        assertThat(ledger.get("analyst", "/api/v1/states/cow:337")
                        .json()
                        .path("code")
                        .asText())
                .isEqualTo("XTUSC");
        assertThat(ledger.get("analyst", "/api/v1/states/cow:00337")
                        .json()
                        .path("code")
                        .asText())
                .isEqualTo("XTUSC");
        String eventId = registered.json().path("events").get(0).path("eventId").asText();
        long before = registerEvents();
        for (String revision : new String[] {"""
                {"eventId": "%s", "corrections": {"names": ["Tuscany"]}, "reason": "shorter", "source": "test"}""", """
                {"eventId": "%s", "reason": "not a state", "source": "test"}"""}) {
            Response refused = ledger.command(
                    "clerk",
                    revision.contains("corrections") ? "CorrectEntry" : "RetractEntry",
                    revision.formatted(eventId));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.json().path("rule").asText()).isEqualTo("entry-not-revisable");
            assertThat(refused.json().path("field").asText()).isEqualTo("eventId");
        }
        assertThat(registerEvents()).isEqualTo(before);
    }

    @Test
    void schemeCodesAreReadByTheirSchemeAndNeverGuessed() {
        // ISO AUS is Australia; COW AUS is Austria; COW CZE is Czechoslovakia where ISO CZE is Czechia.
        JsonNode australia = ledger.accepted("OpenMission", """
                {"sendingState": "AUS", "receivingState": "JP", "kind": "EMBASSY", "city": "Tokyo",
                 "effectiveDate": "2000-01-01", "source": "test"}""");
        assertThat(australia.path("aggregateId").asText()).isEqualTo("AU-JP");
        JsonNode austria = ledger.accepted("OpenMission", """
                {"sendingState": "cow:AUS", "receivingState": "JP", "kind": "EMBASSY", "city": "Tokyo",
                 "effectiveDate": "2000-01-01", "source": "test"}""");
        assertThat(austria.path("aggregateId").asText()).isEqualTo("AT-JP");
        JsonNode byNumber = ledger.accepted("OpenMission", """
                {"sendingState": "cow:305", "receivingState": "gw:740", "kind": "CONSULATE", "city": "Osaka",
                 "effectiveDate": "2000-01-01", "source": "test"}""");
        assertThat(byNumber.path("aggregateId").asText()).isEqualTo("AT-JP");
        JsonNode czechoslovakia = ledger.accepted("OpenMission", """
                {"sendingState": "cow:CZE", "receivingState": "JP", "kind": "EMBASSY", "city": "Tokyo",
                 "effectiveDate": "1960-01-01", "source": "test"}""");
        assertThat(czechoslovakia.path("ids").path("missionId").asText()).startsWith("CSHH-JP");
        assertThat(ledger.get("analyst", "/api/v1/states/CZE")
                        .json()
                        .path("code")
                        .asText())
                .isEqualTo("CZ");

        Response unknown = ledger.command("clerk", "OpenMission", """
                {"sendingState": "cow:999", "receivingState": "JP", "kind": "EMBASSY", "city": "Tokyo",
                 "effectiveDate": "2000-01-01", "source": "test"}""");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.json().toString()).contains("sendingState");
        Response badScheme = ledger.command("clerk", "OpenMission", """
                {"sendingState": "fips:AU", "receivingState": "JP", "kind": "EMBASSY", "city": "Tokyo",
                 "effectiveDate": "2000-01-01", "source": "test"}""");
        assertThat(badScheme.status()).as(badScheme.toString()).isEqualTo(400);
        assertThat(badScheme.json().toString()).contains("sendingState", "unknown code scheme");
    }

    @Test
    void aCommandNamingAStateOnADayItDidNotExistIsRefusedAndNothingWritten() {
        long before = eventCount();
        Response gdr = ledger.command("clerk", "OpenMission", """
                {"sendingState": "DD", "receivingState": "FR", "kind": "EMBASSY", "city": "Paris",
                 "effectiveDate": "1995-03-01", "source": "test"}""");
        assertThat(gdr.status()).as(gdr.toString()).isEqualTo(409);
        JsonNode problem = gdr.json();
        assertThat(problem.path("rule").asText()).isEqualTo("state-not-in-existence");
        assertThat(problem.path("field").asText()).isEqualTo("sendingState");
        assertThat(problem.path("state").asText()).isEqualTo("DD");
        assertThat(problem.path("periods").toString())
                .isEqualTo("[{\"from\":\"1949-10-05\",\"until\":\"1990-10-03\"}]");
        assertThat(problem.path("detail").asText()).contains("German Democratic Republic", "1995-03-01");

        Response russia = ledger.command("clerk", "ChangeRelationsLevel", """
                {"stateA": "RU", "stateB": "NO", "level": "FULL", "effectiveDate": "1975-01-01", "source": "test"}""");
        assertThat(russia.status()).as(russia.toString()).isEqualTo(409);
        assertThat(russia.json().path("field").asText()).isEqualTo("stateA");

        Response talks = ledger.command("clerk", "ScheduleTalks", """
                {"parties": ["US", "YU"], "venue": {"city": "Geneva", "country": "CH"}, "date": "2010-05-01",
                 "scope": "test", "format": "DIPLOMATS_ONLY", "effectiveDate": "2010-04-01", "source": "test"}""");
        assertThat(talks.status()).as(talks.toString()).isEqualTo(409);
        assertThat(talks.json().path("field").asText()).isEqualTo("parties[1]");

        Response unknown = ledger.command("clerk", "OpenMission", """
                {"sendingState": "XQQQ", "receivingState": "FR", "kind": "EMBASSY", "city": "Paris",
                 "effectiveDate": "1995-03-01", "source": "test"}""");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.json().path("field").asText()).isEqualTo("sendingState");
        assertThat(eventCount()).isEqualTo(before);

        // The same mission while the GDR existed, and a diplomat accredited there after German unity.
        JsonNode opened = ledger.accepted("OpenMission", """
                {"sendingState": "DD", "receivingState": "FR", "kind": "EMBASSY", "city": "Paris",
                 "effectiveDate": "1973-02-09", "source": "test"}""");
        Response accredited = ledger.command("clerk", "AccreditDiplomat", """
                {"missionId": "%s", "name": "A. Diplomat", "category": "DIPLOMATIC",
                 "effectiveDate": "1991-01-01", "source": "test"}""".formatted(
                        opened.path("ids").path("missionId").asText()));
        assertThat(accredited.status()).as(accredited.toString()).isEqualTo(409);
        assertThat(accredited.json().path("field").asText()).isEqualTo("missionId");
    }

    @Test
    void aCorrectionMovingAnEventToADayItsStateDidNotExistIsRefusedAndNothingWritten() {
        JsonNode opened = ledger.accepted("OpenMission", """
                {"sendingState": "SU", "receivingState": "NO", "kind": "EMBASSY", "city": "Oslo",
                 "effectiveDate": "1950-01-01", "source": "test"}""");
        String eventId = opened.path("events").get(0).path("eventId").asText();
        long before = eventCount();

        Response moved = ledger.command("clerk", "CorrectEntry", """
                {"eventId": "%s", "corrections": {"effectiveDate": "1995-01-01"}, "reason": "misread",
                 "source": "test"}""".formatted(eventId));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(409);
        JsonNode problem = moved.json();
        assertThat(problem.path("rule").asText()).isEqualTo("state-not-in-existence");
        assertThat(problem.path("field").asText()).isEqualTo("corrections.effectiveDate");
        assertThat(problem.path("state").asText()).isEqualTo("SU");
        assertThat(problem.path("effectiveDate").asText()).isEqualTo("1995-01-01");
        assertThat(eventCount()).isEqualTo(before);

        Response withinItsLife = ledger.command("clerk", "CorrectEntry", """
                {"eventId": "%s", "corrections": {"effectiveDate": "1955-01-01"}, "reason": "misread",
                 "source": "test"}""".formatted(eventId));
        assertThat(withinItsLife.status()).as(withinItsLife.toString()).isEqualTo(200);
    }

    @Test
    void anImportNamingTheGdrIn1995IsRefusedAsAWhole() {
        long before = eventCount();
        String ndjson = """
                {"command": "OpenMission", "payload": {"sendingState": "SE", "receivingState": "FI", "kind": "EMBASSY", "city": "Helsinki", "effectiveDate": "1995-01-01", "source": "test"}}
                {"command": "OpenMission", "payload": {"sendingState": "DD", "receivingState": "FI", "kind": "EMBASSY", "city": "Helsinki", "effectiveDate": "1995-01-01", "source": "test"}}
                """;
        Response imported = ledger.post("clerk", "/api/v1/imports", "application/x-ndjson", ndjson, Map.of());
        assertThat(imported.status()).as(imported.toString()).isEqualTo(409);
        assertThat(imported.json().path("rule").asText()).isEqualTo("state-not-in-existence");
        assertThat(imported.json().path("line").asInt()).isEqualTo(2);
        assertThat(imported.json().path("state").asText()).isEqualTo("DD");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aClerksImportCannotRegisterStates() {
        String ndjson = """
                {"command": "RegisterState", "payload": {"code": "XSIC", "names": ["Two Sicilies"], "periods": [{"from": "1816-12-08", "until": "1861-03-17"}], "source": "test"}}
                """;
        Response imported = ledger.post("clerk", "/api/v1/imports", "application/x-ndjson", ndjson, Map.of());
        assertThat(imported.status()).as(imported.toString()).isEqualTo(400);
        assertThat(imported.json().toString()).contains("ADMIN");
        assertThat(ledger.get("analyst", "/api/v1/states/XSIC").status()).isEqualTo(404);
    }
}
