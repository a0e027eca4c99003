package be.samenbord.indicators;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Google Health API v4 {@code dataPoints} pages as the REST reference documents them
 * ({@code users.dataTypes.dataPoints.list}: {@code {"dataPoints":[DataPoint...],"nextPageToken":...}};
 * int64 fields as strings, Duration offsets as {@code "7200s"}, civil times whose zero fields are
 * left out, google.type.Date as {@code {"year","month","day"}}).
 */
public final class GoogleHealthPages {

    private GoogleHealthPages() {
    }

    static String date(LocalDate d) {
        return "{\"year\":" + d.getYear() + ",\"month\":" + d.getMonthValue() + ",\"day\":" + d.getDayOfMonth() + "}";
    }

    static String source() {
        return "\"dataSource\":{\"recordingMethod\":\"DERIVED\",\"device\":{\"manufacturer\":\"Google\",\"displayName\":\"Charge 6\"},"
                + "\"platform\":\"FITBIT\"}";
    }

    /** A steps point of one minute; {@code civil} false leaves out the civil time (then the offset decides the day). */
    public static String steps(String startUtc, String endUtc, String offset, LocalDate civilDay, int hour, int minute, long count) {
        String civil = civilDay == null ? "" : ",\"civilStartTime\":{\"date\":" + date(civilDay) + ",\"time\":{"
                + (hour > 0 ? "\"hours\":" + hour : "") + (hour > 0 && minute > 0 ? "," : "") + (minute > 0 ? "\"minutes\":" + minute : "") + "}}";
        return "{" + source() + ",\"steps\":{\"interval\":{\"startTime\":\"" + startUtc + "\",\"startUtcOffset\":\"" + offset
                + "\",\"endTime\":\"" + endUtc + "\",\"endUtcOffset\":\"" + offset + "\"" + civil + "},\"count\":\"" + count + "\"}}";
    }

    public static String activeMinutes(LocalDate day, int hour, int moderate, int vigorous, int light) {
        return "{" + source() + ",\"activeMinutes\":{\"interval\":{\"startTime\":\"" + day + "T" + String.format("%02d", hour)
                + ":00:00Z\",\"startUtcOffset\":\"0s\",\"endTime\":\"" + day + "T" + String.format("%02d", hour) + ":59:00Z\",\"endUtcOffset\":\"0s\","
                + "\"civilStartTime\":{\"date\":" + date(day) + ",\"time\":{\"hours\":" + hour + "}}},"
                + "\"activeMinutesByActivityLevel\":[{\"activityLevel\":\"LIGHT\",\"activeMinutes\":\"" + light + "\"},"
                + "{\"activityLevel\":\"MODERATE\",\"activeMinutes\":\"" + moderate + "\"},"
                + "{\"activityLevel\":\"VIGOROUS\",\"activeMinutes\":\"" + vigorous + "\"}]}}";
    }

    public static String sleep(String id, LocalDate wakeDay, long minutesAsleep, boolean nap, boolean main) {
        return "{\"name\":\"users/me/dataTypes/sleep/dataPoints/" + id + "\"," + source() + ",\"sleep\":{\"interval\":{"
                + "\"startTime\":\"" + wakeDay.minusDays(1) + "T21:30:00Z\",\"startUtcOffset\":\"7200s\",\"endTime\":\"" + wakeDay
                + "T05:00:00Z\",\"endUtcOffset\":\"7200s\",\"civilStartTime\":{\"date\":" + date(wakeDay.minusDays(1))
                + ",\"time\":{\"hours\":23,\"minutes\":30}},\"civilEndTime\":{\"date\":" + date(wakeDay) + ",\"time\":{\"hours\":7}}},"
                + "\"type\":\"STAGES\",\"metadata\":{\"nap\":" + nap + ",\"mainSleep\":" + main + ",\"processed\":true,"
                + "\"stagesStatus\":\"SUCCEEDED\"},\"summary\":{\"minutesInSleepPeriod\":\"" + (minutesAsleep + 30) + "\","
                + "\"minutesAsleep\":\"" + minutesAsleep + "\",\"minutesAwake\":\"30\",\"stagesSummary\":[{\"type\":\"DEEP\","
                + "\"minutes\":\"80\",\"count\":\"4\"}]}}}";
    }

    public static String restingHeartRate(LocalDate day, long bpm) {
        return "{" + source() + ",\"dailyRestingHeartRate\":{\"date\":" + date(day) + ",\"beatsPerMinute\":\"" + bpm
                + "\",\"dailyRestingHeartRateMetadata\":{\"calculationMethod\":\"WITH_SLEEP\"}}}";
    }

    public static String hrv(LocalDate day, double ms) {
        return "{" + source() + ",\"dailyHeartRateVariability\":{\"date\":" + date(day) + ",\"averageHeartRateVariabilityMilliseconds\":"
                + ms + ",\"nonRemHeartRateBeatsPerMinute\":\"57\",\"entropy\":2.8,"
                + "\"deepSleepRootMeanSquareOfSuccessiveDifferencesMilliseconds\":40.1}}";
    }

    public static String spo2(LocalDate day, double avg) {
        return "{" + source() + ",\"dailyOxygenSaturation\":{\"date\":" + date(day) + ",\"averagePercentage\":" + avg
                + ",\"lowerBoundPercentage\":93.5,\"upperBoundPercentage\":99.0,\"standardDeviationPercentage\":0.8}}";
    }

    public static String heartRate(String physicalUtc, String offset, int bpm) {
        return "{" + source() + ",\"heartRate\":{\"sampleTime\":{\"physicalTime\":\"" + physicalUtc + "\",\"utcOffset\":\"" + offset
                + "\"},\"beatsPerMinute\":\"" + bpm + "\",\"metadata\":{\"motionContext\":\"SEDENTARY\"}}}";
    }

    /** A page; {@code nextPageToken} null means the last one. */
    public static String page(List<String> points, String nextPageToken) {
        return "{\"dataPoints\":[" + String.join(",", points) + "]" + (nextPageToken == null ? "" : ",\"nextPageToken\":\"" + nextPageToken + "\"") + "}";
    }

    public static List<String> of(String... points) {
        return new ArrayList<>(List.of(points));
    }
}
