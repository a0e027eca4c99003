package be.samenbord.testkit;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A real headless Chromium (Debian's chromium + chromium-driver) with its own fresh profile, so two
 * instances are two independent users. Flags from STACK.md: no background networking, no sandbox.
 */
public final class Browser implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);

    public final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() {
        return start(new String[0]);
    }

    /** With extra Chromium flags, e.g. {@code --accept-lang=en-GB,en} for a browser whose language is British English. */
    public static Browser start(String... extraArgs) {
        // Selenium Manager must not try to download anything: the drivers are Debian's.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("SE_AVOID_STATS", "true");
        try {
            Path profile = Files.createTempDirectory("samenbord-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(firstExisting("/usr/bin/chromium", "/usr/bin/chromium-browser"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--no-first-run", "--disable-quic", "--window-size=1400,1000",
                    "--user-data-dir=" + profile);
            // The people these tests play are Dutch-speaking (the page follows the browser's language,
            // issue 15); a test of another language passes its own --accept-lang.
            if (java.util.Arrays.stream(extraArgs).noneMatch(a -> a.startsWith("--accept-lang="))) options.addArguments("--accept-lang=nl-BE,nl");
            options.addArguments(extraArgs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")))
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            Browser browser = new Browser(driver, profile);
            Screenshots.OPEN.add(browser);
            return browser;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstExisting(String... paths) {
        for (String p : paths) if (new File(p).canExecute()) return p;
        throw new IllegalStateException("not installed: " + String.join(" or ", paths) + " (apt-get install chromium chromium-driver)");
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(By by) {
        return waitFor(d -> {
            var found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        }, "element " + by);
    }

    public <T> T waitFor(Function<WebDriver, T> condition, String what) {
        return waitFor(condition, what, WAIT);
    }

    public <T> T waitFor(Function<WebDriver, T> condition, String what, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(20));
        wait.withMessage(() -> "waiting for " + what);
        // A live page redraws elements between finding and reading them: poll again, as for a missing one.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait.until(condition::apply);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** A Chrome DevTools Protocol command (touch input, device metrics, network conditions, downloads). */
    public java.util.Map<String, Object> cdp(String command, java.util.Map<String, Object> params) {
        return driver.executeCdpCommand(command, params);
    }

    /**
     * The page's viewport as a device of this size: {@code mobile} adds touch (a phone: 390 × 844);
     * otherwise a desktop window's viewport. Emulated through CDP, so the size is exact.
     */
    public void viewport(int width, int height, boolean mobile) {
        cdp("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        cdp("Emulation.setTouchEmulationEnabled", java.util.Map.of("enabled", mobile, "maxTouchPoints", mobile ? 5 : 1));
    }

    /** Downloads go to a fresh temporary directory, returned; read the files from there. */
    public Path downloads() {
        try {
            Path dir = Files.createTempDirectory("samenbord-downloads");
            cdp("Browser.setDownloadBehavior", java.util.Map.of("behavior", "allow", "downloadPath", dir.toString(), "eventsEnabled", true));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Screenshots.OPEN.remove(this);
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // The profile is a temp directory; a leftover is harmless and reported here.
                System.err.println("could not remove browser profile " + profile + ": " + e);
            }
        }
    }
}
