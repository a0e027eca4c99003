package be.samenbord.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs axe-core (from web/node_modules, installed by the build) in the page and returns its serious and critical violations. */
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

    /** "id (impact): help — first target" for each serious or critical violation. */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(Browser browser) {
        browser.js(source());
        Object result = browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({"
                        + "id: v.id, impact: v.impact, help: v.help, target: v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | ')}))))"
                        + ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), target: ''}]));");
        List<String> out = new ArrayList<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) result) {
            String impact = String.valueOf(v.get("impact"));
            if (impact.equals("serious") || impact.equals("critical")) {
                out.add(v.get("id") + " (" + impact + "): " + v.get("help") + " at " + v.get("target"));
            }
        }
        return out;
    }
}
