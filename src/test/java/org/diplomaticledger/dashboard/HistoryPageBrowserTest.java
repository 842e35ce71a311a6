package org.diplomaticledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.diplomaticledger.support.LedgerClient.Response;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The history page in a real browser (headless Chromium through Selenium, as {@link DashboardBrowserTest}), against
 * the shared test ledger. The data is Guinea's presence in Sierra Leone (GN, SL: codes no other test uses): an embassy
 * in Freetown, a staff count, an expulsion of 4 later corrected to 3, and a ceiling later retracted.
 */
class HistoryPageBrowserTest extends BrowserTest {

    private static final String MISSION = "GN-SL-EMBASSY-FREETOWN";

    private static String expulsionEventId;
    private static String ceilingEventId;
    private static String correctionEventId;
    private static String retractionEventId;
    private static Instant beforeCorrection;

    @Override
    protected void seed() {
        ledger.accepted("OpenMission", """
                {"sendingState": "GN", "receivingState": "SL", "kind": "EMBASSY", "city": "Freetown",
                 "effectiveDate": "2019-01-10", "source": "Guinea MFA"}""");
        ledger.accepted("RecordStaffCount", """
                {"missionId": "%s", "headcount": 12, "effectiveDate": "2019-06-01",
                 "source": "Sierra Leone MFA"}""".formatted(MISSION));
        expulsionEventId = eventId(ledger.accepted("ExpelDiplomat", """
                {"missionId": "%s", "count": 4, "expulsionId": "sl-expels-gn-2020", "departureDeadline": "2020-03-15",
                 "effectiveDate": "2020-03-01", "source": "Awoko newspaper"}""".formatted(MISSION)));
        ceilingEventId = eventId(ledger.accepted("ImposeStaffCeiling", """
                {"sendingState": "GN", "receivingState": "SL", "limit": 10, "ceilingId": "sl-caps-gn-2020",
                 "effectiveDate": "2020-04-01", "source": "Sierra Leone MFA note"}"""));
        correctionEventId = eventId(ledger.accepted("CorrectEntry", """
                {"eventId": "%s", "corrections": {"count": 3}, "reason": "the ministry's statement gives 3",
                 "source": {"text": "Sierra Leone MFA statement", "url": "https://example.org/sl-mfa-statement"}}""".formatted(expulsionEventId)));
        JsonNode last = ledger.accepted("RetractEntry", """
                {"eventId": "%s", "reason": "no such note was sent", "source": "Sierra Leone MFA"}""".formatted(ceilingEventId));
        retractionEventId = eventId(last);
        // Known at: the instant just before the correction was recorded, as the ledger stored it.
        JsonNode items =
                ledger.get("auditor", "/api/v1/presences/GN/SL/history").json().path("items");
        Instant ceilingRecorded = Instant.parse(recordedAt(items, ceilingEventId));
        beforeCorrection = Instant.parse(recordedAt(items, correctionEventId)).minusNanos(1);
        assertThat(ceilingRecorded)
                .as("the ceiling was recorded before the correction")
                .isBefore(beforeCorrection);
        // The presence page (linked from the history) reads the projections: wait until they have it all.
        Response response = ledger.get(
                "auditor",
                "/api/v1/presences/GN/SL?atLeast=" + last.path("position").asLong());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void anAuditorSeesEveryEventWithItsProvenanceAndEachCorrectionOrRetractionBesideIt() {
        signIn("auditor", "/history?record=GN-SL");
        WebElement table = waitFor(By.id("history-table"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("History of presence GN-SL");

        // The rows are the API's history, in its order, with its sequence, effective date, recorded time and actor.
        JsonNode api = ledger.get("auditor", "/api/v1/presences/GN/SL/history").json();
        List<WebElement> rows = table.findElements(By.cssSelector("tr.history-row"));
        assertThat(rows).hasSize(api.path("items").size()).hasSize(6);
        List<String> types = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode item = api.path("items").get(i);
            WebElement row = rows.get(i);
            types.add(row.getAttribute("data-type"));
            assertThat(row.getAttribute("id"))
                    .isEqualTo("event-" + item.path("eventId").asText());
            assertThat(row.findElement(By.className("sequence")).getText())
                    .isEqualTo(item.path("sequenceNumber").asText());
            assertThat(row.findElement(By.className("effective")).getText())
                    .isEqualTo(item.path("effectiveDate").asText());
            assertThat(row.findElement(By.className("recorded")).getText())
                    .isEqualTo(item.path("recordedAt").asText());
            assertThat(row.findElement(By.className("actor")).getText()).isEqualTo("clerk");
            assertThat(row.getAttribute("data-status"))
                    .isEqualTo(item.path("status").asText());
        }
        assertThat(types)
                .containsExactly(
                        "MissionOpened",
                        "StaffCountReported",
                        "DiplomatExpelled",
                        "StaffCeilingImposed",
                        "EntryCorrected",
                        "EntryRetracted");

        // The expulsion as recorded, its facts in words, and beside it the correction: count 4 → 3, why, who, source.
        WebElement expulsion = browser.findElement(By.id("event-" + expulsionEventId));
        assertThat(expulsion.getAttribute("data-status")).isEqualTo("CORRECTED");
        assertThat(expulsion.findElement(By.className("status-label")).getText())
                .isEqualTo("corrected");
        assertThat(expulsion.findElement(By.className("effective")).getText()).isEqualTo("2020-03-01");
        assertThat(expulsion.findElement(By.className("source")).getText()).isEqualTo("Awoko newspaper");
        assertThat(expulsion
                        .findElement(By.cssSelector(".payload-facts li[data-field='count']"))
                        .getText())
                .isEqualTo("count: 4");
        assertThat(expulsion
                        .findElement(By.cssSelector(".payload-facts li[data-field='departure deadline']"))
                        .getText())
                .isEqualTo("departure deadline: 2020-03-15");
        WebElement correction = expulsion.findElement(By.cssSelector(".change-list li.correction"));
        assertThat(correction.getAttribute("data-event-id")).isEqualTo(correctionEventId);
        assertThat(correction.findElement(By.className("change-reason")).getText())
                .isEqualTo("the ministry's statement gives 3");
        assertThat(correction.findElement(By.className("change-actor")).getText())
                .isEqualTo("clerk");
        assertThat(correction.findElement(By.className("change-source")).getAttribute("href"))
                .isEqualTo("https://example.org/sl-mfa-statement");
        List<WebElement> fields = correction.findElements(By.cssSelector(".field-changes li"));
        assertThat(fields).hasSize(1);
        assertThat(fields.get(0).getAttribute("data-field")).isEqualTo("count");
        assertThat(fields.get(0).findElement(By.className("old")).getText()).isEqualTo("4");
        assertThat(fields.get(0).findElement(By.className("new")).getText()).isEqualTo("3");
        assertThat(fields.get(0).getText()).isEqualTo("count: 4 → 3");

        // The retracted ceiling is struck through and says why.
        WebElement ceiling = browser.findElement(By.id("event-" + ceilingEventId));
        assertThat(ceiling.getAttribute("data-status")).isEqualTo("RETRACTED");
        assertThat(ceiling.getAttribute("class")).contains("retracted");
        assertThat(ceiling.findElement(By.className("status-label")).getText()).isEqualTo("retracted");
        assertThat(ceiling.findElement(By.className("effective")).getCssValue("text-decoration-line"))
                .isEqualTo("line-through");
        WebElement retraction = ceiling.findElement(By.cssSelector(".change-list li.retraction"));
        assertThat(retraction.getAttribute("data-event-id")).isEqualTo(retractionEventId);
        assertThat(retraction.findElement(By.className("change-reason")).getText())
                .isEqualTo("no such note was sent");
        assertThat(retraction.findElement(By.className("change-source")).getText())
                .isEqualTo("Sierra Leone MFA");

        // The correction and the retraction also stand in their own place, pointing at what they revise.
        WebElement correctionRow = browser.findElement(By.id("event-" + correctionEventId));
        assertThat(correctionRow.getAttribute("data-status")).isEqualTo("REVISION");
        assertThat(correctionRow.findElement(By.className("revises")).getText())
                .isEqualTo("Corrects #" + expulsion.getAttribute("data-sequence")
                        + " DiplomatExpelled: the ministry's statement gives 3");
        assertThat(browser.findElement(By.id("event-" + retractionEventId))
                        .findElement(By.className("revises"))
                        .getText())
                .startsWith("Retracts #" + ceiling.getAttribute("data-sequence") + " StaffCeilingImposed");
        assertThat(browser.findElement(By.id("standing")).getText()).isEqualTo("As the ledger stands now.");
        screenshotOfTheEvents("history");
    }

    @Test
    void knownAtBeforeTheCorrectionShowsTheRecordAsItStoodThen() {
        signIn("auditor", "/history?record=GN/SL&knownAt=" + beforeCorrection);
        WebElement table = waitFor(By.id("history-table"));
        assertThat(browser.findElement(By.id("standing")).getText()).startsWith("As the ledger stood on ");
        assertThat(table.findElements(By.cssSelector("tr.history-row")).stream()
                        .map(r -> r.getAttribute("data-type"))
                        .toList())
                .containsExactly("MissionOpened", "StaffCountReported", "DiplomatExpelled", "StaffCeilingImposed");
        WebElement expulsion = browser.findElement(By.id("event-" + expulsionEventId));
        assertThat(expulsion.getAttribute("data-status")).isEqualTo("RECORDED");
        assertThat(expulsion.findElements(By.cssSelector(".change-list li"))).isEmpty();
        assertThat(expulsion.findElements(By.className("status-label"))).isEmpty();
        WebElement ceiling = browser.findElement(By.id("event-" + ceilingEventId));
        assertThat(ceiling.getAttribute("data-status")).isEqualTo("RECORDED");
        assertThat(ceiling.getAttribute("class")).doesNotContain("retracted");
        assertThat(browser.findElements(By.id("event-" + correctionEventId))).isEmpty();

        // The form keeps the record and the instant; "As it stands now" drops the instant and shows the correction.
        assertThat(browser.findElement(By.id("record")).getAttribute("value")).isEqualTo("GN-SL");
        assertThat(browser.findElement(By.id("knownAt")).getAttribute("value")).isEqualTo(beforeCorrection.toString());
        browser.findElement(By.id("history-now")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> !d.getCurrentUrl().contains("knownAt"));
        assertThat(waitFor(By.id("event-" + expulsionEventId)).getAttribute("data-status"))
                .isEqualTo("CORRECTED");
        screenshotOfTheEvents("history-known-at");
    }

    @Test
    void aMissionsHistoryIsItsPresencesEventsThatNameIt() {
        signIn("auditor", "/history?record=" + MISSION);
        waitFor(By.id("history-table"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("History of mission " + MISSION);
        assertThat(browser.findElements(By.cssSelector("tr.history-row")).stream()
                        .map(r -> r.getAttribute("data-type"))
                        .toList())
                .containsExactly("MissionOpened", "StaffCountReported", "DiplomatExpelled", "EntryCorrected");
    }

    @Test
    void theAuditPageThePresencePageAndTheNavigationLeadAnAuditorToTheHistory() {
        signIn("auditor", "/audit");
        WebElement field = waitFor(By.id("audit-record"));
        field.sendKeys("GN-SL");
        field.submit();
        assertThat(waitFor(By.tagName("h1")).getText()).isEqualTo("History of presence GN-SL");

        browser.get(url("/presences/GN/SL"));
        waitFor(By.id("presence-history")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.urlContains("/history?record=GN-SL"));
        assertThat(waitFor(By.id("event-" + expulsionEventId)).getAttribute("data-status"))
                .isEqualTo("CORRECTED");

        browser.findElement(By.linkText("History")).click();
        assertThat(waitFor(By.tagName("h1")).getText()).isEqualTo("History of a record");
        assertThat(browser.findElements(By.id("history-table"))).isEmpty();
    }

    @Test
    void anUnknownRecordIsAnsweredWithAPageSayingSo() {
        signIn("auditor", "/history?record=GN-ZZZZZZ-NOWHERE");
        assertThat(waitFor(By.id("problem")).getText()).isEqualTo("the ledger holds no mission GN-ZZZZZZ-NOWHERE");
    }

    @Test
    void anAnalystIsRefusedTheHistoryAndSeesNoLinkToIt() {
        signIn("analyst", "/history?record=GN-SL");
        assertThat(waitFor(By.id("denied")).getText()).isEqualTo("Not for your role");
        assertThat(browser.findElements(By.id("history-table"))).isEmpty();

        browser.get(url("/presences/GN/SL"));
        waitFor(By.id("headcount"));
        assertThat(browser.findElements(By.id("presence-history"))).isEmpty();
        assertThat(browser.findElements(By.linkText("History"))).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private static String eventId(JsonNode receipt) {
        return receipt.path("events").get(0).path("eventId").asText();
    }

    private static String recordedAt(JsonNode items, String eventId) {
        for (JsonNode item : items) {
            if (item.path("eventId").asText().equals(eventId)) {
                return item.path("recordedAt").asText();
            }
        }
        throw new AssertionError("no event " + eventId + " in the history");
    }

    /** The events, not the form above them. */
    private void screenshotOfTheEvents(String name) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById('events-heading').scrollIntoView();");
        screenshot(name);
    }
}
