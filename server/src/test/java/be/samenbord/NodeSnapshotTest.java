package be.samenbord;

import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DU-2, OP-4: the node's periodic snapshot, then a restart from snapshot + journal. */
class NodeSnapshotTest {

    @TempDir
    Path dataDir;

    private long snapshots() {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(p -> p.getFileName().toString().matches("snapshot-\\d+\\.json")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("DU-2: a periodic snapshot plus the journal after it rebuild the board; dedup survives")
    void periodicSnapshotThenRestart() {
        String[] env = {"SAMENBORD_SNAPSHOT_BYTES", "2048", "SAMENBORD_SNAPSHOT_CHECK_MS", "100"};
        TestNode.Board board;
        JsonNode before;
        OpsBuilder ops = new OpsBuilder("replicaSNAP");
        try (TestNode node = TestNode.start(dataDir, env); WsClient client = node.connect()) {
            board = node.board("windroos");
            client.join(board.token("facilitator"), board.id(), "replicaSNAP", "Snap");
            for (int i = 0; i < 20; i++) {
                client.send(ops.note("s-" + i, "n" + i, "inzicht " + i, "south"));
                client.next("ack");
            }
            Poll.until("a snapshot file", Duration.ofSeconds(10), () -> snapshots() > 0);
            // More after the snapshot, so recovery needs both.
            client.send(OpsBuilder.batch("late", ops.op("n0", "text", "na de snapshot")));
            assertEquals("late", client.next("ack").path("batch").asText());
            before = node.api.get("/api/boards/" + board.id(), board.token("observer")).body();
        }
        try (TestNode again = TestNode.start(dataDir, env); WsClient client = again.connect()) {
            JsonNode after = again.api.get("/api/boards/" + board.id(), board.token("observer")).body();
            assertEquals(before, after);
            assertEquals("na de snapshot", after.path("items").path("n0").path("text").path("v").asText());
            client.join(board.token("facilitator"), board.id(), "replicaSNAP", "Snap");
            client.send(ops.note("s-3", "n3", "inzicht 3", "south"));
            JsonNode ack = client.next("ack");
            assertTrue(ack.path("seq").asLong() <= before.path("seq").asLong(), "a resent batch gets its old seq: " + ack);
        }
    }
}
