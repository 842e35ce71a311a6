package org.diplomaticledger.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's pages in Debian's headless Chromium, driven through Selenium against the shared test ledger: one
 * browser per test class (its cookies cleared before each test), the class's facts written once through the API
 * ({@link #seed()}), and the steps every page test takes (sign in, wait for an element, save a screenshot).
 */
abstract class BrowserTest extends LedgerIntegrationTest {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    /** The test classes whose facts are written (the test ledger is shared by the classes of one run). */
    private static final Set<Class<?>> SEEDED = new HashSet<>();

    protected static WebDriver browser;

    @BeforeEach
    void seedAndOpenBrowser() throws IOException {
        if (!SEEDED.contains(getClass())) {
            seed();
            SEEDED.add(getClass());
        }
        if (browser == null) {
            browser = startChromium();
        }
        browser.manage().deleteAllCookies();
    }

    /** The facts the class's tests read, written through the API before its first test. */
    protected void seed() {}

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    static WebDriver startChromium() throws IOException {
        assertThat(CHROMEDRIVER)
                .as("chromedriver (apt-get install -y chromium chromium-driver)")
                .isExecutable();
        assertThat(CHROMIUM)
                .as("Chromium (apt-get install -y chromium chromium-driver)")
                .isExecutable();
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--window-size=1280,800",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Opens {@code path}, signs in on the form it is sent to (the password is the user's name), and waits to leave it. */
    protected void signIn(String user, String path) {
        signIn(browser, port, user, path);
    }

    static void signIn(WebDriver browser, int port, String user, String path) {
        browser.get("http://localhost:" + port + path);
        waitFor(browser, By.id("sign-in"));
        signInHere(browser, user, user);
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> !d.getCurrentUrl().contains("/login"));
    }

    protected void signInHere(String user, String password) {
        signInHere(browser, user, password);
    }

    private static void signInHere(WebDriver browser, String user, String password) {
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
    }

    /** Sets a field the way a date picker does, without typing into it. */
    protected void setField(String id, String value) {
        ((JavascriptExecutor) browser)
                .executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    protected WebElement waitFor(By by) {
        return waitFor(browser, by);
    }

    static WebElement waitFor(WebDriver browser, By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    protected void screenshot(String name) {
        screenshot(browser, name);
    }

    /** Saves the page as target/screenshots/{name}.png, and prints its time to DOMContentLoaded (a measurement only). */
    static void screenshot(WebDriver browser, String name) {
        Object loaded = ((JavascriptExecutor) browser)
                .executeScript(
                        "var n = performance.getEntriesByType('navigation')[0]; return n ? Math.round(n.domContentLoadedEventEnd) : -1;");
        System.out.println("dashboard page " + name + ": DOMContentLoaded after " + loaded + " ms");
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
