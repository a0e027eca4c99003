package be.samenbord.fiche.export;

import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.FicheSpec;
import be.samenbord.fiche.SmartCheck;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CSV that a spreadsheet opens without running anything a participant typed (rule FI-5), with
 * either separator, even when the file is opened with the other one.
 */
class CsvSafetyTest {

    static final List<String> FORMULAS = List.of("x;=1+2", "a,=HYPERLINK(\"http://evil\")", "regel\n@SUM(A1)", " =1+1",
            "tekst; +31 6 1234", "\"=2*3\"", "x,\t=1", "a;\r\n-2+3", "=1;=2,=3");

    private final FicheSpec spec = ExportFixtures.spec();

    @Test
    @DisplayName("FI-5 (finding: a cell x;=1+2 stayed unquoted, a formula once split on ';')")
    void semicolonCellStaysUnquoted() {
        String cell = CsvExport.field("x;=1+2");
        assertTrue(cell.startsWith("\"") && cell.endsWith("\""), "a cell with ';' is quoted: " + cell);
        assertEquals("\"x;'=1+2\"", cell, "and the piece after ';' cannot start a formula");
        assertEquals("\"a,'=1\"", CsvExport.field("a,=1"));
        assertEquals("\"regel\n'@SUM(A1)\"", CsvExport.field("regel\n@SUM(A1)"));
        assertEquals("\"\"\"'=2*3\"\"\"", CsvExport.field("\"=2*3\""), "a quote before the formula does not hide it");
        assertEquals(" '=1+1", CsvExport.field(" =1+1"), "nor do spaces");
        assertEquals("\"tekst; '+31\"", CsvExport.field("tekst; +31"));
        assertEquals("'-5", CsvExport.field("-5"));
        assertEquals("een = twee", CsvExport.field("een = twee"));
        assertEquals("\"a;b\"", CsvExport.field("a;b"));
    }

    @TempDir
    Path dir;

    @Test
    @DisplayName("FI-5: no cell and no piece of a cell starts a formula, read with ';' or ',' or split naively on both")
    void noFormulaWithEitherSeparator() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < spec.fields().size(); i++) values.put(spec.fields().get(i).id(), FORMULAS.get(i % FORMULAS.size()));
        List<FicheDoc.Step> steps = List.of(new FicheDoc.Step("", "=cmd|' /C calc'!A0"), new FicheDoc.Step("2025-01-01", "@x"));
        FicheDoc fiche = new FicheDoc("fiche-x", "draft", values, steps, List.of(), "+board",
                SmartCheck.check(spec, values, steps));
        for (char sep : new char[]{',', ';'}) {
            Path file = dir.resolve("fiches-" + (sep == ',' ? "comma" : "semicolon") + ".csv");
            Files.writeString(file, FicheExport.csv(spec, List.of(fiche), "nl", sep), StandardCharsets.UTF_8);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<List<String>> rows = CsvExportTest.parse(text, sep);
            assertEquals(2, rows.size());
            assertEquals(rows.get(0).size(), rows.get(1).size(), "as many cells as headers with " + sep);
            for (String cell : rows.get(1)) {
                for (String piece : cell.split("[,;\\r\\n]", -1)) {
                    assertFalse(formula(piece), "with '" + sep + "' a cell piece starts a formula: [" + piece + "] in [" + cell + "]");
                }
            }
            // A spreadsheet opened with the other separator honours quotes only at a field's start: split on everything.
            for (String piece : text.split("[,;\\r\\n]", -1)) {
                assertFalse(formula(piece), "split naively, a piece starts a formula: [" + piece + "]");
            }
            assertEquals("x;'=1+2", rows.get(1).get(2), "a guarded cell reads back as what was typed, each piece marked as text");
        }
    }

    /** What a spreadsheet would run: after spaces and quotes, one of = + - @ tab CR. */
    static boolean formula(String piece) {
        String p = piece.replaceFirst("^[ \"]+", "");
        return !p.isEmpty() && "=+-@\t\r".indexOf(p.charAt(0)) >= 0;
    }
}
