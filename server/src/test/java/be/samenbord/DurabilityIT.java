package be.samenbord;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Durability with the node as a separate JVM process, killed for real (rules DU-1..DU-3, CL-2). */
class DurabilityIT {

    static final Map<String, String> ENV = Map.of("SAMENBORD_DEMO", "false", "SAMENBORD_RATE_LIMIT", "100000",
            "SAMENBORD_RATE_BURST", "100000");

    @TempDir
    Path dataDir;

    record Board(String id, String token) {
    }

    private static Board createBoard(NodeProcess node) {
        JsonNode w = new Api(node.base()).createWorkshop("Durability", "three-b");
        return new Board(w.path("boards").get(0).path("id").asText(), w.path("tokens").path("participant").asText());
    }

    private static JsonNode items(NodeProcess node, Board board) {
        return new Api(node.base()).get("/api/boards/" + board.id(), board.token()).body().path("items");
    }

    @Test
    @DisplayName("DU-1, DU-2: SIGKILL while a client streams batches loses no acknowledged batch")
    void killMidStreamLosesNoAcknowledgedBatch() throws Exception {
        Board board;
        List<JsonNode> acks;
        try (NodeProcess node = NodeProcess.start(dataDir, ENV)) {
            board = createBoard(node);
            WsClient client = WsClient.connect(node.base());
            client.join(board.token(), board.id(), "replicaSTRM", "Streamer");
            OpsBuilder ops = new OpsBuilder("replicaSTRM");
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < 20_000; i++) client.send(ops.note("b-" + i, "n-" + i, "actie " + i, "keep"));
                } catch (RuntimeException connectionGone) {
                    // Expected: the node is killed under the sender's feet.
                }
            }, "stream-sender");
            sender.start();
            try {
                Poll.until("300 acks", Duration.ofSeconds(60), () -> client.count(f -> f.path("t").asText().equals("ack")) >= 300);
            } catch (AssertionError e) {
                List<JsonNode> got = client.all();
                throw new AssertionError(e.getMessage() + "; client got " + got.size() + " frames, last: "
                        + got.subList(Math.max(0, got.size() - 3), got.size()) + "\nnode log:\n" + node.log(), e);
            }
            node.kill();
            sender.join(30_000);
            acks = client.all().stream().filter(f -> f.path("t").asText().equals("ack")).toList();
            client.close();
        }
        assertTrue(acks.size() >= 300);
        try (NodeProcess restarted = NodeProcess.start(dataDir, ENV)) {
            JsonNode items = items(restarted, board);
            for (JsonNode ack : acks) {
                String n = "n-" + ack.path("batch").asText().substring(2);
                assertEquals("actie " + n.substring(2), items.path(n).path("text").path("v").asText(), "acknowledged " + n + " lost");
            }
            long maxSeq = acks.stream().mapToLong(a -> a.path("seq").asLong()).max().orElseThrow();
            long seq = new Api(restarted.base()).get("/api/boards/" + board.id(), board.token()).body().path("seq").asLong();
            assertTrue(seq >= maxSeq, "seq went back from " + maxSeq + " to " + seq);
            System.out.printf("DurabilityIT: %d acknowledged batches before SIGKILL, all %d recovered (seq %d)%n",
                    acks.size(), acks.size(), seq);
        }
    }

    @Test
    @DisplayName("DU-3: a journal cut in the middle of its last record is recovered; new writes survive")
    void truncatedJournalTailIsRecovered() throws Exception {
        Board board;
        try (NodeProcess node = NodeProcess.start(dataDir, ENV)) {
            board = createBoard(node);
            try (WsClient client = WsClient.connect(node.base())) {
                client.join(board.token(), board.id(), "replicaTORN", "Torn");
                OpsBuilder ops = new OpsBuilder("replicaTORN");
                for (int i = 0; i < 50; i++) {
                    client.send(ops.note("b-" + i, "n-" + i, "tekst " + i, "drop"));
                    String id = "b-" + i;
                    client.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals(id));
                }
            }
            node.kill();
        }
        Path journal = newestJournal();
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 5); // a torn last write: the last record loses its end
        }
        try (NodeProcess restarted = NodeProcess.start(dataDir, ENV)) {
            assertTrue(restarted.log().contains("recovery:"), "the cut should be reported:\n" + restarted.log());
            JsonNode items = items(restarted, board);
            for (int i = 0; i < 49; i++) assertEquals("tekst " + i, items.path("n-" + i).path("text").path("v").asText());
            assertTrue(items.path("n-49").isMissingNode(), "the torn record must not be half-applied");
            try (WsClient client = WsClient.connect(restarted.base())) {
                client.join(board.token(), board.id(), "replicaTORN", "Torn");
                client.send(new OpsBuilder("replicaTORN").note("after-cut", "after", "na herstel", "keep"));
                client.next("ack");
            }
            restarted.kill();
        }
        try (NodeProcess again = NodeProcess.start(dataDir, ENV)) {
            assertEquals("na herstel", items(again, board).path("after").path("text").path("v").asText());
        }
    }

    @Test
    @DisplayName("CL-2: SIGTERM closes sockets with 1012 and keeps every acknowledged batch")
    void sigtermClosesWithRestartCode() {
        Board board;
        try (NodeProcess node = NodeProcess.start(dataDir, ENV); WsClient client = WsClient.connect(node.base())) {
            board = createBoard(node);
            client.join(board.token(), board.id(), "replicaTERM", "Term");
            client.send(new OpsBuilder("replicaTERM").note("t-1", "kept", "blijft", "keep"));
            client.next("ack");
            node.terminate();
            assertEquals(1012, client.awaitClose());
        }
        try (NodeProcess again = NodeProcess.start(dataDir, ENV)) {
            assertEquals("blijft", items(again, board).path("kept").path("text").path("v").asText());
        }
    }

    private Path newestJournal() throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(p -> p.getFileName().toString().matches("journal-\\d+\\.log")).sorted()
                    .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no journal in " + dataDir));
        }
    }
}
