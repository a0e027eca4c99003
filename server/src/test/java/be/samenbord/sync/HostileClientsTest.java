package be.samenbord.sync;

import be.samenbord.Node;
import be.samenbord.Settings;
import be.samenbord.testkit.Api;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding "exhaustion by a participant" (issue 12 item 7): 1,500 hellos on one participant token
 * pushed a real user's acks to seconds, ping frames were outside the rate limit, and over-rate
 * frames were still parsed as JSON (rules LI-4, LI-11, LI-12).
 */
class HostileClientsTest {

    private static boolean refusedWith(WsClient c, String code) {
        JsonNode reply = c.next(f -> f.path("t").asText().equals("welcome") || f.path("t").asText().equals("error"));
        return reply.path("code").asText().equals(code);
    }

    private static WsClient hello(TestNode node, TestNode.Board board, String role, String replica) {
        WsClient c = node.connect();
        c.send(WsClient.hello(board.token(role), board.id(), replica, replica));
        return c;
    }

    @Test
    @DisplayName("LI-11: connections per token and per address on a board are capped: too_many_connections, then 1008")
    void connectionsPerTokenAndAddressAreCapped() {
        List<WsClient> open = new ArrayList<>();
        try (TestNode node = TestNode.start("SAMENBORD_MAX_CONN_PER_TOKEN_PER_BOARD", "3", "SAMENBORD_MAX_CONN_PER_ADDRESS_PER_BOARD", "5")) {
            TestNode.Board board = node.board("windroos");
            for (int i = 0; i < 3; i++) {
                open.add(hello(node, board, "participant", "replicaPART" + i));
                assertFalse(refusedWith(open.getLast(), "too_many_connections"), "participant " + i);
            }
            try (WsClient fourth = hello(node, board, "participant", "replicaPART3")) {
                JsonNode e = fourth.nextError("too_many_connections");
                assertTrue(e.path("message").asText().contains("3"), e.toString());
                assertEquals(1008, fourth.awaitClose());
            }
            // Another token from the same address: its own cap, until the address's cap.
            for (int i = 0; i < 2; i++) {
                open.add(hello(node, board, "facilitator", "replicaFACI" + i));
                assertFalse(refusedWith(open.getLast(), "too_many_connections"), "facilitator " + i);
            }
            try (WsClient sixth = hello(node, board, "observer", "replicaOBSE0")) {
                sixth.nextError("too_many_connections");
                assertEquals(1008, sixth.awaitClose());
            }
            // Caps are per board: the workshop's room board still takes this token.
            try (WsClient room = node.connect()) {
                room.join(board.token("participant"), board.workshop().path("room").asText(), "replicaROOM", "Room");
            }
            // A place comes back when a connection goes.
            open.removeFirst().close();
            Poll.until("a participant may join again", Duration.ofSeconds(10), () -> {
                try (WsClient again = hello(node, board, "participant", "replicaAGAIN")) {
                    return !refusedWith(again, "too_many_connections");
                }
            });
            // The ones that are in still work.
            WsClient in = open.getFirst();
            in.send(new OpsBuilder("replicaPART1").note("in-1", "in1", "nog steeds", "south"));
            assertEquals("in-1", in.next("ack").path("batch").asText());
        } finally {
            open.forEach(WsClient::close);
        }
    }

    @Test
    @DisplayName("LI-12: hellos per address are rate limited: rate_limited, then 1008; a token comes back with time")
    void hellosPerAddressAreRateLimited() throws Exception {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        Map<String, String> env = new HashMap<>(Map.of("SAMENBORD_HTTP_HOST", "127.0.0.1", "SAMENBORD_HTTP_PORT", "0",
                "SAMENBORD_DATA_DIR", Files.createTempDirectory("samenbord-hello").toString(), "SAMENBORD_DEMO", "false",
                "SAMENBORD_HELLO_RATE_PER_ADDRESS", "1", "SAMENBORD_HELLO_BURST_PER_ADDRESS", "3"));
        Node node = Node.start(Settings.fromEnv(env), System::currentTimeMillis, nanos::get);
        List<WsClient> open = new ArrayList<>();
        try {
            String base = "http://127.0.0.1:" + node.port();
            JsonNode w = new Api(base).createWorkshop("Hallo", "windroos");
            String token = w.path("tokens").path("participant").asText();
            String board = w.path("boards").get(0).path("id").asText();
            for (int i = 0; i < 3; i++) {
                WsClient c = WsClient.connect(base);
                open.add(c);
                c.join(token, board, "replicaHELLO" + i, "Hallo " + i);
            }
            try (WsClient fourth = WsClient.connect(base)) {
                fourth.send(WsClient.hello(token, board, "replicaHELLO3", "Hallo 3"));
                fourth.nextError("rate_limited");
                assertEquals(1008, fourth.awaitClose());
            }
            nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
            try (WsClient later = WsClient.connect(base)) {
                later.join(token, board, "replicaHELLO4", "Hallo 4");
            }
        } finally {
            open.forEach(WsClient::close);
            node.stop();
        }
    }

    @Test
    @DisplayName("LI-4: ping frames count against the frame rate; a ping flood is closed with 1008")
    void pingFloodIsClosed() {
        try (TestNode node = TestNode.start("SAMENBORD_RATE_LIMIT", "10", "SAMENBORD_RATE_BURST", "10")) {
            TestNode.Board board = node.board("windroos");
            try (WsClient flooder = node.connect(); WsClient bystander = node.connect()) {
                flooder.join(board.token("participant"), board.id(), "replicaPING", "Ping");
                bystander.join(board.token("participant"), board.id(), "replicaBYST", "Bystander");
                int sent = 0;
                // Bounded: 5,000 pings, far past 20 x burst (200) dropped frames.
                while (sent < 5_000 && !flooder.isClosed() && flooder.ping()) sent++;
                assertEquals(1008, flooder.awaitClose(), "still open after " + sent + " pings");
                bystander.send(new OpsBuilder("replicaBYST").note("by-1", "by1", "rustig", "south"));
                assertEquals("by-1", bystander.next("ack").path("batch").asText());
            }
        }
    }

    @Test
    @DisplayName("LI-4: an over-rate frame is dropped unparsed; its batch id is found by a bounded scan and named")
    void overRateFramesAreNotParsed() {
        try (TestNode node = TestNode.start("SAMENBORD_RATE_LIMIT", "10", "SAMENBORD_RATE_BURST", "10")) {
            TestNode.Board board = node.board("windroos");
            try (WsClient c = node.connect()) {
                c.join(board.token("participant"), board.id(), "replicaRATE", "Rate");
                // Not JSON at all past the batch id: parsed, it could never be named.
                for (int i = 0; i < 40; i++) c.send("{\"t\":\"ops\",\"batch\":\"flood-" + i + "\", \"ops\": [ this is not json");
                List<String> named = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    JsonNode e = c.next(f -> f.path("code").asText().equals("rate_limited"));
                    assertTrue(e.path("batch").asText().startsWith("flood-"), "rate_limited without the batch: " + e);
                    named.add(e.path("batch").asText());
                }
                assertEquals(20, named.stream().distinct().count(), named.toString());
                assertFalse(c.isClosed());
            }
        }
    }

    @Test
    @DisplayName("LI-4: the batch id scan reads at most the frame's first characters")
    void batchIdScanIsBounded() {
        assertEquals("b-1", Connection.batchIdIn("{\"t\":\"ops\",\"batch\" : \"b-1\",\"ops\":[]}"));
        assertEquals(null, Connection.batchIdIn("{\"t\":\"ops\",\"ops\":[\"" + "x".repeat(Connection.BATCH_SCAN_CHARS) + "\"],\"batch\":\"late\"}"));
        assertEquals(null, Connection.batchIdIn("{\"t\":\"ops\",\"batch\":\"bad id!\"}"));
    }
}
