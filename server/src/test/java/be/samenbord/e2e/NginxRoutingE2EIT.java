package be.samenbord.e2e;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.Browser;
import be.samenbord.testkit.ClusterNodes;
import be.samenbord.testkit.MemberPorts;
import be.samenbord.testkit.Nginx;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.Postgres;
import be.samenbord.testkit.Screenshots;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, routing (RT-1): three nodes behind a real nginx running docker/nginx.conf, each node
 * reachable on its own path there ({@code SAMENBORD_NODE_URL=/n/nodeN}), links pointing at nginx.
 * A hello that nginx hands to a node not owning the board is sent on to the owner's path; browsers
 * end up with every socket on the owner of its board; when an owner dies, the browser finds the new
 * owner through nginx and its node list (GET /api/nodes, CU-7).
 */
@ExtendWith(Screenshots.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NginxRoutingE2EIT {

    static final Duration FAILOVER = Duration.ofSeconds(40);

    static Postgres pg;
    static ClusterNodes cluster;
    static Nginx nginx;
    static Browser a;
    static Browser b;
    static JsonNode workshop;

    @BeforeAll
    static void start() {
        pg = Postgres.start();
        int lbPort = MemberPorts.free();
        String lb = "http://127.0.0.1:" + lbPort;
        cluster = new ClusterNodes(3, pg.createDatabase("nginx_routing"), Map.of("SAMENBORD_PUBLIC_URL", lb),
                i -> Map.of("SAMENBORD_NODE_URL", "/n/node" + (i + 1))).startAll(3);
        for (NodeProcess n : cluster.nodes()) {
            Poll.until("3 members on " + n.base(), Duration.ofSeconds(30), () -> ClusterNodes.memberCount(n) == 3);
        }
        List<Integer> ports = cluster.nodes().stream().map(n -> Integer.parseInt(n.base().replaceFirst(".*:", ""))).toList();
        nginx = Nginx.start(Path.of("..", "docker", "nginx.conf"), ports, lbPort);
        workshop = new Api(nginx.base()).createWorkshop("Achter nginx", "three-b");
    }

    @AfterAll
    static void stop() {
        E2E.closeAll(a, b, nginx, cluster, pg);
    }

    @Test
    @Order(1)
    @DisplayName("RT-1, CU-7: through nginx, GET /api/nodes lists the node paths, and a routed hello that lands on a non-owner is sent to /n/<owner>, where it is welcomed")
    void helloThroughNginxReachesTheOwner() {
        Api api = new Api(nginx.base());
        JsonNode nodes = api.get("/api/nodes", null).body().path("nodes");
        List<String> listed = new ArrayList<>();
        nodes.forEach(n -> listed.add(n.asText()));
        assertEquals(List.of("/n/node1", "/n/node2", "/n/node3"), listed.stream().sorted().toList());

        String board = workshop.path("boards").get(0).path("id").asText();
        String token = workshop.path("tokens").path("participant").asText();
        String ownerPath = "/n/node" + (ownerIndex(board) + 1);
        // nginx hands connections out round robin: within three one lands on a node that is not the owner.
        String redirect = null;
        for (int attempt = 0; attempt < 6 && redirect == null; attempt++) {
            try (WsClient c = WsClient.connect(nginx.base())) {
                c.send(WsClient.routedHello(token, board, "replica-nginx-" + attempt, "Ann"));
                JsonNode r = c.next(f -> f.path("t").asText().equals("welcome") || f.path("t").asText().equals("redirect")
                        || f.path("t").asText().equals("error"));
                assertTrue(r.path("t").asText().matches("welcome|redirect"), "reply through nginx: " + r);
                if (r.path("t").asText().equals("redirect")) redirect = r.path("url").asText();
            }
        }
        assertEquals(ownerPath, redirect, "a redirect to the owner's path on nginx");
        int before = connections(cluster.node(ownerIndex(board)));
        try (WsClient c = WsClient.connect(nginx.base() + redirect)) {
            c.send(WsClient.routedHello(token, board, "replica-nginx-owner", "Ann"));
            JsonNode r = c.next(f -> !f.path("t").asText().equals("ping"));
            assertEquals("welcome", r.path("t").asText(), "on " + redirect + ": " + r);
            assertEquals(before + 1, connections(cluster.node(ownerIndex(board))), "the session is on the owner itself");
        }
    }

    @Test
    @Order(2)
    @DisplayName("RT-1 in the browser: two participants through nginx have every socket (board and room) on the owner of its board and see each other's notes;"
            + " the owner is SIGKILLed and both find the new owner through nginx, nothing typed is lost")
    void browsersSitOnTheOwners() {
        String board = workshop.path("boards").get(0).path("id").asText();
        String room = workshop.path("room").asText();
        String link = workshop.path("links").path("participant").asText();
        assertTrue(link.startsWith(nginx.base()), "links point at nginx: " + link);
        a = Browser.start();
        b = Browser.start();
        E2E.join(a, link, null, "Anna");
        E2E.join(b, link, null, "Bert");
        Poll.until("four sockets, each on the owner of its board", Duration.ofSeconds(20), () -> socketsOnOwners(board, room));
        String first = E2E.createNoteIn(a, "keep");
        E2E.type(a, "Via nginx bij de eigenaar");
        b.waitFor(d -> "Via nginx bij de eigenaar".equals(E2E.noteText(b, first)), "B sees A's note");

        NodeProcess owner = cluster.node(ownerIndex(board));
        owner.kill();
        String after = E2E.createNoteIn(a, "drop");
        E2E.type(a, "Na het wegvallen van de eigenaar");
        Poll.until("B sees A's note made after the owner died", FAILOVER, () -> "Na het wegvallen van de eigenaar".equals(E2E.noteText(b, after)));
        E2E.awaitStatusWithin(a, "connected", FAILOVER);
        E2E.awaitStatusWithin(b, "connected", FAILOVER);
        try {
            Poll.until("the sockets on the new owners", FAILOVER, () -> socketsOnOwners(board, room));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + where(board, room), e);
        }
        String observer = workshop.path("tokens").path("observer").asText();
        JsonNode items = E2E.items(new Api(nginx.base()), board, observer);
        assertEquals("Via nginx bij de eigenaar", items.path(first).path("text").path("v").asText());
        assertEquals("Na het wegvallen van de eigenaar", items.path(after).path("text").path("v").asText());
    }

    /** Whether each live node holds exactly the sockets of the boards it owns (two browsers: board and room each). */
    private static boolean socketsOnOwners(String board, String room) {
        try {
            return socketsOnOwnersNow(board, room);
        } catch (RuntimeException | AssertionError movingOrDown) {
            return false;
        }
    }

    private static boolean socketsOnOwnersNow(String board, String room) {
        Map<Integer, Integer> expected = new HashMap<>();
        expected.merge(ownerIndex(board), 2, Integer::sum);
        expected.merge(ownerIndex(room), 2, Integer::sum);
        for (int i = 0; i < 3; i++) {
            NodeProcess n = cluster.node(i);
            if (!n.alive()) continue;
            if (connections(n) != expected.getOrDefault(i, 0)) return false;
        }
        return true;
    }

    /** The owners and each live node's sockets and redirects, for a failure message. */
    private static String where(String board, String room) {
        StringBuilder out = new StringBuilder();
        try {
            out.append("board owner node ").append(ownerIndex(board) + 1).append(", room owner node ").append(ownerIndex(room) + 1);
        } catch (RuntimeException | AssertionError e) {
            out.append("owners unknown: ").append(e.getMessage());
        }
        for (int i = 0; i < 3; i++) {
            NodeProcess n = cluster.node(i);
            if (!n.alive()) continue;
            out.append("; node ").append(i + 1).append(": ").append(connections(n)).append(" sockets, redirects ")
                    .append(ClusterNodes.redirects(n));
        }
        return out.toString();
    }

    private static int ownerIndex(String board) {
        String token = workshop.path("tokens").path("observer").asText();
        String owner = new Api(nginx.base()).get("/api/boards/" + board, token).body().path("owner").asText();
        for (int i = 0; i < 3; i++) {
            if (cluster.node(i).alive() && ClusterNodes.nodeId(cluster.node(i)).equals(owner)) return i;
        }
        throw new AssertionError("no live node is the owner " + owner);
    }

    private static int connections(NodeProcess n) {
        return new Api(n.base()).get("/health", null).body().path("connections").asInt();
    }

}
