package be.samenbord.indicators.importer;

import be.samenbord.indicators.model.Kind;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a file of an export says it holds, by its name (IND-5). Only files with a claim are ever
 * opened; a profile is opened only for its time zone. Profile details, GPS, social and journal files
 * have no claim, so they are skipped unread wherever they sit in a zip. The contents must match the
 * claim ({@link ImportFailure} {@code file_mismatch} otherwise).
 */
enum Claim {
    SLEEP("sleep", Kind.SLEEP, "sleep-[0-9-]+\\.json"),
    STEPS("steps", Kind.ACTIVITY, "steps-[0-9-]+\\.json"),
    HEART_RATE("heart-rate", Kind.HEART, "heart_rate-[0-9-]+\\.json"),
    RESTING_HEART_RATE("resting heart rate", Kind.HEART, "resting_heart_rate-[0-9-]+\\.json"),
    SEDENTARY("sedentary minutes", Kind.ACTIVITY, "sedentary_minutes-[0-9-]+\\.json"),
    LIGHTLY_ACTIVE("lightly active minutes", Kind.ACTIVITY, "lightly_active_minutes-[0-9-]+\\.json"),
    MODERATELY_ACTIVE("moderately active minutes", Kind.ACTIVITY, "moderately_active_minutes-[0-9-]+\\.json"),
    VERY_ACTIVE("very active minutes", Kind.ACTIVITY, "very_active_minutes-[0-9-]+\\.json"),
    HRV_CSV("heart rate variability", Kind.HEART, "daily heart rate variability summary.*\\.csv"),
    SPO2_CSV("SpO2", Kind.HEART, "daily spo2.*\\.csv"),
    PROFILE_CSV("profile", null, "profile\\.csv"),
    APPLE_XML("Apple Health", null, "export\\.xml");

    private final String label;
    private final Kind kind;
    private final Pattern name;

    Claim(String label, Kind kind, String name) {
        this.label = label;
        this.kind = kind;
        this.name = Pattern.compile(name);
    }

    String label() {
        return label;
    }

    /** The kind of data the file holds; null for a profile or an Apple export (several kinds). */
    Kind kind() {
        return kind;
    }

    /** The claim of a path inside a zip (folders do not matter), or null: never opened. */
    static Claim of(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        for (Claim c : values()) if (c.name.matcher(base).matches()) return c;
        return null;
    }

    boolean perSample() {
        return this == STEPS || this == HEART_RATE;
    }

    Accumulator.Level level() {
        return switch (this) {
            case SEDENTARY -> Accumulator.Level.SEDENTARY;
            case LIGHTLY_ACTIVE -> Accumulator.Level.LIGHT;
            case MODERATELY_ACTIVE -> Accumulator.Level.MODERATE;
            case VERY_ACTIVE -> Accumulator.Level.VERY;
            default -> null;
        };
    }
}
