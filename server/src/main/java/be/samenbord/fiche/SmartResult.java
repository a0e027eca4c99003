package be.samenbord.fiche;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which SMART criteria a fiche meets, in the spec's order. */
public record SmartResult(Map<String, Boolean> met) {

    public SmartResult {
        met = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(met));
    }

    public List<String> missing() {
        return met.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    }

    public boolean complete() {
        return missing().isEmpty();
    }
}
