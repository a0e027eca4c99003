package be.samenbord.e2e;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Browser;
import be.samenbord.testkit.ClusterNodes;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.Postgres;
import be.samenbord.testkit.Screenshots;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue "Cluster", last must-show: the web client reconnects to another node when its node dies.
 * Three node processes share a real PostgreSQL; browser A loads the board from node 0, browser B
 * from node 1. Node 0 is killed with SIGKILL; A's page stays loaded from the dead origin and its
 * client must move on by itself to the nodes it learnt from GET /api/nodes.
 */
@ExtendWith(Screenshots.class)
class ClusterFailoverE2EIT {

    /** Enough for Hazelcast to declare the dead member gone (8 s) plus backoff and recovery. */
    static final Duration FAILOVER = Duration.ofSeconds(30);
    /** Workshops tried to get a board owned by node 0, the harder case (its owner dies too). */
    static final int OWNER_TRIES = 12;

    static Postgres pg;
    static ClusterNodes cluster;
    static Browser a;
    static Browser b;

    @BeforeAll
    static void start() {
        pg = Postgres.start();
        cluster = new ClusterNodes(3, pg.createDatabase("cluster_failover_e2e"), Map.of()).startAll(3);
        for (NodeProcess n : cluster.nodes()) {
            Poll.until("3 members on " + n.base(), Duration.ofSeconds(30), () -> ClusterNodes.memberCount(n) == 3);
        }
        a = Browser.start();
        b = Browser.start();
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(a, b, cluster, pg);
    }

    @Test
    @DisplayName("CU-7: SIGKILL of the node A's page came from: A reconnects to another node and B sees A's new note")
    void clientFailsOverToAnotherNode() {
        Map<String, NodeProcess> byId = new HashMap<>();
        for (NodeProcess n : cluster.nodes()) byId.put(ClusterNodes.nodeId(n), n);
        String dyingId = ClusterNodes.nodeId(cluster.node(0));
        Api api0 = new Api(cluster.node(0).base());

        JsonNode workshop = null;
        String board = null;
        String owner = null;
        for (int i = 0; i < OWNER_TRIES && !dyingId.equals(owner); i++) {
            workshop = api0.createWorkshop("Failover " + i, "three-b");
            board = workshop.path("boards").get(0).path("id").asText();
            owner = api0.get("/api/boards/" + board, token(workshop)).body().path("owner").asText();
        }
        int ownerIndex = cluster.nodes().indexOf(byId.get(owner));
        System.out.println("board " + board + " is owned by node " + ownerIndex + " (" + owner + ")"
                + (ownerIndex == 0 ? ": the dying node owns it" : ": the dying node does not own it"));

        String link = workshop.path("links").path("participant").asText();
        E2E.join(a, link, cluster.node(0).base(), "Anna");
        E2E.join(b, link, cluster.node(1).base(), "Bert");
        String before = E2E.createNoteIn(a, "keep");
        E2E.type(a, "Voor de crash");
        b.waitFor(d -> "Voor de crash".equals(E2E.noteText(b, before)), "B sees A's note before the crash");

        cluster.node(0).kill();
        long killed = System.nanoTime();
        String after = E2E.createNoteIn(a, "drop");
        E2E.type(a, "Na de crash");

        try {
            Poll.until("B sees A's note made after the crash", FAILOVER, () -> "Na de crash".equals(E2E.noteText(b, after)));
        } catch (AssertionError e) {
            // What each side knows, so a failure says where the note stopped.
            String observerToken = workshop.path("tokens").path("observer").asText();
            throw new AssertionError(e.getMessage() + "\nA status " + status(a) + ", B status " + status(b)
                    + "\nnode 1 health " + new Api(cluster.node(1).base()).get("/health", null).text()
                    + "\nnode 2 health " + new Api(cluster.node(2).base()).get("/health", null).text()
                    + "\nboard " + new Api(cluster.node(1).base()).get("/api/boards/" + board, observerToken).text(), e);
        }
        System.out.println("B saw A's new note " + E2E.elapsed(killed).toMillis() + " ms after the kill");
        E2E.awaitStatusWithin(a, "connected", FAILOVER);
        // A's sockets are on live nodes now: nodes 1 and 2 hold both browsers' two sockets each (the
        // board and the workshop's room, FA-1).
        Poll.until("four sockets on nodes 1 and 2", FAILOVER, () -> connections(cluster.node(1)) + connections(cluster.node(2)) == 4);

        Api live = new Api(cluster.node(1).base());
        String observer = workshop.path("tokens").path("observer").asText();
        JsonNode items = E2E.items(live, board, observer);
        assertEquals("Voor de crash", items.path(before).path("text").path("v").asText());
        assertEquals("Na de crash", items.path(after).path("text").path("v").asText());
        assertEquals(2, E2E.liveItems(live, board, observer), "two notes, no duplicate");
        assertEquals("Na de crash", E2E.noteText(a, after));
    }

    static String status(Browser browser) {
        return browser.driver.findElement(org.openqa.selenium.By.id("connection-status")).getDomAttribute("data-status");
    }

    static String token(JsonNode workshop) {
        return workshop.path("tokens").path("observer").asText();
    }

    static int connections(NodeProcess n) {
        return new Api(n.base()).get("/health", null).body().path("connections").asInt();
    }
}
