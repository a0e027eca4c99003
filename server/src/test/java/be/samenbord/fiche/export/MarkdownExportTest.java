package be.samenbord.fiche.export;

import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.FicheSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownExportTest {

    private final FicheSpec spec = ExportFixtures.spec();
    private final List<FicheDoc> fiches = ExportFixtures.fiches(spec);

    @TempDir
    Path dir;

    @Test
    void headingsAreThePlanTheFichesAndThe21SectionsInOrder() throws IOException {
        Path file = dir.resolve("plan.md");
        Files.writeString(file, FicheExport.markdown(spec, "Actieplan", fiches, "nl"), StandardCharsets.UTF_8);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

        assertEquals("# Actieplan", lines.get(0));
        List<String> headings = lines.stream().filter(l -> l.matches("^ {0,3}#{1,6}( .*)?$")).toList();
        assertEquals(1 + fiches.size() * (1 + spec.sections().size()), headings.size(), headings.toString());
        assertEquals(fiches.stream().map(f -> "## " + f.title()).toList(),
                headings.stream().filter(h -> h.startsWith("## ")).toList());
        List<String> sections = spec.sections().stream().map(s -> "### " + s.number() + ". " + s.label().nl()).toList();
        assertEquals(IntStream.rangeClosed(1, 21).boxed().toList(), spec.sections().stream().map(FicheSpec.Section::number).toList());
        for (int n = 0; n < fiches.size(); n++) {
            int from = 1 + n * (1 + sections.size());
            assertEquals(sections, headings.subList(from + 1, from + 1 + sections.size()));
        }
    }

    @Test
    void userTextCannotCreateHeadingsOrBlocks() {
        String md = FicheExport.markdown(spec, "Plan", fiches, "nl");
        List<String> lines = md.lines().toList();
        assertTrue(lines.contains("\\# Geen kop  "), md);
        assertTrue(lines.contains("\\## ook geen kop  "));
        assertTrue(lines.contains("\\---  "));
        assertTrue(lines.contains("1\\. geen lijst  "));
        assertTrue(lines.contains("\\> geen citaat"));
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("# Geen kop") || l.startsWith("---")));
    }

    @Test
    void statusStepsBalanceAndSubFields() {
        String md = FicheExport.markdown(spec, "Plan", fiches, "en");
        FicheDoc first = fiches.get(0);
        assertTrue(md.contains("**Status:** " + spec.statuses().stream()
                .filter(s -> s.id().equals(first.status())).findFirst().orElseThrow().label().en()));
        assertTrue(md.contains("- 2025-03-01: Bewoners uitnodigen\n"));
        assertTrue(md.contains("- 2025-04-15: Proefopstelling, \"tijdelijk\"  \n  met evaluatie\n"));
        assertTrue(md.contains("- Nog te plannen\n"));
        assertTrue(md.contains("| " + spec.quadrants().get(3).label().en() + " | Minder parkeerplaatsen \\| impact |"));
        assertTrue(md.contains("Eerste regel  \nTweede regel met naïef  \nDerde regel\n"));
        spec.sections().stream().filter(s -> s.fields().size() > 1).flatMap(s -> s.fields().stream())
                .forEach(f -> assertTrue(md.contains("**" + f.label().en() + "**\n"), f.id()));
        assertTrue(md.contains("*Source: " + first.source() + "*"));
    }

    @Test
    void escapesOnlyLineStarts() {
        assertEquals("a # b", MarkdownExport.block("a # b"));
        assertEquals("\\- item  \n\\+ item  \n12\\) x  \n\\<div>", MarkdownExport.block("- item\n+ item\n12) x\n<div>"));
        assertEquals("één\n\ntwee", MarkdownExport.block("één\n\n\ntwee"));
        assertEquals("C\\#", MarkdownExport.inline("C#"));
        assertEquals("\\#tag line", MarkdownExport.inline("#tag\nline"));
    }
}
