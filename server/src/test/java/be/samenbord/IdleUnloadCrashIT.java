package be.samenbord;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rule ME-1 with a real process killed for real (SIGKILL): unloading a board happens only once
 * everything it acknowledged is durable, so a crash right after an unload, with snapshots of
 * unloaded boards being written around it, loses nothing (DU-1, DU-2).
 */
class IdleUnloadCrashIT {

    @TempDir
    Path dataDir;

    private static int loaded(NodeProcess node) {
        return new Api(node.base()).get("/health", null).body().path("boards").asInt();
    }

    @Test
    @DisplayName("ME-1, DU-1, DU-2, OP-4: SIGKILL right after boards were unloaded loses nothing; a resend after the restart is a duplicate")
    void crashAfterUnloadLosesNothing() throws Exception {
        Map<String, String> env = new HashMap<>(DurabilityIT.ENV);
        env.put("SAMENBORD_BOARD_IDLE_MS", "300");
        env.put("SAMENBORD_SNAPSHOT_BYTES", "4096");
        env.put("SAMENBORD_SNAPSHOT_CHECK_MS", "100");
        List<String> boards = new ArrayList<>();
        String token;
        Map<String, JsonNode> before = new HashMap<>();
        ObjectNode resend = null;
        try (NodeProcess node = NodeProcess.start(dataDir, env)) {
            Api api = new Api(node.base());
            JsonNode w = api.createWorkshop("Crash na het lossen", "three-b", "windroos");
            token = w.path("tokens").path("participant").asText();
            w.path("boards").forEach(b -> boards.add(b.path("id").asText()));
            // Several rounds: boards written, left, unloaded, snapshots of unloaded boards written in between.
            for (int round = 0; round < 3; round++) {
                for (String board : boards) {
                    OpsBuilder ops = new OpsBuilder("replicaCRSH");
                    try (WsClient c = WsClient.connect(node.base())) {
                        c.join(token, board, "replicaCRSH", "Crash");
                        for (int i = 0; i < 15; i++) {
                            ObjectNode batch = ops.note("r" + round + "-" + i, "n-" + round + "-" + i, "ronde " + round + " notitie " + i,
                                    board.equals(boards.getFirst()) ? "keep" : "south");
                            if (resend == null) resend = batch;
                            c.send(batch);
                            c.next("ack");
                        }
                    }
                }
                Poll.until("both boards unloaded", Duration.ofSeconds(10), () -> loaded(node) == 0);
            }
            Poll.until("a snapshot wrote board files", Duration.ofSeconds(20), () -> boardFiles() > 0);
            // Read the boards (this loads them), let them unload again, then kill right after.
            for (String board : boards) before.put(board, api.get("/api/boards/" + board, token).body());
            Poll.until("both boards unloaded again", Duration.ofSeconds(10), () -> loaded(node) == 0);
            node.kill();
        }
        try (NodeProcess node = NodeProcess.start(dataDir, env)) {
            Api api = new Api(node.base());
            for (String board : boards) {
                JsonNode after = api.get("/api/boards/" + board, token).body();
                assertEquals(before.get(board), after, "board " + board + " after the crash");
                assertEquals(45, after.path("items").size(), after.toString());
                assertEquals(45, after.path("seq").asLong());
            }
            try (WsClient c = WsClient.connect(node.base())) {
                c.join(token, boards.getFirst(), "replicaCRSH", "Crash");
                c.send(resend);
                JsonNode ack = c.next("ack");
                assertEquals(1, ack.path("seq").asLong(), "the first batch, resent after crash and reload, is a duplicate: " + ack);
            }
            assertTrue(node.log().contains("each read on first use"), node.log());
        }
    }

    private long boardFiles() {
        Path dir = dataDir.resolve("boards");
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".snap")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
