package be.samenbord.indicators.importer;

import be.samenbord.indicators.model.Kind;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Apple Health's {@code export.xml} (IND-5), read with StAX, one {@code Record} element at a time:
 * steps and exercise minutes are summed per local day and per source, and a day takes its largest
 * source (an iPhone and a Watch count the same steps twice); asleep samples count for the night
 * that ends on a day (a sample ending after 18:00 belongs to the next night), daytime ones are naps;
 * resting heart rate and SpO2 are daily means. Apple's heart rate variability is SDNN, not RMSSD:
 * it is left out with a warning. DTDs and external entities are never read.
 */
final class AppleHealthXml {

    private static final Set<String> ASLEEP = Set.of("HKCategoryValueSleepAnalysisAsleep", "HKCategoryValueSleepAnalysisAsleepUnspecified",
            "HKCategoryValueSleepAnalysisAsleepCore", "HKCategoryValueSleepAnalysisAsleepDeep", "HKCategoryValueSleepAnalysisAsleepREM");

    private AppleHealthXml() {
    }

    static void read(InputStream in, Source s) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        Map<String, Double> steps = new HashMap<>();
        Map<String, Double> exercise = new HashMap<>();
        Map<String, Double> sleep = new HashMap<>();
        Accumulator acc = s.acc();
        try {
            XMLStreamReader r = f.createXMLStreamReader(in);
            boolean root = false;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) continue;
                if (!root) {
                    if (!"HealthData".equals(r.getLocalName())) throw ImportFailure.mismatch(s.file(), "Apple Health", "another XML document");
                    root = true;
                    continue;
                }
                if (!"Record".equals(r.getLocalName())) continue;
                record(r, s, steps, exercise, sleep);
            }
            if (!root) throw new ImportFailure("not_an_export", s.file(), "is an empty XML document");
            r.close(); // frees the parser; the stream underneath stays open (it may be a zip)
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            throw ImportFailure.malformed(s.file(), "is not well-formed XML (line " + line + ")");
        }
        largestSource(steps).forEach(acc::dailySteps);
        largestSource(exercise).forEach(acc::activeTotal);
        largestSource(sleep).forEach((day, minutes) -> acc.sleepLog(day, null, minutes, Boolean.TRUE));
    }

    private static void record(XMLStreamReader r, Source s, Map<String, Double> steps, Map<String, Double> exercise,
                               Map<String, Double> sleep) {
        String type = r.getAttributeValue(null, "type");
        if (type == null) return;
        Accumulator acc = s.acc();
        switch (type) {
            case "HKQuantityTypeIdentifierStepCount", "HKQuantityTypeIdentifierAppleExerciseTime" -> {
                if (!acc.wants(Kind.ACTIVITY)) return;
                LocalDateTime start = local(r, "startDate", s);
                Double v = number(r, s);
                if (start == null || v == null) return;
                Map<String, Double> into = type.endsWith("StepCount") ? steps : exercise;
                into.merge(start.toLocalDate() + "|" + source(r), v, Double::sum);
            }
            case "HKQuantityTypeIdentifierRestingHeartRate" -> {
                LocalDateTime start = local(r, "startDate", s);
                Double v = number(r, s);
                if (start != null && v != null) acc.restingHeartRate(start.toLocalDate(), v);
            }
            case "HKQuantityTypeIdentifierHeartRate" -> {
                LocalDateTime start = local(r, "startDate", s);
                Double v = number(r, s);
                if (start != null && v != null) acc.localHeart(start.toLocalDate(), start.toLocalTime().toSecondOfDay(), (int) Math.round(v));
            }
            case "HKQuantityTypeIdentifierOxygenSaturation" -> {
                LocalDateTime start = local(r, "startDate", s);
                Double v = number(r, s);
                if (start != null && v != null) acc.spo2(start.toLocalDate(), v <= 1 ? v * 100 : v);
            }
            case "HKQuantityTypeIdentifierHeartRateVariabilitySDNN" -> {
                if (acc.wants(Kind.HEART)) acc.warnings().add("sdnn_not_rmssd");
            }
            case "HKCategoryTypeIdentifierSleepAnalysis" -> {
                if (!acc.wants(Kind.SLEEP) || !ASLEEP.contains(r.getAttributeValue(null, "value"))) return;
                LocalDateTime start = local(r, "startDate", s);
                LocalDateTime end = local(r, "endDate", s);
                if (start == null || end == null || end.isBefore(start)) return;
                if (start.getHour() >= 10 && end.toLocalDate().equals(start.toLocalDate()) && end.getHour() < 18) {
                    acc.warnings().add("nap");
                    return;
                }
                LocalDate night = end.getHour() < 18 ? end.toLocalDate() : end.toLocalDate().plusDays(1);
                sleep.merge(night + "|" + source(r), (double) Duration.between(start, end).toMinutes(), Double::sum);
            }
            default -> {
                // Other record types (weight, GPS routes of workouts, ...) are not read.
            }
        }
    }

    /** Per day, the largest of its sources' totals. */
    private static Map<LocalDate, Double> largestSource(Map<String, Double> byDayAndSource) {
        Map<LocalDate, Double> out = new HashMap<>();
        byDayAndSource.forEach((key, v) -> out.merge(LocalDate.parse(key.substring(0, 10)), v, Math::max));
        return out;
    }

    private static String source(XMLStreamReader r) {
        String name = r.getAttributeValue(null, "sourceName");
        return name == null ? "" : name;
    }

    private static Double number(XMLStreamReader r, Source s) {
        String v = r.getAttributeValue(null, "value");
        if (v == null || v.isBlank()) return null;
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw ImportFailure.malformed(s.file(), "a Record value is not a number (line " + r.getLocation().getLineNumber() + ")");
        }
    }

    private static LocalDateTime local(XMLStreamReader r, String attribute, Source s) {
        OffsetDateTime t = Dates.offsetDateTime(r.getAttributeValue(null, attribute));
        return t == null ? null : s.local(t);
    }
}
