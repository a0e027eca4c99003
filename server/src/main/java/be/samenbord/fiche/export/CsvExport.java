package be.samenbord.fiche.export;

import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.FicheSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fiches as CSV (RFC 4180): CRLF between records, quotes doubled, cells separated by ',' or ';'
 * (what a Dutch or Belgian spreadsheet expects). Values are written as they are (line breaks
 * inside stay LF), except for the apostrophes that keep formulas from running (rule FI-5).
 */
final class CsvExport {

    /** What a spreadsheet runs when a cell starts with it. */
    private static final String FORMULA_START = "=+-@\t\r";

    private CsvExport() {
    }

    static String render(FicheSpec spec, List<FicheDoc> fiches, String lang, char separator) {
        if (separator != ',' && separator != ';') throw new IllegalArgumentException("separator must be ',' or ';'");
        Labels labels = new Labels(spec, lang);
        List<FicheSpec.Field> fields = spec.fields();
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("id", "status"));
        fields.forEach(f -> header.add(labels.t(f.label())));
        header.addAll(List.of("steps", "smart_missing", "source"));
        record(out, header, separator);
        for (FicheDoc fiche : fiches) {
            List<String> row = new ArrayList<>();
            row.add(Labels.nz(fiche.id()));
            row.add(Labels.nz(fiche.status()));
            fields.forEach(f -> row.add(fiche.value(f.id())));
            row.add(String.join("\n", fiche.steps().stream().map(Labels::stepLine).toList()));
            row.add(String.join(" ", labels.smart(fiche).entrySet().stream()
                    .filter(e -> !e.getValue()).map(Map.Entry::getKey).toList()));
            row.add(Labels.nz(fiche.source()));
            record(out, row, separator);
        }
        return out.toString();
    }

    private static void record(StringBuilder out, List<String> fields, char separator) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) out.append(separator);
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
    }

    /**
     * One CSV cell, the same for either separator. Quoted when it holds ',' or ';' (so it stays one
     * cell whichever separator the reader uses), a quote or a line break.
     */
    static String field(String value) {
        String v = defused(Labels.nz(value));
        boolean quote = v.indexOf(',') >= 0 || v.indexOf(';') >= 0 || v.indexOf('"') >= 0
                || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    /**
     * The value with an apostrophe (the spreadsheet convention for "this is text") in every piece
     * that a spreadsheet could run as a formula: the cell itself, and every piece after ',', ';'
     * or a line break. A spreadsheet opened with the other separator honours quotes only at a
     * field's start, so there each of those pieces is a cell or a record of its own. A piece is a
     * formula when, after spaces and quotes, it starts with = + - @, tab or CR; the apostrophe goes
     * right before that character, so it still leads once a reader trims the spaces or quotes.
     */
    static String defused(String v) {
        StringBuilder out = new StringBuilder(v.length() + 4);
        boolean pieceStart = true;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (pieceStart && FORMULA_START.indexOf(c) >= 0) {
                out.append('\'');
                pieceStart = false;
            } else if (c != ' ' && c != '"') {
                pieceStart = false;
            }
            out.append(c);
            if (c == ',' || c == ';' || c == '\n' || c == '\r') pieceStart = true;
        }
        return out.toString();
    }
}
