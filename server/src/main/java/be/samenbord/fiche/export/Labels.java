package be.samenbord.fiche.export;

import be.samenbord.fiche.FicheDoc;
import be.samenbord.fiche.FicheSpec;
import be.samenbord.fiche.SmartCheck;
import be.samenbord.fiche.SmartResult;
import be.samenbord.fiche.Text;

import java.util.List;
import java.util.Map;

/** The texts every export shares: spec labels in one language plus the few fixed words of the exports. */
final class Labels {

    private static final Map<String, Text> WORDS = Map.ofEntries(
            Map.entry("status", new Text("Status", "Status")),
            Map.entry("smart", new Text("SMART", "SMART")),
            Map.entry("met", new Text("voldaan", "met")),
            Map.entry("missing", new Text("ontbreekt", "missing")),
            Map.entry("source", new Text("Bron", "Source")),
            Map.entry("date", new Text("Datum", "Date")),
            Map.entry("step", new Text("Stap", "Step")),
            Map.entry("quadrant", new Text("Kwadrant", "Quadrant")),
            Map.entry("entry", new Text("Punt", "Entry")),
            Map.entry("fiches", new Text("Actiefiches", "Action fiches")),
            Map.entry("untitled", new Text("(zonder titel)", "(untitled)")),
            Map.entry("none", new Text("geen", "none")));

    /** Shown for an empty value. */
    static final String EMPTY = "—";

    final FicheSpec spec;
    final String lang;

    Labels(FicheSpec spec, String lang) {
        this.spec = java.util.Objects.requireNonNull(spec, "spec");
        this.lang = lang(lang);
    }

    /** "en" or "nl" (the default, as in {@link Text#in}). */
    static String lang(String lang) {
        return "en".equals(lang) ? "en" : "nl";
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    String t(Text text) {
        return text == null ? "" : nz(text.in(lang));
    }

    String word(String key) {
        return t(WORDS.get(key));
    }

    String planTitle(String planTitle) {
        return planTitle == null || planTitle.isBlank() ? t(spec.title()) : planTitle.strip();
    }

    String ficheTitle(FicheDoc fiche) {
        String title = fiche.title();
        return title.isBlank() ? word("untitled") : title.strip();
    }

    String status(String id) {
        return spec.statuses().stream().filter(s -> s.id().equals(id)).findFirst()
                .map(s -> t(s.label())).orElse(nz(id));
    }

    String smartRule(String id) {
        return spec.smart().stream().filter(r -> r.id().equals(id)).findFirst()
                .map(r -> t(r.label())).orElse(id);
    }

    String quadrant(String id) {
        return spec.quadrants().stream().filter(q -> q.id().equals(id)).findFirst()
                .map(q -> t(q.label())).orElse(nz(id));
    }

    /** Each spec rule (in spec order) → met, from the fiche's own result or else checked now. */
    Map<String, Boolean> smart(FicheDoc fiche) {
        SmartResult own = fiche.smart();
        SmartResult computed = SmartCheck.check(spec, fiche.values(), fiche.steps());
        Map<String, Boolean> out = new java.util.LinkedHashMap<>();
        for (FicheSpec.SmartRule rule : spec.smart()) {
            Boolean met = own == null ? null : own.met().get(rule.id());
            out.put(rule.id(), met != null ? met : computed.met().getOrDefault(rule.id(), false));
        }
        return out;
    }

    /** "voldaan: A, B · ontbreekt: C" — the SMART state in words. */
    String smartLine(FicheDoc fiche) {
        Map<String, Boolean> smart = smart(fiche);
        List<String> met = smart.entrySet().stream().filter(Map.Entry::getValue).map(e -> smartRule(e.getKey())).toList();
        List<String> missing = smart.entrySet().stream().filter(e -> !e.getValue()).map(e -> smartRule(e.getKey())).toList();
        return word("met") + ": " + (met.isEmpty() ? word("none") : String.join(", ", met))
                + " · " + word("missing") + ": " + (missing.isEmpty() ? word("none") : String.join(", ", missing));
    }

    /** Header fields other than the title (e.g. the driver), which exports show under the fiche's heading. */
    List<FicheSpec.Field> headerExtras() {
        return spec.header().stream().filter(f -> !f.id().equals("title")).toList();
    }

    /** The steps are shown in the steps section, or after the sections when the spec has none. */
    boolean hasStepsSection() {
        return spec.sections().stream().anyMatch(FicheSpec.Section::steps);
    }

    static String stepLine(FicheDoc.Step step) {
        String date = nz(step.date()).strip();
        String text = nz(step.text());
        return date.isEmpty() ? text : date + ": " + text;
    }
}
