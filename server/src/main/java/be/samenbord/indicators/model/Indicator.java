package be.samenbord.indicators.model;

import java.util.Optional;

/**
 * The team indicators (PROTOCOL.md IND-9), each with the kind of data it reads, its unit, the step
 * its value is rounded to (IND-11) and whether it needs the larger k of heart-rate and HRV
 * deviations (IND-10).
 */
public enum Indicator {
    /** Median over the team's nights of the main sleep's hours asleep. */
    SLEEP_HOURS("sleepHours", Kind.SLEEP, "h", 0.25, false),
    /** Share of the team's nights with less than 6 h asleep. */
    SHORT_SLEEP_SHARE("shortSleepShare", Kind.SLEEP, "%", 5, false),
    /** Median over the team's days of steps. */
    STEPS("steps", Kind.ACTIVITY, "steps", 500, false),
    /** Share of people whose active minutes that week add up to at least 150. */
    ACTIVE_150_SHARE("activeMinutes150Share", Kind.ACTIVITY, "%", 5, false),
    /** Median over the team's days of resting heart rate minus that person's own 28-day baseline. */
    RESTING_HR_DEVIATION("restingHeartRateDeviation", Kind.HEART, "bpm", 0.5, true),
    /** Median over the team's days of HRV (RMSSD) minus that person's own 28-day baseline. */
    HRV_DEVIATION("hrvDeviation", Kind.HEART, "ms", 1, true);

    private final String wire;
    private final Kind kind;
    private final String unit;
    private final double step;
    private final boolean heartK;

    Indicator(String wire, Kind kind, String unit, double step, boolean heartK) {
        this.wire = wire;
        this.kind = kind;
        this.unit = unit;
        this.step = step;
        this.heartK = heartK;
    }

    public String wire() {
        return wire;
    }

    public Kind kind() {
        return kind;
    }

    public String unit() {
        return unit;
    }

    /** Values are shown rounded to a multiple of this (IND-11). */
    public double step() {
        return step;
    }

    /** Whether the stricter k for heart-rate and HRV deviations applies (IND-10). */
    public boolean heartK() {
        return heartK;
    }

    public double round(double value) {
        double r = Math.round(value / step) * step;
        // Keeps -0.0 and binary noise (6.2500000001) out of what is shown.
        return r == 0 ? 0 : Math.round(r * 1000) / 1000.0;
    }

    public static Optional<Indicator> byWire(String name) {
        for (Indicator i : values()) if (i.wire.equals(name)) return Optional.of(i);
        return Optional.empty();
    }
}
