package io.conciergehub.support;

import io.conciergehub.console.ConsoleCookies;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
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
 * The staff console's page in a real browser: Debian's chromium, headless, driven by its
 * chromium-driver through Selenium (.ci/run installs both; tests are skipped without them with
 * {@code @EnabledIf("io.conciergehub.support.ConsolePage#chromiumIsInstalled")}). One browser per
 * test class; each page opened in it is a console at the given address.
 */
public final class ConsolePage implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver browser;

    /** A headless browser whose language is {@code language} (e.g. "en-GB", "it-IT") and window this size. */
    public ConsolePage(String language, int width, int height) {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=" + language,
                        "--window-size=" + width + "," + height);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    public ConsolePage() {
        this("en-GB", 1280, 900);
    }

    public static boolean chromiumIsInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public WebDriver browser() {
        return browser;
    }

    /** Opens {@code baseUrl}/console and logs in through its form with {@link ConsoleBrowser#PASSWORD}; waits until the feed is live. */
    public ConsolePage openAndLogIn(String baseUrl, String name) {
        browser.get(baseUrl + "/console");
        return logIn(name);
    }

    /** Logs in through the form the page shows now, without loading it again; waits until the feed is live. */
    public ConsolePage logIn(String name) {
        WebElement nameField = find(By.id("login-name"));
        nameField.clear();
        nameField.sendKeys(name);
        find(By.id("login-password")).sendKeys(ConsoleBrowser.PASSWORD);
        find(By.id("login-submit")).click();
        waitUntilLive();
        return this;
    }

    /**
     * Opens {@code baseUrl}/console with this session token in its cookies, as a session
     * replication brought would be (no login on a passive node); waits until the feed is live.
     */
    public ConsolePage openWithSession(String baseUrl, String jwt) {
        browser.get(baseUrl + "/console");
        find(By.id("login-name"));
        for (String path : new String[] {"/console", "/api/console"}) {
            browser.manage().addCookie(new Cookie.Builder(ConsoleCookies.SESSION, jwt).path(path)
                    .isHttpOnly(true).sameSite("Strict").build());
        }
        browser.navigate().refresh();
        waitUntilLive();
        return this;
    }

    public void waitUntilLive() {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.attributeContains(By.id("live"),
                "class", "on"));
    }

    /**
     * Waits for the element to show. When it does not, the failure says what the browser shows:
     * it may be an error page of the browser's own (ERR_UNSAFE_PORT, say), which the hub never saw.
     */
    public WebElement find(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(20))
                .withMessage(this::whatItShows)
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /**
     * Opens a guest's conversation from the list. The list is drawn again at each event of the live
     * feed, so the entry found a moment ago may be gone: click whichever entry is there now.
     */
    public void openConversation(long guestId) {
        pickConversation(guestId);
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage(this::whatItShows)
                .until(open -> !open.findElement(By.id("guest-name")).getText().isEmpty());
    }

    /** Clicks the guest's entry in the list, without waiting for the conversation to show. */
    public void pickConversation(long guestId) {
        By entry = By.cssSelector("#conversations li[data-guest='" + guestId + "'] button");
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(open -> {
            open.findElement(entry).click();
            return true;
        });
    }

    /** Closes the browsers a test class opened, those that did open. */
    public static void closeAll(ConsolePage... pages) {
        for (ConsolePage open : pages) {
            if (open != null) {
                open.close();
            }
        }
    }

    public List<WebElement> all(By locator) {
        return browser.findElements(locator);
    }

    /** The activity list's entries for a guest (kind: message, status, flag, take, resolve). */
    public By activity(long guestId, String kind) {
        return By.cssSelector("#activity li[data-guest='" + guestId + "'][data-kind='" + kind + "']");
    }

    /** The page's title, address and the start of its text on one line (a browser's error page names its error last). */
    private String whatItShows() {
        try {
            String text = String.valueOf(script("return document.body ? document.body.innerText : ''"));
            String oneLine = text.strip().replaceAll("\\s+", " ");
            return "the browser shows \"" + browser.getTitle() + "\" at " + browser.getCurrentUrl() + ": "
                    + (oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine);
        } catch (RuntimeException unreadable) {
            return "the browser's page could not be read (" + unreadable.getClass().getSimpleName() + ")";
        }
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** A screenshot into target/ (for the closing note, and on failure). */
    public void screenshot(String name) {
        try {
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
        } catch (Exception e) {
            // A screenshot is a help, never the test's outcome.
        }
    }

    @Override
    public void close() {
        browser.quit();
    }
}
