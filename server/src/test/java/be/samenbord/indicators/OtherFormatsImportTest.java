package be.samenbord.indicators;

import be.samenbord.indicators.importer.ExportReader;
import be.samenbord.indicators.importer.ImportFailure;
import be.samenbord.indicators.model.Day;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static be.samenbord.indicators.TakeoutImportTest.ALL;
import static be.samenbord.indicators.TakeoutImportTest.TODAY;
import static be.samenbord.indicators.TakeoutImportTest.byDate;
import static be.samenbord.indicators.TakeoutImportTest.warning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The legacy Fitbit Web API, Google Health API v4 pages, Open mHealth and Apple Health (IND-5, IND-6). */
class OtherFormatsImportTest {

    static final LocalDate D = LocalDate.of(2023, 4, 1);

    static ExportReader.Result json(String text, String zone, LocalDate date) throws IOException {
        return ExportReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                new ExportReader.Request(null, zone == null ? null : ZoneId.of(zone), date, ALL, TODAY));
    }

    @Test
    @DisplayName("IND-5 Fitbit Web API: sleep 1.2 (isMainSleep), steps and heart series with intraday, minutes, HRV, SpO2, day summary")
    void fitbitWebApi() throws IOException {
        String sleep = "{\"sleep\":[" + Exports.sleepLog(10, D, "2023-03-31T23:00:00.000", "2023-04-01T06:30:00.000", 410, true)
                .replace("\"mainSleep\":true", "\"isMainSleep\":true") + ","
                + Exports.sleepLog(11, D, "2023-04-01T13:00:00.000", "2023-04-01T13:50:00.000", 45, false)
                .replace("\"mainSleep\":false", "\"isMainSleep\":false") + "],\"summary\":{\"totalMinutesAsleep\":455,\"totalSleepRecords\":2}}";
        assertEquals(410, byDate(json(sleep, null, null)).get(D).sleepMinutes());

        // Intraday first, its day only named by the series after it; values as strings in the series.
        String steps = "{\"activities-steps-intraday\":{\"dataset\":[{\"time\":\"00:00:00\",\"value\":0},{\"time\":\"08:01:00\","
                + "\"value\":120},{\"time\":\"08:02:00\",\"value\":80}],\"datasetInterval\":1,\"datasetType\":\"minute\"},"
                + "\"activities-steps\":[{\"dateTime\":\"2023-04-02\",\"value\":\"8432\"}]}";
        assertEquals(8432, byDate(json(steps, null, null)).get(D.plusDays(1)).steps(), "the daily total wins over the intraday sum");
        String onlyIntraday = "{\"activities-steps-intraday\":{\"dataset\":[{\"time\":\"08:01:00\",\"value\":120},{\"time\":\"08:02:00\",\"value\":80}]}}";
        assertEquals(200, byDate(json(onlyIntraday, null, D)).get(D).steps(), "?date= names the day of an intraday-only answer");
        ImportFailure noDate = assertThrows(ImportFailure.class, () -> json(onlyIntraday, null, null));
        assertEquals("no_date", noDate.code());

        String heart = "{\"activities-heart\":[{\"dateTime\":\"2023-04-01\",\"value\":{\"customHeartRateZones\":[],\"heartRateZones\":"
                + "[{\"caloriesOut\":1200.5,\"max\":97,\"min\":30,\"minutes\":1300,\"name\":\"Out of Range\"}],\"restingHeartRate\":61}}]}";
        assertEquals(61.0, byDate(json(heart, null, null)).get(D).restingHeartRate());

        String minutes = "{\"activities-minutesFairlyActive\":[{\"dateTime\":\"2023-04-01\",\"value\":\"22\"}],"
                + "\"activities-minutesVeryActive\":[{\"dateTime\":\"2023-04-01\",\"value\":\"9\"}]}";
        assertEquals(31, byDate(json(minutes, null, null)).get(D).activeMinutes());

        String hrv = "{\"hrv\":[{\"value\":{\"dailyRmssd\":34.938,\"deepRmssd\":31.567},\"dateTime\":\"2023-04-01\"},"
                + "{\"value\":{\"dailyRmssd\":0.0,\"deepRmssd\":0.0},\"dateTime\":\"2023-04-02\"}]}";
        ExportReader.Result h = json(hrv, null, null);
        assertEquals(34.9, byDate(h).get(D).hrvRmssd());
        assertEquals(1, warning(h, "missing_marker"));

        String spo2 = "{\"dateTime\":\"2023-04-01\",\"value\":{\"avg\":97.5,\"min\":94.0,\"max\":100.0}}";
        assertEquals(97.5, byDate(json(spo2, null, null)).get(D).spo2());

        String summary = "{\"activities\":[],\"goals\":{\"steps\":10000},\"summary\":{\"activityCalories\":900,\"steps\":9100,"
                + "\"fairlyActiveMinutes\":12,\"veryActiveMinutes\":30,\"lightlyActiveMinutes\":180,\"sedentaryMinutes\":720,"
                + "\"restingHeartRate\":59}}";
        Day s = byDate(json(summary, null, D)).get(D);
        assertEquals(9100, s.steps());
        assertEquals(42, s.activeMinutes());
        assertEquals(59.0, s.restingHeartRate());
        assertEquals("no_date", assertThrows(ImportFailure.class, () -> json(summary, null, null)).code());
    }

    @Test
    @DisplayName("IND-5 Google Health API v4 pages: civil times and UTC offsets place points on local days; naps left out")
    void googleHealth() throws IOException {
        String page = GoogleHealthPages.page(GoogleHealthPages.of(
                // 22:30 UTC at +2h is 00:30 on 1 April; no civil time given, so the offset decides.
                GoogleHealthPages.steps("2023-03-31T22:30:00Z", "2023-03-31T22:31:00Z", "7200s", null, 0, 0, 40),
                GoogleHealthPages.steps("2023-04-01T06:00:00Z", "2023-04-01T06:01:00Z", "7200s", D, 8, 0, 100),
                GoogleHealthPages.steps("2023-04-01T06:00:00Z", "2023-04-01T06:01:00Z", "7200s", D, 8, 0, 100),
                GoogleHealthPages.activeMinutes(D, 9, 10, 5, 30),
                GoogleHealthPages.sleep("s1", D, 402, false, true),
                GoogleHealthPages.sleep("s2", D, 38, true, false),
                GoogleHealthPages.restingHeartRate(D, 57),
                GoogleHealthPages.hrv(D, 44.5),
                GoogleHealthPages.spo2(D, 96.1)), "next-page-2");
        ExportReader.Result r = json(page, null, null);
        Day d = byDate(r).get(D);
        assertEquals(140, d.steps(), "the same minute twice counts once");
        assertEquals(15, d.activeMinutes(), "moderate + vigorous");
        assertEquals(402, d.sleepMinutes());
        assertEquals(57.0, d.restingHeartRate());
        assertEquals(44.5, d.hrvRmssd());
        assertEquals(96.1, d.spo2());
        assertEquals(1, warning(r, "nap"));
        assertEquals(1, warning(r, "duplicate_sample"));
    }

    @Test
    @DisplayName("IND-5 Open mHealth / IEEE 1752.1: step-count, sleep-episode, sleep-duration, heart-rate at rest, physical-activity")
    void openMHealth() throws IOException {
        String points = "[" + String.join(",",
                omh("step-count", "{\"step_count\":{\"value\":3000,\"unit\":\"steps\"},\"effective_time_frame\":{\"time_interval\":"
                        + "{\"start_date_time\":\"2023-04-01T00:10:00-07:00\",\"end_date_time\":\"2023-04-01T01:00:00-07:00\"}}}"),
                // UTC ("Z") means "not said": the upload's zone (Los Angeles) puts this on 31 March.
                omh("step-count", "{\"step_count\":1500,\"effective_time_frame\":{\"time_interval\":"
                        + "{\"start_date_time\":\"2023-04-01T05:00:00Z\",\"end_date_time\":\"2023-04-01T05:30:00Z\"}}}"),
                omh("sleep-episode", "{\"total_sleep_time\":{\"value\":6.5,\"unit\":\"h\"},\"is_main_sleep\":true,"
                        + "\"effective_time_frame\":{\"time_interval\":{\"start_date_time\":\"2023-03-31T23:30:00-07:00\","
                        + "\"end_date_time\":\"2023-04-01T06:45:00-07:00\"}}}"),
                omh("sleep-episode", "{\"total_sleep_time\":{\"value\":40,\"unit\":\"min\"},\"is_main_sleep\":false,"
                        + "\"effective_time_frame\":{\"time_interval\":{\"start_date_time\":\"2023-04-01T14:00:00-07:00\","
                        + "\"end_date_time\":\"2023-04-01T14:45:00-07:00\"}}}"),
                omh("heart-rate", "{\"heart_rate\":{\"value\":55,\"unit\":\"beats/min\"},\"temporal_relationship_to_physical_activity\":"
                        + "\"at rest\",\"effective_time_frame\":{\"date_time\":\"2023-04-01T07:00:00-07:00\"}}"),
                omh("physical-activity", "{\"activity_name\":\"walking\",\"reported_activity_intensity\":\"moderate\","
                        + "\"effective_time_frame\":{\"time_interval\":{\"start_date_time\":\"2023-04-01T12:00:00-07:00\","
                        + "\"end_date_time\":\"2023-04-01T12:25:00-07:00\"}}}"),
                omh("physical-activity", "{\"activity_name\":\"ironing\",\"reported_activity_intensity\":\"light\","
                        + "\"effective_time_frame\":{\"time_interval\":{\"start_date_time\":\"2023-04-01T15:00:00-07:00\","
                        + "\"end_date_time\":\"2023-04-01T16:00:00-07:00\"}}}")) + "]";
        ExportReader.Result r = json(points, "America/Los_Angeles", null);
        Map<LocalDate, Day> d = byDate(r);
        assertEquals(3000, d.get(D).steps());
        assertEquals(1500, d.get(D.minusDays(1)).steps());
        assertEquals(390, d.get(D).sleepMinutes());
        assertEquals(55.0, d.get(D).restingHeartRate());
        assertEquals(25, d.get(D).activeMinutes());
        assertEquals(1, warning(r, "nap"));
    }

    static String omh(String schema, String body) {
        return "{\"header\":{\"id\":\"" + java.util.UUID.nameUUIDFromBytes(body.getBytes(StandardCharsets.UTF_8)) + "\","
                + "\"creation_date_time\":\"2023-04-02T08:00:00Z\",\"schema_id\":{\"namespace\":\"omh\",\"name\":\"" + schema
                + "\",\"version\":\"2.0\"}},\"body\":" + body + "}";
    }

    static final String APPLE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE HealthData [
            <!ELEMENT HealthData (ExportDate,Me,(Record|Workout)*)>
            <!ATTLIST Record type CDATA #REQUIRED value CDATA #IMPLIED>
            ]>
            <HealthData locale="nl_BE">
             <ExportDate value="2023-04-10 09:00:00 +0200"/>
             <Me HKCharacteristicTypeIdentifierDateOfBirth="1987-03-02" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>
             <Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone van Anna" unit="count" startDate="2023-04-01 08:00:00 +0200" endDate="2023-04-01 08:10:00 +0200" value="3000"/>
             <Record type="HKQuantityTypeIdentifierStepCount" sourceName="iPhone van Anna" unit="count" startDate="2023-04-01 17:00:00 +0200" endDate="2023-04-01 17:10:00 +0200" value="2000"/>
             <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Apple Watch van Anna" unit="count" startDate="2023-04-01 08:00:00 +0200" endDate="2023-04-01 08:10:00 +0200" value="5200"/>
             <Record type="HKQuantityTypeIdentifierAppleExerciseTime" sourceName="Apple Watch van Anna" unit="min" startDate="2023-04-01 12:00:00 +0200" endDate="2023-04-01 12:01:00 +0200" value="33"/>
             <Record type="HKQuantityTypeIdentifierRestingHeartRate" sourceName="Apple Watch van Anna" unit="count/min" startDate="2023-04-01 06:00:00 +0200" endDate="2023-04-01 23:00:00 +0200" value="56"/>
             <Record type="HKQuantityTypeIdentifierHeartRateVariabilitySDNN" sourceName="Apple Watch van Anna" unit="ms" startDate="2023-04-01 03:00:00 +0200" endDate="2023-04-01 03:01:00 +0200" value="48"/>
             <Record type="HKQuantityTypeIdentifierOxygenSaturation" sourceName="Apple Watch van Anna" unit="%" startDate="2023-04-01 03:00:00 +0200" endDate="2023-04-01 03:00:00 +0200" value="0.97"/>
             <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Apple Watch van Anna" startDate="2023-03-31 23:30:00 +0200" endDate="2023-04-01 02:30:00 +0200" value="HKCategoryValueSleepAnalysisAsleepCore"/>
             <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Apple Watch van Anna" startDate="2023-04-01 02:30:00 +0200" endDate="2023-04-01 03:00:00 +0200" value="HKCategoryValueSleepAnalysisAwake"/>
             <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Apple Watch van Anna" startDate="2023-04-01 03:00:00 +0200" endDate="2023-04-01 06:30:00 +0200" value="HKCategoryValueSleepAnalysisAsleepDeep"/>
             <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Apple Watch van Anna" startDate="2023-04-01 14:00:00 +0200" endDate="2023-04-01 14:40:00 +0200" value="HKCategoryValueSleepAnalysisAsleepCore"/>
             <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Apple Watch van Anna" startDate="2023-04-01 22:45:00 +0200" endDate="2023-04-01 23:30:00 +0200" value="HKCategoryValueSleepAnalysisAsleepCore"/>
            </HealthData>
            """;

    @Test
    @DisplayName("IND-5 Apple Health export.xml (StAX, in its zip): largest source per day, nights, naps, no SDNN, GPX never read")
    void appleHealth() throws IOException {
        byte[] zip = new Exports.Zip().add("apple_health_export/export.xml", APPLE)
                .add("apple_health_export/export_cda.xml", "<not read")
                .add("apple_health_export/workout-routes/route_2023-04-01_12.00pm.gpx", "<gpx broken").bytes();
        ExportReader.Result r = ExportReader.read(new ByteArrayInputStream(zip), new ExportReader.Request(null, null, null, ALL, TODAY));
        Map<LocalDate, Day> d = byDate(r);
        assertEquals(5200, d.get(D).steps(), "the Watch's 5200 beats the iPhone's 5000; never their sum");
        assertEquals(33, d.get(D).activeMinutes());
        assertEquals(56.0, d.get(D).restingHeartRate());
        assertEquals(97.0, d.get(D).spo2());
        assertNull(d.get(D).hrvRmssd(), "SDNN is not RMSSD");
        assertEquals(180 + 210, d.get(D).sleepMinutes(), "asleep samples of the night ending on 1 April, awake left out");
        assertEquals(45, d.get(D.plusDays(1)).sleepMinutes(), "a sample ending after 18:00 belongs to the next night");
        assertEquals(1, warning(r, "nap"));
        assertEquals(1, warning(r, "sdnn_not_rmssd"));
        assertEquals(java.util.List.of("apple_health_export/export.xml"), r.filesRead());
        ImportFailure f = assertThrows(ImportFailure.class, () -> json("<?xml version=\"1.0\"?><gpx><trk/></gpx>", null, null));
        assertEquals("file_mismatch", f.code());
        assertTrue(f.getMessage().contains("another XML document"));
    }
}
