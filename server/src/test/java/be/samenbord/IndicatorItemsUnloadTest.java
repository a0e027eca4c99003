package be.samenbord;

import be.samenbord.indicators.Exports;
import be.samenbord.indicators.PeopleClient;
import be.samenbord.testkit.Api;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.TestNode;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Indicator items (IND-15) on boards that leave memory (ME-1) and on a board store that fails
 * (DU-5): the node loads a board to write a changed state, leaves an idle board unloaded when its
 * state did not change, and writes a change it could not store once the store heals.
 */
class IndicatorItemsUnloadTest {

    private static final String[] ENV = {"SAMENBORD_BOARD_IDLE_MS", "300", "SAMENBORD_SNAPSHOT_CHECK_MS", "86400000"};
    private static final long DISK_LIMIT = 4 * 1024 * 1024;

    @TempDir
    Path dataDir;

    private static int loaded(TestNode node) {
        return node.api.get("/health", null).body().path("boards").asInt();
    }

    private static String token(JsonNode w, String role) {
        return w.path("tokens").path(role).asText();
    }

    /** A workshop with a 3B board and a sleep indicator on it; returns {workshop, board, item, participant, observer, facilitator token}. */
    private static String[] placed(TestNode node) {
        JsonNode w = node.api.createWorkshop("Nachtdienst", "three-b");
        String board = w.path("boards").get(0).path("id").asText();
        Api.Reply r = new PeopleClient(node.base).call("POST", "/api/boards/" + board + "/indicators", token(w, "facilitator"),
                "application/json", "{\"indicator\":\"sleepHours\",\"weeks\":4,\"x\":1400,\"y\":40}".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.status(), r.text());
        return new String[]{w.path("id").asText(), board, r.body().path("item").asText(), token(w, "participant"), token(w, "observer"),
                token(w, "facilitator")};
    }

    private static String shown(TestNode node, String board, String item, String observer) {
        return node.api.get("/api/boards/" + board, observer).body().path("items").path(item).path("state").path("v").path("suppressed").asText();
    }

    private static void importOneNight(TestNode node, String workshop, String participant) {
        PeopleClient people = new PeopleClient(node.base);
        JsonNode p = people.createPerson(workshop, participant);
        people.consent(p.path("person").asText(), p.path("key").asText(), true, true, true, true);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode st = people.importAndWait(p.path("person").asText(), p.path("key").asText(), "tz=UTC", "application/zip",
                Exports.takeoutPerson(Map.of(today, 420), Map.of(today, 6000), Map.of(today, 60.0)));
        assertEquals("done", st.path("state").asText(), st.toString());
    }

    @Test
    @DisplayName("ME-1, IND-15: a board unloaded when the aggregate changes is loaded to get the new state; a sweep with nothing new leaves it unloaded")
    void unloadedBoardGetsTheChange() {
        try (TestNode node = TestNode.start(dataDir, ENV)) {
            String[] b = placed(node);
            assertEquals("0 of 5 people so far", shown(node, b[1], b[2], b[4]));
            Poll.until("the board unloaded", Duration.ofSeconds(10), () -> loaded(node) == 0);

            // The periodic sweep (a new week) with nothing changed: the board stays out of memory.
            node.node.indicatorFeature().boards.refreshAll();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1200);
            Poll.until("four idle periods pass with the board unloaded", Duration.ofSeconds(5), () -> {
                assertEquals(0, loaded(node), "a sweep that changes nothing loads no board");
                return System.nanoTime() > until;
            });

            importOneNight(node, b[0], b[3]);
            Poll.until("the unloaded board shows the import", Duration.ofSeconds(5),
                    () -> shown(node, b[1], b[2], b[4]).equals("1 of 5 people so far"));
        }
    }

    @Test
    @DisplayName("DU-5, IND-15: a change made while the board store fails reaches the board once the store heals, without another change")
    void changeDuringStoreOutageArrivesAfterHealing() throws IOException {
        Path filler = dataDir.resolve("filler.bin");
        try (TestNode node = TestNode.start(dataDir, "SAMENBORD_BOARD_IDLE_MS", "300", "SAMENBORD_SNAPSHOT_CHECK_MS", "86400000",
                "SAMENBORD_TEST_DISK_LIMIT_BYTES", Long.toString(DISK_LIMIT))) {
            String[] b = placed(node);
            assertEquals("0 of 5 people so far", shown(node, b[1], b[2], b[4]));
            fill(filler);
            // The import goes to the indicator store (its own directory); the state's write to the board fails.
            importOneNight(node, b[0], b[3]);
            Poll.until("the board store failing on the state's write", Duration.ofSeconds(10),
                    () -> node.api.get("/health", null).body().path("status").asText().equals("DEGRADED"));
            Api.Reply refused = new PeopleClient(node.base).call("POST", "/api/boards/" + b[1] + "/indicators", b[5], "application/json",
                    "{\"indicator\":\"steps\",\"weeks\":2,\"x\":40,\"y\":40}".getBytes(StandardCharsets.UTF_8));
            assertEquals(503, refused.status(), "placing while the board store fails: " + refused.text());
            assertEquals("unavailable", refused.body().path("error").asText(), refused.text());
            Files.delete(filler);
            Poll.until("the store heals", Duration.ofSeconds(15),
                    () -> node.api.get("/health", null).body().path("status").asText().equals("UP"));
            Poll.until("the change written after healing", Duration.ofSeconds(40),
                    () -> shown(node, b[1], b[2], b[4]).equals("1 of 5 people so far"));
            JsonNode items = node.api.get("/api/boards/" + b[1], b[4]).body().path("items");
            long indicators = java.util.stream.StreamSupport.stream(((Iterable<String>) items::fieldNames).spliterator(), false)
                    .filter(id -> id.startsWith("_ind-")).count();
            assertEquals(1, indicators, "the refused placement left no item behind: " + items);
            assertEquals(1, node.node.indicatorFeature().service.store().placements(b[0]).size(), "nor a placement");
        }
    }

    /** Fills the data directory up to the test hook's limit (as SmallDisk's fallback does). */
    private void fill(Path filler) throws IOException {
        long used = 0;
        for (Path dir : new Path[]{dataDir, dataDir.resolve("boards")}) {
            if (!Files.isDirectory(dir)) continue;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) if (Files.isRegularFile(f)) used += Files.size(f);
            }
        }
        try (OutputStream out = Files.newOutputStream(filler)) {
            out.write(new byte[(int) (DISK_LIMIT - used)]);
        }
    }
}
