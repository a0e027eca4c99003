package be.samenbord.indicators.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A team's indicators per ISO week under the privacy rules (IND-9..IND-13). Pure: it reads the
 * days it is given and returns outcomes; who may ask, and where the days come from, is decided
 * elsewhere.
 */
public final class TeamIndicators {

    private final PrivacyRules rules;

    public TeamIndicators(PrivacyRules rules) {
        this.rules = rules;
    }

    public PrivacyRules rules() {
        return rules;
    }

    /** The first day whose data a week's indicators may read: baselines look 28 days back. */
    public static LocalDate firstDayNeeded(IsoWeek week) {
        return week.monday().minusDays(Contributions.BASELINE_DAYS);
    }

    /** One week: every indicator, and how many distinct people contributed to any of them. */
    public WeekReport week(IsoWeek week, Map<String, PersonDays> people) {
        Map<Indicator, Outcome> outcomes = new EnumMap<>(Indicator.class);
        Set<String> contributors = new HashSet<>();
        for (Indicator i : Indicator.values()) {
            Contributions c = Contributions.of(i, week, people);
            contributors.addAll(c.members());
            outcomes.put(i, c.judge(i, rules));
        }
        return new WeekReport(week, contributors.size(), outcomes);
    }

    /**
     * {@code weeks} consecutive weeks of one indicator ending with {@code last}, each with its change
     * from the week before where IND-12 allows it to be shown.
     */
    public List<WeekPoint> series(Indicator indicator, IsoWeek last, int weeks, Map<String, PersonDays> people) {
        List<WeekPoint> out = new ArrayList<>(weeks);
        IsoWeek first = last.minus(weeks - 1);
        Contributions before = Contributions.of(indicator, first.previous(), people);
        Outcome beforeOutcome = before.judge(indicator, rules);
        for (int n = 0; n < weeks; n++) {
            IsoWeek w = first.plus(n);
            Contributions c = Contributions.of(indicator, w, people);
            Outcome o = c.judge(indicator, rules);
            out.add(new WeekPoint(w, o, change(indicator, beforeOutcome, before, o, c)));
            before = c;
            beforeOutcome = o;
        }
        return out;
    }

    /**
     * The change from the week before (IND-12): only between two shown values, and only when the
     * people behind them are the same or differ by at least k; otherwise subtracting one from the
     * other could single out the few who joined or left.
     */
    private Change change(Indicator indicator, Outcome prevOutcome, Contributions prev, Outcome outcome, Contributions cur) {
        if (!(prevOutcome instanceof Outcome.Shown p) || !(outcome instanceof Outcome.Shown s)) return null;
        Set<String> a = prev.members();
        Set<String> b = cur.members();
        int differ = 0;
        for (String x : a) if (!b.contains(x)) differ++;
        for (String x : b) if (!a.contains(x)) differ++;
        if (differ > 0 && differ < rules.kFor(indicator)) return new Change.Withheld("membership");
        return new Change.Shown(indicator.round(s.value() - p.value()));
    }

    /** One week's outcomes. */
    public record WeekReport(IsoWeek week, int contributors, Map<Indicator, Outcome> outcomes) {
    }

    /** One week of a series; {@code change} is null when either week is withheld. */
    public record WeekPoint(IsoWeek week, Outcome outcome, Change change) {
    }

    /** A week-over-week change, or why it is not shown (IND-12). */
    public sealed interface Change {
        record Shown(double delta) implements Change {
        }

        record Withheld(String reason) implements Change {
        }
    }
}
