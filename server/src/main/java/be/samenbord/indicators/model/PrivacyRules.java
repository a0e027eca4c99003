package be.samenbord.indicators.model;

/**
 * The thresholds a team value must pass to be shown (IND-10): at least {@code k} distinct people
 * ({@code kHeart} for heart-rate and HRV deviations), and no single person supplying more than
 * half of its data points.
 */
public record PrivacyRules(int k, int kHeart) {

    /** No one person may supply more than this share of an aggregate's data points. */
    public static final double MAX_SHARE = 0.5;

    public PrivacyRules {
        if (k < 2 || kHeart < 2) throw new IllegalArgumentException("k must be at least 2");
    }

    public int kFor(Indicator indicator) {
        return indicator.heartK() ? kHeart : k;
    }
}
