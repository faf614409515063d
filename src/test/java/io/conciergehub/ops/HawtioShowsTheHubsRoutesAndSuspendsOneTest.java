package io.conciergehub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.conciergehub.support.HubUnderTest;
import io.conciergehub.support.Jolokia;
import io.conciergehub.support.RouteApi;
import io.conciergehub.support.TestHub;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.HasAuthentication;
import org.openqa.selenium.UsernameAndPassword;
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
 * scripts/hawtio.sh starts Hawtio connected to a running hub's Jolokia: headless Chromium answers
 * the hub's Basic challenge with the admin key as the password, Hawtio's Camel plugin lists the
 * hub's routes (a screenshot in target/hawtio-routes.png), a route suspended there from its
 * Operations tab is suspended in the hub, and its diagram is drawn (target/hawtio-route-diagram.png).
 */
@EnabledIf(value = "chromiumIsInstalled",
        disabledReason = "Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
class HawtioShowsTheHubsRoutesAndSuspendsOneTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String ROUTE = "events-poll";
    static final String GROUP = "cloud";

    /** Hawtio reads each route on its own: a few hundred requests a minute, as the README says to allow. */
    @RegisterExtension
    static final HubUnderTest env = HubUnderTest.withLogProvider(hub -> hub.scopedKeys()
            .property("api.rate-limit", "2000"));

    static Process hawtio;
    static String hawtioUrl;
    static WebDriver browser;

    static boolean chromiumIsInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    static void startHawtioAndABrowser() throws Exception {
        int port = TestHub.freePort();
        hawtioUrl = "http://127.0.0.1:" + port + "/hawtio";
        Path log = Path.of("target", "hawtio.log");
        ProcessBuilder script = new ProcessBuilder("bash", "scripts/hawtio.sh", env.hub().url(Jolokia.PATH))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        script.environment().put("HAWTIO_PORT", String.valueOf(port));
        hawtio = script.start();
        // The first run fetches Hawtio from Maven Central; later ones start from the cache.
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> {
            assertThat(hawtio.isAlive()).as("scripts/hawtio.sh is running; see %s", log).isTrue();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(hawtioUrl + "/")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        });

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1000");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stopThem() {
        if (browser != null) {
            browser.quit();
        }
        if (hawtio != null) {
            hawtio.descendants().forEach(ProcessHandle::destroy);
            hawtio.destroy();
        }
    }

    @Test
    void hawtioListsTheHubsRoutesAndSuspendsOne() throws Exception {
        try {
            // The page the script prints opens Hawtio on the hub's connection; the hub asks for Basic
            // credentials and the browser's dialog is answered: any user, the admin key as the password.
            ((HasAuthentication) browser).register(UsernameAndPassword.of("operator", TestHub.API_KEY));
            browser.get(hawtioUrl.replace("/hawtio", "/concierge-hub/"));

            // Camel → the context's routes: the hub's routes with their state.
            browser.get(hawtioUrl + "/camel");
            click(treeNode("routes"));
            WebElement table = find(By.id("camel-routes-table"));
            List<String> ids = RouteApi.ids(RouteApi.body(env.hub().getApi("/api/routes", TestHub.API_KEY), 200));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(table.getText()).contains(ROUTE, "mesh-commands-sweep", "Started"));
            assertThat(ids).contains(ROUTE);
            screenshot("hawtio-routes.png");

            // The route, in its group's folder: its Operations tab, suspend().
            click(By.xpath("//*[contains(@class,'tree-view__content')][.//*[contains(@class,'tree-view__node-text')"
                    + " and normalize-space()='" + GROUP + "']]//button[contains(@class,'node-toggle')]"));
            click(treeNode(ROUTE));
            click(By.xpath("//a[normalize-space()='Operations'] | //button[normalize-space()='Operations']"));
            WebElement suspend = find(By.xpath("//*[@aria-labelledby='operation suspend()']"));
            suspend.findElement(By.xpath(".//button[contains(@class,'toggle') or @id='ex-toggle1']")).click();
            click(By.xpath("//*[@id='operation-execute-suspend()']//button[normalize-space()='Execute']"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(new RouteApi(env.hub()).state(ROUTE)).isEqualTo("Suspended"));

            // Its diagram, drawn from the context's route dump and statistics.
            click(By.xpath("//a[normalize-space()='Route Diagram'] | //button[normalize-space()='Route Diagram']"));
            find(By.xpath("//*[contains(@class,'react-flow__node')]"));
            screenshot("hawtio-route-diagram.png");
        } catch (Throwable failed) {
            screenshot("hawtio-failure.png");
            throw failed;
        }
    }

    private static By treeNode(String name) {
        return By.xpath("//*[contains(@class,'tree-view__node-text') and normalize-space()='" + name + "']");
    }

    private static WebElement find(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private static void click(By locator) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }
}
