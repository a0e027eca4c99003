package be.samenbord.indicators.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The data points each person contributes to one indicator in one week (IND-9), and the rules
 * that decide whether their aggregate may be shown (IND-10). Only people whose consent shares the
 * indicator's kind with the team count. Pure.
 */
final class Contributions {

    /** Days before a day that form a person's own baseline (resting heart rate, HRV). */
    static final int BASELINE_DAYS = 28;
    /** A baseline needs at least this many of those days; otherwise that day gives no deviation. */
    static final int BASELINE_MIN_DAYS = 7;
    static final int SHORT_SLEEP_MINUTES = 360;
    static final int ACTIVE_MINUTES_PER_WEEK = 150;

    private final Map<String, double[]> byPerson;

    private Contributions(Map<String, double[]> byPerson) {
        this.byPerson = byPerson;
    }

    static Contributions of(Indicator indicator, IsoWeek week, Map<String, PersonDays> people) {
        Map<String, double[]> out = new HashMap<>();
        people.forEach((person, data) -> {
            if (!data.consent().sharesWithTeam(indicator.kind())) return;
            double[] points = points(indicator, week, data.days());
            if (points.length > 0) out.put(person, points);
        });
        return new Contributions(out);
    }

    private static double[] points(Indicator indicator, IsoWeek week, NavigableMap<LocalDate, Day> days) {
        NavigableMap<LocalDate, Day> inWeek = days.subMap(week.monday(), true, week.sunday(), true);
        List<Double> points = new ArrayList<>(7);
        switch (indicator) {
            case SLEEP_HOURS -> inWeek.values().forEach(d -> {
                if (d.sleepMinutes() != null) points.add(d.sleepMinutes() / 60.0);
            });
            case SHORT_SLEEP_SHARE -> inWeek.values().forEach(d -> {
                if (d.sleepMinutes() != null) points.add(d.sleepMinutes() < SHORT_SLEEP_MINUTES ? 1.0 : 0.0);
            });
            case STEPS -> inWeek.values().forEach(d -> {
                if (d.steps() != null) points.add(d.steps().doubleValue());
            });
            case ACTIVE_150_SHARE -> {
                // One point per person: the week's total, from the days that have it.
                int total = 0;
                boolean any = false;
                for (Day d : inWeek.values()) {
                    if (d.activeMinutes() != null) {
                        total += d.activeMinutes();
                        any = true;
                    }
                }
                if (any) points.add(total >= ACTIVE_MINUTES_PER_WEEK ? 1.0 : 0.0);
            }
            case RESTING_HR_DEVIATION -> deviations(days, inWeek, Day::restingHeartRate, points);
            case HRV_DEVIATION -> deviations(days, inWeek, Day::hrvRmssd, points);
        }
        double[] out = new double[points.size()];
        for (int i = 0; i < out.length; i++) out[i] = points.get(i);
        return out;
    }

    /** Each day's value minus the mean of the same person's values in the 28 days before it. */
    private static void deviations(NavigableMap<LocalDate, Day> all, NavigableMap<LocalDate, Day> inWeek,
                                   java.util.function.Function<Day, Double> field, List<Double> points) {
        for (Day d : inWeek.values()) {
            Double v = field.apply(d);
            if (v == null) continue;
            double sum = 0;
            int n = 0;
            for (Day b : all.subMap(d.date().minusDays(BASELINE_DAYS), true, d.date(), false).values()) {
                Double bv = field.apply(b);
                if (bv != null) {
                    sum += bv;
                    n++;
                }
            }
            if (n >= BASELINE_MIN_DAYS) points.add(v - sum / n);
        }
    }

    /** Distinct people with at least one data point. */
    int people() {
        return byPerson.size();
    }

    java.util.Set<String> members() {
        return java.util.Set.copyOf(byPerson.keySet());
    }

    /** The outcome under {@code rules}: withheld, or the aggregate rounded (IND-10, IND-11). */
    Outcome judge(Indicator indicator, PrivacyRules rules) {
        int k = rules.kFor(indicator);
        int people = people();
        if (people < k) return new Outcome.Withheld(Outcome.Reason.TOO_FEW, people, k);
        int total = 0;
        int most = 0;
        for (double[] p : byPerson.values()) {
            total += p.length;
            most = Math.max(most, p.length);
        }
        if (most > PrivacyRules.MAX_SHARE * total) return new Outcome.Withheld(Outcome.Reason.DOMINANCE, people, k);
        double[] all = new double[total];
        int i = 0;
        for (double[] p : byPerson.values()) {
            System.arraycopy(p, 0, all, i, p.length);
            i += p.length;
        }
        double value = switch (indicator) {
            case SHORT_SLEEP_SHARE, ACTIVE_150_SHARE -> mean(all) * 100;
            default -> median(all);
        };
        return new Outcome.Shown(indicator.round(value), people);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static double mean(double[] values) {
        double s = 0;
        for (double x : values) s += x;
        return s / values.length;
    }

    /** How many data points the person with the most supplies, and the total (for tests). */
    int[] mostAndTotal() {
        int total = 0;
        int most = 0;
        for (double[] p : byPerson.values()) {
            total += p.length;
            most = Math.max(most, p.length);
        }
        return new int[]{most, total};
    }
}
