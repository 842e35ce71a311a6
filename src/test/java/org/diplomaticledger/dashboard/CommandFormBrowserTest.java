package org.diplomaticledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.diplomaticledger.support.LedgerClient.Response;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A clerk records a fact through the dashboard's command form, in a real browser (headless Chromium through
 * Selenium, as {@link DashboardBrowserTest}), against the shared test ledger. The data is Nepal's presence in Sri
 * Lanka (NP, LK: codes no other test uses): an embassy opened through the API, then a headcount sent through the form,
 * first with a negative headcount (answered beside the field, nothing written), then right.
 */
class CommandFormBrowserTest extends BrowserTest {

    @Override
    protected void seed() {
        ledger.accepted("OpenMission", """
                {"sendingState": "NP", "receivingState": "LK", "kind": "EMBASSY", "city": "Colombo",
                 "effectiveDate": "2005-01-03", "source": "Nepal MFA"}""");
    }

    @Test
    void aClerksFormIsAnsweredWithAFieldLevelErrorThenRecordsTheFact() {
        signIn("clerk", "/record");
        // The clerk's commands, by capability; the register of states is ADMIN's and has no form here.
        assertThat(waitFor(By.id("command-RecordStaffCount")).getText()).isEqualTo("RecordStaffCount");
        assertThat(browser.findElements(By.id("command-ScheduleTalks"))).hasSize(1);
        assertThat(browser.findElements(By.id("command-RegisterState"))).isEmpty();
        assertThat(browser.findElements(By.id("command-SeedStates"))).isEmpty();
        assertThat(browser.findElements(By.tagName("h2")).stream()
                        .map(WebElement::getText)
                        .toList())
                .contains("Missions, staff and heads of mission", "Talks");
        assertThat(browser.findElement(By.linkText("Record a fact")).getAttribute("href"))
                .endsWith("/record");
        screenshot("record");

        browser.findElement(By.id("command-RecordStaffCount")).click();
        WebElement headcount = waitFor(By.id("field-headcount"));
        // Generated from the schema: an integer field, required; an enum as a choice; the source as a group of fields.
        assertThat(headcount.getAttribute("type")).isEqualTo("number");
        assertThat(headcount.getAttribute("required")).isEqualTo("true");
        assertThat(browser.findElement(By.cssSelector("label[for='field-headcount']"))
                        .getText())
                .isEqualTo("Headcount *");
        assertThat(new Select(browser.findElement(By.id("field-category")))
                        .getOptions().stream().map(o -> o.getAttribute("value")).toList())
                .containsExactly("", "DIPLOMATIC", "ADMINISTRATIVE_TECHNICAL", "SERVICE", "LOCAL_HIRE", "UNSPECIFIED");
        assertThat(browser.findElement(By.id("field-effectiveDate")).getAttribute("type"))
                .isEqualTo("date");
        WebElement source = browser.findElement(By.id("field-source"));
        assertThat(source.getTagName()).isEqualTo("fieldset");
        assertThat(source.findElement(By.tagName("legend")).getText()).startsWith("Source");
        assertThat(source.findElement(By.id("field-source-text")).getAttribute("required"))
                .isEqualTo("true");
        assertThat(source.findElement(By.id("field-source-url")).getAttribute("required"))
                .isNull();
        assertThat(browser.findElement(By.id("hint-sendingState")).getText()).contains("alpha-2");

        browser.findElement(By.id("field-sendingState")).sendKeys("NP");
        browser.findElement(By.id("field-receivingState")).sendKeys("LK");
        headcount.sendKeys("-3");
        setField("field-effectiveDate", "2020-03-01");
        browser.findElement(By.id("field-source-text")).sendKeys("Sri Lanka MFA: Nepalese staff");
        long before = eventCount();
        browser.findElement(By.id("submit-command")).click();

        WebElement error = waitFor(By.id("error-headcount"));
        assertThat(error.getText()).isEqualTo("must be greater than or equal to 0");
        assertThat(headcount.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(headcount.getAttribute("aria-describedby")).contains("error-headcount");
        assertThat(browser.switchTo().activeElement()).isEqualTo(headcount);
        WebElement problem = browser.findElement(By.id("form-problem"));
        assertThat(problem.isDisplayed()).isTrue();
        assertThat(problem.findElement(By.className("problem-title")).getText()).isEqualTo("Invalid input");
        assertThat(problem.findElement(By.className("problem-detail")).getText())
                .isEqualTo("headcount: must be greater than or equal to 0");
        assertThat(browser.findElement(By.id("field-sendingState")).getAttribute("aria-invalid"))
                .isNull();
        assertThat(browser.findElement(By.id("receipt")).isDisplayed()).isFalse();
        assertThat(eventCount()).as("a refused form writes nothing").isEqualTo(before);
        screenshot("record-field-error");

        headcount.clear();
        headcount.sendKeys("12");
        browser.findElement(By.id("submit-command")).click();
        WebElement receipt = waitFor(By.id("receipt"));
        assertThat(receipt.findElement(By.className("receipt-title")).getText())
                .startsWith("Recorded: RecordStaffCount on record NP-LK, ledger position ");
        WebElement event = receipt.findElement(By.cssSelector(".receipt-events li"));
        assertThat(event.findElement(By.className("event-type")).getText()).isEqualTo("StaffCountReported");
        String eventId = event.getAttribute("data-event-id");
        long position = Long.parseLong(event.getAttribute("data-position"));
        assertThat(event.findElement(By.className("event-id")).getText()).isEqualTo(eventId);
        assertThat(problem.isDisplayed()).isFalse();
        assertThat(headcount.getAttribute("aria-invalid")).isNull();
        assertThat(browser.findElement(By.id("error-headcount")).getText()).isEmpty();
        // A clerk reads no projection page: the receipt links to none.
        assertThat(browser.findElements(By.id("receipt-link"))).isEmpty();
        assertThat(eventCount()).isEqualTo(before + 1);
        screenshot("record-receipt");

        // Written as the API writes it: readable through the API, by the clerk who sent it.
        Response presence = ledger.get("analyst", "/api/v1/presences/NP/LK?atLeast=" + position);
        assertThat(presence.status()).as(presence.toString()).isEqualTo(200);
        assertThat(presence.json()
                        .path("presence")
                        .path("headcount")
                        .path("total")
                        .asInt())
                .isEqualTo(12);
        JsonNode history =
                ledger.get("clerk", "/api/v1/presences/NP/LK/history").json();
        List<JsonNode> written = new ArrayList<>();
        history.path("items").forEach(item -> {
            if (item.path("eventId").asText().equals(eventId)) {
                written.add(item);
            }
        });
        assertThat(written).hasSize(1);
        assertThat(written.get(0).path("type").asText()).isEqualTo("StaffCountReported");
        assertThat(written.get(0).path("actor").asText()).isEqualTo("clerk");
        assertThat(written.get(0).path("effectiveDate").asText()).isEqualTo("2020-03-01");

        // The same form sent again (a double click, a retry) answers the first receipt and writes nothing more.
        String replay = (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var form = document.getElementById('command-form');
                var headers = {'Content-Type': 'application/json', 'Idempotency-Key': form.getAttribute('data-idempotency-key') + '-0'};
                headers[form.getAttribute('data-csrf-header')] = form.getAttribute('data-csrf-token');
                fetch('/record/RecordStaffCount', {method: 'POST', headers: headers, body: JSON.stringify({sendingState: 'NP',
                    receivingState: 'LK', headcount: 12, effectiveDate: '2020-03-01', source: {text: 'Sri Lanka MFA: Nepalese staff'}})})
                  .then(function (r) { return r.text().then(function (t) { done(r.status + ' ' + r.headers.get('Idempotent-Replayed') + ' ' + t); }); });
                """);
        assertThat(replay).startsWith("200 true ").contains(eventId);
        assertThat(eventCount()).isEqualTo(before + 1);
    }

    @Test
    void everyListedCommandHasAFormWithALabelForEachField() {
        signIn("clerk", "/record");
        waitFor(By.id("command-RecordStaffCount"));
        List<String> commands = browser.findElements(By.cssSelector(".command-list a")).stream()
                .map(a -> a.getAttribute("id").substring("command-".length()))
                .toList();
        assertThat(commands).hasSizeGreaterThan(25).contains("NameDelegation", "CorrectEntry", "ChangeRelationsLevel");
        for (String command : commands) {
            browser.get(url("/record/" + command));
            WebElement form = waitFor(By.id("command-form"));
            assertThat(form.getAttribute("data-command")).isEqualTo(command);
            List<WebElement> fields =
                    form.findElements(By.cssSelector("input[data-path], select[data-path], textarea[data-path]"));
            assertThat(fields).as(command).isNotEmpty();
            for (WebElement field : fields) {
                assertThat(form.findElements(By.cssSelector("label[for='" + field.getAttribute("id") + "']")))
                        .as(command + " " + field.getAttribute("data-path"))
                        .hasSize(1);
            }
        }
        // The shapes the schemas hold beyond RecordStaffCount's: a nested object inside a required one, a flag, a
        // list of strings, an array of objects as JSON.
        browser.get(url("/record/NameDelegation"));
        assertThat(waitFor(By.id("field-head")).getTagName()).isEqualTo("fieldset");
        assertThat(browser.findElement(By.id("field-head-diplomat")).getAttribute("type"))
                .isEqualTo("checkbox");
        assertThat(browser.findElement(By.id("field-members")).getAttribute("data-kind"))
                .isEqualTo("json");
        browser.get(url("/record/ScheduleTalks"));
        assertThat(waitFor(By.id("field-parties")).getAttribute("data-kind")).isEqualTo("list");
        assertThat(browser.findElement(By.id("field-venue")).getTagName()).isEqualTo("fieldset");
    }

    @Test
    void aBadDateIsAnsweredBesideTheDateFieldOfAnotherCommandsForm() {
        signIn("clerk", "/record/OpenMission");
        new Select(waitFor(By.id("field-kind"))).selectByValue("CONSULATE");
        browser.findElement(By.id("field-sendingState")).sendKeys("NP");
        browser.findElement(By.id("field-receivingState")).sendKeys("LK");
        browser.findElement(By.id("field-city")).sendKeys("Kandy");
        setField("field-effectiveDate", "1200-01-01");
        browser.findElement(By.id("field-source-text")).sendKeys("Nepal MFA");
        long before = eventCount();
        browser.findElement(By.id("submit-command")).click();
        assertThat(waitFor(By.id("error-effectiveDate")).getText()).contains("1648-01-01");
        assertThat(browser.findElement(By.id("field-effectiveDate")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void anAnalystIsRefusedTheFormsAndAClerkFindsNoFormForAnAdminCommand() {
        signIn("analyst", "/record");
        assertThat(waitFor(By.id("denied")).getText()).isEqualTo("Not for your role");
        assertThat(browser.findElements(By.linkText("Record a fact"))).isEmpty();
        browser.get(url("/record/RecordStaffCount"));
        assertThat(waitFor(By.id("denied")).getText()).isEqualTo("Not for your role");

        browser.manage().deleteAllCookies();
        signIn("clerk", "/record/RegisterState");
        assertThat(waitFor(By.id("problem")).getText()).startsWith("no form for 'RegisterState'");
        browser.get(url("/record/RecordStaffCount"));
        waitFor(By.id("command-form"));
        String refused = (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var form = document.getElementById('command-form');
                var headers = {'Content-Type': 'application/json'};
                headers[form.getAttribute('data-csrf-header')] = form.getAttribute('data-csrf-token');
                fetch('/record/RegisterState', {method: 'POST', headers: headers, body: '{}'})
                  .then(function (r) { return r.text().then(function (t) { done(r.status + ' ' + t); }); });
                """);
        assertThat(refused).startsWith("403 ").contains("RegisterState is ADMIN's");
        // Without the page's CSRF token the session's write is refused.
        String noToken = (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch('/record/RecordStaffCount', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'})
                  .then(function (r) { done(String(r.status)); });
                """);
        assertThat(noToken).isEqualTo("403");
    }
}
