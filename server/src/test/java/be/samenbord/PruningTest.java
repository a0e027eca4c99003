package be.samenbord;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules GC-1..GC-3 on a real node with an injected clock: a deleted note and the ids of old
 * batches are kept while a resend could still come (inside SAMENBORD_PRUNE_HORIZON_MS), and
 * dropped when the board is loaded after the horizon, from when on such a resend is refused as
 * stale instead of bringing anything back.
 */
class PruningTest {

    private static final long HOUR = 3_600_000;

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("GC-1..GC-3, OP-4, HE-4: inside the horizon a deleted note stays and a resend is a duplicate; after it the note is pruned at load and a resend is stale")
    void prunedOnlyPastTheHorizon() throws Exception {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        long t0 = clock.get();
        Settings settings = Settings.fromEnv(Map.of("SAMENBORD_HTTP_HOST", "127.0.0.1", "SAMENBORD_HTTP_PORT", "0",
                "SAMENBORD_DATA_DIR", dataDir.toString(), "SAMENBORD_DEMO", "false",
                "SAMENBORD_BOARD_IDLE_MS", "1000", "SAMENBORD_PRUNE_HORIZON_MS", Long.toString(HOUR)));
        Node node = Node.start(settings, clock::get, System::nanoTime);
        try {
            String base = "http://127.0.0.1:" + node.port();
            Api api = new Api(base);
            JsonNode w = api.createWorkshop("Pruning", "windroos");
            String board = w.path("boards").get(0).path("id").asText();
            String token = w.path("tokens").path("participant").asText();
            OpsBuilder early = new OpsBuilder("replicaPRUN", t0);
            ObjectNode createGone = early.note("c1", "gone", "weg ermee", "south");
            ObjectNode createKept = early.note("c2", "kept", "blijft", "south");
            try (WsClient c = WsClient.connect(base)) {
                c.join(token, board, "replicaPRUN", "Snoeier");
                c.send(createGone);
                c.next("ack");
                c.send(createKept);
                c.next("ack");
                c.send(OpsBuilder.batch("d1", new OpsBuilder("replicaPRUN", t0 + 1000).op("gone", "deleted", true)));
                assertEquals(3, c.next("ack").path("seq").asLong());
            }
            unload(api, clock);

            // Half an hour later: inside the horizon, nothing is forgotten.
            clock.set(t0 + HOUR / 2);
            try (WsClient c = WsClient.connect(base)) {
                JsonNode welcome = c.join(token, board, "replicaPRUN", "Snoeier");
                assertTrue(welcome.path("snapshot").has("gone"), "the deleted note is still held: " + welcome);
                c.send(createGone);
                JsonNode ack = c.next(f -> f.path("t").asText().equals("ack") || f.path("t").asText().equals("error"));
                assertEquals("ack", ack.path("t").asText(), ack.toString());
                assertEquals(1, ack.path("seq").asLong(), "a resend inside the horizon is a duplicate (OP-4)");
            }
            unload(api, clock);

            // Two hours later: the next load prunes.
            clock.set(t0 + 2 * HOUR);
            try (WsClient c = WsClient.connect(base)) {
                JsonNode welcome = c.join(token, board, "replicaPRUN", "Snoeier");
                assertFalse(welcome.path("snapshot").has("gone"), "the deleted note is pruned: " + welcome);
                assertTrue(welcome.path("snapshot").has("kept"), "a live note is never pruned");
                assertEquals(3, welcome.path("seq").asLong(), "pruning takes no seq");
                c.send(createGone);
                JsonNode refused = c.nextError("stale");
                assertEquals("c1", refused.path("batch").asText());
                c.send(OpsBuilder.batch("fresh", new OpsBuilder("replicaPRUN", clock.get()).op("kept", "text", "nieuw")));
                assertEquals(4, c.next("ack").path("seq").asLong());
            }
            JsonNode view = api.get("/api/boards/" + board, token).body();
            assertFalse(view.path("items").has("gone"), "the stale resend brought nothing back: " + view);
            try (WsClient c = WsClient.connect(base)) {
                c.send(WsClient.hello(token, board, "replicaPRUN", "Snoeier").put("since", 3));
                JsonNode welcome = c.next("welcome");
                assertTrue(welcome.has("snapshot"), "a view from before the pruning may hold the pruned note: full snapshot " + welcome);
            }
        } finally {
            node.stop();
        }
    }

    /**
     * Lets the board's idle time pass on the node's clock and waits until it left memory. The
     * clock moves on a little while waiting: the session's leave, which counts as use, may only
     * reach the board after the first step.
     */
    private static void unload(Api api, AtomicLong clock) {
        int[] polls = {0};
        Poll.until("the board unloads", Duration.ofSeconds(10), () -> {
            if (polls[0]++ % 40 == 0) clock.addAndGet(2_000);
            return api.get("/health", null).body().path("boards").asInt() == 0;
        });
    }
}
