package be.samenbord.indicators;

import be.samenbord.indicators.model.Consent;
import be.samenbord.indicators.model.Day;
import be.samenbord.indicators.model.Indicator;
import be.samenbord.indicators.model.IsoWeek;
import be.samenbord.indicators.model.Outcome;
import be.samenbord.indicators.model.PersonDays;
import be.samenbord.indicators.model.PrivacyRules;
import be.samenbord.indicators.model.TeamIndicators;
import be.samenbord.indicators.store.FileIndicatorStore;
import be.samenbord.indicators.store.IndicatorStore;
import be.samenbord.indicators.store.Person;
import be.samenbord.indicators.store.Vault;
import be.samenbord.testkit.FreshSeeds;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The privacy rules on random teams (PROTOCOL.md IND-10..IND-13): a shown value never rests on
 * fewer than k people or on one person's majority (and a withheld one says truly why); a
 * week-over-week change is shown only when the people behind it are the same or differ by at least
 * k; shown values are rounded; erasing a person leaves every aggregate exactly as if they had never
 * been there. Fixed seed in {@code mvn verify}; {@code -Dseeds=random} gives fresh ones (printed).
 */
@AddLifecycleHook(FreshSeeds.class)
class PrivacyPropertiesTest {

    static final String SEED = "20261207";
    static final IsoWeek WEEK = IsoWeek.parse("2026-W10");
    static final LocalDate FIRST = WEEK.monday().minusDays(42);

    record Team(Map<String, PersonDays> people, PrivacyRules rules) {
    }

    @Provide
    Arbitrary<PersonDays> person() {
        Arbitrary<Consent> consent = Combinators.combine(Arbitraries.of(true, true, false), Arbitraries.of(true, true, false),
                Arbitraries.of(true, true, false), Arbitraries.of(true, true, true, false)).as(Consent::new);
        // Each person wears the tracker on a share of days of their own: some on every day, some rarely.
        Arbitrary<double[]> presence = Arbitraries.doubles().between(0.05, 1.0).array(double[].class).ofSize(1);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(consent, presence, seed).as((c, p, s) -> {
            java.util.Random r = new java.util.Random(s);
            TreeMap<LocalDate, Day> days = new TreeMap<>();
            for (LocalDate d = FIRST; !d.isAfter(WEEK.sunday()); d = d.plusDays(1)) {
                if (r.nextDouble() > p[0]) continue;
                Day day = new Day(d, r.nextInt(5) == 0 ? null : 200 + r.nextInt(400), r.nextInt(6) == 0 ? null : r.nextInt(20_000),
                        r.nextInt(4) == 0 ? null : r.nextInt(90), r.nextInt(5) == 0 ? null : 45.0 + r.nextInt(35),
                        r.nextInt(5) == 0 ? null : 10.0 + r.nextInt(80), null);
                days.put(d, day.only(c));
            }
            return new PersonDays(c, days);
        });
    }

    @Provide
    Arbitrary<Team> team() {
        Arbitrary<List<PersonDays>> people = person().list().ofMinSize(1).ofMaxSize(14);
        return Combinators.combine(people, Arbitraries.integers().between(2, 6), Arbitraries.integers().between(2, 8)).as((list, k, kh) -> {
            Map<String, PersonDays> m = new HashMap<>();
            for (int i = 0; i < list.size(); i++) m.put(String.format("person%02d", i), list.get(i));
            return new Team(m, new PrivacyRules(k, kh));
        });
    }

    /** The data points each person gives an indicator in a week, counted here independently of the model. */
    static Map<String, Integer> points(Indicator ind, IsoWeek week, Map<String, PersonDays> people) {
        Map<String, Integer> out = new HashMap<>();
        people.forEach((id, p) -> {
            if (!p.consent().team() || !p.consent().allows(ind.kind())) return;
            int n = 0;
            boolean anyActive = false;
            for (LocalDate d = week.monday(); !d.isAfter(week.sunday()); d = d.plusDays(1)) {
                Day day = p.days().get(d);
                if (day == null) continue;
                switch (ind) {
                    case SLEEP_HOURS, SHORT_SLEEP_SHARE -> n += day.sleepMinutes() != null ? 1 : 0;
                    case STEPS -> n += day.steps() != null ? 1 : 0;
                    case ACTIVE_150_SHARE -> anyActive |= day.activeMinutes() != null;
                    case RESTING_HR_DEVIATION, HRV_DEVIATION -> {
                        boolean rhr = ind == Indicator.RESTING_HR_DEVIATION;
                        if ((rhr ? day.restingHeartRate() : day.hrvRmssd()) == null) continue;
                        int base = 0;
                        for (LocalDate b = d.minusDays(28); b.isBefore(d); b = b.plusDays(1)) {
                            Day bd = p.days().get(b);
                            if (bd != null && (rhr ? bd.restingHeartRate() : bd.hrvRmssd()) != null) base++;
                        }
                        n += base >= 7 ? 1 : 0;
                    }
                }
            }
            if (ind == Indicator.ACTIVE_150_SHARE && anyActive) n = 1;
            if (n > 0) out.put(id, n);
        });
        return out;
    }

    @Property(tries = 400, seed = SEED)
    void aShownValueRestsOnAtLeastKPeopleAndNoOnesMajority(@ForAll("team") Team team) {
        TeamIndicators model = new TeamIndicators(team.rules());
        for (IsoWeek week : List.of(WEEK, WEEK.previous())) {
            TeamIndicators.WeekReport r = model.week(week, team.people());
            for (Indicator ind : Indicator.values()) {
                Map<String, Integer> pts = points(ind, week, team.people());
                int people = pts.size();
                int total = pts.values().stream().mapToInt(Integer::intValue).sum();
                int most = pts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
                int k = team.rules().kFor(ind);
                Outcome o = r.outcomes().get(ind);
                Statistics.label("outcome").collect(o instanceof Outcome.Withheld w ? w.reason().wire() : "shown");
                assertEquals(people, o.people(), ind + ": people counted");
                if (o instanceof Outcome.Shown s) {
                    assertTrue(people >= k, ind + " shown on " + people + " people, k = " + k);
                    assertTrue(2 * most <= total, ind + " shown while one person gives " + most + " of " + total + " points");
                    double steps = s.value() / ind.step();
                    assertEquals(Math.round(steps), steps, 1e-9, ind + " value " + s.value() + " is rounded to " + ind.step());
                } else if (o instanceof Outcome.Withheld w && w.reason() == Outcome.Reason.TOO_FEW) {
                    assertTrue(people < k, ind + " withheld as too few with " + people + " people, k = " + k);
                    assertEquals(people + " of " + k + " people so far", w.message());
                } else if (o instanceof Outcome.Withheld w) {
                    assertTrue(people >= k && 2 * most > total, ind + " withheld for dominance: " + most + " of " + total);
                }
            }
        }
    }

    @Property(tries = 300, seed = SEED)
    void aChangeIsShownOnlyWhenThePeopleBehindItDifferByNoneOrAtLeastK(@ForAll("team") Team team) {
        TeamIndicators model = new TeamIndicators(team.rules());
        for (Indicator ind : Indicator.values()) {
            List<TeamIndicators.WeekPoint> series = model.series(ind, WEEK, 4, team.people());
            for (TeamIndicators.WeekPoint p : series) {
                Set<String> now = points(ind, p.week(), team.people()).keySet();
                Set<String> before = points(ind, p.week().previous(), team.people()).keySet();
                Set<String> differ = new HashSet<>(now);
                differ.addAll(before);
                Set<String> both = new HashSet<>(now);
                both.retainAll(before);
                differ.removeAll(both);
                Statistics.label("change").collect(p.change() == null ? "none" : p.change().getClass().getSimpleName()
                        + (differ.isEmpty() ? " (same people)" : ""));
                if (p.change() instanceof TeamIndicators.Change.Shown) {
                    assertTrue(differ.isEmpty() || differ.size() >= team.rules().kFor(ind),
                            ind + " " + p.week() + ": change shown while " + differ.size() + " people joined or left");
                } else if (p.change() instanceof TeamIndicators.Change.Withheld) {
                    assertTrue(!differ.isEmpty() && differ.size() < team.rules().kFor(ind));
                }
            }
        }
    }

    @Property(tries = 40, seed = SEED)
    void erasureLeavesNoTraceInAnyAggregate(@ForAll("team") Team team, @ForAll("victim") int pick) throws IOException {
        List<String> ids = new ArrayList<>(new TreeMap<>(team.people()).keySet());
        String victim = ids.get(pick % ids.size());
        Path withDir = Files.createTempDirectory("erase-with");
        Path withoutDir = Files.createTempDirectory("erase-without");
        Vault vault = new Vault(IndicatorStoreContract.key(3));
        try (IndicatorStore with = FileIndicatorStore.open(withDir, vault); IndicatorStore without = FileIndicatorStore.open(withoutDir, vault)) {
            for (String id : ids) {
                PersonDays p = team.people().get(id);
                store(with, id, p);
                if (!id.equals(victim)) store(without, id, p);
            }
            with.erase(victim);
            TeamIndicators model = new TeamIndicators(team.rules());
            LocalDate from = TeamIndicators.firstDayNeeded(WEEK.minus(4));
            Map<String, PersonDays> a = with.team("w", from, WEEK.sunday());
            Map<String, PersonDays> b = without.team("w", from, WEEK.sunday());
            assertFalse(a.containsKey(victim));
            for (IsoWeek week : List.of(WEEK, WEEK.previous(), WEEK.minus(2))) {
                assertEquals(IndicatorJson.week(model.week(week, b), team.rules()), IndicatorJson.week(model.week(week, a), team.rules()));
            }
            for (Indicator ind : Indicator.values()) {
                assertEquals(IndicatorJson.state(ind, team.rules(), model.series(ind, WEEK, 4, b)),
                        IndicatorJson.state(ind, team.rules(), model.series(ind, WEEK, 4, a)), ind + " board state");
            }
            try (Stream<Path> files = Files.walk(withDir)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(victim)), "the victim's file is gone");
            }
        } finally {
            for (Path d : List.of(withDir, withoutDir)) {
                try (Stream<Path> files = Files.walk(d)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    @Provide
    Arbitrary<Integer> victim() {
        return Arbitraries.integers().between(0, 100);
    }

    private static void store(IndicatorStore s, String id, PersonDays p) throws IOException {
        s.createPerson(new Person(id, "w", "h".repeat(64), 1, p.consent()));
        s.mergeDays(id, new ArrayList<>(p.days().values()));
    }
}
