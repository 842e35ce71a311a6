package org.diplomaticledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard on the demo data, as a newcomer sees it after {@code spring-boot:run} with the demo profile, in a
 * ledger of its own (not the shared test ledger: hence no {@link BrowserTest} base). Russia's ceiling of 455 on the
 * US presence, imposed on 2017-07-28 to be met by 2017-09-01, is exceeded by 755 while 1,210 staff were there, and
 * met once the US had cut its mission to 455 on 2017-08-31; before 2017-07-28 there was no ceiling at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.demo.load=true")
@ActiveProfiles("test")
class DemoDashboardBrowserTest {

    private static final Path DEMO_DIR;
    private static WebDriver browser;

    static {
        try {
            DEMO_DIR = Files.createTempDirectory("ledger-demo-dashboard-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void demoFiles(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", DEMO_DIR::toString);
    }

    @BeforeAll
    static void openBrowser() throws IOException {
        browser = BrowserTest.startChromium();
    }

    @AfterAll
    static void closeBrowser() {
        browser.quit();
    }

    @Test
    void theUsPresenceInRussiaMeetsRussiasCeilingOnlyAfterItsDeadline() {
        browser.manage().deleteAllCookies();
        BrowserTest.signIn(browser, port, "analyst", "/presences/US/RU?asOf=2017-07-01");
        assertThat(BrowserTest.waitFor(browser, By.id("no-ceiling")).getText()).isEqualTo("No ceiling in force.");

        browser.get("http://localhost:" + port + "/presences/US/RU?asOf=2017-08-15");
        WebElement ceiling = BrowserTest.waitFor(browser, By.cssSelector(".ceiling-row"));
        assertThat(ceiling.findElement(By.className("limit")).getText()).isEqualTo("455");
        assertThat(ceiling.getText()).contains("over by 755");
        assertThat(browser.findElement(By.id("headcount")).getText()).isEqualTo("1210");

        browser.get("http://localhost:" + port + "/presences/US/RU?asOf=2017-09-02");
        ceiling = BrowserTest.waitFor(browser, By.cssSelector(".ceiling-row"));
        assertThat(ceiling.getText()).doesNotContain("over by");
        assertThat(browser.findElement(By.id("headcount")).getText()).isEqualTo("455");
        BrowserTest.screenshot(browser, "demo-us-in-russia-2017-09-02");
    }

    @Test
    void theOverviewOfTheDemoShowsTheUsPresenceInRussiaAtItsCeiling() {
        browser.manage().deleteAllCookies();
        BrowserTest.signIn(browser, port, "analyst", "/?state=RU&asOf=2017-09-02");
        WebElement usInRussia = BrowserTest.waitFor(browser, By.id("cell-US-RU"));
        assertThat(usInRussia.findElement(By.className("headcount")).getText()).isEqualTo("455");
        assertThat(usInRussia.getText()).contains("ceiling 455 (room 0)");
        assertThat(BrowserTest.waitFor(browser, By.id("cell-RU-US"))
                        .findElement(By.className("headcount"))
                        .getText())
                .isNotEmpty();
        BrowserTest.screenshot(browser, "demo-overview-2017-09-02");
    }
}
