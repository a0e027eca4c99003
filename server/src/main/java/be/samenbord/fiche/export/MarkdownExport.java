package be.samenbord.fiche.export;

import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.FicheSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * An action plan as Markdown (CommonMark, GitHub tables). All text from the board goes through
 * {@link MarkdownText}, so it shows as typed and cannot add structure, HTML, images or links
 * other than http(s) (rule FI-7); line breaks are kept.
 */
final class MarkdownExport {

    private final Labels labels;
    private final StringBuilder out = new StringBuilder();

    private MarkdownExport(Labels labels) {
        this.labels = labels;
    }

    static String render(FicheSpec spec, String planTitle, List<FicheDoc> fiches, String lang) {
        MarkdownExport md = new MarkdownExport(new Labels(spec, lang));
        md.line("# " + inline(md.labels.planTitle(planTitle))).line("");
        for (FicheDoc fiche : fiches) md.fiche(fiche);
        return md.out.toString();
    }

    private void fiche(FicheDoc fiche) {
        line("## " + inline(labels.ficheTitle(fiche))).line("");
        List<String> meta = new ArrayList<>();
        for (FicheSpec.Field f : labels.headerExtras()) {
            meta.add("**" + inline(labels.t(f.label())) + ":** " + inline(orDash(fiche.value(f.id()))));
        }
        meta.add("**" + inline(labels.word("status")) + ":** " + inline(labels.status(fiche.status())));
        meta.add("**" + inline(labels.word("smart")) + ":** " + inline(labels.smartLine(fiche)));
        line(String.join("  \n", meta)).line("");
        for (FicheSpec.Section section : labels.spec.sections()) section(section, fiche);
        if (!labels.hasStepsSection() && !fiche.steps().isEmpty()) steps(fiche.steps());
        balance(fiche);
        line("*" + inline(labels.word("source") + ": " + Labels.nz(fiche.source())) + "*").line("");
    }

    private void section(FicheSpec.Section section, FicheDoc fiche) {
        line("### " + section.number() + ". " + inline(labels.t(section.label()))).line("");
        String q = labels.t(section.question());
        if (!q.isBlank()) line("*" + inline(q) + "*").line("");
        boolean several = section.fields().size() > 1;
        for (FicheSpec.Field field : section.fields()) {
            if (several) line("**" + inline(labels.t(field.label())) + "**").line("");
            line(block(orDash(fiche.value(field.id())))).line("");
        }
        if (section.steps()) {
            if (fiche.steps().isEmpty()) line(Labels.EMPTY).line("");
            else steps(fiche.steps());
        }
    }

    private void steps(List<FicheDoc.Step> steps) {
        for (FicheDoc.Step step : steps) {
            String date = Labels.nz(step.date()).strip();
            String text = block(orDash(step.text())).replace("\n", "\n  ");
            line("- " + (date.isEmpty() ? "" : inline(date) + ": ") + text);
        }
        line("");
    }

    private void balance(FicheDoc fiche) {
        if (fiche.balance().isEmpty()) return;
        line("**" + inline(labels.t(labels.spec.balanceLabel())) + "**").line("");
        line("| " + cell(labels.word("quadrant")) + " | " + cell(labels.word("entry")) + " |");
        line("| --- | --- |");
        List<String> order = new ArrayList<>(labels.spec.quadrants().stream().map(FicheSpec.Quadrant::id).toList());
        fiche.balance().stream().map(FicheDoc.BalanceEntry::quadrant).distinct().filter(q -> !order.contains(q)).forEach(order::add);
        for (String quadrant : order) {
            for (FicheDoc.BalanceEntry entry : fiche.balance()) {
                if (quadrant.equals(entry.quadrant())) {
                    line("| " + cell(labels.quadrant(quadrant)) + " | " + cell(entry.text()) + " |");
                }
            }
        }
        line("");
    }

    private MarkdownExport line(String s) {
        out.append(s).append('\n');
        return this;
    }

    /** User text as paragraphs: each line made inert ({@link MarkdownText#line}), kept apart by hard breaks. */
    static String block(String text) {
        String[] lines = Labels.nz(text).replace("\r\n", "\n").replace('\r', '\n').strip().split("\n", -1);
        StringBuilder b = new StringBuilder();
        boolean previousBlank = true;
        for (String raw : lines) {
            String l = raw.strip();
            if (l.isEmpty()) {
                if (!previousBlank) b.append("\n\n");
                previousBlank = true;
                continue;
            }
            if (!previousBlank) b.append("  \n");
            b.append(MarkdownText.line(l));
            previousBlank = false;
        }
        return b.toString();
    }

    /** One line of text (labels, titles): newlines become spaces, then as {@link MarkdownText#line}. */
    static String inline(String text) {
        String line = MarkdownText.line(Labels.nz(text).replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
        // a trailing "#" would be taken for the closing sequence of a heading
        return line.endsWith("#") && !line.endsWith("\\#") ? line.substring(0, line.length() - 1) + "\\#" : line;
    }

    private static String cell(String text) {
        return MarkdownText.inline(Labels.nz(text).replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? Labels.EMPTY : value;
    }
}
