package be.samenbord.indicators.importer;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * Open mHealth / IEEE 1752.1 data points (IND-5): {@code {"header":{"schema_id":{"name":...}},"body":{...}}}
 * or a bare body. Schemas read: {@code step-count}, {@code sleep-duration}, {@code sleep-episode},
 * {@code heart-rate} ("at rest" readings are resting heart rate, others are samples) and
 * {@code physical-activity} (moderate and vigorous minutes). Times carry their own offset, which
 * says on which local day they fall.
 */
final class OpenMHealthJson {

    private OpenMHealthJson() {
    }

    static boolean looksLike(JsonNode n) {
        return n.isObject() && (n.has("body") || n.has("step_count") || n.has("sleep_duration") || n.has("total_sleep_time")
                || n.has("heart_rate") || n.has("activity_name"));
    }

    static void point(JsonNode n, Source s) {
        JsonNode body = n.has("body") ? n.get("body") : n;
        String schema = n.path("header").path("schema_id").path("name").asText(schemaOf(body));
        Accumulator acc = s.acc();
        String file = s.file();
        Frame f = frame(body.path("effective_time_frame"), s);
        switch (schema) {
            case "step-count" -> {
                Double steps = value(body.path("step_count"), file, "step_count");
                if (steps != null && f != null && f.oneDay(s)) {
                    acc.localMinuteSteps(f.start.toLocalDate(), f.start.getHour() * 60 + f.start.getMinute(), steps);
                }
            }
            case "sleep-duration", "sleep-episode" -> {
                JsonNode d = schema.equals("sleep-duration") ? body.path("sleep_duration") : body.path("total_sleep_time");
                Double minutes = minutes(d, file, schema);
                JsonNode flag = body.get("is_main_sleep");
                Boolean main = flag == null || flag.isNull() ? null : flag.asBoolean();
                String id = n.path("header").hasNonNull("id") ? n.path("header").get("id").asText() : null;
                if (minutes != null && f != null) {
                    if (minutes < 0) acc.warnings().add("negative_marker");
                    else acc.sleepLog((f.end != null ? f.end : f.start).toLocalDate(), id, minutes, main);
                }
            }
            case "heart-rate" -> {
                Double bpm = value(body.path("heart_rate"), file, "heart_rate");
                if (bpm == null || f == null) return;
                if ("at rest".equals(body.path("temporal_relationship_to_physical_activity").asText(""))) {
                    acc.restingHeartRate(f.start.toLocalDate(), bpm);
                } else {
                    acc.localHeart(f.start.toLocalDate(), f.start.toLocalTime().toSecondOfDay(), (int) Math.round(bpm));
                }
            }
            case "physical-activity" -> {
                String intensity = body.path("reported_activity_intensity").asText("").toLowerCase(Locale.ROOT);
                if (f == null || !(intensity.equals("moderate") || intensity.equals("vigorous"))) return;
                Double minutes = body.has("duration") ? minutes(body.get("duration"), file, "duration")
                        : f.end != null ? (double) Duration.between(f.start, f.end).toMinutes() : null;
                if (minutes != null && f.oneDay(s)) {
                    acc.localMinuteActive(f.start.toLocalDate(), f.start.getHour() * 60 + f.start.getMinute(), minutes);
                }
            }
            default -> acc.warnings().add("unknown_file");
        }
    }

    private static String schemaOf(JsonNode body) {
        if (body.has("step_count")) return "step-count";
        if (body.has("sleep_duration")) return "sleep-duration";
        if (body.has("total_sleep_time")) return "sleep-episode";
        if (body.has("heart_rate")) return "heart-rate";
        if (body.has("activity_name")) return "physical-activity";
        return "";
    }

    /** {@code 12} or {@code {"value":12,"unit":...}}. */
    private static Double value(JsonNode n, String file, String field) {
        return n.isObject() ? Json.num(n.path("value"), file, field + ".value") : Json.num(n, file, field);
    }

    /** A duration unit value in minutes ({@code min}, {@code h}, {@code sec}, {@code s}). */
    private static Double minutes(JsonNode n, String file, String field) {
        Double v = value(n, file, field);
        if (v == null) return null;
        String unit = n.path("unit").asText("min");
        return switch (unit) {
            case "h", "hr", "hours" -> v * 60;
            case "sec", "s", "seconds" -> v / 60;
            case "d", "days" -> v * 1440;
            default -> v;
        };
    }

    private record Frame(LocalDateTime start, LocalDateTime end) {
        boolean oneDay(Source s) {
            if (end != null && Duration.between(start, end).toMinutes() > 1440) {
                s.acc().warnings().add("multi_day_interval");
                return false;
            }
            return true;
        }
    }

    private static Frame frame(JsonNode tf, Source s) {
        if (tf.has("date_time")) {
            LocalDateTime at = local(tf.get("date_time"), s);
            return at == null ? null : new Frame(at, null);
        }
        JsonNode ti = tf.path("time_interval");
        LocalDateTime start = local(ti.get("start_date_time"), s);
        LocalDateTime end = local(ti.get("end_date_time"), s);
        if (start == null && end != null && ti.has("duration")) {
            Double m = minutes(ti.get("duration"), s.file(), "duration");
            if (m != null) start = end.minusMinutes(Math.round(m));
        }
        if (start != null && end == null && ti.has("duration")) {
            Double m = minutes(ti.get("duration"), s.file(), "duration");
            if (m != null) end = start.plusMinutes(Math.round(m));
        }
        return start == null ? null : new Frame(start, end);
    }

    private static LocalDateTime local(JsonNode n, Source s) {
        OffsetDateTime t = Dates.offsetDateTime(Json.text(n));
        return t == null ? null : s.local(t);
    }
}
