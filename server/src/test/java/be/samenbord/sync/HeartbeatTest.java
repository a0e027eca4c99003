package be.samenbord.sync;

import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** LI-7: pings find clients that went silent; a live client answering pongs stays. */
class HeartbeatTest {

    @Test
    @DisplayName("LI-7: a client that answers no pings leaves the board; one that answers stays")
    void silentClientsAreDropped() {
        // 1 s pings: 3 s of silence drops a client. Shorter made the live client, busy on a loaded
        // machine, miss its own pongs' deadline too.
        try (TestNode node = TestNode.start("SAMENBORD_PING_MS", "1000");
             WsClient live = node.connect(); WsClient silent = node.connect()) {
            TestNode.Board board = node.board("windroos");
            live.join(board.token("participant"), board.id(), "replicaLIVE", "Levend");
            silent.join(board.token("participant"), board.id(), "replicaGONE", "Stil");
            // Not reading also means not answering pings: like a laptop that went to sleep.
            silent.stopReading();
            Poll.until("the silent client is dropped", Duration.ofSeconds(30),
                    () -> node.api.get("/health", null).body().path("connections").asInt() == 1);
            assertEquals("replicaGONE", live.next("left").path("replica").asText());
            // Well past three intervals the live one (its client answers pings by itself) is still there.
            live.send(new OpsBuilder("replicaLIVE").note("after", "n1", "nog hier", "south"));
            live.next("ack");
            assertEquals(1, node.api.get("/health", null).body().path("connections").asInt());
        }
    }
}
