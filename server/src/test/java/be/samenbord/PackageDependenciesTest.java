package be.samenbord;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packages by feature (ARCHITECTURE "Packages") depend one way: read from the imports and the
 * fully qualified names of the main sources. The pure model imports no library; {@code http}
 * depends on features and no feature on it; no two packages depend on each other.
 */
class PackageDependenciesTest {

    static final Path MAIN = Path.of("src", "main", "java", "be", "samenbord");
    static final Pattern USE = Pattern.compile("be\\.samenbord\\.([a-z]+)\\.");

    /** Feature package → the packages it uses (first level below be.samenbord). */
    static Map<String, Set<String>> uses() throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = MAIN.relativize(f);
                if (rel.getNameCount() < 2) continue; // the root: Node, Settings, Main compose everything
                String pkg = rel.getName(0).toString();
                Set<String> used = out.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = USE.matcher(Files.readString(f));
                while (m.find()) if (!m.group(1).equals(pkg)) used.add(m.group(1));
            }
        }
        return out;
    }

    @Test
    @DisplayName("no import cycles between feature packages; http depends on features, none on http")
    void oneWay() throws IOException {
        Map<String, Set<String>> uses = uses();
        List<String> cycles = new ArrayList<>();
        for (var e : uses.entrySet()) {
            for (String used : e.getValue()) {
                if (uses.getOrDefault(used, Set.of()).contains(e.getKey())) cycles.add(e.getKey() + " <-> " + used);
            }
            if (!e.getKey().equals("http")) assertTrue(!e.getValue().contains("http"), e.getKey() + " must not use http");
        }
        assertEquals(List.of(), cycles, "packages that use each other: " + uses);
    }

    @Test
    @DisplayName("the pure model (board) uses no other package and no framework or library")
    void boardIsPure() throws IOException {
        assertEquals(Set.of(), uses().getOrDefault("board", Set.of()).stream().filter(p -> !p.equals("board")).collect(java.util.stream.Collectors.toSet()));
        try (Stream<Path> files = Files.walk(MAIN.resolve("board"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/codec/") && !p.toString().contains("/template/")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("import ")) {
                        assertTrue(line.startsWith("import java.") || line.startsWith("import be.samenbord.board"), f + ": " + line);
                    }
                }
            }
        }
    }
}
