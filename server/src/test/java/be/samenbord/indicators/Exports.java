package be.samenbord.indicators;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Export files written by hand from the documented formats (Google Takeout's Fitbit files, the
 * legacy Fitbit Web API, Google Health API v4 pages, Open mHealth, Apple Health export.xml), for
 * the importer tests, the end-to-end test and the benchmark.
 */
public final class Exports {

    private static final DateTimeFormatter TAKEOUT = DateTimeFormatter.ofPattern("MM/dd/yy HH:mm:ss", Locale.ROOT);

    private Exports() {
    }

    /** Takeout's per-sample {@code dateTime}: {@code MM/DD/YY HH:MM:SS} in UTC. */
    public static String takeoutTime(Instant t) {
        return TAKEOUT.format(t.atOffset(ZoneOffset.UTC));
    }

    public static String takeoutDate(LocalDate d) {
        return TAKEOUT.format(d.atStartOfDay()).substring(0, 8);
    }

    /** A zip of named entries, in the order given. */
    public static final class Zip {
        private final Map<String, byte[]> entries = new LinkedHashMap<>();

        public Zip add(String name, String content) {
            entries.put(name, content.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }

    // ---- Google Takeout (Fitbit "Global Export Data") -------------------------------------------

    /** A sleep log as in {@code sleep-YYYY-MM-DD.json}: local wall-clock times without offset. */
    public static String sleepLog(long logId, LocalDate dateOfSleep, String start, String end, int minutesAsleep, boolean main) {
        return "{\"logId\":" + logId + ",\"dateOfSleep\":\"" + dateOfSleep + "\",\"startTime\":\"" + start + "\",\"endTime\":\"" + end
                + "\",\"duration\":" + minutesAsleep * 60_000L + ",\"minutesToFallAsleep\":0,\"minutesAsleep\":" + minutesAsleep
                + ",\"minutesAwake\":31,\"minutesAfterWakeup\":0,\"timeInBed\":" + (minutesAsleep + 31)
                + ",\"efficiency\":93,\"type\":\"stages\",\"infoCode\":0,\"logType\":\"auto_detected\",\"levels\":{\"summary\":"
                + "{\"deep\":{\"count\":4,\"minutes\":80,\"thirtyDayAvgMinutes\":0}},\"data\":[{\"dateTime\":\"" + start
                + "\",\"level\":\"wake\",\"seconds\":30}],\"shortData\":[]},\"mainSleep\":" + main + "}";
    }

    /** {@code [{"dateTime":"MM/DD/YY HH:MM:SS","value":"<n>"}]}: numbers as strings, as Takeout writes them. */
    public static String scalarRecord(String dateTime, String value) {
        return "{\"dateTime\":\"" + dateTime + "\",\"value\":\"" + value + "\"}";
    }

    public static String heartSample(Instant t, int bpm) {
        return "{\"dateTime\":\"" + takeoutTime(t) + "\",\"value\":{\"bpm\":" + bpm + ",\"confidence\":2}}";
    }

    /** {@code resting_heart_rate-*.json}; a null value is Takeout's marker for "none" ({@code "date":null,"value":0.0}). */
    public static String restingRecord(LocalDate day, Double value) {
        String date = takeoutDate(day);
        return value == null
                ? "{\"dateTime\":\"" + date + " 00:00:00\",\"value\":{\"date\":null,\"value\":0.0,\"error\":0.0}}"
                : "{\"dateTime\":\"" + date + " 00:00:00\",\"value\":{\"date\":\"" + date + "\",\"value\":" + value + ",\"error\":6.8}}";
    }

    public static String list(List<String> records) {
        return "[" + String.join(",\n", records) + "]";
    }

    public static String list(String... records) {
        return list(List.of(records));
    }

    /** {@code Daily Heart Rate Variability Summary - *.csv}. */
    public static String hrvCsv(Map<LocalDate, String> rmssd) {
        StringBuilder b = new StringBuilder("timestamp,rmssd,nremhr,entropy\n");
        rmssd.forEach((d, v) -> b.append(d).append("T00:00:00,").append(v).append(",58.1,2.9\n"));
        return b.toString();
    }

    /** {@code Daily SpO2 - *.csv}. */
    public static String spo2Csv(Map<LocalDate, Double> avg) {
        StringBuilder b = new StringBuilder("timestamp,average_value,lower_bound,upper_bound\n");
        avg.forEach((d, v) -> b.append(d).append("T00:00:00,").append(v).append(",94.0,99.5\n"));
        return b.toString();
    }

    /**
     * {@code Your Profile/Profile.csv}: many personal columns around {@code timezone}, an "about me"
     * with a comma, quotes and a line break, which the importer must skip unread.
     */
    public static String profileCsv(String timezone) {
        return "id,full_name,first_name,last_name,display_name_setting,display_name,username,email_address,date_of_birth,"
                + "child,country,state,city,timezone,locale,member_since,about_me,start_of_week,sleep_tracking,"
                + "time_display_format,gender,height,weight\n"
                + "2ABCDE,Anna Peeters,Anna,Peeters,name,Anna P.,,anna@example.org,1987-03-02,false,BE,,Leuven,"
                + timezone + ",nl_BE,2019-05-01,\"Verpleegkundige, nachtdienst.\nZegt \"\"hallo\"\".\",MONDAY,Normal,24hour,FEMALE,168.0,61.0\n";
    }

    /**
     * A Takeout zip of one person: a main sleep per night ({@code sleepMinutes} per wake-up day),
     * steps as per-minute samples at noon UTC, resting heart rate per day.
     */
    public static byte[] takeoutPerson(Map<LocalDate, Integer> sleepMinutes, Map<LocalDate, Integer> steps, Map<LocalDate, Double> resting) {
        Zip z = new Zip();
        String ged = "Takeout/Fitbit/Global Export Data/";
        List<String> logs = new ArrayList<>();
        long id = 1000;
        for (Map.Entry<LocalDate, Integer> e : sleepMinutes.entrySet()) {
            LocalDate d = e.getKey();
            logs.add(sleepLog(id++, d, d.minusDays(1) + "T23:00:00.000", d + "T07:00:00.000", e.getValue(), true));
        }
        if (!logs.isEmpty()) z.add(ged + "sleep-" + sleepMinutes.keySet().iterator().next() + ".json", list(logs));
        List<String> samples = new ArrayList<>();
        for (Map.Entry<LocalDate, Integer> e : steps.entrySet()) {
            Instant noon = e.getKey().atTime(12, 0).toInstant(ZoneOffset.UTC);
            int left = e.getValue();
            for (int m = 0; left > 0; m++) {
                int v = Math.min(1000, left);
                samples.add(scalarRecord(takeoutTime(noon.plusSeconds(60L * m)), Integer.toString(v)));
                left -= v;
            }
        }
        if (!samples.isEmpty()) z.add(ged + "steps-" + steps.keySet().iterator().next() + ".json", list(samples));
        List<String> rest = new ArrayList<>();
        resting.forEach((d, v) -> rest.add(restingRecord(d, v)));
        if (!rest.isEmpty()) z.add(ged + "resting_heart_rate-" + resting.keySet().iterator().next() + ".json", list(rest));
        z.add("Takeout/Fitbit/Your Profile/Profile.csv", profileCsv("UTC"));
        return z.bytes();
    }

    // ---- Generators ------------------------------------------------------------------------------

    /**
     * Heart-rate samples every {@code everySeconds} over {@code days} days from {@code first} (UTC),
     * one {@code heart_rate-*.json} entry per day, as Takeout writes them.
     */
    public static List<String> heartDays(LocalDate first, int days, int everySeconds) {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            Instant start = first.plusDays(d).atStartOfDay().toInstant(ZoneOffset.UTC);
            StringBuilder b = new StringBuilder(86_400 / everySeconds * 64).append('[');
            for (int s = 0; s < 86_400; s += everySeconds) {
                if (s > 0) b.append(",\n");
                int bpm = 52 + (int) (20 * Math.abs(Math.sin(s / 7000.0))) + (s % 7);
                b.append(heartSample(start.plusSeconds(s), bpm));
            }
            out.add(b.append(']').toString());
        }
        return out;
    }
}
