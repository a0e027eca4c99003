package be.samenbord.boardexport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IT-6: the arrows drawn, held to the shared vectors (server/vectors/arrows, also read by the web's arrows.test.ts). */
class BoardArrowsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("vectors", "arrows");

    static Stream<Path> vectors() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    @DisplayName("IT-6: an arrow is drawn only between live notes of consecutive zones")
    void vector(Path file) {
        JsonNode v = read(file);
        List<String> order = new ArrayList<>();
        v.path("order").forEach(z -> order.add(z.asText()));
        List<BoardArrows.Arrow> expected = new ArrayList<>();
        v.path("drawn").forEach(a -> expected.add(new BoardArrows.Arrow(a.path("id").asText(), a.path("from").asText(), a.path("to").asText())));
        assertEquals(expected, BoardArrows.drawn(order, restView(v.path("items"))), v.path("description").asText());
    }

    @Test
    void vectorsExist() throws IOException {
        assertTrue(vectors().count() >= 3, "no vectors found in " + DIR);
    }

    @Test
    @DisplayName("IT-6, EX-2: the board export draws an arrow from the first note's right edge to the second's left edge")
    void pageCarriesTheArrowsLines() throws IOException {
        JsonNode template = JSON.readTree(Files.readString(Path.of("..", "templates-library", "templates", "change-map.json")));
        JsonNode items = restView(JSON.readTree("""
                {"a":{"kind":"note","zone":"activities","text":"scan","x":300,"y":300,"w":200,"h":100},
                 "r":{"kind":"note","zone":"direct-results","text":"inzicht","x":900,"y":500,"w":200,"h":120},
                 "p":{"kind":"arrow","from":"a","to":"r"}}"""));
        BoardPage page = BoardPages.read(template, items, "nl");
        assertEquals(List.of(new BoardPage.Line(500, 350, 900, 560)), page.arrows());
        assertEquals(2, page.notes().size(), "the arrow is no note");
        assertTrue(BoardPdf.render("Kaart", List.of(page)).length > 0);
    }

    /** Plain values to the REST view's {@code {"v": value}} registers. */
    private static JsonNode restView(JsonNode plain) {
        ObjectNode out = JSON.createObjectNode();
        plain.properties().forEach(item -> {
            ObjectNode fields = out.putObject(item.getKey());
            item.getValue().properties().forEach(f -> fields.putObject(f.getKey()).set("v", f.getValue()));
        });
        return out;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
