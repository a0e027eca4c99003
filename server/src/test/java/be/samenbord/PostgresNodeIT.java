package be.samenbord;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.Postgres;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CF-1, DU-1: a node on a real PostgreSQL, killed with SIGKILL mid-stream, loses no acknowledged batch. */
class PostgresNodeIT {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("DU-1: node on PostgreSQL: SIGKILL while streaming, restart on the same database, every ack is there")
    void killedNodeOnPostgresLosesNothing() throws Exception {
        try (Postgres pg = Postgres.start()) {
            Map<String, String> env = Map.of("SAMENBORD_STORE", pg.url(), "SAMENBORD_DEMO", "false",
                    "SAMENBORD_RATE_LIMIT", "100000", "SAMENBORD_RATE_BURST", "100000");
            String board;
            String token;
            List<JsonNode> acks;
            try (NodeProcess node = NodeProcess.start(dataDir, env)) {
                JsonNode w = new Api(node.base()).createWorkshop("Op PostgreSQL", "windroos");
                board = w.path("boards").get(0).path("id").asText();
                token = w.path("tokens").path("participant").asText();
                WsClient client = WsClient.connect(node.base());
                client.join(token, board, "replicaPGST", "Pg");
                OpsBuilder ops = new OpsBuilder("replicaPGST");
                Thread sender = new Thread(() -> {
                    try {
                        for (int i = 0; i < 20_000; i++) client.send(ops.note("b-" + i, "n-" + i, "inzicht " + i, "south"));
                    } catch (RuntimeException connectionGone) {
                        // Expected: the node is killed under the sender's feet.
                    }
                }, "pg-stream-sender");
                sender.start();
                Poll.until("200 acks", Duration.ofSeconds(60), () -> client.count(f -> f.path("t").asText().equals("ack")) >= 200);
                node.kill();
                sender.join(30_000);
                acks = client.all().stream().filter(f -> f.path("t").asText().equals("ack")).toList();
                client.close();
            }
            // A fresh data directory: everything must come from PostgreSQL.
            try (NodeProcess again = NodeProcess.start(dataDir.resolve("unused"), env)) {
                JsonNode items = new Api(again.base()).get("/api/boards/" + board, token).body().path("items");
                for (JsonNode ack : acks) {
                    String n = "n-" + ack.path("batch").asText().substring(2);
                    assertEquals("inzicht " + n.substring(2), items.path(n).path("text").path("v").asText(), "acknowledged " + n + " lost");
                }
                assertTrue(acks.size() >= 200);
                System.out.printf("PostgresNodeIT: %d acknowledged batches before SIGKILL, all %d recovered from PostgreSQL%n",
                        acks.size(), acks.size());
            }
        }
    }
}
