package be.samenbord.indicators.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One person's summary of one local day (IND-3): the only health data ever stored. A null field is
 * unknown. {@code sleepMinutes} is the minutes asleep of the main sleep that ended on this date;
 * {@code activeMinutes} the fairly/moderately plus very active minutes; {@code spo2} the average
 * oxygen saturation in percent.
 */
public record Day(LocalDate date, Integer sleepMinutes, Integer steps, Integer activeMinutes, Double restingHeartRate,
                  Double hrvRmssd, Double spo2) {

    public Day {
        Objects.requireNonNull(date, "date");
    }

    public static Day empty(LocalDate date) {
        return new Day(date, null, null, null, null, null, null);
    }

    public boolean isEmpty() {
        return sleepMinutes == null && steps == null && activeMinutes == null && restingHeartRate == null
                && hrvRmssd == null && spo2 == null;
    }

    /** This day with every field {@code newer} knows taken from it (a later import wins per field). */
    public Day overlay(Day newer) {
        return new Day(date, or(newer.sleepMinutes, sleepMinutes), or(newer.steps, steps), or(newer.activeMinutes, activeMinutes),
                or(newer.restingHeartRate, restingHeartRate), or(newer.hrvRmssd, hrvRmssd), or(newer.spo2, spo2));
    }

    /** Only the fields of kinds the consent allows. */
    public Day only(Consent consent) {
        return new Day(date, consent.sleep() ? sleepMinutes : null, consent.activity() ? steps : null,
                consent.activity() ? activeMinutes : null, consent.heart() ? restingHeartRate : null,
                consent.heart() ? hrvRmssd : null, consent.heart() ? spo2 : null);
    }

    /** Whether a field of {@code kind} is known. */
    public boolean has(Kind kind) {
        return switch (kind) {
            case SLEEP -> sleepMinutes != null;
            case ACTIVITY -> steps != null || activeMinutes != null;
            case HEART -> restingHeartRate != null || hrvRmssd != null || spo2 != null;
        };
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }
}
