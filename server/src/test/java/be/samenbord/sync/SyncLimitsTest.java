package be.samenbord.sync;

import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Limits that need their own settings: hello timeout and the slow-reader queue (rules HE-1, LI-6). */
class SyncLimitsTest {

    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start("SAMENBORD_HELLO_TIMEOUT_MS", "300", "SAMENBORD_OUT_QUEUE_BYTES", "16384");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private int connections() {
        return node.api.get("/health", null).body().path("connections").asInt();
    }

    @Test
    @DisplayName("HE-1: no hello in time: bad_message, then the server closes with 1008")
    void helloTimeout() {
        try (WsClient silent = node.connect()) {
            silent.nextError("bad_message");
            assertEquals(1008, silent.awaitClose());
        }
    }

    @Test
    @DisplayName("LI-6: a reader that stops reading is disconnected; the board carries on for the others")
    void slowReaderIsCutOff() {
        TestNode.Board board = node.board("windroos");
        try (WsClient slow = node.connect(); WsClient writer = node.connect(); WsClient reader = node.connect()) {
            slow.join(board.token("participant"), board.id(), "replicaSLOW", "Slow");
            reader.join(board.token("observer"), board.id(), "replicaREAD", "Reader");
            writer.join(board.token("participant"), board.id(), "replicaWRIT", "Writer");
            int before = connections();
            slow.stopReading();
            OpsBuilder ops = new OpsBuilder("replicaWRIT");
            long lastSeq = 0;
            // Bounded: at most 2,000 batches of ~48 KB (about 96 MB) or 60 s, until the slow reader is cut.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (int i = 0; i < 2_000 && connections() == before && System.nanoTime() < deadline; i++) {
                ObjectNode batch = OpsBuilder.batch("big-" + i);
                for (int k = 0; k < 12; k++) ((ArrayNode) batch.get("ops")).add(ops.op("n" + k, "text", "w".repeat(3_900)));
                writer.send(batch);
                String id = "big-" + i;
                lastSeq = writer.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals(id)).path("seq").asLong();
                // The reader keeps up before the next batch, so only the client that stopped reading
                // can fall behind (on a loaded machine the test's own reader was once cut instead).
                long seq = lastSeq;
                reader.next(f -> f.path("t").asText().equals("ops") && f.path("seq").asLong() == seq);
            }
            assertEquals(before - 1, connections(), "the slow reader was not disconnected");
            long expected = lastSeq;
            assertTrue(reader.all().stream().anyMatch(f -> f.path("t").asText().equals("ops") && f.path("seq").asLong() == expected),
                    "the reader got every batch up to the last");
            writer.send(ops.note("after", "after", "na de onderbreking", "south"));
            writer.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("after"));
            assertEquals("after", reader.next("ops").path("ops").get(0).path("i").asText());
            assertTrue(expected > 0);
        }
    }
}
