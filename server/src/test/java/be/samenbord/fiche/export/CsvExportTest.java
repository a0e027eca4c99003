package be.samenbord.fiche.export;

import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.FicheSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class CsvExportTest {

    private final FicheSpec spec = ExportFixtures.spec();
    private final List<FicheDoc> fiches = ExportFixtures.fiches(spec);

    @TempDir
    Path dir;

    @Test
    @org.junit.jupiter.api.DisplayName("FI-5: Dutch CSV (';') reads back cell for cell")
    void rowsAndColumnsRoundTrip() throws IOException {
        Path file = dir.resolve("fiches.csv");
        Files.writeString(file, FicheExport.csv(spec, fiches, "nl"), StandardCharsets.UTF_8);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"));
        List<List<String>> rows = parse(text, ';');

        List<String> header = new ArrayList<>(List.of("id", "status"));
        spec.fields().forEach(f -> header.add(f.label().nl()));
        header.addAll(List.of("steps", "smart_missing", "source"));
        assertEquals(header, rows.get(0));
        assertEquals(fiches.size() + 1, rows.size());

        for (int r = 0; r < fiches.size(); r++) {
            FicheDoc f = fiches.get(r);
            List<String> row = rows.get(r + 1);
            assertEquals(header.size(), row.size());
            assertEquals(f.id(), row.get(0));
            assertEquals(f.status(), row.get(1));
            for (int i = 0; i < spec.fields().size(); i++) {
                String value = f.value(spec.fields().get(i).id());
                // FI-5: a line that starts with "-" could run as a formula in a spreadsheet: it is marked as text
                String expected = value.equals(ExportFixtures.HEADING_ATTEMPT) ? value.replace("\n---", "\n'---") : value;
                assertEquals(expected, row.get(i + 2), spec.fields().get(i).id());
            }
            int after = spec.fields().size() + 2;
            assertEquals(String.join("\n", f.steps().stream()
                    .map(s -> s.date().isEmpty() ? s.text() : s.date() + ": " + s.text()).toList()), row.get(after));
            assertEquals(String.join(" ", f.smart().missing()), row.get(after + 1));
            assertEquals(f.source(), row.get(after + 2));
        }
        assertTrue(rows.get(1).contains(ExportFixtures.COMMA_QUOTE_NEWLINE));
        assertEquals("2025-03-01: Bewoners uitnodigen\n2025-04-15: Proefopstelling, \"tijdelijk\"\nmet evaluatie\nNog te plannen",
                rows.get(1).get(spec.fields().size() + 2));
    }

    @Test
    void englishHeaderUsesEnglishLabels() {
        List<String> header = parse(FicheExport.csv(spec, fiches, "en")).get(0);
        assertEquals(spec.fields().stream().map(f -> f.label().en()).toList(), header.subList(2, header.size() - 3));
    }

    @Test
    void zeroFichesGiveHeaderOnly() {
        String csv = FicheExport.csv(spec, List.of(), "nl");
        List<List<String>> rows = parse(csv, ';');
        assertEquals(1, rows.size());
        assertEquals(spec.fields().size() + 5, rows.get(0).size());
        assertEquals(1, csv.split("\r\n", -1).length - 1);
    }

    @Test
    void quotesOnlyWhenNeeded() {
        assertEquals("plain", CsvExport.field("plain"));
        assertEquals("\"a,b\"", CsvExport.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvExport.field("say \"hi\""));
        assertEquals("\"x\ny\"", CsvExport.field("x\ny"));
        assertEquals("\"x\ry\"", CsvExport.field("x\ry"));
        assertEquals("\"x;y\"", CsvExport.field("x;y"), "either separator is quoted, whichever the file uses");
        assertEquals("", CsvExport.field(null));
    }

    @Test
    @org.junit.jupiter.api.DisplayName("FI-5: a cell a spreadsheet would run as a formula is exported as text")
    void formulasAreDefused() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", CsvExport.field("=HYPERLINK(\"http://x\")"));
        assertEquals("'+31 6 1234", CsvExport.field("+31 6 1234"));
        assertEquals("'- meer fietsen", CsvExport.field("- meer fietsen"));
        assertEquals("'@SUM(A1)", CsvExport.field("@SUM(A1)"));
        assertEquals("een = twee", CsvExport.field("een = twee"));
    }

    public static List<List<String>> parse(String text) {
        return parse(text, ',');
    }

    /** A strict RFC 4180 reader: records end with CRLF; quoted fields may hold separators, "" and line breaks. */
    public static List<List<String>> parse(String text, char separator) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') quoted = false;
                else field.append(c);
                i++;
            } else if (c == '"') {
                if (field.length() > 0) throw new IllegalArgumentException("quote inside unquoted field at " + i);
                quoted = true;
                i++;
            } else if (c == separator) {
                row.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("bare line break outside quotes at " + i);
            } else {
                field.append(c);
                i++;
            }
        }
        if (quoted) throw new IllegalArgumentException("unterminated quote");
        if (field.length() > 0 || !row.isEmpty()) throw new IllegalArgumentException("last record lacks CRLF");
        return rows;
    }
}
