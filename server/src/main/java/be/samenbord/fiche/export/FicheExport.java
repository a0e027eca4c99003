package be.samenbord.fiche.export;

import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.FicheSpec;

import java.util.List;
import java.util.Objects;

/**
 * Exports of action fiches: an action plan as PDF or Markdown, a table as CSV, data as JSON.
 * Labels come from the fiche spec in {@code lang} ("en" = English, anything else = Dutch);
 * a single fiche is exported as a one-element list. Stateless and thread-safe.
 */
public final class FicheExport {

    public static final String PDF_TYPE = "application/pdf";
    public static final String MARKDOWN_TYPE = "text/markdown; charset=utf-8";
    public static final String CSV_TYPE = "text/csv; charset=utf-8";
    public static final String JSON_TYPE = "application/json";

    private FicheExport() {
    }

    /**
     * An action plan: a title page, then each fiche on a new page with its status, SMART state,
     * all sections in order with their questions and values, steps, balance and source.
     * Text is drawn in embedded Unicode fonts (Latin, Greek, Cyrillic, CJK, monochrome emoji;
     * FI-8); a character none of them has prints as U+FFFD, never fails.
     */
    public static byte[] pdf(FicheSpec spec, String planTitle, List<FicheDoc> fiches, String lang) {
        return PdfExport.render(spec, planTitle, check(fiches), lang);
    }

    /** The same action plan as Markdown: "# plan", "## fiche", "### n. section". */
    public static String markdown(FicheSpec spec, String planTitle, List<FicheDoc> fiches, String lang) {
        return MarkdownExport.render(spec, planTitle, check(fiches), lang);
    }

    /**
     * One row per fiche (RFC 4180, CRLF, no BOM): id, status, every field (header = labels in
     * {@code lang}, document order), steps ("date: text" per line), smart_missing (rule ids), source.
     * Separated by {@link #csvSeparator(String) the language's separator}.
     */
    public static String csv(FicheSpec spec, List<FicheDoc> fiches, String lang) {
        return csv(spec, fiches, lang, csvSeparator(lang));
    }

    /** The same with {@code separator} ',' or ';'; cells holding either are quoted, formulas defused (FI-5). */
    public static String csv(FicheSpec spec, List<FicheDoc> fiches, String lang, char separator) {
        return CsvExport.render(spec, check(fiches), lang, separator);
    }

    /** What a spreadsheet in that language splits on: ';' for Dutch (nl-BE, nl-NL), ',' for English. */
    public static char csvSeparator(String lang) {
        return "en".equals(lang) ? ',' : ';';
    }

    /** {"title", "lang", "fiches": [{id, status, source, fields, steps, balance, smart}], "labels"}. */
    public static String json(FicheSpec spec, String planTitle, List<FicheDoc> fiches, String lang) {
        return JsonExport.render(spec, planTitle, check(fiches), lang);
    }

    private static List<FicheDoc> check(List<FicheDoc> fiches) {
        Objects.requireNonNull(fiches, "fiches");
        fiches.forEach(f -> Objects.requireNonNull(f, "fiche"));
        return fiches;
    }
}
