package be.samenbord.search;

import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Search and idle boards (rules ME-1, SE-5, SE-8): the index is Lucene's, not the board's memory,
 * so a board that leaves memory is still found; writing to it again loads it and its new notes are
 * found as fast as ever; a restart reads boards into the index and lets them go again.
 */
class SearchIdleUnloadTest {

    private static final String[] ENV = {"SAMENBORD_BOARD_IDLE_MS", "300", "SAMENBORD_SNAPSHOT_CHECK_MS", "86400000"};

    @TempDir
    Path data;

    private static int loaded(TestNode node) {
        return node.api.get("/health", null).body().path("boards").asInt();
    }

    private static List<String> found(TestNode node, TestNode.Board b, String q) {
        var r = node.api.get("/api/workshops/" + b.workshop().path("id").asText() + "/search?q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8), b.token("observer"));
        assertEquals(200, r.status(), r.text());
        List<String> out = new ArrayList<>();
        r.body().path("hits").forEach(h -> out.add(h.path("item").asText()));
        return out;
    }

    @Test
    @DisplayName("ME-1, SE-5, SE-8: an unloaded board is still found without loading it; written again, its new note is found within 1 s; after a restart both, and the boards unload again")
    void unloadedBoardsStayFound() {
        TestNode.Board b;
        try (TestNode node = TestNode.start(data, ENV)) {
            b = node.board("three-b");
            // The first search of a JVM loads Lucene's classes (SearchApiTest): not what is timed here.
            found(node, b, "opwarmen");
            try (WsClient c = node.connect()) {
                c.join(b.token("participant"), b.id(), "idleWriter1", "Ilse");
                c.send(new OpsBuilder("idleWriter1").note("i-1", "vroeg", "De vergaderingen lopen altijd uit", "keep"));
                c.next("ack");
            }
            Poll.until("the note is searchable", Duration.ofSeconds(1), () -> found(node, b, "vergaderingen").equals(List.of("vroeg")));
            Poll.until("every board unloaded", Duration.ofSeconds(10), () -> loaded(node) == 0);
            assertEquals(List.of("vroeg"), found(node, b, "vergaderingen"), "an unloaded board is still in the index");
            assertEquals(0, loaded(node), "searching loads no board");

            try (WsClient c = node.connect()) {
                c.join(b.token("participant"), b.id(), "idleWriter1", "Ilse");
                c.send(new OpsBuilder("idleWriter1").note("i-2", "laat", "De fietsenstalling staat altijd vol", "keep"));
                c.next("ack");
                long acked = System.nanoTime();
                Poll.until("the note on the reloaded board", Duration.ofSeconds(1), () -> found(node, b, "fietsenstalling").equals(List.of("laat")));
                System.out.println("ME-1/SE-5: note on a reloaded board searchable " + (System.nanoTime() - acked) / 1_000_000 + " ms after its ack");
            }
            Poll.until("every board unloaded again", Duration.ofSeconds(10), () -> loaded(node) == 0);
        }
        try (TestNode node = TestNode.start(data, ENV)) {
            assertEquals(List.of("vroeg"), found(node, b, "vergaderingen"));
            assertEquals(List.of("laat"), found(node, b, "fietsenstalling"), "found after the restart");
            Poll.until("boards read at start leave memory again", Duration.ofSeconds(10), () -> loaded(node) == 0);
            assertEquals(List.of("laat"), found(node, b, "fietsenstalling"), "found after the restart");
        }
    }

    @Test
    @DisplayName("SE-8, ME-1 (merge finding): a start with an index that is up to date loads no board; with the index dropped it reads them all back")
    void startLoadsNoBoardTheIndexHas() throws java.io.IOException {
        TestNode.Board b;
        try (TestNode node = TestNode.start(data)) {
            b = node.board("three-b");
            try (WsClient c = node.connect()) {
                c.join(b.token("participant"), b.id(), "idleWriter2", "Ilse");
                c.send(new OpsBuilder("idleWriter2").note("j-1", "blijft", "Het inwerkprogramma voor nieuwe collega's", "keep"));
                c.next("ack");
            }
            Poll.until("the note is searchable", Duration.ofSeconds(5), () -> found(node, b, "inwerkprogramma").equals(List.of("blijft")));
        }
        // The default idle time (2 minutes): a board read at start would still be in memory here.
        try (TestNode node = TestNode.start(data)) {
            assertEquals(0, loaded(node), "no board read at start: the index has every board's stored seq");
            assertEquals(List.of("blijft"), found(node, b, "inwerkprogramma"));
            assertEquals(0, loaded(node));
        }
        SearchRestartTest.deleteTree(data.resolve("search"));
        try (TestNode node = TestNode.start(data)) {
            assertEquals(List.of("blijft"), found(node, b, "inwerkprogramma"), "a dropped index is read back from the store");
        }
    }
}
