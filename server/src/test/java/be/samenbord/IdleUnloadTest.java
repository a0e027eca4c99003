package be.samenbord;

import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.SmallDisk;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rule ME-1 on one node: a board nobody uses leaves memory once everything is durable, and its
 * next hello, REST read or control request loads it again from the store, the same board.
 */
class IdleUnloadTest {

    private static final String[] ENV = {"SAMENBORD_BOARD_IDLE_MS", "300", "SAMENBORD_SNAPSHOT_CHECK_MS", "86400000"};

    @TempDir
    Path dataDir;

    private static int loaded(TestNode node) {
        return node.api.get("/health", null).body().path("boards").asInt();
    }

    private static void awaitUnloaded(TestNode node) {
        Poll.until("every board unloaded", Duration.ofSeconds(10), () -> loaded(node) == 0);
    }

    @Test
    @DisplayName("ME-1, OP-4: unloaded and loaded again, a board has the same state and seq and takes a resent batch as a duplicate")
    void unloadThenReloadSameBoard() {
        try (TestNode node = TestNode.start(dataDir, ENV)) {
            TestNode.Board board = node.board("windroos");
            OpsBuilder ops = new OpsBuilder("replicaIDLE");
            List<ObjectNode> sent = new ArrayList<>();
            try (WsClient c = node.connect()) {
                c.join(board.token("participant"), board.id(), "replicaIDLE", "Idle");
                for (int i = 1; i <= 5; i++) {
                    ObjectNode batch = ops.note("s-" + i, "n" + i, "notitie " + i, "south");
                    sent.add(batch);
                    c.send(batch);
                    assertEquals(i, c.next("ack").path("seq").asLong());
                }
                assertEquals(1, loaded(node), "the board is in memory while a session is on it");
            }
            JsonNode before = node.api.get("/api/boards/" + board.id(), board.token("observer")).body();
            awaitUnloaded(node);

            // A REST read loads it again: the same board.
            assertEquals(before, node.api.get("/api/boards/" + board.id(), board.token("observer")).body());
            assertEquals(1, loaded(node));
            awaitUnloaded(node);

            try (WsClient c = node.connect()) {
                JsonNode welcome = c.join(board.token("participant"), board.id(), "replicaIDLE", "Idle");
                assertEquals(5, welcome.path("seq").asLong());
                assertEquals(before.path("items"), welcome.path("snapshot"));
                c.send(sent.get(1));
                JsonNode ack = c.next("ack");
                assertEquals("s-2", ack.path("batch").asText());
                assertEquals(2, ack.path("seq").asLong(), "a resend after the reload is acked with its first seq (OP-4)");
                c.send(ops.note("s-6", "n6", "na het laden", "south"));
                assertEquals(6, c.next("ack").path("seq").asLong(), "seqs go on without a gap");
            }
            assertEquals(6, node.api.get("/api/boards/" + board.id(), board.token("observer")).body().path("seq").asLong());
        }
    }

    @Test
    @DisplayName("ME-1, HE-4: a since from before the unload gets a full snapshot once the board's history is no longer held")
    void sinceFromBeforeUnloadGetsSnapshot() throws Exception {
        try (TestNode node = TestNode.start(dataDir, ENV)) {
            TestNode.Board board = node.board("windroos");
            OpsBuilder ops = new OpsBuilder("replicaSNCE");
            try (WsClient c = node.connect()) {
                c.join(board.token("participant"), board.id(), "replicaSNCE", "Since");
                for (int i = 1; i <= 4; i++) {
                    c.send(ops.note("s-" + i, "n" + i, "notitie " + i, "south"));
                    c.next("ack");
                }
            }
            awaitUnloaded(node);
            // The snapshot reads the unloaded board from the store and writes its own file: its history is gone.
            node.node.snapshot().get(10, TimeUnit.SECONDS);
            assertEquals(0, loaded(node), "writing a board's snapshot does not load it into memory");

            try (WsClient c = node.connect()) {
                c.send(WsClient.hello(board.token("participant"), board.id(), "replicaSNCE", "Since").put("since", 2));
                JsonNode welcome = c.next("welcome");
                assertEquals(4, welcome.path("seq").asLong());
                assertTrue(welcome.has("snapshot"), "a full snapshot: " + welcome);
                assertFalse(welcome.has("ops"), welcome.toString());
                assertEquals(4, welcome.path("snapshot").size());
            }
            try (WsClient c = node.connect()) {
                c.send(WsClient.hello(board.token("participant"), board.id(), "replicaSNCE", "Since").put("since", 4));
                JsonNode welcome = c.next("welcome");
                assertEquals(0, welcome.path("ops").size(), "a client that is up to date needs nothing: " + welcome);
                assertFalse(welcome.has("snapshot"), welcome.toString());
            }
        }
    }

    @Test
    @DisplayName("ME-1: a board with a session stays in memory however long it is idle; a facilitator's control loads an unloaded board")
    void sessionsKeepBoardsAndControlLoads() throws Exception {
        try (TestNode node = TestNode.start(dataDir, ENV)) {
            TestNode.Board board = node.board("windroos");
            try (WsClient c = node.connect()) {
                c.join(board.token("participant"), board.id(), "replicaSTAY", "Stay");
                // Four idle periods: the board must stay loaded all along (checked over and over, not slept through).
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1200);
                Poll.until("four idle periods pass with the board loaded", Duration.ofSeconds(5), () -> {
                    assertEquals(1, loaded(node), "a board with a session is never unloaded");
                    return System.nanoTime() > until;
                });
            }
            awaitUnloaded(node);
            var reply = node.api.postWithBearer("/api/boards/" + board.id() + "/control", "{\"action\":\"lock\"}", board.token("facilitator"));
            assertEquals(200, reply.status(), reply.text());
            assertEquals(1, reply.body().path("seq").asLong());
            awaitUnloaded(node);
            JsonNode view = node.api.get("/api/boards/" + board.id(), board.token("observer")).body();
            assertTrue(view.path("items").path("_control").path("locked").path("v").asBoolean(), view.toString());
        }
    }

    @Test
    @DisplayName("ME-1, DU-5: while the store is failing no board is unloaded (it could not be loaded again); once it heals, idle boards go")
    void noUnloadWhileTheStoreFails() {
        try (SmallDisk disk = SmallDisk.create(4 * 1024 * 1024)) {
            java.util.List<String> env = new ArrayList<>(List.of(ENV));
            disk.env().forEach((k, v) -> {
                env.add(k);
                env.add(v);
            });
            try (TestNode node = TestNode.start(disk.dir(), env.toArray(String[]::new))) {
                TestNode.Board board = node.board("windroos");
                OpsBuilder ops = new OpsBuilder("replicaFULL");
                try (WsClient c = node.connect()) {
                    c.join(board.token("participant"), board.id(), "replicaFULL", "Vol");
                    c.send(ops.note("s-1", "n1", "voor de volle schijf", "south"));
                    c.next("ack");
                    disk.fill();
                    // The last page of the segment may still take a record or two: write until one is refused.
                    boolean refused = false;
                    for (int i = 2; i < 500 && !refused; i++) {
                        c.send(ops.note("s-" + i, "n" + i, "op de volle schijf " + "x".repeat(500), "south"));
                        JsonNode reply = c.next(f -> f.path("t").asText().equals("ack") || f.path("t").asText().equals("error"));
                        refused = reply.path("code").asText().equals("unavailable");
                    }
                    assertTrue(refused, "the full disk refused nothing");
                }
                assertEquals("DEGRADED", node.api.get("/health", null).body().path("status").asText());
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
                Poll.until("five idle periods pass with the board loaded", Duration.ofSeconds(5), () -> {
                    assertEquals(1, loaded(node), "a failing store keeps its boards in memory");
                    return System.nanoTime() > until;
                });
                disk.free();
                Poll.until("the store heals", Duration.ofSeconds(15),
                        () -> node.api.get("/health", null).body().path("status").asText().equals("UP"));
                awaitUnloaded(node);
                assertTrue(node.api.get("/api/boards/" + board.id(), board.token("observer")).body().path("items").has("n1"));
            }
        }
    }
}
