package org.diplomaticledger.presence.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.diplomaticledger.support.LedgerClient.Response;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: a correction that keeps a staff or ceiling fact on its day but changes its number is judged against the
 * ceilings like any other fact, through the real application. States here (ZM in MW) are this class's own.
 */
class StaffCorrectionsHttpTest extends LedgerIntegrationTest {

    private static final String EMBASSY = "ZM-MW-EMBASSY-LILONGWE";

    private String eventId(JsonNode receipt) {
        return receipt.path("events").get(0).path("eventId").asText();
    }

    private Response correct(String eventId, String corrections) {
        return ledger.command("clerk", "CorrectEntry", """
                {"eventId": "%s", "corrections": %s, "reason": "the source misread", "source": "Nyasa Times"}""".formatted(eventId, corrections));
    }

    @Test
    void correctionsOfAHeadcountOrALimitThatWouldBreakACeilingAreRefusedNamingTheFactAndWriteNothing() {
        ledger.accepted("OpenMission", """
                {"sendingState": "ZM", "receivingState": "MW", "kind": "EMBASSY", "city": "Lilongwe",
                 "effectiveDate": "2000-01-01", "source": "test"}""");
        String ceiling = eventId(ledger.accepted("ImposeStaffCeiling", """
                {"sendingState": "ZM", "receivingState": "MW", "limit": 2, "ceilingId": "zm-mw-2",
                 "effectiveDate": "2010-01-01", "source": "test"}"""));
        String count = eventId(ledger.accepted("RecordStaffCount", """
                {"sendingState": "ZM", "receivingState": "MW", "missionId": "%s", "category": "DIPLOMATIC", "headcount": 1,
                 "effectiveDate": "2011-01-01", "source": "test"}""".formatted(EMBASSY)));
        String accreditation = eventId(ledger.accepted("AccreditDiplomat", """
                {"missionId": "%s", "name": "Chiku Banda", "category": "DIPLOMATIC", "effectiveDate": "2012-01-01",
                 "source": "test"}""".formatted(EMBASSY)));
        long before = history().path("total").asLong();

        Response headcount = correct(count, "{\"headcount\": 2}");
        assertThat(headcount.status()).as(headcount.toString()).isEqualTo(409);
        assertThat(headcount.json().path("type").asText()).endsWith(":contradicts-recorded-fact");
        JsonNode conflicting = headcount.json().path("conflictingFact");
        assertThat(conflicting.path("eventId").asText()).isEqualTo(accreditation);
        assertThat(conflicting.path("type").asText()).isEqualTo("DiplomatAccredited");
        assertThat(conflicting.path("effectiveDate").asText()).isEqualTo("2012-01-01");
        assertThat(conflicting.path("rule").asText()).isEqualTo("ceiling-exceeded");

        Response limit = correct(ceiling, "{\"limit\": 1}");
        assertThat(limit.status()).as(limit.toString()).isEqualTo(409);
        assertThat(limit.json().path("type").asText()).endsWith(":contradicts-recorded-fact");
        assertThat(limit.json().path("conflictingFact").path("eventId").asText())
                .isEqualTo(accreditation);
        assertThat(limit.json().path("conflictingFact").path("rule").asText()).isEqualTo("ceiling-exceeded");

        assertThat(history().path("total").asLong()).as("nothing written").isEqualTo(before);

        Response within = correct(ceiling, "{\"limit\": 3}");
        assertThat(within.status()).as(within.toString()).isEqualTo(200);
        assertThat(history().path("total").asLong()).isEqualTo(before + 1);
        // judged on the corrected history: the count may now be corrected to 2, which the limit of 3 holds
        Response afterwards = correct(count, "{\"headcount\": 2}");
        assertThat(afterwards.status()).as(afterwards.toString()).isEqualTo(200);
    }

    private JsonNode history() {
        Response response = ledger.get("auditor", "/api/v1/presences/ZM/MW/history");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
