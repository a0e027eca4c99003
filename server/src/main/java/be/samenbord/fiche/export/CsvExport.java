package be.samenbord.fiche.export;

import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.FicheSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fiches as CSV (RFC 4180): CRLF between records, a field quoted when it holds a comma, quote,
 * CR or LF, quotes doubled. Values are written as they are (line breaks inside stay LF).
 */
final class CsvExport {

    private CsvExport() {
    }

    static String render(FicheSpec spec, List<FicheDoc> fiches, String lang) {
        Labels labels = new Labels(spec, lang);
        List<FicheSpec.Field> fields = spec.fields();
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("id", "status"));
        fields.forEach(f -> header.add(labels.t(f.label())));
        header.addAll(List.of("steps", "smart_missing", "source"));
        record(out, header);
        for (FicheDoc fiche : fiches) {
            List<String> row = new ArrayList<>();
            row.add(Labels.nz(fiche.id()));
            row.add(Labels.nz(fiche.status()));
            fields.forEach(f -> row.add(fiche.value(f.id())));
            row.add(String.join("\n", fiche.steps().stream().map(Labels::stepLine).toList()));
            row.add(String.join(" ", labels.smart(fiche).entrySet().stream()
                    .filter(e -> !e.getValue()).map(Map.Entry::getKey).toList()));
            row.add(Labels.nz(fiche.source()));
            record(out, row);
        }
        return out.toString();
    }

    private static void record(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) out.append(',');
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
    }

    /**
     * One CSV cell. A value that a spreadsheet would read as a formula (=, +, -, @, tab, CR first)
     * gets a leading apostrophe, so opening the export never runs what a participant typed
     * (FI-5); the apostrophe is the spreadsheet convention for "this is text".
     */
    static String field(String value) {
        String v = Labels.nz(value);
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) v = "'" + v;
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
