package be.samenbord.indicators;

import be.samenbord.indicators.importer.ExportReader;
import be.samenbord.indicators.importer.ImportFailure;
import be.samenbord.indicators.importer.Warnings;
import be.samenbord.indicators.model.Consent;
import be.samenbord.indicators.model.Day;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static be.samenbord.indicators.Exports.list;
import static be.samenbord.indicators.Exports.scalarRecord;
import static be.samenbord.indicators.Exports.sleepLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Google Takeout Fitbit zip with every trap of real exports (PROTOCOL.md IND-5, IND-6, IND-7). */
class TakeoutImportTest {

    static final Consent ALL = new Consent(true, true, true, true);
    static final LocalDate TODAY = LocalDate.of(2023, 6, 1);
    static final String GED = "Takeout/Fitbit/Global Export Data/";
    static final LocalDate APR1 = LocalDate.of(2023, 4, 1);

    static String steps() {
        // UTC stamps; in Brussels (UTC+2 in April) 22:30 UTC on 31 March is 00:30 on 1 April.
        return list(scalarRecord("03/31/23 21:59:00", "100"), scalarRecord("03/31/23 22:30:00", "12"),
                scalarRecord("04/01/23 08:00:00", "1000"), scalarRecord("04/01/23 21:59:00", "7"),
                scalarRecord("04/01/23 22:10:00", "50"), scalarRecord("04/05/23 09:00:00", "0"));
    }

    static Exports.Zip takeout(boolean profile) {
        Exports.Zip z = new Exports.Zip()
                .add(GED + "steps-2023-04-01.json", steps())
                // The same day exported twice, in a second folder: counted once.
                .add("Takeout/Fitbit/Global Export Data (1)/steps-2023-04-01.json", steps())
                .add(GED + "sleep-2023-03-02.json", list(
                        sleepLog(1, APR1, "2023-03-31T23:10:30.000", "2023-04-01T07:02:00.000", 420, true),
                        sleepLog(2, APR1, "2023-04-01T14:00:00.000", "2023-04-01T15:40:00.000", 95, false),
                        sleepLog(3, APR1.plusDays(1), "2023-04-01T23:40:00.000", "2023-04-02T06:35:00.000", 380, true)))
                .add(GED + "sleep-2023-04-01.json", list(
                        sleepLog(3, APR1.plusDays(1), "2023-04-01T23:40:00.000", "2023-04-02T06:35:00.000", 380, true),
                        sleepLog(4, APR1.plusDays(2), "2023-04-03T01:00:00.000", "2023-04-03T06:10:00.000", 300, true),
                        sleepLog(5, APR1.plusDays(2), "2023-04-02T22:00:00.000", "2023-04-03T04:30:00.000", 350, true),
                        sleepLog(6, APR1.plusDays(3), "2023-04-03T23:00:00.000", "2023-04-04T06:00:00.000", -1, true)))
                .add(GED + "resting_heart_rate-2023-03-28.json", list(Exports.restingRecord(APR1, 58.27),
                        Exports.restingRecord(APR1.plusDays(1), null)))
                .add(GED + "sedentary_minutes-2023-03-28.json", list(scalarRecord("04/01/23 00:00:00", "700"),
                        scalarRecord("04/05/23 00:00:00", "1440")))
                .add(GED + "very_active_minutes-2023-03-28.json", list(scalarRecord("04/01/23 00:00:00", "20"),
                        scalarRecord("04/05/23 00:00:00", "0")))
                .add(GED + "moderately_active_minutes-2023-03-28.json", list(scalarRecord("04/01/23 00:00:00", "15"),
                        scalarRecord("04/05/23 00:00:00", "0")))
                .add(GED + "lightly_active_minutes-2023-03-28.json", list(scalarRecord("04/01/23 00:00:00", "200")))
                .add("Takeout/Fitbit/Heart Rate Variability/Daily Heart Rate Variability Summary - 2023-04-01.csv",
                        Exports.hrvCsv(new TreeMap<>(Map.of(APR1, "35.5", APR1.plusDays(1), "0.0", APR1.plusDays(2), "-1"))))
                .add("Takeout/Fitbit/Oxygen Saturation (SpO2)/Daily SpO2 - 2023-03-28-2023-04-27.csv",
                        Exports.spo2Csv(Map.of(APR1, 96.4)))
                .add(GED + "heart_rate-2023-04-02.json", Exports.heartDays(APR1.plusDays(1), 1, 60).get(0))
                // Never read: social, journal, GPS files are not even parsed (they are not valid).
                .add("Takeout/Fitbit/Social/badge.json", "{not json")
                .add("Takeout/Fitbit/Journal/journal_entries.json", "garbage")
                .add("Takeout/Fitbit/GPS/route-12345.tcx", "<not xml");
        // The profile comes last: UTC samples read before it still land on its local days.
        if (profile) z.add("Takeout/Fitbit/Your Profile/Profile.csv", Exports.profileCsv("Europe/Brussels"));
        return z;
    }

    static ExportReader.Result read(byte[] bytes, String zone, Consent consent) throws IOException {
        return ExportReader.read(new ByteArrayInputStream(bytes),
                new ExportReader.Request(null, zone == null ? null : ZoneId.of(zone), null, consent, TODAY));
    }

    static Map<LocalDate, Day> byDate(ExportReader.Result r) {
        return r.days().stream().collect(Collectors.toMap(Day::date, d -> d));
    }

    static int warning(ExportReader.Result r, String code) {
        return r.warnings().stream().filter(w -> w.code().equals(code)).mapToInt(Warnings.Warning::count).sum();
    }

    @Test
    @DisplayName("IND-6: UTC steps land on the profile's local days, sleep on dateOfSleep, naps, duplicates and sentinels left out")
    void everyTrap() throws IOException {
        ExportReader.Result r = read(takeout(true).bytes(), "America/New_York", ALL);
        Map<LocalDate, Day> d = byDate(r);
        Day apr1 = d.get(APR1);
        assertEquals(420, apr1.sleepMinutes(), "the main sleep's minutes asleep, not the nap's");
        assertEquals(12 + 1000 + 7, apr1.steps(), "local day in Brussels (the profile's zone beats the upload's)");
        assertEquals(100, d.get(APR1.minusDays(1)).steps(), "23:59 local on 31 March");
        assertEquals(35, apr1.activeMinutes(), "fairly + very active");
        assertEquals(58.3, apr1.restingHeartRate());
        assertEquals(35.5, apr1.hrvRmssd());
        assertEquals(96.4, apr1.spo2());

        Day apr2 = d.get(APR1.plusDays(1));
        assertEquals(380, apr2.sleepMinutes(), "the night exported twice counts once");
        assertEquals(50, apr2.steps());
        assertNotNull(apr2.restingHeartRate(), "estimated from heart-rate samples: the export marks it missing");
        assertTrue(apr2.restingHeartRate() > 45 && apr2.restingHeartRate() < 62, "a calm quarter hour: " + apr2.restingHeartRate());
        assertNull(apr2.hrvRmssd(), "rmssd 0.0 means missing");

        Day apr3 = d.get(APR1.plusDays(2));
        assertEquals(350, apr3.sleepMinutes(), "two main sleeps on one day: the longest");
        assertNull(apr3.hrvRmssd(), "rmssd -1 means missing");
        assertFalse(d.containsKey(APR1.plusDays(3)) && d.get(APR1.plusDays(3)).sleepMinutes() != null, "minutesAsleep -1 means missing");
        Day apr5 = d.get(APR1.plusDays(4));
        assertTrue(apr5 == null || (apr5.steps() == null && apr5.activeMinutes() == null), "1440 sedentary minutes: not worn");

        assertEquals(1, warning(r, "nap"));
        assertEquals(1, warning(r, "duplicate_sleep"));
        assertEquals(1, warning(r, "several_main_sleeps"));
        assertEquals(1, warning(r, "unworn_day"));
        assertEquals(6, warning(r, "duplicate_sample"));
        assertEquals(1, warning(r, "estimated_resting_heart_rate"));
        assertTrue(warning(r, "missing_marker") >= 2, r.warnings().toString());
        assertTrue(warning(r, "negative_marker") >= 2, r.warnings().toString());
        assertEquals(0, warning(r, "no_time_zone"));

        assertTrue(r.filesRead().contains("Takeout/Fitbit/Your Profile/Profile.csv"));
        assertTrue(r.filesRead().stream().noneMatch(f -> f.contains("/Social/") || f.contains("/Journal/") || f.contains("/GPS/")),
                "never opened: " + r.filesRead());
    }

    @Test
    @DisplayName("IND-6: without a profile the upload's tz places UTC samples; without either, UTC days and a warning")
    void timeZones() throws IOException {
        Map<LocalDate, Day> brussels = byDate(read(takeout(false).bytes(), "Europe/Brussels", ALL));
        assertEquals(1019, brussels.get(APR1).steps());
        ExportReader.Result utc = read(takeout(false).bytes(), null, ALL);
        assertEquals(1000 + 7 + 50, byDate(utc).get(APR1).steps());
        assertEquals(1, warning(utc, "no_time_zone"));
        assertEquals(420, byDate(utc).get(APR1).sleepMinutes(), "sleep is local wall-clock time: no zone moves it");
    }

    @Test
    @DisplayName("IND-7: a file whose contents are not what its name says fails, naming the file")
    void misnamedFile() {
        byte[] zip = takeout(true).add(GED + "steps-2023-04-03.json", Exports.heartDays(APR1.plusDays(2), 1, 3600).get(0)).bytes();
        ImportFailure f = assertThrows(ImportFailure.class, () -> read(zip, null, ALL));
        assertEquals("file_mismatch", f.code());
        assertEquals(GED + "steps-2023-04-03.json", f.file());
        assertTrue(f.getMessage().contains("heart-rate samples"), f.getMessage());

        byte[] other = new Exports.Zip().add(GED + "heart_rate-2023-04-01.json", steps()).bytes();
        ImportFailure g = assertThrows(ImportFailure.class, () -> read(other, null, ALL));
        assertEquals("file_mismatch", g.code());
        assertEquals(GED + "heart_rate-2023-04-01.json", g.file());
    }

    @Test
    @DisplayName("IND-7: broken JSON fails naming the file and the place, never quoting its text")
    void brokenJson() {
        byte[] zip = new Exports.Zip().add(GED + "sleep-2023-04-01.json", "[{\"logId\":1,\"dateOfSleep\":\"2023-04-01\",\"minutesAsleep\":4").bytes();
        ImportFailure f = assertThrows(ImportFailure.class, () -> read(zip, null, ALL));
        assertEquals("malformed", f.code());
        assertEquals(GED + "sleep-2023-04-01.json", f.file());
        assertFalse(f.getMessage().contains("minutesAsleep\":4"), f.getMessage());

        ImportFailure g = assertThrows(ImportFailure.class, () -> read("%PDF-1.4 not an export".getBytes(StandardCharsets.UTF_8), null, ALL));
        assertEquals("not_an_export", g.code());
    }

    @Test
    @DisplayName("IND-2: without heart consent no heart file is opened and no heart value kept")
    void consentPerKind() throws IOException {
        ExportReader.Result r = read(takeout(true).bytes(), null, new Consent(true, true, false, true));
        assertTrue(r.filesRead().stream().noneMatch(f -> f.contains("heart_rate") || f.contains("Variability") || f.contains("SpO2")),
                r.filesRead().toString());
        assertTrue(r.days().stream().allMatch(d -> d.restingHeartRate() == null && d.hrvRmssd() == null && d.spo2() == null));
        assertEquals(1, warning(r, "no_consent_heart"));
        assertEquals(420, byDate(r).get(APR1).sleepMinutes());
    }

    @Test
    @DisplayName("IND-5: a bare Takeout file is read as its name claims; without a name a list of plain values is refused")
    void bareFiles() throws IOException {
        byte[] json = steps().getBytes(StandardCharsets.UTF_8);
        ExportReader.Result r = ExportReader.read(new ByteArrayInputStream(json),
                new ExportReader.Request("steps-2023-04-01.json", ZoneId.of("Europe/Brussels"), null, ALL, TODAY));
        assertEquals(1019, byDate(r).get(APR1).steps());
        ImportFailure f = assertThrows(ImportFailure.class, () -> read(json, null, ALL));
        assertEquals("not_an_export", f.code());

        byte[] csv = Exports.hrvCsv(Map.of(APR1, "41.0")).getBytes(StandardCharsets.UTF_8);
        ExportReader.Result h = ExportReader.read(new ByteArrayInputStream(csv),
                new ExportReader.Request("Daily Heart Rate Variability Summary - 2023-04-01.csv", null, null, ALL, TODAY));
        assertEquals(List.of(41.0), h.days().stream().map(Day::hrvRmssd).toList());
    }
}
