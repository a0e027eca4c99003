package be.samenbord.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * On a failed browser test, saves a screenshot of every open browser to target/e2e-screenshots,
 * so a CI failure can be looked at. Browsers register themselves when started.
 */
public final class Screenshots implements TestWatcher {

    static final List<Browser> OPEN = new CopyOnWriteArrayList<>();

    /** Where screenshots go (the tests' working directory is server/). */
    public static final Path DIR = Path.of("target", "e2e-screenshots");

    /** Saves what {@code browser} shows now as {@code DIR/<name>.png}, for people to look at. */
    public static Path save(Browser browser, String name) {
        try {
            Files.createDirectories(DIR);
            Path file = DIR.resolve(name + ".png");
            Files.write(file, browser.driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Path dir = DIR;
        int n = 0;
        for (Browser b : OPEN) {
            String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName() + "-" + (n++) + ".png";
            try {
                Files.createDirectories(dir);
                Files.write(dir.resolve(name), b.driver.getScreenshotAs(OutputType.BYTES));
                System.err.println("screenshot: " + dir.resolve(name).toAbsolutePath());
            } catch (IOException | RuntimeException e) {
                System.err.println("could not take screenshot " + name + ": " + e);
            }
        }
    }
}
