package be.samenbord.indicators;

import be.samenbord.testkit.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IND-16: a node never logs a health value. Every log record of every logger, at every level,
 * is captured while imports run (good ones and broken ones whose text holds values) and searched
 * for the values the exports hold.
 */
class NoValuesInLogsTest {

    /** Values chosen so that nothing else a node logs (ports, milliseconds, counts) spells them by chance. */
    static final List<String> VALUES = List.of("1193", "57.29", "41.73", "96.41", "143917");

    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter f = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            synchronized (lines) {
                lines.add(f.format(r));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level rootLevel;

    @BeforeEach
    void captureEverything() {
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void restore() {
        Logger root = Logger.getLogger("");
        root.removeHandler(capture);
        root.setLevel(rootLevel);
    }

    @Test
    @DisplayName("IND-16: importing (and failing to import) values logs none of them")
    void noValueInAnyLogRecord() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (TestNode node = TestNode.start()) {
            PeopleClient people = new PeopleClient(node.base);
            JsonNode w = node.api.createWorkshop("Logboek", "three-b");
            String board = w.path("boards").get(0).path("id").asText();
            people.call("POST", "/api/boards/" + board + "/indicators", w.path("tokens").path("facilitator").asText(), "application/json",
                    "{\"indicator\":\"sleepHours\",\"weeks\":2}".getBytes());
            JsonNode p = people.createPerson(w.path("id").asText(), w.path("tokens").path("participant").asText());
            String pid = p.path("person").asText();
            String key = p.path("key").asText();
            people.consent(pid, key, true, true, true, true);
            String ged = "Takeout/Fitbit/Global Export Data/";
            byte[] zip = new Exports.Zip()
                    .add(ged + "sleep-2026-01-01.json", Exports.list(Exports.sleepLog(5, today, today.minusDays(1) + "T22:00:00.000",
                            today + "T08:00:00.000", 1193, true)))
                    .add(ged + "resting_heart_rate-2026-01-01.json", Exports.list(Exports.restingRecord(today, 57.29)))
                    .add("Takeout/Fitbit/Heart Rate Variability/Daily Heart Rate Variability Summary - x.csv", Exports.hrvCsv(Map.of(today, "41.73")))
                    .add("Takeout/Fitbit/Oxygen Saturation (SpO2)/Daily SpO2 - x.csv", Exports.spo2Csv(Map.of(today, 96.41))).bytes();
            assertEquals("done", people.importAndWait(pid, key, null, "application/zip", zip).path("state").asText());
            String series = "{\"activities-steps\":[{\"dateTime\":\"" + today + "\",\"value\":\"143917\"}]}";
            assertEquals("done", people.importAndWait(pid, key, null, "application/json", series.getBytes(StandardCharsets.UTF_8))
                    .path("state").asText());
            // Broken files whose text holds the values: their errors must not quote them.
            String broken = "[{\"logId\":6,\"dateOfSleep\":\"" + today + "\",\"minutesAsleep\":\"1193x\",\"mainSleep\":true}]";
            JsonNode failed = people.importAndWait(pid, key, "name=sleep-2026-01-02.json", "application/json", broken.getBytes(StandardCharsets.UTF_8));
            assertEquals("malformed", failed.path("error").path("code").asText());
            JsonNode truncated = people.importAndWait(pid, key, null, "application/json",
                    ("{\"hrv\":[{\"value\":{\"dailyRmssd\":41.73,\"deepRmssd\":96.41} 57.29").getBytes(StandardCharsets.UTF_8));
            assertEquals("malformed", truncated.path("error").path("code").asText());
            assertFalse(truncated.toString().contains("41.73"), "the error the person sees quotes no value either: " + truncated);
            JsonNode days = people.get("/api/people/" + pid + "/days", key).body();
            assertTrue(days.toString().contains("1193") && days.toString().contains("143917"), "the values were imported: " + days);
        }
        String all;
        synchronized (lines) {
            all = String.join("", lines);
            assertTrue(lines.size() > 10, "the capture sees the node's logs: " + lines.size());
            assertTrue(all.contains("import ") && all.contains(" done: "), "the imports were logged, without values");
        }
        for (String v : VALUES) assertFalse(all.contains(v), v + " appears in the logs:\n" + excerpt(all, v));
    }

    private static String excerpt(String all, String v) {
        int i = all.indexOf(v);
        return all.substring(Math.max(0, i - 300), Math.min(all.length(), i + 100));
    }
}
