package org.teeka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;

/**
 * Debian's headless Chromium for page tests, one per test class: started before the class's
 * tests, reset before each (cookies, headers, device size), stopped after. Driver and browser are
 * given by path, so Selenium Manager never looks for or fetches either. A failing test leaves its
 * page as PNG and HTML in {@code target/screenshots/failures/}.
 *
 * <pre>{@code @RegisterExtension static final HeadlessChromium chromium = new HeadlessChromium("citizen-");}</pre>
 */
public final class HeadlessChromium implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, TestWatcher {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String screenshotPrefix;
    private ChromeDriverService service;
    private ChromeDriver driver;
    private WebDriverWait wait;
    private Path profile;

    /** @param screenshotPrefix put before each screenshot's name, so classes do not overwrite each other's */
    public HeadlessChromium(String screenshotPrefix) {
        this.screenshotPrefix = screenshotPrefix;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public WebDriverWait waiting() {
        return wait;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Files.createDirectories(SCREENSHOTS.resolve("failures"));
        profile = Files.createTempDirectory("teeka-chromium-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        wait = new WebDriverWait(driver, TIMEOUT);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.get("about:blank");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) {
            return;
        }
        try {
            String name = (screenshotPrefix + context.getRequiredTestMethod().getName() + context.getDisplayName())
                    .replaceAll("[^\\w.-]+", "_");
            Path failures = SCREENSHOTS.resolve("failures");
            Files.write(failures.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(failures.resolve(name + ".html"), driver.getPageSource());
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Opens a page of the application on the port and waits for its heading. */
    public void open(int port, String path) {
        driver.get("http://localhost:" + port + path);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    }

    /**
     * Clicks and waits until another document has loaded: the old one is marked, and a new page has
     * a fresh window without the mark. (Waiting for the old element to go stale raced with Chromium
     * tearing the document down, failing now and then with "Node does not belong to the document".)
     */
    public void clickAndWaitForNewPage(WebElement element) {
        driver.executeScript("window.teekaPreviousPage = true");
        element.click();
        new WebDriverWait(driver, TIMEOUT).ignoring(WebDriverException.class).until(d -> Boolean.TRUE.equals(
                driver.executeScript("return window.teekaPreviousPage === undefined && document.readyState === 'complete'")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    }

    /** Replaces the text of the input with this id. */
    public void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    public String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    /** A full-page PNG, {prefix}{name}.{lang}.png: the layout is measured and captured beyond the window's height. */
    @SuppressWarnings("unchecked")
    public void screenshot(String name, String lang) {
        var metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        var content = (Map<String, Object>) metrics.get("cssContentSize");
        var viewport = (Map<String, Object>) metrics.get("cssLayoutViewport");
        double width = Math.max(((Number) content.get("width")).doubleValue(), ((Number) viewport.get("clientWidth")).doubleValue());
        double height = Math.min(8000, Math.max(((Number) content.get("height")).doubleValue(), ((Number) viewport.get("clientHeight")).doubleValue()));
        var shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Files.write(SCREENSHOTS.resolve(screenshotPrefix + name + "." + lang + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
