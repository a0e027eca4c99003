package be.samenbord.indicators.importer;

import be.samenbord.indicators.model.Consent;
import be.samenbord.indicators.model.Day;
import be.samenbord.indicators.model.Kind;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns everything an import reads into daily summaries (IND-3, IND-6), in memory that grows with
 * the days covered, never with the samples: per-minute steps land in quarter-hour sums with one bit
 * per minute (a minute exported twice counts once), heart-rate samples in quarter-hour sums and
 * counts. Samples stamped in UTC stay in UTC quarters until {@link #finish}, when the time zone is
 * known (the export's profile may come after them in a zip), and only then land on local days.
 * Data of a kind without consent is dropped as it arrives.
 */
public final class Accumulator {

    /** An import covering more distinct days than this is refused (about ten years). */
    public static final int MAX_DAYS = 4000;
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    private final Consent consent;
    private final LocalDate latest;
    private final Warnings warnings = new Warnings();
    private final TreeMap<LocalDate, Parts> days = new TreeMap<>();
    private final Map<Long, Minutes> utcSteps = new HashMap<>();
    private final Map<Long, Minutes> localSteps = new HashMap<>();
    private final Map<Long, Minutes> localActive = new HashMap<>();
    private final Map<Long, Quarters> utcHeart = new HashMap<>();
    private final Map<Long, Quarters> localHeart = new HashMap<>();
    private final Set<String> sleepIds = new HashSet<>();
    private final Set<Kind> refused = new HashSet<>();
    private ZoneId profileZone;
    // The last day touched by the per-sample paths: samples come in time order, so this skips the map.
    private long lastUtcStepsDay = Long.MIN_VALUE;
    private Minutes lastUtcSteps;
    private long lastUtcHeartDay = Long.MIN_VALUE;
    private Quarters lastUtcHeart;

    /** @param today the node's date: records dated after tomorrow are left out */
    public Accumulator(Consent consent, LocalDate today) {
        this.consent = consent;
        this.latest = today.plusDays(1);
    }

    public Warnings warnings() {
        return warnings;
    }

    /** Whether data of {@code kind} may be read at all; counts one warning per refused kind. */
    public boolean wants(Kind kind) {
        if (consent.allows(kind)) return true;
        if (refused.add(kind)) warnings.add("no_consent_" + kind.wire());
        return false;
    }

    /** The time zone the export's own profile names; it wins over the upload's. */
    void profileZone(ZoneId zone) {
        if (profileZone == null) profileZone = zone;
    }

    // ---- local-day values ----------------------------------------------------------------------

    void sleepLog(LocalDate date, String id, double minutes, Boolean main) {
        if (!wants(Kind.SLEEP) || !dateOk(date)) return;
        if (id != null && !sleepIds.add(id)) {
            warnings.add("duplicate_sleep");
            return;
        }
        if (Boolean.FALSE.equals(main)) {
            warnings.add("nap");
            return;
        }
        if (!inRange(minutes, 1, 1440)) return;
        parts(date).sleep(Math.round((float) minutes), main);
    }

    void dailySteps(LocalDate date, double steps) {
        if (wants(Kind.ACTIVITY) && dateOk(date) && inRange(steps, 0, 150_000)) parts(date).steps = Math.round(steps);
    }

    /** Daily minutes at one activity level (Fitbit's sedentary, lightly, fairly/moderately, very). */
    void levelMinutes(LocalDate date, Level level, double minutes) {
        if (!wants(Kind.ACTIVITY) || !dateOk(date) || !inRange(minutes, 0, 1440)) return;
        Parts p = parts(date);
        int m = (int) Math.round(minutes);
        switch (level) {
            case SEDENTARY -> p.sedentary = m;
            case MODERATE -> p.moderate = m;
            case VERY -> p.very = m;
            case LIGHT -> {
                // Not part of active minutes (IND-3), read only to check the file's shape.
            }
        }
    }

    /** A day's active minutes given as one total (Apple's exercise minutes). */
    void activeTotal(LocalDate date, double minutes) {
        if (wants(Kind.ACTIVITY) && dateOk(date) && inRange(minutes, 0, 1440)) parts(date).activeTotal = (int) Math.round(minutes);
    }

    void restingHeartRate(LocalDate date, double bpm) {
        if (wants(Kind.HEART) && dateOk(date) && inRange(bpm, 25, 200)) parts(date).rhr.add(bpm);
    }

    void hrv(LocalDate date, double rmssd) {
        if (wants(Kind.HEART) && dateOk(date) && inRange(rmssd, 1, 300)) parts(date).hrv.add(rmssd);
    }

    void spo2(LocalDate date, double percent) {
        if (wants(Kind.HEART) && dateOk(date) && inRange(percent, 50, 100)) parts(date).spo2.add(percent);
    }

    // ---- per-sample paths ----------------------------------------------------------------------

    /** Steps of one minute stamped in UTC (Takeout). */
    void utcMinuteSteps(long epochSecond, double steps) {
        if (!wants(Kind.ACTIVITY) || !(steps >= 0 && steps <= 1000)) return;
        long day = Math.floorDiv(epochSecond, 86_400);
        if (day != lastUtcStepsDay) {
            if (!dayOk(day)) return;
            lastUtcSteps = utcSteps.computeIfAbsent(day, d -> new Minutes());
            lastUtcStepsDay = day;
        }
        if (!lastUtcSteps.add((int) (Math.floorMod(epochSecond, 86_400) / 60), (long) steps)) warnings.add("duplicate_sample");
    }

    /** Steps of one minute on a local wall clock (Fitbit Web API intraday, Google Health, Open mHealth). */
    void localMinuteSteps(LocalDate date, int minuteOfDay, double steps) {
        if (!wants(Kind.ACTIVITY) || !dateOk(date) || !(steps >= 0 && steps <= 100_000)) return;
        if (!localSteps.computeIfAbsent(date.toEpochDay(), d -> new Minutes()).add(minuteOfDay, (long) steps)) {
            warnings.add("duplicate_sample");
        }
    }

    /** Moderate and vigorous minutes of an interval starting at a local minute (Google Health, Open mHealth). */
    void localMinuteActive(LocalDate date, int minuteOfDay, double minutes) {
        if (!wants(Kind.ACTIVITY) || !dateOk(date) || !(minutes >= 0 && minutes <= 1440)) return;
        if (!localActive.computeIfAbsent(date.toEpochDay(), d -> new Minutes()).add(minuteOfDay, Math.round(minutes))) {
            warnings.add("duplicate_sample");
        }
    }

    /** One heart-rate sample stamped in UTC (Takeout). */
    void utcHeart(long epochSecond, int bpm) {
        if (!wants(Kind.HEART) || bpm < 25 || bpm > 250) return;
        long day = Math.floorDiv(epochSecond, 86_400);
        if (day != lastUtcHeartDay) {
            if (!dayOk(day)) return;
            lastUtcHeart = utcHeart.computeIfAbsent(day, d -> new Quarters());
            lastUtcHeartDay = day;
        }
        lastUtcHeart.add((int) (Math.floorMod(epochSecond, 86_400) / 900), bpm, 1);
    }

    /** One heart-rate sample on a local wall clock. */
    void localHeart(LocalDate date, int secondOfDay, int bpm) {
        if (!wants(Kind.HEART) || bpm < 25 || bpm > 250 || !dateOk(date)) return;
        localHeart.computeIfAbsent(date.toEpochDay(), d -> new Quarters()).add(secondOfDay / 900, bpm, 1);
    }

    /** Heart-rate samples of one local quarter hour, already summed (a Web API intraday dataset). */
    void localHeartQuarter(LocalDate date, int quarter, long sum, int count) {
        if (count == 0 || !wants(Kind.HEART) || !dateOk(date)) return;
        localHeart.computeIfAbsent(date.toEpochDay(), d -> new Quarters()).add(quarter, sum, count);
    }

    // ---- checks --------------------------------------------------------------------------------

    private boolean dateOk(LocalDate date) {
        if (date == null) return false;
        if (date.isBefore(EARLIEST) || date.isAfter(latest)) {
            warnings.add("date_out_of_range");
            return false;
        }
        return true;
    }

    private boolean dayOk(long epochDay) {
        return dateOk(LocalDate.ofEpochDay(epochDay));
    }

    /** Values outside {@code [min, max]}: 0 and negatives are the exports' markers for "missing". */
    private boolean inRange(double v, double min, double max) {
        if (Double.isNaN(v)) return false;
        if (v >= min && v <= max) return true;
        warnings.add(v < 0 ? "negative_marker" : v == 0 ? "missing_marker" : "out_of_range");
        return false;
    }

    private Parts parts(LocalDate date) {
        Parts p = days.get(date);
        if (p == null) {
            if (days.size() >= MAX_DAYS) {
                throw new ImportFailure("too_many_days", null, "the export covers more than " + MAX_DAYS + " days");
            }
            p = new Parts();
            days.put(date, p);
        }
        return p;
    }

    // ---- the end -------------------------------------------------------------------------------

    /**
     * The days read, with UTC samples placed on local days of the profile's time zone, else
     * {@code uploadZone}, else UTC (with a warning).
     */
    public List<Day> finish(ZoneId uploadZone) {
        ZoneId zone = profileZone != null ? profileZone : uploadZone;
        if (zone == null) {
            if (!utcSteps.isEmpty() || !utcHeart.isEmpty()) warnings.add("no_time_zone");
            zone = ZoneOffset.UTC;
        }
        Map<Long, Long> minuteSteps = new HashMap<>();
        localSteps.forEach((day, m) -> minuteSteps.merge(day, m.total(), Long::sum));
        for (Map.Entry<Long, Minutes> e : utcSteps.entrySet()) {
            for (int q = 0; q < 96; q++) {
                if (!e.getValue().seen(q)) continue;
                long local = localDay(zone, e.getKey() * 86_400 + q * 900L);
                minuteSteps.merge(local, e.getValue().sums[q], Long::sum);
            }
        }
        Map<Long, Quarters> heart = new HashMap<>(localHeart);
        for (Map.Entry<Long, Quarters> e : utcHeart.entrySet()) {
            for (int q = 0; q < 96; q++) {
                if (e.getValue().counts[q] == 0) continue;
                long second = e.getKey() * 86_400 + q * 900L;
                long local = localDay(zone, second);
                int localQuarter = localSecondOfDay(zone, second) / 900;
                heart.computeIfAbsent(local, d -> new Quarters()).add(localQuarter, e.getValue().sums[q], e.getValue().counts[q]);
            }
        }
        java.util.TreeSet<Long> all = new java.util.TreeSet<>();
        days.keySet().forEach(d -> all.add(d.toEpochDay()));
        all.addAll(minuteSteps.keySet());
        all.addAll(localActive.keySet());
        all.addAll(heart.keySet());
        if (all.size() > MAX_DAYS) throw new ImportFailure("too_many_days", null, "the export covers more than " + MAX_DAYS + " days");
        List<Day> out = new ArrayList<>(all.size());
        for (long epochDay : all) {
            LocalDate date = LocalDate.ofEpochDay(epochDay);
            if (date.isBefore(EARLIEST) || date.isAfter(latest)) continue;
            Day d = day(date, days.get(date), minuteSteps.get(epochDay), localActive.get(epochDay), heart.get(epochDay));
            if (!d.isEmpty()) out.add(d);
        }
        return out;
    }

    private Day day(LocalDate date, Parts p, Long minuteSteps, Minutes active, Quarters heart) {
        Integer sleep = p == null ? null : p.sleepMinutes(warnings);
        Integer steps = p != null && p.steps != null ? Integer.valueOf((int) (long) p.steps)
                : minuteSteps != null ? Integer.valueOf((int) Math.min(minuteSteps, 150_000)) : null;
        Integer activeMinutes = p == null ? null : p.active();
        if (activeMinutes == null && active != null) activeMinutes = (int) Math.min(active.total(), 1440);
        if (p != null && p.sedentary != null && p.sedentary >= 1440) {
            // Fitbit writes 1440 sedentary minutes for a day the tracker was not worn: its zeros mean nothing.
            if (steps != null || activeMinutes != null) warnings.add("unworn_day");
            steps = null;
            activeMinutes = null;
        }
        Double rhr = p == null ? null : p.rhr.mean();
        if (rhr == null && heart != null) {
            rhr = heart.restingEstimate();
            if (rhr != null) warnings.add("estimated_resting_heart_rate");
        }
        return new Day(date, sleep, steps, activeMinutes, rhr, p == null ? null : p.hrv.mean(), p == null ? null : p.spo2.mean())
                .only(consent);
    }

    private static long localDay(ZoneId zone, long epochSecond) {
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone).toLocalDate().toEpochDay();
    }

    private static int localSecondOfDay(ZoneId zone, long epochSecond) {
        return LocalDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone).toLocalTime().toSecondOfDay();
    }

    /** Fitbit's activity levels. */
    enum Level { SEDENTARY, LIGHT, MODERATE, VERY }

    /** What one local day collected before its summary is made. */
    private static final class Parts {
        int mainBest = -1;
        int mains;
        int unflaggedBest = -1;
        Long steps;
        Integer sedentary;
        Integer moderate;
        Integer very;
        Integer activeTotal;
        final Mean rhr = new Mean();
        final Mean hrv = new Mean();
        final Mean spo2 = new Mean();

        void sleep(int minutes, Boolean main) {
            if (Boolean.TRUE.equals(main)) {
                mains++;
                mainBest = Math.max(mainBest, minutes);
            } else {
                unflaggedBest = Math.max(unflaggedBest, minutes);
            }
        }

        Integer sleepMinutes(Warnings w) {
            if (mains > 1) w.add("several_main_sleeps");
            return mainBest >= 0 ? Integer.valueOf(mainBest) : unflaggedBest >= 0 ? Integer.valueOf(unflaggedBest) : null;
        }

        Integer active() {
            if (moderate != null || very != null) return (moderate == null ? 0 : moderate) + (very == null ? 0 : very);
            return activeTotal;
        }
    }

    /** A mean of values for one day (a value exported twice averages with itself). */
    private static final class Mean {
        double sum;
        int n;

        void add(double v) {
            sum += v;
            n++;
        }

        Double mean() {
            return n == 0 ? null : Math.round(sum / n * 10) / 10.0;
        }
    }

    /** Per-minute values of one day: one bit per minute seen, sums per quarter hour. */
    static final class Minutes {
        final long[] sums = new long[96];
        private final long[] seen = new long[23]; // 1440 bits

        /** False when this minute was already there (the same sample exported twice). */
        boolean add(int minute, long value) {
            if (minute < 0 || minute >= 1440) return true;
            long bit = 1L << (minute & 63);
            if ((seen[minute >>> 6] & bit) != 0) return false;
            seen[minute >>> 6] |= bit;
            sums[minute / 15] += value;
            return true;
        }

        boolean seen(int quarter) {
            for (int m = quarter * 15; m < quarter * 15 + 15; m++) if ((seen[m >>> 6] & (1L << (m & 63))) != 0) return true;
            return false;
        }

        long total() {
            long t = 0;
            for (long s : sums) t += s;
            return t;
        }
    }

    /** Heart-rate sums and counts per quarter hour of one day. */
    static final class Quarters {
        final long[] sums = new long[96];
        final int[] counts = new int[96];

        void add(int quarter, long sum, int count) {
            if (quarter < 0 || quarter >= 96) return;
            sums[quarter] += sum;
            counts[quarter] += count;
        }

        /**
         * A resting heart rate when the export has none: the mean of the four calmest quarter hours
         * with at least 10 samples, given at least 16 such quarters (four hours worn).
         */
        Double restingEstimate() {
            List<Double> means = new ArrayList<>();
            for (int q = 0; q < 96; q++) if (counts[q] >= 10) means.add((double) sums[q] / counts[q]);
            if (means.size() < 16) return null;
            means.sort(null);
            double s = 0;
            for (int i = 0; i < 4; i++) s += means.get(i);
            return Math.round(s / 4 * 10) / 10.0;
        }
    }
}
