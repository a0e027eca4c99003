package be.samenbord.fiche;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SMART check (seed 000), derived from what is filled: a criterion is met when every group
 * of its rule has at least one non-blank field (e.g. no indicator = not measurable, no dated step
 * = not time-bound). The rules are data in the fiche spec, so the web client applies the same.
 */
public final class SmartCheck {

    private SmartCheck() {
    }

    public static SmartResult check(FicheSpec spec, Map<String, String> values, List<FicheDoc.Step> steps) {
        Map<String, Boolean> met = new LinkedHashMap<>();
        for (FicheSpec.SmartRule rule : spec.smart()) {
            boolean ok = rule.requires().stream().allMatch(group -> group.stream().anyMatch(f -> filled(f, values, steps)));
            met.put(rule.id(), ok);
        }
        return new SmartResult(met);
    }

    private static boolean filled(String field, Map<String, String> values, List<FicheDoc.Step> steps) {
        if (field.equals(FicheSpec.DATED_STEP)) {
            return steps.stream().anyMatch(s -> !s.date().isBlank() && !s.text().isBlank());
        }
        String v = values.get(field);
        return v != null && !v.isBlank();
    }
}
