package be.samenbord.indicators.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import left out or guessed, counted per kind (IND-7): shown to the person so the traps
 * of real exports (sentinels, naps, duplicates, unworn days) are visible. Never holds a value.
 */
public final class Warnings {

    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("missing_marker", "values the export marks as missing (0.0, an empty date) were left out"),
            Map.entry("negative_marker", "negative values (such as a score of -1) mean missing and were left out"),
            Map.entry("out_of_range", "values outside a plausible range were left out"),
            Map.entry("unworn_day", "days with 1440 sedentary minutes (tracker not worn) got no steps or active minutes"),
            Map.entry("nap", "naps were left out: a day's sleep is its main sleep"),
            Map.entry("several_main_sleeps", "days with more than one main sleep kept the longest"),
            Map.entry("duplicate_sleep", "sleep logs exported twice were counted once"),
            Map.entry("duplicate_sample", "samples exported twice were counted once"),
            Map.entry("estimated_resting_heart_rate", "resting heart rate was estimated from heart-rate samples (no resting value in the export)"),
            Map.entry("no_time_zone", "no time zone was known: samples stamped in UTC were counted in UTC days"),
            Map.entry("bad_time_zone", "the export's profile names a time zone that is not known; the upload's was used"),
            Map.entry("date_out_of_range", "records dated before 2000 or in the future were left out"),
            Map.entry("no_consent_sleep", "sleep data was left out: no consent for sleep"),
            Map.entry("no_consent_activity", "activity data was left out: no consent for activity"),
            Map.entry("no_consent_heart", "heart data was left out: no consent for heart data"),
            Map.entry("sdnn_not_rmssd", "Apple's heart rate variability (SDNN) is not RMSSD and was left out"),
            Map.entry("multi_day_interval", "intervals longer than a day were left out"),
            Map.entry("unknown_file", "files of an unknown shape were left out"));

    private final Map<String, Integer> counts = new TreeMap<>();

    public void add(String code) {
        add(code, 1);
    }

    public void add(String code, int n) {
        if (!TEXT.containsKey(code)) throw new IllegalArgumentException("unknown warning " + code);
        if (n > 0) counts.merge(code, n, Integer::sum);
    }

    public int count(String code) {
        return counts.getOrDefault(code, 0);
    }

    /** A warning as the import status shows it: {@code code}, how many, and a sentence. */
    public record Warning(String code, int count, String message) {
    }

    public List<Warning> list() {
        List<Warning> out = new ArrayList<>();
        counts.forEach((code, n) -> out.add(new Warning(code, n, n + " × " + TEXT.get(code))));
        return out;
    }
}
