package be.samenbord;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The docs stay true as features land in parallel: a rule ID names one rule (two helpers' LI-8 and
 * LI-9 once named two rules each), and every setting the node reads is listed in PROTOCOL.md (CF-2)
 * and README's settings table.
 */
class DocsTest {

    private static final Path PROTOCOL = Path.of("PROTOCOL.md");
    private static final Path README = Path.of("../README.md");
    private static final Pattern RULE = Pattern.compile("^- \\*\\*([A-Z]{2,4}-\\d+)\\*\\*", Pattern.MULTILINE);

    @Test
    @DisplayName("PROTOCOL.md defines every rule ID once")
    void everyRuleIdOnce() throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        Matcher m = RULE.matcher(Files.readString(PROTOCOL));
        while (m.find()) seen.merge(m.group(1), 1, Integer::sum);
        assertTrue(seen.size() > 100, "rule definitions found: " + seen.size());
        List<String> twice = new ArrayList<>();
        seen.forEach((id, n) -> {
            if (n > 1) twice.add(id + " ×" + n);
        });
        assertEquals(List.of(), twice.stream().sorted().toList());
    }

    @Test
    @DisplayName("CF-2: every SAMENBORD_* variable the node reads is in PROTOCOL.md and README.md")
    void everySettingDocumented() throws IOException {
        String protocol = Files.readString(PROTOCOL);
        java.util.Set<String> readme = tableNames(Files.readString(README));
        List<String> missing = new ArrayList<>();
        for (String v : Settings.VARIABLES) {
            String name = Settings.PREFIX + v;
            if (!protocol.contains(name)) missing.add("PROTOCOL.md: " + name);
            if (!readme.contains(name)) missing.add("README.md: " + name);
        }
        assertEquals(List.of(), missing);
    }

    /**
     * The variables README's table rows name: a row's first cell lists {@code SAMENBORD_A_B} and
     * short forms such as {@code _C} or {@code _A_C}, which replace the end of that first name.
     */
    private static java.util.Set<String> tableNames(String readme) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String line : readme.split("\n")) {
            if (!line.startsWith("| `SAMENBORD_")) continue;
            String cell = line.substring(1, line.indexOf('|', 1));
            Matcher full = Pattern.compile("`(SAMENBORD_[A-Z0-9_]+)`").matcher(cell);
            if (!full.find()) continue;
            String first = full.group(1);
            names.add(first);
            while (full.find()) names.add(full.group(1));
            Matcher shortForm = Pattern.compile("`_([A-Z0-9_]+)`").matcher(cell);
            String[] parts = first.substring(Settings.PREFIX.length()).split("_");
            while (shortForm.find()) {
                for (int keep = 0; keep < parts.length; keep++) {
                    names.add(Settings.PREFIX + String.join("_", java.util.Arrays.asList(parts).subList(0, keep))
                            + (keep == 0 ? "" : "_") + shortForm.group(1));
                }
            }
        }
        return names;
    }
}
