package be.samenbord.fiche.export;

import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.FicheSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonExportTest {

    private final FicheSpec spec = ExportFixtures.spec();
    private final List<FicheDoc> fiches = ExportFixtures.fiches(spec);

    @TempDir
    Path dir;

    @Test
    void everyValueRoundTripsInSpecOrder() throws IOException {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, FicheExport.json(spec, "Actieplan", fiches, "nl"), StandardCharsets.UTF_8);
        JsonNode root = new ObjectMapper().readTree(file.toFile());

        assertEquals("Actieplan", root.path("title").asText());
        assertEquals("nl", root.path("lang").asText());
        List<String> ids = spec.fields().stream().map(FicheSpec.Field::id).toList();
        assertEquals(fiches.size(), root.path("fiches").size());
        for (int n = 0; n < fiches.size(); n++) {
            FicheDoc f = fiches.get(n);
            JsonNode j = root.path("fiches").get(n);
            assertEquals(f.id(), j.path("id").asText());
            assertEquals(f.status(), j.path("status").asText());
            assertEquals(f.source(), j.path("source").asText());
            assertEquals(ids, names(j.path("fields")));
            for (String id : ids) assertEquals(f.value(id), j.path("fields").path(id).asText(), id);
            assertEquals(f.steps().size(), j.path("steps").size());
            for (int s = 0; s < f.steps().size(); s++) {
                assertEquals(f.steps().get(s).date(), j.path("steps").get(s).path("date").asText());
                assertEquals(f.steps().get(s).text(), j.path("steps").get(s).path("text").asText());
            }
            assertEquals(f.balance().size(), j.path("balance").size());
            for (int b = 0; b < f.balance().size(); b++) {
                assertEquals(f.balance().get(b).quadrant(), j.path("balance").get(b).path("quadrant").asText());
                assertEquals(f.balance().get(b).text(), j.path("balance").get(b).path("text").asText());
            }
            assertEquals(spec.smart().stream().map(FicheSpec.SmartRule::id).toList(), names(j.path("smart")));
            f.smart().met().forEach((rule, met) -> assertEquals(met, j.path("smart").path(rule).asBoolean(), rule));
        }
        assertEquals(ExportFixtures.COMMA_QUOTE_NEWLINE, root.path("fiches").get(0).path("fields")
                .path(names(root.path("fiches").get(0).path("fields")).stream()
                        .filter(id -> fiches.get(0).value(id).equals(ExportFixtures.COMMA_QUOTE_NEWLINE)).findFirst().orElseThrow()).asText());
        assertEquals(ids, names(root.path("labels")));
        spec.fields().forEach(f -> assertEquals(f.label().nl(), root.path("labels").path(f.id()).asText()));
    }

    @Test
    void englishLabelsAndEmptyList() throws IOException {
        JsonNode root = new ObjectMapper().readTree(FicheExport.json(spec, "", List.of(), "en"));
        assertEquals("en", root.path("lang").asText());
        assertEquals(spec.title().en(), root.path("title").asText());
        assertEquals(0, root.path("fiches").size());
        spec.fields().forEach(f -> assertEquals(f.label().en(), root.path("labels").path(f.id()).asText()));
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
