package be.samenbord.fiche.export;

import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.FicheSpec;
import be.samenbord.fiche.SmartCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PdfExportTest {

    private final FicheSpec spec = ExportFixtures.spec();
    private final List<FicheDoc> fiches = ExportFixtures.fiches(spec);

    @TempDir
    Path dir;

    @Test
    void dutchPlanHasEveryTitleSectionAndAccentedValue() throws IOException {
        Path file = dir.resolve("plan.pdf");
        Files.write(file, FicheExport.pdf(spec, "Actieplan Oudergem", fiches, "nl"));
        Pdf pdf = read(file);

        assertTrue(pdf.pages >= fiches.size() + 1, "title page + a page per fiche, got " + pdf.pages);
        assertContains(pdf.text, "Actieplan Oudergem");
        for (FicheDoc f : fiches) {
            assertContains(pdf.text, f.title());
            assertContains(pdf.text, f.source());
        }
        for (FicheSpec.Section s : spec.sections()) {
            assertContains(pdf.text, s.number() + ". " + s.label().nl());
        }
        assertContains(pdf.text, ExportFixtures.ACCENTS);
        assertContains(pdf.text, "Eerste regel Tweede regel met naïef Derde regel");
        assertContains(pdf.text, "Zoë Verbeeck");
        assertContains(pdf.text, "Bewoners uitnodigen");
        assertContains(pdf.text, spec.statuses().get(0).label().nl());
        assertContains(pdf.text, spec.smart().get(0).label().nl());
        assertContains(pdf.text, spec.quadrants().get(0).label().nl());
        assertContains(pdf.text, "Veiliger voor kinderen");
    }

    @Test
    void englishPlanHasEnglishLabels() throws IOException {
        Path file = dir.resolve("plan-en.pdf");
        Files.write(file, FicheExport.pdf(spec, "Action plan", fiches, "en"));
        Pdf pdf = read(file);
        for (FicheSpec.Section s : spec.sections()) {
            assertContains(pdf.text, s.number() + ". " + s.label().en());
        }
        for (FicheSpec.Field f : spec.sections().stream().filter(s -> s.fields().size() > 1).flatMap(s -> s.fields().stream()).toList()) {
            assertContains(pdf.text, f.label().en());
        }
        assertContains(pdf.text, spec.statuses().get(0).label().en());
        assertContains(pdf.text, "Source: " + fiches.get(0).source());
    }

    @Test
    void zeroFichesGiveOnePage() throws IOException {
        Path file = dir.resolve("empty.pdf");
        Files.write(file, FicheExport.pdf(spec, "Leeg plan", List.of(), "nl"));
        Pdf pdf = read(file);
        assertEquals(1, pdf.pages);
        assertContains(pdf.text, "Leeg plan");
    }

    @Test
    void charactersOutsideCp1252AreReplacedNotFatal() throws IOException {
        Map<String, String> values = Map.of("title", "Feest 🎉 in de straat", spec.fields().get(1).id(), "Łódź, Dvořák, 漢字 → ok");
        FicheDoc fiche = new FicheDoc("x", "draft", values, List.of(), List.of(), "board:x/item:1",
                SmartCheck.check(spec, values, List.of()));
        Pdf pdf = read(Files.write(dir.resolve("odd.pdf"), FicheExport.pdf(spec, "Plan ✓", List.of(fiche), "nl")));
        assertContains(pdf.text, "Feest ? in de straat");
        assertContains(pdf.text, "?ódz, Dvorák, ?? -> ok");
        assertContains(pdf.text, "Plan v");
    }

    @Test
    void safeTextKeepsWinAnsiAndReplacesTheRest() {
        assertEquals("é ë ï € — “x” …", PdfText.safe("é ë ï € — “x” …"));
        assertEquals("é", PdfText.safe("e\u0301"));
        assertEquals("a?b", PdfText.safe("a👍🏽b"));
        assertEquals("?", PdfText.safe("👨‍👩‍👧"));
        assertEquals("o c", PdfText.safe("ő č"));
        assertEquals("a\nb\nc", PdfText.safe("a\r\nb\rc"));
        assertEquals("", PdfText.safe(null));
    }

    private record Pdf(int pages, String text) {
    }

    private static Pdf read(Path file) throws IOException {
        PdfReader reader = new PdfReader(Files.readAllBytes(file));
        try {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder text = new StringBuilder();
            for (int i = 1; i <= reader.getNumberOfPages(); i++) text.append(extractor.getTextFromPage(i)).append('\n');
            return new Pdf(reader.getNumberOfPages(), text.toString().replaceAll("\\s+", " "));
        } finally {
            reader.close();
        }
    }

    private static void assertContains(String text, String expected) {
        String e = expected.replaceAll("\\s+", " ");
        assertTrue(text.contains(e), () -> "PDF text lacks \"" + e + "\" in: " + text);
    }
}
