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
    @org.junit.jupiter.api.DisplayName("FI-8 (finding: PDF printed emoji and non-Latin text as '?')")
    void pdfPrintsEmojiAndNonLatinTextAsQuestionMarks() throws IOException {
        String dutch = "Zoë en José: één café, ruïne, coöperatie";
        String greek = "Ελληνικά: καλημέρα σας";
        String cyrillic = "Кириллица: добрый день";
        String cjk = "漢字かな한글";
        String emoji = "Feest 🎉 met 👍 en 🚲 ✓ ❤";
        Map<String, String> values = Map.of("title", "Straatfeest 🎉 Ελλάδα", spec.fields().get(1).id(), dutch,
                firstSectionField(0), greek + "\n" + cyrillic, firstSectionField(1), cjk, firstSectionField(2), emoji);
        List<FicheDoc.Step> steps = List.of(new FicheDoc.Step("2025-05-01", "Вместе 🙂 samen"));
        List<FicheDoc.BalanceEntry> balance = List.of(new FicheDoc.BalanceEntry("gain-short", "Χαρά 😀 plezier"));
        FicheDoc fiche = new FicheDoc("x", "draft", values, steps, balance, "board:x/item:1", SmartCheck.check(spec, values, steps));
        Pdf pdf = read(Files.write(dir.resolve("unicode.pdf"), FicheExport.pdf(spec, "Plan ✓ 🚲 Ωμέγα", List.of(fiche), "nl")));
        for (String expected : List.of("Straatfeest 🎉 Ελλάδα", dutch, greek, cyrillic, cjk, emoji, "Вместе 🙂 samen",
                "Χαρά 😀 plezier", "Plan ✓ 🚲 Ωμέγα")) {
            assertContains(pdf.text, expected);
        }
    }

    @Test
    void unprintableCharactersBecomeTheReplacementCharacter() throws IOException {
        // U+1FAE0 (melting face, Unicode 14) is in none of the shipped fonts
        Map<String, String> values = Map.of("title", "Smelt \uD83E\uDEE0 weg");
        FicheDoc fiche = new FicheDoc("x", "draft", values, List.of(), List.of(), "s", SmartCheck.check(spec, values, List.of()));
        Pdf pdf = read(Files.write(dir.resolve("odd.pdf"), FicheExport.pdf(spec, "Plan", List.of(fiche), "nl")));
        assertContains(pdf.text, "Smelt \uFFFD weg");
    }

    @Test
    void cleanTextJoinsWhatTheFontsCannotCombine() {
        assertEquals("é ë ï € — “x” …", PdfText.clean("é ë ï € — “x” …"));
        assertEquals("é", PdfText.clean("e\u0301"));
        assertEquals("a👍b", PdfText.clean("a👍🏽b"), "skin tones are dropped: the fonts have no coloured glyphs");
        assertEquals("👨👩👧", PdfText.clean("👨‍👩‍👧"), "a joined sequence shows its parts");
        assertEquals("❤", PdfText.clean("❤️"), "variation selectors are dropped");
        assertEquals("a\nb\nc    d", PdfText.clean("a\r\nb\rc\td"));
        assertEquals("", PdfText.clean(null));
    }

    private String firstSectionField(int index) {
        return spec.sections().stream().filter(s -> !s.fields().isEmpty()).skip(index).findFirst().orElseThrow().fields().get(0).id();
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
