package be.samenbord.cluster;

import be.samenbord.store.PgStore;
import be.samenbord.testkit.Api;
import be.samenbord.testkit.ClusterNodes;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.Postgres;
import be.samenbord.testkit.WsClient;
import be.samenbord.workshop.Role;
import be.samenbord.workshop.Tokens;
import be.samenbord.workshop.Workshop;
import be.samenbord.workshop.WorkshopDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, finding 6: a workshop's board list was last-writer-wins across nodes, so two nodes
 * adding boards to one workshop at once (a breakout's copies on one, a fiche conversion on
 * another) lost one side's boards; and a node that missed a workshop's announcement never read it.
 * Node processes on 127.0.0.1 sharing one PostgreSQL (rule CU-9).
 */
class WorkshopMergeIT {

    private static Postgres pg;
    private static String db;
    private static ClusterNodes cluster;

    @BeforeAll
    static void startCluster() {
        pg = Postgres.start();
        db = pg.createDatabase("workshop_merge");
        // Room for a third member that starts later and reads everything from PostgreSQL.
        cluster = new ClusterNodes(3, db, Map.of());
        cluster.startNext();
        cluster.startNext();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
        if (pg != null) pg.close();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    @DisplayName("CU-9 (finding 6): two nodes add boards to one workshop at the same moment (a breakout's copies on one, a fiche"
            + " conversion on the other), 100 times: every node, and a node started afterwards from PostgreSQL, lists all 200")
    void concurrentAdditionsOnTwoNodesLoseNothing() throws Exception {
        NodeProcess n1 = cluster.node(0);
        NodeProcess n2 = cluster.node(1);
        Poll.until("2 members", Duration.ofSeconds(30), () -> ClusterNodes.memberCount(n1) == 2);
        JsonNode w = new Api(n1.base()).createWorkshop("Samen toevoegen", "three-b");
        String id = w.path("id").asText();
        String token = w.path("tokens").path("participant").asText();
        String facilitator = w.path("tokens").path("facilitator").asText();
        String room = w.path("room").asText();
        String source = w.path("boards").get(0).path("id").asText();
        try (WsClient writer = WsClient.connect(n2.base())) {
            writer.join(token, source, "replica-notes-1", "Schrijver");
            OpsBuilder ops = new OpsBuilder("replica-notes-1");
            for (int batch = 0; batch < 2; batch++) {
                List<JsonNode> list = new ArrayList<>();
                for (int i = batch * 50; i < batch * 50 + 50; i++) ops.note("x", "note-" + i, "Actie " + i, "keep").get("ops").forEach(list::add);
                writer.send(OpsBuilder.batch("notes-" + batch, list.toArray(JsonNode[]::new)));
                writer.next(f -> f.path("t").asText().equals("ack"));
            }
        }
        ExecutorService two = Executors.newFixedThreadPool(2);
        Set<String> fiches = new HashSet<>();
        try {
            for (int round = 0; round < 100; round++) {
                int r = round;
                CompletableFuture<Void> a = CompletableFuture.runAsync(() -> breakout(n1, room, facilitator), two);
                CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> convert(n2, id, token, source, "note-" + r), two);
                a.get(60, TimeUnit.SECONDS);
                fiches.add(b.get(60, TimeUnit.SECONDS));
            }
        } finally {
            two.shutdownNow();
        }
        assertEquals(100, fiches.size(), "100 distinct fiche boards made");
        NodeProcess n3 = cluster.startNext();
        Set<String> first = null;
        for (NodeProcess n : List.of(n1, n2, n3)) {
            Set<String> listed = new HashSet<>();
            Map<String, Integer> byTemplate = new java.util.TreeMap<>();
            new Api(n.base()).get("/api/workshops/" + id, token).body().path("boards").forEach(b -> {
                listed.add(b.path("id").asText());
                byTemplate.merge(b.path("template").asText(), 1, Integer::sum);
            });
            String where = n.base() + (n == n3 ? " (started afterwards: PostgreSQL's view)" : "");
            Set<String> missing = new HashSet<>(fiches);
            missing.removeAll(listed);
            assertEquals(Set.of(), missing, missing.size() + " of 100 fiche boards missing on " + where);
            assertEquals(100, byTemplate.getOrDefault("windroos", 0), "breakout boards listed on " + where + ": " + byTemplate);
            if (first == null) first = listed;
            assertEquals(first, listed, "the same boards on " + where);
        }
        try (WsClient c = WsClient.connect(n3.base())) {
            c.join(token, fiches.iterator().next(), "replica-reader-1", "Lezer");
        }
        System.out.printf("WorkshopMergeIT: 100 rounds of a breakout (copies) on one node and a conversion on the other at the same"
                + " moment: all 200 boards listed on both nodes and on a third node started afterwards%n");
    }

    /** Starts a breakout in copies mode with one group on {@code node}: one new board for the workshop. */
    private static void breakout(NodeProcess node, String room, String facilitator) {
        Api.Reply r = new Api(node.base()).postWithBearer("/api/boards/" + room + "/control",
                "{\"action\":\"breakoutStart\",\"mode\":\"copies\",\"template\":\"windroos\",\"groups\":[{\"name\":\"Groep\",\"members\":[]}]}",
                facilitator);
        assertEquals(200, r.status(), "breakout on " + node.base() + ": " + r.text());
    }

    /** Converts one note on {@code node}; returns the fiche board's id. */
    private static String convert(NodeProcess node, String workshop, String token, String board, String note) {
        Api.Reply r = new Api(node.base()).postWithBearer("/api/workshops/" + workshop + "/fiches/convert",
                "{\"board\":\"" + board + "\",\"items\":[\"" + note + "\"]}", token);
        assertEquals(200, r.status(), "convert " + note + " on " + node.base() + ": " + r.text());
        return r.body().path("fiches").get(0).path("id").asText();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    @DisplayName("CU-9 (finding 6): a workshop whose announcement the nodes missed (stored by a node that never told them), and boards added"
            + " to it the same way, are read from PostgreSQL on the first miss: hellos are welcomed, REST answers, on every node")
    void missedAnnouncementIsReadThrough() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (PgStore silent = new PgStore(vertx, db)) {
            silent.recover();
            WorkshopDirectory.Created created = new WorkshopDirectory(new Tokens(new SecureRandom()))
                    .create("Niet aangekondigd", List.of("windroos", "room"), System.currentTimeMillis());
            Workshop w = created.workshop();
            silent.createWorkshop(w).get(30, TimeUnit.SECONDS);
            String token = created.tokens().get(Role.PARTICIPANT);
            String board = w.boards().get(0).id();
            for (NodeProcess n : cluster.nodes()) {
                try (WsClient c = WsClient.connect(n.base())) {
                    JsonNode welcome = c.join(token, board, "replica-missed-" + n.pid(), "Gemist");
                    assertEquals(board, welcome.path("board").asText());
                }
                Api.Reply view = new Api(n.base()).get("/api/workshops/" + w.id(), token);
                assertEquals(200, view.status(), n.base() + ": " + view.text());
            }
            // A board added the same way: the nodes know the workshop, not this board.
            String added = "gemist" + Long.toString(System.nanoTime(), 36);
            silent.addBoards(w, List.of(new Workshop.BoardRef(added, "windroos"))).get(30, TimeUnit.SECONDS);
            for (NodeProcess n : cluster.nodes()) {
                try (WsClient c = WsClient.connect(n.base())) {
                    c.join(token, added, "replica-added-" + n.pid(), "Gemist");
                }
                Api.Reply view = new Api(n.base()).get("/api/boards/" + added, token);
                assertEquals(200, view.status(), n.base() + ": " + view.text());
                Set<String> listed = new HashSet<>();
                new Api(n.base()).get("/api/workshops/" + w.id(), token).body().path("boards").forEach(b -> listed.add(b.path("id").asText()));
                assertTrue(listed.contains(added), n.base() + " lists the added board: " + listed);
            }
            // A token nobody has still gets nothing.
            try (WsClient c = WsClient.connect(cluster.node(0).base())) {
                c.send(WsClient.hello("not-a-token-of-anyone-here", board, "replica-stranger-1", "Vreemde"));
                c.nextError("unauthorized");
            }
            System.out.printf("WorkshopMergeIT: a workshop and a board stored without announcement were read through on %d nodes%n",
                    cluster.nodes().size());
        } finally {
            vertx.close().await();
        }
    }
}
