package be.samenbord.cluster;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.ClusterNodes;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.Postgres;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue "Cluster", must-shows with nodes dying, stopping and joining under load (separate JVM
 * processes on 127.0.0.1, one real PostgreSQL; a fresh database and cluster per test).
 */
class ClusterFailoverIT {

    private static Postgres pg;

    @BeforeAll
    static void startPostgres() {
        pg = Postgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) pg.close();
    }

    private static NodeProcess live(ClusterNodes c) {
        return c.nodes().stream().filter(NodeProcess::alive).findFirst().orElseThrow();
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    @DisplayName("CU-4, DU-1: the board's owner is SIGKILLed while three clients stream; they reconnect, nothing acknowledged is lost, replicas end equal")
    void ownerKilledWhileStreaming() throws Exception {
        try (ClusterNodes c = new ClusterNodes(3, pg.createDatabase("failover_kill"), Map.of()).startAll(3);
             Streamers s = new Streamers()) {
            JsonNode w = new Api(c.node(0).base()).createWorkshop("Knoop valt uit", "windroos");
            String board = w.path("boards").get(0).path("id").asText();
            String token = w.path("tokens").path("participant").asText();
            String owner = new Api(c.node(1).base()).get("/api/boards/" + board, token).body().path("owner").asText();
            NodeProcess ownerNode = c.byId(owner);
            for (int k = 0; k < 3; k++) s.add(c.bases(), k, token, board, "k" + k, 400, 20);
            Poll.until("150 acks", Duration.ofSeconds(60), () -> s.totalAcks() >= 150);
            int before = s.totalAcks();
            ownerNode.kill();
            s.awaitAllAcked(Duration.ofSeconds(120));
            NodeProcess survivor = live(c);
            String newOwner = new Api(survivor.base()).get("/api/boards/" + board, token).body().path("owner").asText();
            assertTrue(!newOwner.equals(owner) && !newOwner.isEmpty(), "the board has a new owner");
            int total = s.verify(survivor.base());
            System.out.printf("ClusterFailoverIT.ownerKilled: %d acknowledged before SIGKILL of the owner, %d in all, "
                    + "%d reconnects, all present once, replicas equal%n", before, total, s.reconnects());
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    @DisplayName("CU-5: every node stopped (two under load) and the cluster started again on PostgreSQL: every acknowledged batch is there")
    void wholeClusterRestarts() throws Exception {
        String db = pg.createDatabase("failover_restart");
        String board;
        String token;
        int total;
        Streamers s = new Streamers();
        try (ClusterNodes c = new ClusterNodes(3, db, Map.of()).startAll(3)) {
            JsonNode w = new Api(c.node(0).base()).createWorkshop("Herstart", "windroos");
            board = w.path("boards").get(0).path("id").asText();
            token = w.path("tokens").path("participant").asText();
            for (int k = 0; k < 2; k++) s.add(c.bases(), k, token, board, "r" + k, 400, 20);
            Poll.until("100 acks", Duration.ofSeconds(60), () -> s.totalAcks() >= 100);
            stopGracefully(c.node(0));
            Poll.until("200 acks", Duration.ofSeconds(60), () -> s.totalAcks() >= 200);
            stopGracefully(c.node(1));
            s.stopSending();
            s.awaitAllAcked(Duration.ofSeconds(120));
            total = s.totalAcks();
            s.close();
            stopGracefully(c.node(2));
        }
        try (ClusterNodes again = new ClusterNodes(3, db, Map.of()).startAll(3)) {
            JsonNode view = new Api(again.node(2).base()).get("/api/boards/" + board, token).body();
            assertEquals(total, view.path("seq").asLong(), "every acknowledged batch, once");
            for (var stream : s.streams()) {
                for (String batch : stream.client().acks().keySet()) {
                    assertTrue(view.path("items").has("n-" + batch), "acknowledged batch " + batch + " lost in the restart");
                }
            }
            System.out.printf("ClusterFailoverIT.restart: %d acknowledged batches (two nodes stopped under load), all %d back after the restart%n",
                    total, total);
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    @DisplayName("CU-6: a fourth node joins while 12 boards take load: no batch lost or applied twice, replicas equal")
    void fourthNodeJoinsUnderLoad() throws Exception {
        try (ClusterNodes c = new ClusterNodes(4, pg.createDatabase("failover_join"), Map.of()).startAll(3);
             Streamers s = new Streamers()) {
            List<String> boards = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                JsonNode w = new Api(c.node(k).base()).createWorkshop("Groei " + k, "windroos", "windroos", "windroos",
                        "windroos", "windroos", "windroos");
                w.path("boards").forEach(b -> {
                    boards.add(b.path("id").asText());
                    tokens.add(w.path("tokens").path("participant").asText());
                });
            }
            Map<String, String> ownersBefore = owners(c.node(0), boards, tokens);
            for (int i = 0; i < boards.size(); i++) s.add(c.bases(), i, tokens.get(i), boards.get(i), "j" + i, 150, 5);
            Poll.until("300 acks", Duration.ofSeconds(60), () -> s.totalAcks() >= 300);
            NodeProcess fourth = c.startNext();
            Poll.until("4 members", Duration.ofSeconds(30), () -> ClusterNodes.memberCount(c.node(0)) == 4);
            s.awaitAllAcked(Duration.ofSeconds(120));
            Map<String, String> ownersAfter = owners(fourth, boards, tokens);
            long moved = boards.stream().filter(b -> !ownersBefore.get(b).equals(ownersAfter.get(b))).count();
            int total = s.verify(fourth.base());
            System.out.printf("ClusterFailoverIT.join: %d boards, %d moved to other owners when node 4 joined, "
                    + "%d acknowledged batches all present once, %d reconnects, replicas equal%n", boards.size(), moved, total, s.reconnects());
        }
    }

    /** SIGTERM: the JVM exits 143 after the shutdown hook, which logs whether every stop step worked. */
    private static void stopGracefully(NodeProcess node) {
        assertEquals(143, node.terminate(), "exit after SIGTERM");
        String problems = node.log().lines().filter(l -> l.contains("WARNING") || l.contains("SEVERE") || l.contains("stop"))
                .filter(l -> !l.contains("sun.misc.Unsafe")).collect(java.util.stream.Collectors.joining("\n"));
        assertTrue(node.log().contains("Samenbord node stopped cleanly"), "clean stop:\n" + problems);
    }

    private static Map<String, String> owners(NodeProcess node, List<String> boards, List<String> tokens) {
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i < boards.size(); i++) {
            out.put(boards.get(i), new Api(node.base()).get("/api/boards/" + boards.get(i), tokens.get(i)).body().path("owner").asText());
        }
        return out;
    }
}
