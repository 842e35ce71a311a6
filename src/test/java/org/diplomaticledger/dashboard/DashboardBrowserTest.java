package org.diplomaticledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.support.LedgerClient.Response;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven through Selenium, against the shared test
 * ledger. The data is Burkina Faso's presence in Chad (BF, TD: codes no other test uses): an embassy, a reported
 * headcount of 40 (36 from 2016), a ceiling of 30 imposed on 2015-06-01, relations downgraded that day, an ambassador and an
 * expulsion. Chromium missing is a failure, not a skip: CI installs it (.ci/run).
 */
class DashboardBrowserTest extends BrowserTest {

    static final String MISSION = "BF-TD-EMBASSY-MOUNDOU";

    private static Instant beforeCeiling;

    @Override
    protected void seed() {
        ledger.accepted("OpenMission", """
                {"sendingState": "BF", "receivingState": "TD", "kind": "EMBASSY", "city": "Moundou",
                 "effectiveDate": "2010-01-04", "source": "Burkina Faso MFA"}""");
        ledger.accepted("ChangeRelationsLevel", """
                {"stateA": "BF", "stateB": "TD", "level": "FULL", "effectiveDate": "2010-01-04",
                 "source": "Burkina Faso MFA"}""");
        ledger.accepted("RecordStaffCount", """
                {"sendingState": "BF", "receivingState": "TD", "headcount": 40, "effectiveDate": "2012-03-01",
                 "source": "Chad MFA: 40 Burkinabè staff"}""");
        ledger.accepted("AppointAmbassador", """
                {"missionId": "%s", "name": "Awa Ouedraogo", "effectiveDate": "2013-02-01", "source": "test"}""".formatted(MISSION));
        ledger.accepted("PresentCredentials", """
                {"missionId": "%s", "personId": "awa-ouedraogo", "step": "PRESENTATION_TO_HEAD_OF_STATE",
                 "effectiveDate": "2013-03-15", "source": "test"}""".formatted(MISSION));
        beforeCeiling = Instant.now();
        ledger.accepted("ImposeStaffCeiling", """
                {"sendingState": "BF", "receivingState": "TD", "limit": 30, "ceilingId": "td-caps-bf-2015",
                 "effectiveDate": "2015-06-01", "source": "Chad MFA note"}""");
        ledger.accepted("ChangeRelationsLevel", """
                {"stateA": "TD", "stateB": "BF", "level": "DOWNGRADED", "initiatedBy": "TD", "reason": "test of the dashboard",
                 "effectiveDate": "2015-06-01", "source": "Chad MFA note"}""");
        JsonNode last = ledger.accepted("ExpelDiplomat", """
                {"sendingState": "BF", "receivingState": "TD", "count": 4, "departureDeadline": "2015-07-01",
                 "expulsionId": "td-expels-bf-2015", "effectiveDate": "2015-06-15", "source": "Chad MFA"}""");
        seedTalks();
        last = ledger.accepted("RecordStaffCount", """
                {"sendingState": "BF", "receivingState": "TD", "headcount": 36, "effectiveDate": "2016-01-01",
                 "source": "Chad MFA: 36 Burkinabè staff"}""");
        long position = last.path("position").asLong();
        // The pages read whatever the projections have applied: wait, through the API, until they have it all.
        for (String path : new String[] {
            "/api/v1/presences/BF/TD",
            "/api/v1/relations/BF/TD",
            "/api/v1/heads-of-mission/" + MISSION,
            "/api/v1/expulsions",
            "/api/v1/talks"
        }) {
            Response response = ledger.get("analyst", path + "?atLeast=" + position);
            assertThat(response.status()).as(path + " " + response).isEqualTo(200);
        }
    }

    /**
     * Two rounds of talks between BF and TD: one scheduled in Niamey for 2016-03-01, postponed to 2016-04-05, held and
     * concluded; one scheduled in N'Djamena and cancelled by TD.
     */
    private void seedTalks() {
        ledger.accepted("ScheduleTalks", """
                {"talksId": "bf-td-niamey-2016", "parties": ["BF", "TD"], "title": "Talks on the staff ceiling",
                 "venue": {"city": "Niamey", "country": "NE", "place": "Palais des congres"}, "date": "2016-03-01",
                 "scope": "the staff ceiling", "excludedTopics": ["border questions"], "format": "OFFICIALS",
                 "effectiveDate": "2016-02-01", "source": "Burkina Faso MFA"}""");
        ledger.accepted("NameDelegation", """
                {"talksId": "bf-td-niamey-2016", "state": "BF", "head": {"name": "Awa Ouedraogo", "title": "Ambassador", "diplomat": true},
                 "members": [{"name": "Issa Kabore", "title": "Counsellor", "diplomat": true}], "effectiveDate": "2016-02-10", "source": "Burkina Faso MFA"}""");
        ledger.accepted("NameDelegation", """
                {"talksId": "bf-td-niamey-2016", "state": "TD", "head": {"name": "Mahamat Saleh", "title": "Secretary-General", "diplomat": false},
                 "effectiveDate": "2016-02-10", "source": "Chad MFA"}""");
        ledger.accepted("PostponeTalks", """
                {"talksId": "bf-td-niamey-2016", "reason": "the Chadian delegation's travel", "newDate": "2016-04-05",
                 "effectiveDate": "2016-02-25", "source": "Chad MFA"}""");
        ledger.accepted("RecordTalksHeld", """
                {"talksId": "bf-td-niamey-2016", "effectiveDate": "2016-04-05", "source": "Agence Nigerienne de Presse"}""");
        ledger.accepted("ConcludeTalks", """
                {"talksId": "bf-td-niamey-2016", "outcome": "PARTIAL_AGREEMENT", "statement": "The ceiling stays; departures are eased.",
                 "followUps": ["Working group on visas"], "effectiveDate": "2016-04-06", "source": "joint communique"}""");
        ledger.accepted("ScheduleTalks", """
                {"talksId": "bf-td-ndjamena-2016", "parties": ["BF", "TD"], "venue": {"city": "N'Djamena", "country": "TD"},
                 "date": "2016-06-01", "scope": "consular matters", "format": "EXPERTS",
                 "effectiveDate": "2016-05-01", "source": "Chad MFA"}""");
        ledger.accepted("CancelTalks", """
                {"talksId": "bf-td-ndjamena-2016", "reason": "no agenda agreed", "cancelledBy": "TD",
                 "effectiveDate": "2016-05-20", "source": "Chad MFA"}""");
    }

    // ------------------------------------------------------------------ tests

    @Test
    void theTalksBoardShowsEachRoundInItsColumnWithDelegationsAndHistory() {
        signIn("analyst", "/talks?state=BF");
        WebElement niamey = waitFor(By.id("talks-bf-td-niamey-2016"));
        assertThat(browser.findElement(By.id("column-CONCLUDED")).findElements(By.id("talks-bf-td-niamey-2016")))
                .hasSize(1);
        assertThat(niamey.findElement(By.className("talks-title")).getText()).isEqualTo("Talks on the staff ceiling");
        assertThat(niamey.findElement(By.className("venue")).getText())
                .isEqualTo("Palais des congres, Niamey (NE), a third country");
        assertThat(niamey.findElement(By.className("scope")).getText())
                .isEqualTo("the staff ceiling (not: border questions)");
        assertThat(niamey.findElement(By.className("format")).getText()).isEqualTo("officials");
        assertThat(niamey.findElement(By.className("outcome")).getText())
                .isEqualTo("partial agreement: The ceiling stays; departures are eased.");
        assertThat(niamey.findElement(By.id("delegation-bf-td-niamey-2016-BF")).getText())
                .isEqualTo("BF: head Awa Ouedraogo (Ambassador); with Issa Kabore (Counsellor)");
        assertThat(niamey.findElement(By.id("delegation-bf-td-niamey-2016-TD")).getText())
                .isEqualTo("TD: head Mahamat Saleh (Secretary-General)");
        niamey.findElement(By.tagName("summary")).click();
        assertThat(niamey.findElements(By.cssSelector(".history-list li")).stream()
                        .map(li -> li.getAttribute("data-status"))
                        .toList())
                .containsExactly("SCHEDULED", "POSTPONED", "HELD", "CONCLUDED");
        assertThat(niamey.findElement(By.cssSelector(".history-list li[data-status='POSTPONED'] .effective"))
                        .getText())
                .isEqualTo("2016-02-25");
        WebElement ndjamena =
                browser.findElement(By.id("column-CANCELLED")).findElement(By.id("talks-bf-td-ndjamena-2016"));
        assertThat(ndjamena.findElement(By.className("cancelled-by")).getText()).isEqualTo("TD");
        assertThat(ndjamena.findElement(By.className("no-delegations")).getText())
                .isEqualTo("No delegation named yet.");
        assertThat(browser.findElement(By.linkText("Talks")).getAttribute("href"))
                .endsWith("/talks");
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
        screenshot("talks");
    }

    @Test
    void theTalksBoardAsOfADayShowsTheRoundWhereItStoodThen() {
        signIn("analyst", "/talks?state=BF&asOf=2016-03-10");
        WebElement niamey = waitFor(By.id("talks-bf-td-niamey-2016"));
        assertThat(browser.findElement(By.id("column-POSTPONED")).findElements(By.id("talks-bf-td-niamey-2016")))
                .hasSize(1);
        assertThat(niamey.findElement(By.className("status")).getText()).isEqualTo("postponed since 2016-02-25");
        assertThat(niamey.findElements(By.className("outcome"))).isEmpty();
        assertThat(niamey.findElements(By.cssSelector(".history-list li")).stream()
                        .map(li -> li.getAttribute("data-status"))
                        .toList())
                .containsExactly("SCHEDULED", "POSTPONED");
        assertThat(browser.findElements(By.id("talks-bf-td-ndjamena-2016"))).isEmpty();
        // The filter's link keeps the day; before the first round was announced the board is empty.
        assertThat(browser.getCurrentUrl()).contains("state=BF");
        setField("asOf", "2016-01-15");
        browser.findElement(By.id("time-apply")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("asOf=2016-01-15"));
        assertThat(browser.getCurrentUrl()).contains("state=BF");
        assertThat(waitFor(By.id("no-talks")).getText()).isEqualTo("No talks on the board on this day.");
    }

    @Test
    void anUnsignedBrowserIsSentToTheSignInFormAndAWrongPasswordIsRefused() {
        browser.get(url("/presences/BF/TD"));
        waitFor(By.id("sign-in"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        signInHere("analyst", "not-the-password");
        assertThat(waitFor(By.id("login-error")).getText()).contains("Wrong user name or password");
    }

    @Test
    void theOverviewShowsThePresenceItsCeilingMissionsAndRelations() {
        signIn("analyst", "/?state=BF");
        WebElement cell = waitFor(By.id("cell-BF-TD"));
        assertThat(cell.findElement(By.className("headcount")).getText()).isEqualTo("36");
        assertThat(cell.getText())
                .contains(
                        "ceiling 30 (over by 6)",
                        "1 open, 0 suspended, 0 closed",
                        "relations downgraded",
                        "4 expelled still due (4 overdue)");
        assertThat(browser.findElement(By.id("relations-RELATIONS-BF-TD")).getText())
                .contains("downgraded", "2015-06-01", "TD");
        assertThat(browser.findElement(By.id("as-of-sentence")).getText())
                .isEqualTo("The world today, as the ledger stands now.");
        screenshot("overview");
    }

    @Test
    void changingTheAsOfDateChangesTheFiguresAndTheLinksKeepIt() {
        signIn("analyst", "/?state=BF");
        WebElement cell = waitFor(By.id("cell-BF-TD"));
        assertThat(cell.getText()).contains("ceiling 30");
        setField("asOf", "2014-05-20");
        browser.findElement(By.id("time-apply")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("asOf=2014-05-20"));
        cell = waitFor(By.id("cell-BF-TD"));
        assertThat(cell.findElement(By.className("headcount")).getText()).isEqualTo("40");
        assertThat(cell.getText()).contains("no ceiling", "relations full").doesNotContain("ceiling 30");
        assertThat(browser.findElement(By.id("as-of-sentence")).getText())
                .isEqualTo("The world on 20 May 2014, as the ledger stands now.");
        // The link to the presence carries the day on.
        cell.findElement(By.className("cell-link")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.urlContains("/presences/BF/TD?asOf=2014-05-20"));
        assertThat(waitFor(By.id("headcount")).getText()).isEqualTo("40");
        assertThat(browser.findElement(By.id("no-ceiling")).getText()).isEqualTo("No ceiling in force.");
    }

    @Test
    void aPresenceWhoseStaffWereNeverCountedShowsAnUnknownHeadcountNotZero() {
        // On 2011-06-01 the embassy is open, but nothing was counted before the count of 2012-03-01.
        signIn("analyst", "/?state=BF&asOf=2011-06-01");
        WebElement cell = waitFor(By.id("cell-BF-TD"));
        assertThat(cell.findElement(By.className("headcount")).getText()).isEqualTo("unknown");
        assertThat(cell.findElement(By.className("cell-link")).getText()).isEqualTo("unknown headcount");
        cell.findElement(By.className("cell-link")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.urlContains("/presences/BF/TD?asOf=2011-06-01"));
        assertThat(waitFor(By.id("headcount")).getText()).isEqualTo("unknown");
        assertThat(browser.findElement(By.id("missions")).getText()).isEqualTo("1 open, 0 suspended, 0 closed");
    }

    @Test
    void theYearSliderMovesTheDayWithTheKeyboard() {
        signIn("analyst", "/?state=BF&asOf=2016-03-01");
        WebElement slider = waitFor(By.id("year-slider"));
        assertThat(slider.getAttribute("value")).isEqualTo("2016");
        slider.sendKeys(Keys.ARROW_LEFT);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("asOf=2015-03-01"));
        assertThat(waitFor(By.id("as-of-sentence")).getText()).startsWith("The world on 1 March 2015");
        assertThat(waitFor(By.id("cell-BF-TD")).getText()).contains("no ceiling");
    }

    @Test
    void knownAtShowsTheLedgerAsItStoodBeforeTheCeilingWasRecorded() {
        signIn("analyst", "/presences/BF/TD");
        assertThat(waitFor(By.cssSelector(".ceiling-row .limit")).getText()).isEqualTo("30");
        setField("knownAt", beforeCeiling.toString());
        browser.findElement(By.id("time-apply")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("knownAt="));
        assertThat(waitFor(By.id("no-ceiling")).getText()).isEqualTo("No ceiling in force.");
        assertThat(browser.findElement(By.id("headcount")).getText()).isEqualTo("40");
        assertThat(browser.findElement(By.id("as-of-sentence")).getText())
                .startsWith("The world today, as the ledger stood on ");
    }

    @Test
    void thePresencePageDrawsTheHeadcountAgainstTheCeilingAndTheHeadsOfMission() {
        signIn("analyst", "/presences/BF/TD");
        WebElement chart = waitFor(By.cssSelector("#headcount-chart[data-rendered='true']"));
        assertThat(Integer.parseInt(chart.getAttribute("data-points"))).isGreaterThan(12);
        assertThat(chart.getAttribute("data-ceilings")).isEqualTo("1");
        assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
        assertThat(browser.findElement(By.id("headcount")).getText()).isEqualTo("36");
        assertThat(browser.findElement(By.id("relations-level")).getText()).isEqualTo("downgraded since 2015-06-01");
        assertThat(browser.findElement(By.id("expulsion-list")).getText()).contains("td-expels-bf-2015", "2015-07-01");
        WebElement heads = browser.findElement(By.id("heads-" + MISSION));
        assertThat(heads.findElement(By.className("current")).getText()).isEqualTo("Awa Ouedraogo (in office)");
        assertThat(heads.findElement(By.cssSelector(".bar.tenure")).getAttribute("title"))
                .isEqualTo("Awa Ouedraogo, ambassador: 2013-03-15 to —");
        assertThat(heads.getText()).contains("appointed 2013-02-01", "credentials presented 2013-03-15");
        screenshot("presence");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('chart-heading').scrollIntoView();");
        screenshot("presence-chart");
    }

    @Test
    void theExpulsionsPageChartsThePairAndListsEachExpulsionAtTheDayShown() {
        signIn("analyst", "/expulsions?a=BF&b=TD");
        WebElement chart = waitFor(By.cssSelector("#expulsions-chart[data-rendered='true']"));
        assertThat(chart.getAttribute("data-years")).isEqualTo("1");
        assertThat(browser.findElement(By.id("trend-2015")).getText()).isEqualTo("2015 0 4 -4");
        assertThat(browser.findElement(By.id("expulsion-td-expels-bf-2015")).getText())
                .isEqualTo("td-expels-bf-2015 TD BF 2015-06-15 4 2015-07-01 0 4 (overdue)");
        screenshot("expulsions");
        setField("asOf", "2015-06-01");
        browser.findElement(By.id("time-apply")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("asOf=2015-06-01"));
        assertThat(browser.getCurrentUrl()).contains("a=BF", "b=TD");
        assertThat(waitFor(By.id("no-expulsions")).getText()).isEqualTo("No expulsion recorded on this day.");
    }

    @Test
    void theLiveFeedShowsACommandWrittenWhileItIsOpenAndResumesAfterAReconnect() {
        signIn("analyst", "/feed");
        assertThat(waitFor(By.id("denied")).getText()).isEqualTo("Not for your role");
        assertThat(browser.findElements(By.linkText("Live feed"))).isEmpty();
        browser.manage().deleteAllCookies();

        signIn("integrator", "/feed?state=BF&type=StaffCountReported");
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("feed-status")).getText().equals("Live"));
        // Neither of the feed's state nor of its type: filtered out on the server.
        ledger.accepted("ChangeRelationsLevel", """
                {"stateA": "KM", "stateB": "SC", "level": "FULL", "effectiveDate": "2011-01-01", "source": "test of the feed"}""");
        long first = ledger.accepted("RecordStaffCount", """
                {"sendingState": "BF", "receivingState": "TD", "headcount": 40, "effectiveDate": "2011-06-01",
                 "source": "test of the feed"}""").path("position").asLong();
        WebElement item = waitFor(By.id("event-" + first));
        assertThat(item.findElement(By.className("type")).getText()).isEqualTo("StaffCountReported");
        assertThat(item.findElement(By.className("subject")).getText()).isEqualTo("BF-TD");
        assertThat(item.findElement(By.className("effective")).getText()).isEqualTo("2011-06-01");
        item.findElement(By.tagName("summary")).click();
        String json = item.findElement(By.className("event-json")).getText();
        assertThat(json)
                .contains(
                        "\"type\": \"org.diplomaticledger.StaffCountReported.v1\"",
                        "\"ledgerposition\": \"" + first + "\"",
                        "\"headcount\": 40");
        assertThat(browser.findElements(By.cssSelector("#feed li"))).hasSize(1);
        screenshot("feed");

        // Disconnected, an event is written; the feed reconnects after the last id it received and gets it, once.
        ((JavascriptExecutor) browser).executeScript("window.ledgerFeed.close();");
        long second = ledger.accepted("RecordStaffCount", """
                {"sendingState": "BF", "receivingState": "TD", "headcount": 40, "effectiveDate": "2011-09-01",
                 "source": "test of the feed, while disconnected"}""").path("position").asLong();
        ((JavascriptExecutor) browser).executeScript("window.ledgerFeed.reconnect();");
        assertThat(waitFor(By.id("event-" + second))
                        .findElement(By.className("effective"))
                        .getText())
                .isEqualTo("2011-09-01");
        assertThat(browser.findElements(By.cssSelector("#feed li")).stream()
                        .map(li -> li.getAttribute("id"))
                        .toList())
                .containsExactly("event-" + second, "event-" + first);
        assertThat(browser.findElement(By.id("feed-last")).getText()).isEqualTo(Long.toString(second));

        // What EventSource sends when it reconnects by itself: Last-Event-ID, on the page's session, wins over after.
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
        assertThat(firstEventId("/feed/events?after=0&state=BF&type=StaffCountReported", session, Long.toString(first)))
                .isEqualTo(Long.toString(second));
    }

    /** The id of the first event a stream sends (read with a plain HTTP client, on the browser's session). */
    private String firstEventId(String path, String session, String lastEventId) {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                .header("Cookie", "JSESSIONID=" + session)
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", lastEventId)
                .timeout(Duration.ofSeconds(20))
                .build();
        try {
            java.net.http.HttpResponse<java.util.stream.Stream<String>> response =
                    client.send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            try (java.util.stream.Stream<String> lines = response.body()) {
                return lines.filter(line -> line.startsWith("id: "))
                        .map(line -> line.substring(4))
                        .findFirst()
                        .orElseThrow();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theProjectionsPageShowsLagAndParkedEventsAndRebuildsWithProgress() {
        signIn("analyst", "/projections");
        assertThat(waitFor(By.id("denied")).getText()).isEqualTo("Not for your role");
        assertThat(browser.findElements(By.linkText("Projections"))).isEmpty();
        browser.manage().deleteAllCookies();

        signIn("auditor", "/projections");
        WebElement row = waitFor(By.id("projection-talks"));
        long head = Long.parseLong(browser.findElement(By.id("ledger-head")).getText());
        long position = Long.parseLong(row.findElement(By.className("position")).getText());
        assertThat(head).isGreaterThan(0);
        assertThat(Long.parseLong(row.findElement(By.className("lag")).getText()))
                .isEqualTo(Math.max(0, head - position));
        JsonNode api = ledger.get("auditor", "/api/v1/projections/talks").json();
        assertThat(row.findElement(By.className("parked-count")).getText())
                .isEqualTo(api.path("parkedCount").asText());
        assertThat(row.findElement(By.className("slot")).getText())
                .isEqualTo(api.path("activeSlot").asText());
        assertThat(browser.findElements(By.cssSelector("#projections tbody tr")).stream()
                        .map(r -> r.getAttribute("id"))
                        .toList())
                .contains("projection-expulsions", "projection-staffing", "projection-talks");

        row.findElement(By.id("rebuild-talks")).click();
        WebElement progress = new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
            WebElement box = d.findElement(By.id("progress-talks"));
            return "SWITCHED".equals(box.getAttribute("data-state")) ? box : null;
        });
        assertThat(progress.getAttribute("data-done")).isEqualTo(progress.getAttribute("data-total"));
        // Every event up to the position the page showed (positions may leave gaps: count the events, not positions).
        assertThat(Long.parseLong(progress.getAttribute("data-total")))
                .isGreaterThanOrEqualTo(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM domain_event_entry WHERE global_index <= ?", Long.class, position));
        assertThat(progress.findElement(By.className("progress-text")).getText())
                .startsWith(
                        "Switched to slot " + (api.path("activeSlot").asText().equals("A") ? "B" : "A") + ": ")
                .endsWith(", identical to the slot it replaced");
        JsonNode after = ledger.get("auditor", "/api/v1/projections/talks").json();
        assertThat(after.path("lastRebuild").path("state").asText()).isEqualTo("SWITCHED");
        assertThat(after.path("activeSlot").asText())
                .isNotEqualTo(api.path("activeSlot").asText());
        screenshot("projections");
    }

    @Test
    void theOverviewListsTheLatestEventsOfTheStateAndTheAsOfDateHidesLaterOnes() {
        long written = ledger.accepted("RecordStaffCount", """
                {"sendingState": "BF", "receivingState": "TD", "headcount": 40, "effectiveDate": "2011-03-01",
                 "source": "test of the latest events"}""").path("position").asLong();
        assertThat(ledger.get("analyst", "/api/v1/presences/BF/TD?atLeast=" + written)
                        .status())
                .isEqualTo(200);
        signIn("analyst", "/?state=BF");
        WebElement first = waitFor(By.cssSelector("#latest-events tbody tr"));
        assertThat(first.getAttribute("id")).isEqualTo("latest-" + written);
        assertThat(first.findElement(By.className("type")).getText()).isEqualTo("StaffCountReported");
        assertThat(first.findElement(By.className("effective")).getText()).isEqualTo("2011-03-01");
        assertThat(first.findElement(By.className("subject")).getText()).isEqualTo("BF-TD");
        assertThat(first.findElement(By.className("source")).getText()).isEqualTo("test of the latest events");
        assertThat(browser.findElements(By.cssSelector("#latest-events tbody tr")))
                .hasSize(10);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('latest-heading').scrollIntoView();");
        screenshot("overview-latest");

        browser.get(url("/?state=BF&asOf=2011-02-01"));
        waitFor(By.id("latest-events"));
        assertThat(browser.findElements(By.id("latest-" + written))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#latest-events td.effective")).stream()
                        .map(WebElement::getText)
                        .toList())
                .isNotEmpty()
                .allSatisfy(day -> assertThat(day).isLessThanOrEqualTo("2011-02-01"));
    }

    @Test
    void aBadDateInTheLinkIsAnsweredWithAPageSayingSo() {
        signIn("analyst", "/?asOf=1200-01-01");
        assertThat(waitFor(By.id("problem")).getText()).startsWith("asOf: ");
    }

    @Test
    void anAnalystIsRefusedTheAuditPageAndAnAuditorVerifiesTheChain() {
        signIn("analyst", "/audit");
        assertThat(waitFor(By.id("denied")).getText()).isEqualTo("Not for your role");
        assertThat(browser.findElements(By.linkText("Audit"))).isEmpty();

        browser.manage().deleteAllCookies();
        signIn("auditor", "/audit");
        long chained = Long.parseLong(waitFor(By.id("chain-length")).getText());
        assertThat(chained)
                .isGreaterThanOrEqualTo(9)
                .isEqualTo(ledger.get("auditor", "/api/v1/audit/digest")
                        .json()
                        .path("events")
                        .asLong());
        browser.findElement(By.id("verify-chain")).click();
        // The POST reloads the page: the verdict found on the old page may go stale before it is read.
        String verdict = new WebDriverWait(browser, Duration.ofSeconds(60))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    String text = d.findElement(By.id("verdict")).getText();
                    return text.startsWith("The chain") ? text : null;
                });
        // Other tests of the shared ledger break its chain on purpose: the page says what the API says.
        Response api = ledger.get("auditor", "/api/v1/audit/verify");
        assertThat(verdict)
                .startsWith(api.json().path("valid").asBoolean() ? "The chain holds: " : "The chain breaks at ");
        screenshot("audit");
    }

    @Test
    void anAuditorDownloadsADigestAndTheExportAndChecksTheDigestKept() throws Exception {
        signIn("auditor", "/audit");
        waitFor(By.id("take-digest"));
        // What the two links download, fetched with the page's session.
        String digest = fetched("/audit/digest");
        JsonNode kept = new com.fasterxml.jackson.databind.ObjectMapper().readTree(digest);
        assertThat(kept.path("position").asLong()).isPositive();
        assertThat(kept.path("signature").asText()).isNotEmpty();
        String[] export = fetched("/audit/export").split("\n");
        assertThat(export[0]).contains("\"kind\":\"header\"");
        assertThat(export[export.length - 1]).contains("\"kind\":\"digest\"");
        assertThat(export.length)
                .isGreaterThanOrEqualTo(2 + (int) kept.path("events").asLong());

        // The digest kept, checked on the page: the verdict is the API's on the same digest (other tests of the shared
        // ledger break its chain on purpose).
        JsonNode api = ledger.post("auditor", "/api/v1/audit/digest/verify", "application/json", digest, Map.of())
                .json();
        assertThat(api.path("signature").asText()).isEqualTo("valid");
        checkDigest(digest);
        assertThat(waitFor(By.id("digest-verdict")).getText())
                .startsWith(
                        api.path("valid").asBoolean()
                                ? "The ledger up to position "
                                        + kept.path("position").asLong() + " is unchanged"
                                : "The ledger does not match");
        assertThat(browser.findElement(By.id("digest-signature")).getText())
                .isEqualTo("Its signature is this ledger's.");
        screenshot("audit-digest");

        // The same digest with another hash: the signature no longer matches, nor does the chain.
        String hash = kept.path("hash").asText();
        String altered = digest.replace(hash, hash.substring(0, 63) + (hash.endsWith("0") ? "1" : "0"));
        checkDigest(altered);
        assertThat(waitFor(By.id("digest-verdict")).getText()).startsWith("The ledger does not match");
        assertThat(browser.findElement(By.id("digest-signature")).getText()).startsWith("Its signature does not match");

        checkDigest("{\"position\": 3}");
        assertThat(waitFor(By.id("digest-problem")).getText()).startsWith("hash: hash is required");
        assertThat(browser.findElement(By.id("kept-digest")).getAttribute("aria-invalid"))
                .isEqualTo("true");
    }

    @Test
    void everyPageFitsAPhoneWidthWithoutScrollingTheWholePageSideways() {
        org.openqa.selenium.Dimension desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            signIn("auditor", "/?state=BF");
            List<String> wide = new java.util.ArrayList<>();
            for (String path : List.of(
                    "/?state=BF",
                    "/presences/BF/TD",
                    "/expulsions?a=BF&b=TD",
                    "/talks?state=BF",
                    "/audit",
                    "/history?record=BF-TD",
                    "/projections")) {
                browser.get(url(path));
                waitFor(By.tagName("h1"));
                // A wide table may scroll inside its own box (.scroll); the page itself must not.
                Number overflow = (Number) ((JavascriptExecutor) browser)
                        .executeScript(
                                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                if (overflow.intValue() > 1) {
                    Object culprits = ((JavascriptExecutor) browser).executeScript("""
                            var w = document.documentElement.clientWidth, out = [];
                            document.querySelectorAll('body *').forEach(function (e) {
                              if (e.closest('.scroll') || e.getBoundingClientRect().right <= w + 1) return;
                              if (e.parentElement && e.parentElement.getBoundingClientRect().right > w + 1) return;
                              out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' (' + (e.textContent || '').trim().slice(0, 40) + ')');
                            });
                            return out.slice(0, 5).join(', ');""");
                    wide.add(path + " is " + overflow + " px too wide: " + culprits);
                }
            }
            assertThat(wide).isEmpty();
            screenshot("presence-phone");
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    /** A path of the dashboard fetched by the page itself, with its session. */
    private String fetched(String path) {
        return (String) ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1];"
                                + " fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done, e => done('failed: ' + e));",
                        path);
    }

    private void checkDigest(String digest) {
        WebElement field = browser.findElement(By.id("kept-digest"));
        field.clear();
        setField("kept-digest", digest);
        browser.findElement(By.id("check-digest-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("kept-digest")).getText().equals(digest)
                        && !d.findElements(By.cssSelector("#digest-verdict, #digest-problem"))
                                .isEmpty());
    }

    @Test
    void theApiStillAnswersHttpBasicOnlyEvenToASignedInBrowser() {
        signIn("analyst", "/?state=BF");
        waitFor(By.id("cell-BF-TD"));
        // The session the browser signed in with opens no path of the API: it keeps to HTTP Basic, stateless.
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
        Response withSession =
                ledger.request("GET", null, "/api/v1/presences/BF/TD", Map.of("Cookie", "JSESSIONID=" + session), null);
        assertThat(withSession.status()).isEqualTo(401);
        assertThat(withSession.header("WWW-Authenticate")).isEqualTo("Basic realm=\"diplomatic-ledger\"");
        assertThat(ledger.get("analyst", "/api/v1/presences/BF/TD").status()).isEqualTo(200);
        assertThat(ledger.get(null, "/api/v1/presences/BF/TD").status()).isEqualTo(401);
    }
}
