package be.samenbord.indicators.importer;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Google Health API v4 data points (IND-5), as {@code users.dataTypes.dataPoints.list} returns them:
 * one union field per point ({@code steps}, {@code activeMinutes}, {@code heartRate}, {@code sleep},
 * {@code dailyRestingHeartRate}, {@code dailyHeartRateVariability}, {@code dailyOxygenSaturation});
 * int64 numbers come as strings; times come as a physical time with a UTC offset ({@code "3600s"})
 * and, on output, as civil (local) times whose zero fields are left out. Other data types are
 * skipped.
 */
final class GoogleHealthJson {

    private GoogleHealthJson() {
    }

    static void point(JsonNode n, Source s) {
        String file = s.file();
        Accumulator acc = s.acc();
        if (n.has("steps")) {
            JsonNode st = n.get("steps");
            LocalDateTime start = intervalStart(st.path("interval"), file);
            Double count = Json.num(st.path("count"), file, "steps.count");
            if (start != null && count != null && spansOneDay(st.path("interval"), s)) {
                acc.localMinuteSteps(start.toLocalDate(), start.getHour() * 60 + start.getMinute(), count);
            }
        } else if (n.has("activeMinutes")) {
            JsonNode a = n.get("activeMinutes");
            LocalDateTime start = intervalStart(a.path("interval"), file);
            double minutes = 0;
            for (JsonNode level : a.path("activeMinutesByActivityLevel")) {
                String l = level.path("activityLevel").asText("");
                // Fairly/moderately plus very active (IND-3): MODERATE and VIGOROUS, never LIGHT.
                if (l.equals("MODERATE") || l.equals("VIGOROUS")) {
                    Double m = Json.num(level.path("activeMinutes"), file, "activeMinutes.activeMinutes");
                    if (m != null) minutes += m;
                }
            }
            if (start != null && spansOneDay(a.path("interval"), s)) {
                acc.localMinuteActive(start.toLocalDate(), start.getHour() * 60 + start.getMinute(), minutes);
            }
        } else if (n.has("heartRate")) {
            JsonNode h = n.get("heartRate");
            JsonNode t = h.path("sampleTime");
            LocalDateTime at = civil(t.path("civilTime"));
            if (at == null) at = physical(t.path("physicalTime"), t.path("utcOffset"), file);
            Double bpm = Json.num(h.path("beatsPerMinute"), file, "heartRate.beatsPerMinute");
            if (at != null && bpm != null) acc.localHeart(at.toLocalDate(), at.toLocalTime().toSecondOfDay(), (int) Math.round(bpm));
        } else if (n.has("sleep")) {
            sleep(n, s);
        } else if (n.has("dailyRestingHeartRate")) {
            JsonNode r = n.get("dailyRestingHeartRate");
            Double bpm = Json.num(r.path("beatsPerMinute"), file, "dailyRestingHeartRate.beatsPerMinute");
            if (bpm != null) acc.restingHeartRate(Json.civilDate(r.path("date")), bpm);
        } else if (n.has("dailyHeartRateVariability")) {
            JsonNode r = n.get("dailyHeartRateVariability");
            Double ms = Json.num(r.path("averageHeartRateVariabilityMilliseconds"), file,
                    "dailyHeartRateVariability.averageHeartRateVariabilityMilliseconds");
            if (ms != null) acc.hrv(Json.civilDate(r.path("date")), ms);
        } else if (n.has("dailyOxygenSaturation")) {
            JsonNode r = n.get("dailyOxygenSaturation");
            Double pct = Json.num(r.path("averagePercentage"), file, "dailyOxygenSaturation.averagePercentage");
            if (pct != null) acc.spo2(Json.civilDate(r.path("date")), pct);
        }
    }

    /** A sleep session: the wake-up day is its date; {@code metadata.nap} and {@code mainSleep} say which one counts. */
    private static void sleep(JsonNode n, Source s) {
        JsonNode sl = n.get("sleep");
        JsonNode interval = sl.path("interval");
        LocalDateTime end = civil(interval.path("civilEndTime"));
        if (end == null) end = physical(interval.path("endTime"), interval.path("endUtcOffset"), s.file());
        Double minutes = Json.num(sl.path("summary").path("minutesAsleep"), s.file(), "sleep.summary.minutesAsleep");
        if (end == null || minutes == null) return;
        JsonNode meta = sl.path("metadata");
        Boolean main = meta.path("nap").asBoolean(false) ? Boolean.FALSE
                : meta.has("mainSleep") ? Boolean.valueOf(meta.get("mainSleep").asBoolean()) : null;
        String id = n.hasNonNull("name") ? n.get("name").asText() : meta.hasNonNull("externalId") ? meta.get("externalId").asText() : null;
        if (minutes < 0) {
            s.acc().warnings().add("negative_marker");
            return;
        }
        s.acc().sleepLog(end.toLocalDate(), id, minutes, main);
    }

    private static LocalDateTime intervalStart(JsonNode interval, String file) {
        LocalDateTime t = civil(interval.path("civilStartTime"));
        return t != null ? t : physical(interval.path("startTime"), interval.path("startUtcOffset"), file);
    }

    private static boolean spansOneDay(JsonNode interval, Source s) {
        Instant a = instant(interval.path("startTime"));
        Instant b = instant(interval.path("endTime"));
        if (a != null && b != null && b.getEpochSecond() - a.getEpochSecond() > 86_400) {
            s.acc().warnings().add("multi_day_interval");
            return false;
        }
        return true;
    }

    /** A CivilDateTime {@code {"date":{...},"time":{"hours",...}}}; zero time fields may be absent. */
    static LocalDateTime civil(JsonNode c) {
        LocalDate d = Json.civilDate(c.path("date"));
        if (d == null) return null;
        JsonNode t = c.path("time");
        int h = t.path("hours").asInt(0);
        int m = t.path("minutes").asInt(0);
        int sec = t.path("seconds").asInt(0);
        if (h > 23 || m > 59 || sec > 59 || h < 0 || m < 0 || sec < 0) return null;
        return d.atTime(h, m, sec);
    }

    private static LocalDateTime physical(JsonNode time, JsonNode offset, String file) {
        Instant t = instant(time);
        if (t == null) return null;
        long seconds = duration(offset);
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC).plusSeconds(seconds);
    }

    private static Instant instant(JsonNode n) {
        String s = Json.text(n);
        if (s == null) return null;
        try {
            return Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** A protobuf Duration in JSON: {@code "3600s"}, {@code "-7200s"}, {@code "19800.000s"}; 0 when absent. */
    static long duration(JsonNode n) {
        String s = Json.text(n);
        if (s == null || !s.endsWith("s")) return 0;
        try {
            return Math.round(Double.parseDouble(s.substring(0, s.length() - 1)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
