package be.samenbord.indicators.importer;

import be.samenbord.indicators.model.Kind;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.LocalDate;

/**
 * The records of Google Takeout's Fitbit files (IND-5, IND-6): lists of {@code {"dateTime","value"}}
 * with {@code MM/DD/YY} dates, numbers as strings, per-minute steps and heart-rate samples stamped
 * in UTC; sleep logs with local wall-clock times, attributed to {@code dateOfSleep}, naps flagged by
 * {@code mainSleep} (Takeout) or {@code isMainSleep} (Web API); resting heart rate with the missing
 * marker {@code {"date":null,"value":0.0}}. Per-sample files are streamed; other records are small.
 */
final class TakeoutJson {

    private TakeoutJson() {
    }

    /** What a record of a list looks like, when no file name says it. */
    enum Shape { SLEEP_LOG, HEART_SAMPLE, RESTING, SPO2, HRV, SCALAR, OPEN_MHEALTH, UNKNOWN }

    static Shape shape(JsonNode e) {
        if (e.has("dateOfSleep") || e.has("logId")) return Shape.SLEEP_LOG;
        if (e.has("body")) return Shape.OPEN_MHEALTH;
        JsonNode v = e.path("value");
        if (v.isObject()) {
            if (v.has("bpm")) return Shape.HEART_SAMPLE;
            if (v.has("avg")) return Shape.SPO2;
            if (v.has("dailyRmssd")) return Shape.HRV;
            if (v.has("date") || v.has("error")) return Shape.RESTING;
            return Shape.UNKNOWN;
        }
        return v.isValueNode() && !v.isMissingNode() && e.has("dateTime") ? Shape.SCALAR : Shape.UNKNOWN;
    }

    static String describe(Shape s) {
        return switch (s) {
            case SLEEP_LOG -> "sleep logs";
            case HEART_SAMPLE -> "heart-rate samples";
            case RESTING -> "resting heart rates";
            case SPO2 -> "SpO2 values";
            case HRV -> "heart rate variability values";
            case SCALAR -> "a list of plain values";
            case OPEN_MHEALTH -> "Open mHealth data points";
            case UNKNOWN -> "records of an unknown shape";
        };
    }

    /** Whether a record of this shape may stand in a file of this claim. */
    static boolean fits(Claim claim, Shape shape) {
        return switch (claim) {
            case SLEEP -> shape == Shape.SLEEP_LOG;
            case HEART_RATE -> shape == Shape.HEART_SAMPLE;
            case RESTING_HEART_RATE -> shape == Shape.RESTING;
            case STEPS, SEDENTARY, LIGHTLY_ACTIVE, MODERATELY_ACTIVE, VERY_ACTIVE -> shape == Shape.SCALAR;
            default -> false;
        };
    }

    /** One record read as a tree. */
    static void record(JsonNode e, Shape shape, Claim claim, String file, Accumulator acc) {
        switch (shape) {
            case SLEEP_LOG -> sleepLog(e, file, acc);
            case HEART_SAMPLE -> {
                long second = second(e.path("dateTime"), file);
                Double bpm = Json.num(e.path("value").path("bpm"), file, "value.bpm");
                if (bpm != null) acc.utcHeart(second, (int) Math.round(bpm));
            }
            case RESTING -> {
                JsonNode v = e.path("value");
                LocalDate date = Json.date(v.path("date"));
                Double bpm = Json.num(v.path("value"), file, "value.value");
                if (date == null || bpm == null || bpm == 0) {
                    // Takeout writes {"date":null,"value":0.0} for a day without a resting heart rate.
                    if (acc.wants(Kind.HEART)) acc.warnings().add("missing_marker");
                    return;
                }
                acc.restingHeartRate(date, bpm);
            }
            case SPO2 -> {
                Double avg = Json.num(e.path("value").path("avg"), file, "value.avg");
                if (avg != null) acc.spo2(Json.date(e.path("dateTime")), avg);
            }
            case HRV -> {
                Double rmssd = Json.num(e.path("value").path("dailyRmssd"), file, "value.dailyRmssd");
                if (rmssd != null) acc.hrv(Json.date(e.path("dateTime")), rmssd);
            }
            case SCALAR -> scalar(e, claim, file, acc);
            default -> throw ImportFailure.malformed(file, "holds " + describe(shape));
        }
    }

    private static void scalar(JsonNode e, Claim claim, String file, Accumulator acc) {
        Double v = Json.num(e.path("value"), file, "value");
        if (v == null) return;
        if (claim == Claim.STEPS) {
            acc.utcMinuteSteps(second(e.path("dateTime"), file), v);
        } else {
            acc.levelMinutes(Json.date(e.path("dateTime")), claim.level(), v);
        }
    }

    /** A sleep log: its main sleep's minutes asleep count for {@code dateOfSleep}; naps are left out. */
    static void sleepLog(JsonNode e, String file, Accumulator acc) {
        LocalDate date = Json.date(e.path("dateOfSleep"));
        if (date == null) throw ImportFailure.malformed(file, "a sleep log has no dateOfSleep");
        JsonNode flag = e.has("mainSleep") ? e.get("mainSleep") : e.get("isMainSleep");
        Boolean main = flag == null || flag.isNull() ? null : flag.asBoolean();
        Double minutes = Json.num(e.path("minutesAsleep"), file, "minutesAsleep");
        String id = e.hasNonNull("logId") ? e.get("logId").asText() : null;
        if (minutes == null) return;
        if (minutes < 0) {
            acc.warnings().add("negative_marker");
            return;
        }
        acc.sleepLog(date, id, minutes, main);
    }

    private static long second(JsonNode dateTime, String file) {
        String s = Json.text(dateTime);
        long t = s == null ? -1 : Dates.takeoutSecond(s.toCharArray(), 0, s.length());
        if (t < 0) throw ImportFailure.malformed(file, "dateTime is not MM/DD/YY HH:MM:SS");
        return t;
    }

    /**
     * The rest of a per-sample list, streamed: each record is read field by field in place, so a
     * year of heart-rate samples allocates nothing per sample.
     */
    static void streamSamples(JsonParser p, Claim claim, String file, Accumulator acc) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            long second = -1;
            double value = Double.NaN;
            boolean shapeOk = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("dateTime".equals(name) && t == JsonToken.VALUE_STRING) {
                    second = Dates.takeoutSecond(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                } else if ("value".equals(name)) {
                    if (claim == Claim.HEART_RATE) {
                        if (t != JsonToken.START_OBJECT) throw ImportFailure.mismatch(file, claim.label(), "plain values");
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = p.currentName();
                            p.nextToken();
                            if ("bpm".equals(inner)) {
                                Double bpm = Json.num(p, file, "value.bpm");
                                value = bpm == null ? Double.NaN : bpm;
                                shapeOk = true;
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        if (t == JsonToken.START_OBJECT) throw ImportFailure.mismatch(file, claim.label(), "records with objects as values");
                        Double v = Json.num(p, file, "value");
                        value = v == null ? Double.NaN : v;
                        shapeOk = true;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (!shapeOk) throw ImportFailure.mismatch(file, claim.label(), "records without a value");
            if (second < 0) throw ImportFailure.malformed(file, "dateTime is not MM/DD/YY HH:MM:SS (line " + p.currentLocation().getLineNr() + ")");
            if (Double.isNaN(value)) continue;
            if (claim == Claim.HEART_RATE) acc.utcHeart(second, (int) Math.round(value));
            else acc.utcMinuteSteps(second, value);
        }
        if (p.currentToken() != JsonToken.END_ARRAY) throw ImportFailure.malformed(file, "expected a list of records");
    }
}
