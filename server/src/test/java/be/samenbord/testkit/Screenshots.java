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

    /** Saves what {@code browser} shows now as target/e2e-screenshots/{@code name}.png, for a person to look at. */
    public static void save(Browser browser, String name) {
        Path dir = Path.of("target", "e2e-screenshots");
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), browser.driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("screenshot " + name, e);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Path dir = Path.of("target", "e2e-screenshots");
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
