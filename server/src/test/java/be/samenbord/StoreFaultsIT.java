package be.samenbord;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.ResilientClient;
import be.samenbord.testkit.SmallDisk;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 13 on the embedded store, with the node as a real process on real files: a full disk
 * (finding 1), a flipped byte in the middle of the live journal (finding 3) and corrupt snapshots
 * (finding 4). Rules DU-3, DU-5, DU-6, DU-7, RE-1, ER-3, FS-1.
 */
class StoreFaultsIT {

    @TempDir
    Path dataDir;

    private static Map<String, String> env(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(DurabilityIT.ENV);
        env.putAll(more);
        return env;
    }

    record Board(String id, String token) {
    }

    private static Board createBoard(NodeProcess node) {
        JsonNode w = new Api(node.base()).createWorkshop("Faults", "three-b");
        return new Board(w.path("boards").get(0).path("id").asText(), w.path("tokens").path("participant").asText());
    }

    private static JsonNode items(NodeProcess node, Board board) {
        Api.Reply r = new Api(node.base()).get("/api/boards/" + board.id(), board.token());
        assertEquals(200, r.status(), r.text());
        return r.body().path("items");
    }

    private static String createWorkshopBody() {
        return "{\"title\":\"Tijdens de storing\",\"templates\":[\"three-b\"]}";
    }

    @Test
    @DisplayName("DU-5, ER-3, RE-1: disk full: writers get unavailable, /health 503, the board lives; space freed: it resumes without a restart and every acknowledged batch survives a SIGKILL")
    void diskFullWritersGetUnavailableAndServiceResumesWithoutRestart() {
        try (SmallDisk disk = SmallDisk.create(16L << 20)) {
            Map<String, String> env = env(disk.env());
            Board board;
            Map<String, String> state;
            try (NodeProcess node = NodeProcess.start(disk.dir(), env)) {
                board = createBoard(node);
                Api api = new Api(node.base());
                ResilientClient writer = new ResilientClient(List.of(node.base()), 0, board.token(), board.id(), "replicaDISK").start();
                OpsBuilder ops = new OpsBuilder("replicaDISK");
                for (int i = 0; i < 50; i++) writer.send(ops.note("before-" + i, "n-before-" + i, "voor " + i, "keep"));
                Poll.until("the first batches are acknowledged", Duration.ofSeconds(30), () -> writer.unackedCount() == 0);

                disk.fill();
                int i = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                // Keep writing until the store notices (the segment's last page may take a few records).
                while (api.get("/health", null).status() != 503 && System.nanoTime() < deadline) {
                    writer.send(ops.note("full-" + i, "n-full-" + i, "vol " + i, "keep"));
                    i++;
                    Poll.until("batch acknowledged or refused", Duration.ofSeconds(10),
                            () -> writer.unackedCount() == 0 || writer.refusals().containsKey("unavailable"));
                }
                Api.Reply health = api.get("/health", null);
                assertEquals(503, health.status(), health.text());
                assertEquals("DEGRADED", health.body().path("status").asText());
                assertEquals("failing", health.body().path("store").path("state").asText(), health.text());
                assertFalse(health.body().path("store").path("reason").asText().isBlank(), health.text());
                assertTrue(health.body().path("store").path("since").asLong() > 0, health.text());
                for (int k = 0; k < 20; k++) writer.send(ops.note("during-" + k, "n-during-" + k, "tijdens " + k, "keep"));
                Poll.until("writers get unavailable", Duration.ofSeconds(10), () -> writer.refusals().containsKey("unavailable"));
                assertTrue(writer.unackedCount() > 0);
                // The board lives: a new reader is welcomed with the durable state; nothing closed the writer.
                try (WsClient reader = WsClient.connect(node.base())) {
                    JsonNode welcome = reader.join(board.token(), board.id(), "replicaREAD", "Lezer");
                    assertEquals("welcome", welcome.path("t").asText(), welcome.toString());
                }
                Api.Reply create = api.post("/api/workshops", createWorkshopBody());
                assertEquals(503, create.status(), create.text());
                assertEquals("unavailable", create.body().path("error").asText());
                String metrics = api.get("/metrics", null).text();
                assertTrue(metrics.lines().anyMatch(l -> l.startsWith("samenbord_store_failing{") && l.endsWith(" 1.0")), metrics);

                disk.free();
                Poll.until("/health is 200 again", Duration.ofSeconds(30), () -> api.get("/health", null).status() == 200);
                Poll.until("every refused batch is resent and acknowledged", Duration.ofSeconds(60), () -> writer.unackedCount() == 0);
                assertEquals(1, writer.connects(), "the writer's socket was never closed (no 1013)");
                assertEquals(List.of(), writer.problems());
                assertEquals(201, api.post("/api/workshops", createWorkshopBody()).status());
                assertEquals("healthy", api.get("/health", null).body().path("store").path("state").asText());
                state = writer.state();
                assertEquals(state, ResilientClient.canonical(items(node, board)));
                assertTrue(state.containsKey("n-during-19/text"), "the batches refused during the outage made it in the end");
                writer.close();
                node.kill();
            }
            try (NodeProcess restarted = NodeProcess.start(disk.dir(), env)) {
                assertEquals(state, ResilientClient.canonical(items(restarted, board)), "every acknowledged batch after a SIGKILL");
            }
        }
    }

    @Test
    @DisplayName("DU-3, DU-6: a flipped byte mid live journal and a corrupt newest snapshot: every intact acknowledged batch comes back, the damaged file is kept")
    void flippedByteMidJournalAndCorruptSnapshotRecoverEveryIntactBatch() throws IOException {
        Map<String, String> snapshotting = env(Map.of("SAMENBORD_SNAPSHOT_BYTES", "1024", "SAMENBORD_SNAPSHOT_CHECK_MS", "100"));
        Map<String, String> quiet = env(Map.of("SAMENBORD_SNAPSHOT_BYTES", "1000000000"));
        Board board;
        List<String> notes = new ArrayList<>();
        try (NodeProcess node = NodeProcess.start(dataDir, snapshotting)) {
            board = createBoard(node);
            try (WsClient c = WsClient.connect(node.base())) {
                c.join(board.token(), board.id(), "replicaSNAP", "Schrijver");
                OpsBuilder ops = new OpsBuilder("replicaSNAP");
                for (int i = 0; i < 40; i++) {
                    c.send(ops.note("s-" + i, "n-s-" + i, "snapshot " + i, "keep"));
                    c.next(f -> f.path("t").asText().equals("ack"));
                    notes.add("n-s-" + i);
                    if (i % 10 == 9) {
                        int want = i / 10 + 1;
                        Poll.until("snapshot " + want, Duration.ofSeconds(20), () -> files(dataDir, "snapshot-").size() >= Math.min(want, 2));
                    }
                }
            }
            node.terminate();
        }
        assertEquals(2, files(dataDir, "snapshot-").size(), "two snapshot generations are kept");
        try (NodeProcess node = NodeProcess.start(dataDir, quiet); WsClient c = WsClient.connect(node.base())) {
            c.join(board.token(), board.id(), "replicaLIVE", "Schrijver");
            OpsBuilder ops = new OpsBuilder("replicaLIVE");
            for (int i = 0; i < 103; i++) {
                c.send(ops.note("l-" + i, "n-l-" + i, "live " + i, "keep"));
                c.next(f -> f.path("t").asText().equals("ack"));
                notes.add("n-l-" + i);
            }
            node.kill();
        }
        Path newestSnapshot = files(dataDir, "snapshot-").getLast();
        Files.writeString(newestSnapshot, "{\"format\":\"samenbord-snapshot/1\",\"workshops\":[{\"id\":");
        Path live = files(dataDir, "journal-").getLast();
        List<Long> starts = recordStarts(live);
        assertTrue(starts.size() >= 100, "the live segment holds the live batches: " + starts.size());
        int middle = starts.size() / 2;
        long at = starts.get(middle);
        String damagedNote = payload(live, at).replaceAll("(?s).*\"i\":\"(n-l-\\d+)\".*", "$1");
        assertTrue(damagedNote.startsWith("n-l-"), damagedNote);
        byte[] bytes = Files.readAllBytes(live);
        bytes[(int) at + 8 + 20] ^= 0x01; // one flipped bit inside that record's JSON
        Files.write(live, bytes);
        int after = starts.size() - middle - 1;

        try (NodeProcess node = NodeProcess.start(dataDir, quiet)) {
            JsonNode items = items(node, board);
            List<String> missing = notes.stream().filter(n -> !items.has(n)).toList();
            assertEquals(List.of(damagedNote), missing, "only the record with the flipped byte is lost");
            String log = node.log();
            assertTrue(log.contains("fell back to "), log);
            assertTrue(log.contains("skipped 1 damaged stretch(es)"), log);
            assertTrue(log.contains("recovered the " + (after + 1) + " intact records after the first of them")
                    || log.contains("recovered the " + after + " intact records"), log);
            assertTrue(Files.exists(live.resolveSibling(live.getFileName() + ".corrupt-1")), "the damaged segment is kept as it was");
            assertTrue(Files.exists(newestSnapshot.resolveSibling(newestSnapshot.getFileName() + ".corrupt-1")));
            assertFalse(log.contains("created a demo workshop"));
        }
    }

    @Test
    @DisplayName("DU-7, FS-1: every snapshot unreadable: the node refuses to start (naming the file and the setting) instead of serving empty; salvage starts, and no demo workshop appears")
    void corruptSnapshotsRefuseToStartInsteadOfServingEmpty() throws IOException {
        Map<String, String> snapshotting = env(Map.of("SAMENBORD_SNAPSHOT_BYTES", "1024", "SAMENBORD_SNAPSHOT_CHECK_MS", "100",
                "SAMENBORD_DEMO", "true"));
        Board board;
        try (NodeProcess node = NodeProcess.start(dataDir, snapshotting)) {
            assertTrue(node.log().contains("created a demo workshop"), "a truly empty directory gets the demo");
            board = createBoard(node);
            try (WsClient c = WsClient.connect(node.base())) {
                c.join(board.token(), board.id(), "replicaSNAP", "Schrijver");
                OpsBuilder ops = new OpsBuilder("replicaSNAP");
                for (int i = 0; i < 10; i++) {
                    c.send(ops.note("s-" + i, "n-s-" + i, "snapshot " + i, "keep"));
                    c.next(f -> f.path("t").asText().equals("ack"));
                }
            }
            Poll.until("a snapshot", Duration.ofSeconds(20), () -> !files(dataDir, "snapshot-").isEmpty());
            node.terminate();
        }
        // Make sure everything is inside snapshots: only the snapshots hold the workshops now.
        List<Path> snapshots = files(dataDir, "snapshot-");
        for (Path s : snapshots) Files.writeString(s, "{\"format\":\"samenbord-snapshot/1\",\"boards\":[");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> NodeProcess.start(dataDir, snapshotting));
        assertTrue(refused.getMessage().contains(snapshots.getLast().getFileName().toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("SAMENBORD_RECOVERY=salvage"), refused.getMessage());
        for (Path s : snapshots) assertTrue(Files.exists(s), "a refused start changes nothing: " + s);

        Map<String, String> salvage = new HashMap<>(snapshotting);
        salvage.put("SAMENBORD_RECOVERY", "salvage");
        try (NodeProcess node = NodeProcess.start(dataDir, salvage)) {
            assertFalse(node.log().contains("created a demo workshop"), "data that turned out unreadable is no first start");
            assertTrue(node.log().contains("SAMENBORD_RECOVERY=salvage: starting without"), node.log());
        }
    }

    static List<Path> files(Path dir, String prefix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && (p.getFileName().toString().endsWith(".json") || p.getFileName().toString().endsWith(".log"))).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Offsets of the records of a journal segment (magic "SBJ1", then length + CRC32C + payload). */
    static List<Long> recordStarts(Path segment) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<Long> out = new ArrayList<>();
        int pos = 4;
        while (pos + 8 <= b.limit()) {
            int len = b.getInt(pos);
            if (len < 0 || pos + 8 + len > b.limit()) break;
            out.add((long) pos);
            pos += 8 + len;
        }
        return out;
    }

    static String payload(Path segment, long at) throws IOException {
        byte[] all = Files.readAllBytes(segment);
        int len = ByteBuffer.wrap(all).getInt((int) at);
        return new String(all, (int) at + 8, len, StandardCharsets.UTF_8);
    }
}
