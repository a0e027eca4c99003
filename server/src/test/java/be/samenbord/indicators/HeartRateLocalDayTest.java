package be.samenbord.indicators;

import be.samenbord.indicators.importer.ExportReader;
import be.samenbord.indicators.model.Day;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static be.samenbord.indicators.TakeoutImportTest.ALL;
import static be.samenbord.indicators.TakeoutImportTest.GED;
import static be.samenbord.indicators.TakeoutImportTest.TODAY;
import static be.samenbord.indicators.TakeoutImportTest.warning;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * IND-6 for heart rate, as {@link TakeoutImportTest} does for steps: samples stamped near midnight
 * UTC land on the person's local day, in every importer that reads heart-rate samples (Takeout,
 * Google Health v4, Open mHealth, Apple Health). The samples only show through the resting heart
 * rate estimated from them (IND-6: four calmest quarter hours, at least 16 worn), so each case is
 * four hours of one sample a minute at a steady 55 bpm: all of it on one local day gives that day
 * an estimate of 55.0, and the wrong day (or a split over two) gives a different map.
 */
class HeartRateLocalDayTest {

    static final LocalDate MAR31 = LocalDate.of(2023, 3, 31);
    static final LocalDate APR1 = MAR31.plusDays(1);
    /** 22:00 UTC on 31 March: 00:00 on 1 April in Brussels (UTC+2 since 26 March). */
    static final Instant LATE = Instant.parse("2023-03-31T22:00:00Z");
    /** 00:00 UTC on 1 April: 20:00 on 31 March in New York (UTC-4). */
    static final Instant EARLY = Instant.parse("2023-04-01T00:00:00Z");
    static final int BPM = 55;

    /** Four hours of one sample a minute from {@code start}. */
    static List<Instant> fourHours(Instant start) {
        List<Instant> out = new ArrayList<>();
        for (int m = 0; m < 240; m++) out.add(start.plusSeconds(60L * m));
        return out;
    }

    static ExportReader.Result read(byte[] bytes, String zone) throws IOException {
        return ExportReader.read(new ByteArrayInputStream(bytes),
                new ExportReader.Request(null, zone == null ? null : ZoneId.of(zone), null, ALL, TODAY));
    }

    static ExportReader.Result read(String text, String zone) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8), zone);
    }

    /** The resting heart rate of each day that has one. */
    static Map<LocalDate, Double> resting(ExportReader.Result r) {
        Map<LocalDate, Double> out = new TreeMap<>();
        for (Day d : r.days()) if (d.restingHeartRate() != null) out.put(d.date(), d.restingHeartRate());
        return out;
    }

    static byte[] takeout(Instant start, String profileZone) {
        Exports.Zip z = new Exports.Zip().add(GED + "heart_rate-2023-04-01.json",
                Exports.list(fourHours(start).stream().map(t -> Exports.heartSample(t, BPM)).toList()));
        if (profileZone != null) z.add("Takeout/Fitbit/Your Profile/Profile.csv", Exports.profileCsv(profileZone));
        return z.bytes();
    }

    @Test
    @DisplayName("IND-6 Takeout: UTC heart-rate samples land on the profile's local day, else the upload's, else UTC with a warning")
    void takeout() throws IOException {
        assertEquals(Map.of(APR1, 55.0), resting(read(takeout(LATE, null), "Europe/Brussels")),
                "22:00-02:00 UTC is 00:00-04:00 on 1 April in Brussels");
        assertEquals(Map.of(MAR31, 55.0), resting(read(takeout(EARLY, "America/New_York"), "Europe/Brussels")),
                "00:00-04:00 UTC is the evening of 31 March in New York, the profile's zone, which beats the upload's");
        ExportReader.Result utc = read(takeout(EARLY, null), null);
        assertEquals(Map.of(APR1, 55.0), resting(utc), "no zone at all: UTC days");
        assertEquals(1, warning(utc, "no_time_zone"));
    }

    @Test
    @DisplayName("IND-6 Google Health v4: a heart-rate sample's physical time plus its UTC offset names the local day")
    void googleHealth() throws IOException {
        List<String> brussels = new ArrayList<>();
        for (Instant t : fourHours(LATE)) brussels.add(GoogleHealthPages.heartRate(t.toString(), "7200s", BPM));
        assertEquals(Map.of(APR1, 55.0), resting(read(GoogleHealthPages.page(brussels, null), null)));
        List<String> newYork = new ArrayList<>();
        for (Instant t : fourHours(EARLY)) newYork.add(GoogleHealthPages.heartRate(t.toString(), "-14400s", BPM));
        assertEquals(Map.of(MAR31, 55.0), resting(read(GoogleHealthPages.page(newYork, null), "Europe/Brussels")),
                "the point's own offset wins over the upload's zone");
    }

    static String omhHeart(String dateTime) {
        return OtherFormatsImportTest.omh("heart-rate", "{\"heart_rate\":{\"value\":" + BPM + ",\"unit\":\"beats/min\"},"
                + "\"effective_time_frame\":{\"date_time\":\"" + dateTime + "\"}}");
    }

    @Test
    @DisplayName("IND-6 Open mHealth: heart-rate points in UTC (\"Z\") take the upload's zone; an explicit offset is the person's own")
    void openMHealth() throws IOException {
        List<String> utc = fourHours(LATE).stream().map(t -> omhHeart(t.toString())).toList();
        assertEquals(Map.of(APR1, 55.0), resting(read("[" + String.join(",", utc) + "]", "Europe/Brussels")));
        List<String> offset = fourHours(EARLY).stream().map(t -> omhHeart(t.atOffset(ZoneOffset.ofHours(-4)).toString())).toList();
        assertEquals(Map.of(MAR31, 55.0), resting(read("[" + String.join(",", offset) + "]", "Europe/Brussels")));
    }

    static final DateTimeFormatter APPLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");

    static String appleHeart(List<Instant> samples, ZoneOffset offset) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HealthData locale=\"nl_BE\">\n"
                + " <ExportDate value=\"2023-04-10 09:00:00 +0200\"/>\n");
        for (Instant t : samples) {
            String at = APPLE.format(t.atOffset(offset));
            b.append(" <Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"Apple Watch van Anna\" unit=\"count/min\" startDate=\"")
                    .append(at).append("\" endDate=\"").append(at).append("\" value=\"").append(BPM).append("\"/>\n");
        }
        return b.append("</HealthData>\n").toString();
    }

    @Test
    @DisplayName("IND-6 Apple Health: heart-rate records land on the local day of their offset; +0000 takes the upload's zone")
    void appleHealth() throws IOException {
        assertEquals(Map.of(APR1, 55.0), resting(read(appleHeart(fourHours(LATE), ZoneOffset.ofHours(2)), null)));
        assertEquals(Map.of(MAR31, 55.0), resting(read(appleHeart(fourHours(EARLY), ZoneOffset.UTC), "America/New_York")));
    }
}
