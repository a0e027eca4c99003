package be.samenbord.indicators.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A JSON object document (IND-5): a legacy Fitbit Web API answer (sleep 1.2, activity summary,
 * steps/heart/minutes time series with intraday datasets, HRV, SpO2), a Google Health API page
 * ({@code dataPoints}, {@code nextPageToken}) or one Open mHealth data point. Fields are streamed one
 * by one; intraday datasets, which carry only times, wait for the day the series names.
 */
final class FitbitApiJson {

    private FitbitApiJson() {
    }

    static String object(JsonParser p, Source s) throws IOException {
        String file = s.file();
        Accumulator acc = s.acc();
        boolean known = false;
        LocalDate seriesDate = null;
        long[] intradaySteps = null;
        Accumulator.Quarters intradayHeart = null;
        JsonNode summary = null;
        JsonNode header = null;
        JsonNode body = null;
        String nextPageToken = null;
        String spo2Date = null;
        JsonNode spo2Value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "sleep" -> {
                    known = true;
                    for (JsonNode log : Json.tree(p)) TakeoutJson.sleepLog(log, file, acc);
                }
                case "activities-steps" -> {
                    known = true;
                    for (JsonNode e : Json.tree(p)) {
                        seriesDate = Json.date(e.path("dateTime"));
                        Double v = Json.num(e.path("value"), file, "value");
                        if (v != null) acc.dailySteps(seriesDate, v);
                    }
                }
                case "activities-heart" -> {
                    known = true;
                    for (JsonNode e : Json.tree(p)) {
                        seriesDate = Json.date(e.path("dateTime"));
                        Double rhr = Json.num(e.path("value").path("restingHeartRate"), file, "value.restingHeartRate");
                        if (rhr != null) acc.restingHeartRate(seriesDate, rhr);
                    }
                }
                case "activities-minutesSedentary", "activities-minutesLightlyActive", "activities-minutesFairlyActive",
                     "activities-minutesVeryActive" -> {
                    known = true;
                    Accumulator.Level level = switch (name) {
                        case "activities-minutesSedentary" -> Accumulator.Level.SEDENTARY;
                        case "activities-minutesLightlyActive" -> Accumulator.Level.LIGHT;
                        case "activities-minutesFairlyActive" -> Accumulator.Level.MODERATE;
                        default -> Accumulator.Level.VERY;
                    };
                    for (JsonNode e : Json.tree(p)) {
                        Double v = Json.num(e.path("value"), file, "value");
                        if (v != null) acc.levelMinutes(Json.date(e.path("dateTime")), level, v);
                    }
                }
                case "activities-steps-intraday" -> {
                    known = true;
                    intradaySteps = stepsDataset(p, file);
                }
                case "activities-heart-intraday" -> {
                    known = true;
                    intradayHeart = heartDataset(p, file);
                }
                case "hrv" -> {
                    known = true;
                    for (JsonNode e : Json.tree(p)) {
                        Double v = Json.num(e.path("value").path("dailyRmssd"), file, "value.dailyRmssd");
                        if (v != null) acc.hrv(Json.date(e.path("dateTime")), v);
                    }
                }
                case "summary" -> summary = Json.tree(p);
                case "dataPoints" -> {
                    known = true;
                    if (p.currentToken() != JsonToken.START_ARRAY) throw ImportFailure.malformed(file, "dataPoints is not a list");
                    while (p.nextToken() == JsonToken.START_OBJECT) GoogleHealthJson.point(Json.tree(p), s);
                }
                case "nextPageToken" -> nextPageToken = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
                case "header" -> header = Json.tree(p);
                case "body" -> body = Json.tree(p);
                case "dateTime" -> spo2Date = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
                case "value" -> spo2Value = Json.tree(p);
                default -> p.skipChildren();
            }
        }
        if (body != null) {
            known = true;
            com.fasterxml.jackson.databind.node.ObjectNode point = Json.MAPPER.createObjectNode();
            if (header != null) point.set("header", header);
            point.set("body", body);
            OpenMHealthJson.point(point, s);
        }
        if (spo2Value != null && spo2Value.has("avg")) {
            known = true;
            Double avg = Json.num(spo2Value.path("avg"), file, "value.avg");
            if (avg != null) acc.spo2(Dates.date(spo2Date), avg);
        }
        if (summary != null && (summary.has("steps") || summary.has("sedentaryMinutes"))) {
            known = true;
            daySummary(summary, seriesDate != null ? seriesDate : s.dateHint(), s);
        }
        if (intradaySteps != null || intradayHeart != null) {
            LocalDate day = seriesDate != null ? seriesDate : s.dateHint();
            if (day == null) throw new ImportFailure("no_date", file, "an intraday dataset without its day; upload it with ?date=YYYY-MM-DD");
            if (intradaySteps != null) {
                for (int m = 0; m < 1440; m++) if (intradaySteps[m] >= 0) acc.localMinuteSteps(day, m, intradaySteps[m]);
            }
            if (intradayHeart != null) {
                for (int q = 0; q < 96; q++) acc.localHeartQuarter(day, q, intradayHeart.sums[q], intradayHeart.counts[q]);
            }
        }
        if (!known) throw new ImportFailure("not_an_export", file, "is JSON of an unknown kind");
        return nextPageToken;
    }

    /** The activity summary of one day ({@code GET .../activities/date/<day>.json}): its day comes from outside. */
    private static void daySummary(JsonNode sum, LocalDate day, Source s) {
        if (day == null) throw new ImportFailure("no_date", s.file(), "an activity summary without its day; upload it with ?date=YYYY-MM-DD");
        Accumulator acc = s.acc();
        Double steps = Json.num(sum.path("steps"), s.file(), "summary.steps");
        if (steps != null) acc.dailySteps(day, steps);
        Double sedentary = Json.num(sum.path("sedentaryMinutes"), s.file(), "summary.sedentaryMinutes");
        if (sedentary != null) acc.levelMinutes(day, Accumulator.Level.SEDENTARY, sedentary);
        Double fairly = Json.num(sum.path("fairlyActiveMinutes"), s.file(), "summary.fairlyActiveMinutes");
        if (fairly != null) acc.levelMinutes(day, Accumulator.Level.MODERATE, fairly);
        Double very = Json.num(sum.path("veryActiveMinutes"), s.file(), "summary.veryActiveMinutes");
        if (very != null) acc.levelMinutes(day, Accumulator.Level.VERY, very);
        Double rhr = Json.num(sum.path("restingHeartRate"), s.file(), "summary.restingHeartRate");
        if (rhr != null) acc.restingHeartRate(day, rhr);
    }

    private static long[] stepsDataset(JsonParser p, String file) throws IOException {
        long[] minutes = new long[1440];
        java.util.Arrays.fill(minutes, -1);
        forEachSample(p, file, (second, value) -> minutes[second / 60] = Math.round(value));
        return minutes;
    }

    private static Accumulator.Quarters heartDataset(JsonParser p, String file) throws IOException {
        Accumulator.Quarters q = new Accumulator.Quarters();
        forEachSample(p, file, (second, value) -> q.add(second / 900, Math.round(value), 1));
        return q;
    }

    private interface SampleSink {
        void accept(int secondOfDay, double value);
    }

    /** {@code {"dataset":[{"time":"HH:MM:SS","value":n}, ...], ...}}, streamed. */
    private static void forEachSample(JsonParser p, String file, SampleSink sink) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) throw ImportFailure.malformed(file, "an intraday series is not an object");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (!"dataset".equals(name)) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                int second = -1;
                Double value = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    p.nextToken();
                    if ("time".equals(f)) {
                        try {
                            second = LocalTime.parse(p.getText()).toSecondOfDay();
                        } catch (java.time.format.DateTimeParseException e) {
                            throw ImportFailure.malformed(file, "an intraday time is not HH:MM:SS");
                        }
                    } else if ("value".equals(f)) {
                        value = Json.num(p, file, "dataset.value");
                    } else {
                        p.skipChildren();
                    }
                }
                if (second >= 0 && value != null) sink.accept(second, value);
            }
        }
    }
}
