package be.samenbord.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs axe-core (from web/node_modules, installed by the build) in the page and returns its
 * violations of moderate, serious or critical impact (issue 15: zero of each, on every page and state).
 */
public final class Axe {

    private static String source;

    private Axe() {
    }

    private static synchronized String source() {
        if (source == null) {
            Path file = Path.of("..", "web", "node_modules", "axe-core", "axe.min.js");
            try {
                source = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core not found at " + file.toAbsolutePath() + "; run the web build (npm ci) first", e);
            }
        }
        return source;
    }

    /** "id (impact): help — first target" for each moderate, serious or critical violation. */
    public static List<String> violations(Browser browser) {
        return run(browser, "document", "{resultTypes: ['violations']}");
    }

    /**
     * Also WCAG 2.5.8 target size (24 × 24 CSS px, axe's {@code target-size}, off by default), on the
     * page but the board's zoomable content ({@code .board-layer}: notes are drawn at the board's zoom).
     */
    public static List<String> violationsWithTargetSize(Browser browser) {
        return run(browser, "{exclude: [['.board-layer']]}", "{resultTypes: ['violations'], rules: {'target-size': {enabled: true}}}");
    }

    @SuppressWarnings("unchecked")
    private static List<String> run(Browser browser, String context, String options) {
        browser.js(source());
        Object result = browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(" + context + ", " + options + ").then(r => done(r.violations.map(v => ({"
                        + "id: v.id, impact: v.impact, help: v.help, target: v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | ')}))))"
                        + ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), target: ''}]));");
        List<String> out = new ArrayList<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) result) {
            String impact = String.valueOf(v.get("impact"));
            if (impact.equals("moderate") || impact.equals("serious") || impact.equals("critical")) {
                out.add(v.get("id") + " (" + impact + "): " + v.get("help") + " at " + v.get("target"));
            }
        }
        return out;
    }
}
