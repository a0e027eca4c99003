package be.samenbord.cluster;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.ClusterNodes;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.Postgres;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue "Cluster", first must-show: three node processes on 127.0.0.1 in one Hazelcast cluster;
 * clients on node 1, 2 and 3 on the same board see each other's ops and presence, and every node
 * answers for every board.
 */
class ClusterIT {

    private static final int MAX_ITEMS = 20;
    private static Postgres pg;
    private static ClusterNodes cluster;

    @BeforeAll
    static void startCluster() {
        pg = Postgres.start();
        // The shipped frame rate (ClusterNodes lifts it for streaming tests) and a small item cap, so
        // boundsHoldForARelayedSession can reach LI-4 and LI-13; the other tests stay far below both.
        cluster = new ClusterNodes(3, pg.createDatabase("cluster_fanout"), Map.of("SAMENBORD_RATE_LIMIT", "100",
                "SAMENBORD_RATE_BURST", "200", "SAMENBORD_MAX_ITEMS_PER_BOARD", Integer.toString(MAX_ITEMS))).startAll(3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
        if (pg != null) pg.close();
    }

    @Test
    @DisplayName("CU-1: every node reports the three members in /health and lists the three node URLs")
    void membership() {
        for (NodeProcess n : cluster.nodes()) {
            Poll.until("3 members on " + n.base(), Duration.ofSeconds(30), () -> ClusterNodes.memberCount(n) == 3);
            JsonNode nodes = new Api(n.base()).get("/api/nodes", null).body().path("nodes");
            // Each node advertises its public URL (here the default http://localhost:<port>).
            List<String> ports = new ArrayList<>();
            nodes.forEach(u -> ports.add(u.asText().replaceFirst(".*:", "")));
            assertEquals(cluster.bases().stream().map(b -> b.replaceFirst(".*:", "")).sorted().toList(), ports.stream().sorted().toList());
        }
    }

    @Test
    @DisplayName("RT-1: a hello with caps [\"route\"] on a node that does not own the board gets a redirect to the owner's node URL"
            + " and close 1000 (no session there); on the owner it is welcomed; without route it is relayed; a bad token is refused, never redirected")
    void helloIsRedirectedToTheOwner() {
        JsonNode w = new Api(cluster.node(0).base()).createWorkshop("Doorsturen", "three-b");
        String board = w.path("boards").get(0).path("id").asText();
        String token = w.path("tokens").path("participant").asText();
        String owner = new Api(cluster.node(0).base()).get("/api/boards/" + board, token).body().path("owner").asText();
        NodeProcess ownerNode = cluster.byId(owner);
        NodeProcess other = cluster.nodes().stream().filter(n -> n != ownerNode).findFirst().orElseThrow();
        double before = ClusterNodes.redirects(other);

        String url;
        try (WsClient c = WsClient.connect(other.base())) {
            c.send(WsClient.routedHello(token, board, "replica-route-1", "Ann"));
            JsonNode r = c.next(f -> !f.path("t").asText().equals("ping"));
            assertEquals("redirect", r.path("t").asText(), "reply to a routed hello on a non-owner: " + r);
            assertEquals(board, r.path("board").asText());
            url = r.path("url").asText();
            assertEquals(port(ownerNode.base()), port(url), "the redirect names the owner's URL: " + url);
            assertEquals(1000, c.awaitClose());
        }
        assertEquals(before + 1, ClusterNodes.redirects(other), "samenbord_redirects_total counts the redirect");
        try (WsClient c = WsClient.connect(url)) {
            c.send(WsClient.routedHello(token, board, "replica-route-1", "Ann"));
            JsonNode r = c.next(f -> f.path("t").asText().equals("welcome") || f.path("t").asText().equals("redirect"));
            assertEquals("welcome", r.path("t").asText(), "the owner welcomes a routed hello");
        }
        try (WsClient c = WsClient.connect(other.base())) {
            assertEquals("welcome", c.join(token, board, "replica-route-2", "Bart").path("t").asText(), "a hello without route is relayed");
        }
        try (WsClient c = WsClient.connect(other.base())) {
            c.send(WsClient.routedHello("not-a-token-of-this-node", board, "replica-route-3", "Eve"));
            JsonNode r = c.next(f -> !f.path("t").asText().equals("ping"));
            assertEquals("error unauthorized", r.path("t").asText() + " " + r.path("code").asText(), "a routed hello with a bad token: " + r);
        }
    }


    private static String port(String url) {
        return url.replaceFirst(".*:", "").replaceAll("/.*", "");
    }


    @Test
    @DisplayName("CU-3, PR-5: clients on node 1, 2 and 3 on one board all receive each other's ops and presence (live drags too)")
    void clientsOnThreeNodesSeeEachOther() {
        JsonNode w = new Api(cluster.node(0).base()).createWorkshop("Drie knopen", "three-b");
        String board = w.path("boards").get(0).path("id").asText();
        String token = w.path("tokens").path("participant").asText();
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                WsClient c = WsClient.connect(cluster.node(i).base());
                clients.add(c);
                JsonNode welcome = c.join(token, board, "replica-n" + i, "Deelnemer " + i);
                // The welcome lists the peers already there, wherever their socket is (HE-3).
                assertEquals(i, welcome.path("peers").size(), "peers in welcome of client " + i + ": " + welcome.path("peers"));
            }
            for (int i = 0; i < 3; i++) {
                OpsBuilder ops = new OpsBuilder("replica-n" + i);
                clients.get(i).send(ops.note("b" + i, "note-" + i, "van knoop " + (i + 1), "keep"));
                clients.get(i).next("ack");
                for (int j = 0; j < 3; j++) {
                    if (j == i) continue;
                    String item = "note-" + i;
                    JsonNode frame = clients.get(j).next(f -> f.path("t").asText().equals("ops")
                            && f.path("ops").get(0).path("i").asText().equals(item));
                    assertEquals(5, frame.path("ops").size());
                }
            }
            // PR-5: a live drag rides along with the cursor, relayed across nodes like the rest of presence.
            com.fasterxml.jackson.databind.node.ObjectNode presence = WsClient.frame("presence");
            presence.set("cursor", WsClient.JSON.createArrayNode().add(120).add(80));
            presence.putArray("drag").addArray().add("note-0").add(300).add(410);
            clients.get(2).send(presence);
            for (int j = 0; j < 2; j++) {
                JsonNode p = clients.get(j).next(f -> f.path("t").asText().equals("presence")
                        && f.path("replica").asText().equals("replica-n2") && f.path("cursor").isArray());
                assertEquals(120, p.path("cursor").get(0).asInt());
                assertEquals("[[\"note-0\",300,410]]", p.path("drag").toString(), "the drag reached node " + j);
            }
            clients.get(0).close();
            for (int j = 1; j < 3; j++) {
                clients.get(j).next(f -> f.path("t").asText().equals("left") && f.path("replica").asText().equals("replica-n0"));
            }
            // Any node answers for the board, with the same state and the same owner.
            List<JsonNode> views = new ArrayList<>();
            for (NodeProcess n : cluster.nodes()) views.add(new Api(n.base()).get("/api/boards/" + board, token).body());
            for (JsonNode v : views) {
                assertEquals(views.get(0).path("items"), v.path("items"));
                assertEquals(3, v.path("seq").asLong());
                assertEquals(views.get(0).path("owner").asText(), v.path("owner").asText());
                assertTrue(v.path("owner").asText().length() > 10, "owner node id: " + v);
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    @DisplayName("FA-6, FA-8, FA-20: facilitation works from every node: control requests reach the owner, private notes stay hidden across nodes, every node counts them in the overview")
    void facilitationAcrossNodes() {
        JsonNode w = new Api(cluster.node(0).base()).createWorkshop("Begeleiden over knopen", "three-b");
        String board = w.path("boards").get(0).path("id").asText();
        String room = w.path("room").asText();
        String facilitator = w.path("tokens").path("facilitator").asText();
        String participant = w.path("tokens").path("participant").asText();
        String secret = "Alleen voor mij, tot de onthulling";
        try (WsClient r0 = WsClient.connect(cluster.node(0).base()); WsClient r2 = WsClient.connect(cluster.node(2).base());
             WsClient f = WsClient.connect(cluster.node(0).base()); WsClient a = WsClient.connect(cluster.node(1).base());
             WsClient b = WsClient.connect(cluster.node(2).base())) {
            r0.join(facilitator, room, "facilitator0", "Fien");
            r2.join(facilitator, room, "facilitator2", "Fien");
            for (WsClient r : List.of(r0, r2)) {
                r.send(WsClient.frame("control").put("request", "i1").put("action", "instruction").put("text", "Schrijf eerst alleen"));
                assertEquals("i1", r.next("done").path("request").asText());
            }
            f.join(facilitator, board, "facilitator0", "Fien");
            a.join(participant, board, "participantA1", "Anna");
            b.join(participant, board, "participantB1", "Bert");
            b.send(WsClient.frame("control").put("request", "p0").put("action", "privateStart"));
            assertEquals("forbidden", b.next("error").path("code").asText());
            f.send(WsClient.frame("control").put("request", "p1").put("action", "privateStart"));
            long privateSeq = f.next("done").path("seq").asLong();
            a.next(fr -> fr.path("t").asText().equals("ops") && fr.path("seq").asLong() == privateSeq);
            a.send(new OpsBuilder("participantA1", System.currentTimeMillis() + 1_000).note("a-1", "noteA", secret, "keep"));
            long noteSeq = a.next("ack").path("seq").asLong();
            JsonNode seenByB = b.next(fr -> fr.path("t").asText().equals("ops") && fr.path("seq").asLong() == noteSeq);
            assertEquals(0, seenByB.path("ops").size());
            for (NodeProcess n : cluster.nodes()) {
                assertTrue(!new Api(n.base()).get("/api/boards/" + board, facilitator).text().contains(secret), "hidden in REST on " + n.base());
            }
            // FA-20, FA-21: every node counts the private note (read on the board's owner) and knows
            // Bert, in the room through node 1 only, as a participant who wrote nothing yet. (Every web
            // client is in the room too, as Anna through node 2: the room's connections name people.)
            try (WsClient rb = WsClient.connect(cluster.node(1).base()); WsClient ra = WsClient.connect(cluster.node(2).base())) {
                rb.join(participant, room, "participantB1", "Bert");
                ra.join(participant, room, "participantA1", "Anna");
                for (NodeProcess n : cluster.nodes()) {
                    Api.Reply o = new Api(n.base()).get("/api/workshops/" + w.path("id").asText() + "/overview", facilitator);
                    assertEquals(200, o.status(), o.text());
                    assertTrue(!o.text().contains(secret) && !o.text().contains("noteA"), "counts only on " + n.base() + ": " + o.text());
                    JsonNode priv = o.body().path("boards").get(0).path("private");
                    assertEquals(1, priv.path("notes").asInt(), "one private note counted on " + n.base() + ": " + o.text());
                    assertTrue(priv.path("people").toString().contains("{\"name\":\"Bert\",\"notes\":0,\"done\":false}"),
                            "Bert, connected through node 1, is not done, on " + n.base() + ": " + o.text());
                    assertTrue(priv.path("people").toString().contains("{\"name\":\"Anna\",\"notes\":1,\"done\":true}"), o.text());
                    assertEquals(403, new Api(n.base()).get("/api/workshops/" + w.path("id").asText() + "/overview", participant).status());
                }
            }
            f.send(WsClient.frame("control").put("request", "r1").put("action", "reveal"));
            long revealSeq = f.next("done").path("seq").asLong();
            assertTrue(b.next(fr -> fr.path("t").asText().equals("ops") && fr.path("seq").asLong() == revealSeq).toString().contains(secret));

            // A copies breakout asked on node 2: the boards are made and announced before the room names them.
            com.fasterxml.jackson.databind.node.ObjectNode start = WsClient.frame("control").put("request", "b1")
                    .put("action", "breakoutStart").put("mode", "copies").put("template", "three-b");
            start.putArray("groups").addObject().putArray("members").add("participantA1");
            r2.send(start);
            r2.next("done");
            String groupBoard = new Api(cluster.node(1).base()).get("/api/boards/" + room, participant).body()
                    .path("items").path("group-1").path("board").path("v").asText();
            for (NodeProcess n : cluster.nodes()) {
                assertEquals(200, new Api(n.base()).get("/api/boards/" + groupBoard, participant).status(), "group board on " + n.base());
            }
        }
    }

    @Test
    @DisplayName("Trust at the edge holds in a cluster (ID-2, ID-5..ID-7, IN-1, TX-6): impostors refused, private ids unseen and unwritable, ill-formed text refused, on every node")
    void edgeHoldsInTheCluster() {
        JsonNode w = new Api(cluster.node(0).base()).createWorkshop("Vertrouwen", "three-b");
        String board = w.path("boards").get(0).path("id").asText();
        String participant = w.path("tokens").path("participant").asText();
        String facilitator = w.path("tokens").path("facilitator").asText();
        java.util.Random random = new java.util.Random(13);
        be.samenbord.testkit.Seat anna = be.samenbord.testkit.Seat.random(random);
        be.samenbord.testkit.Seat bram = be.samenbord.testkit.Seat.random(random);
        String secret = "Bannen: overuren die niemand ziet";
        try (WsClient f = WsClient.connect(cluster.node(1).base());
             WsClient a = WsClient.connect(cluster.node(0).base());
             WsClient b = WsClient.connect(cluster.node(2).base())) {
            f.join(facilitator, board, "facilitator1", "Fien");
            anna.join(a, participant, board, "tab1", "Anna");
            bram.join(b, participant, board, "tab1", "Bram");
            for (NodeProcess n : cluster.nodes()) {
                try (WsClient impostor = WsClient.connect(n.base())) {
                    impostor.send(WsClient.hello(participant, board, anna.replica("tab1"), "Anna"));
                    impostor.nextError("forbidden");
                    impostor.send(bram.hello(participant, board, anna.replica("tab1"), "Anna"));
                    impostor.nextError("forbidden");
                }
            }
            f.send(WsClient.control("p1", "privateStart"));
            long privateSeq = f.next("done").path("seq").asLong();
            b.opsAt(privateSeq);
            a.opsAt(privateSeq);
            OpsBuilder ao = new OpsBuilder(anna.replica("tab1"), System.currentTimeMillis() + 1_000);
            a.send(ao.note("a-1", "noteA", secret, "drop"));
            long noteSeq = a.next("ack").path("seq").asLong();
            b.opsAt(noteSeq);
            a.send(WsClient.frame("presence").putNull("cursor").set("selection", WsClient.JSON.createArrayNode().add("noteA")));
            // A later presence of Anna's with a cursor: once Bram has it, he has had the one before it.
            a.send(WsClient.frame("presence").set("cursor", WsClient.JSON.createArrayNode().add(7).add(7)));
            b.next(p -> p.path("t").asText().equals("presence") && p.path("replica").asText().equals(anna.replica("tab1"))
                    && p.path("cursor").toString().equals("[7,7]"));
            OpsBuilder bo = new OpsBuilder(bram.replica("tab1"), System.currentTimeMillis() + 2_000);
            b.send(OpsBuilder.batch("b-1", bo.op("noteA", "kind", "note")));
            b.nextError("forbidden");
            b.send("{\"t\":\"ops\",\"batch\":\"b-2\",\"ops\":[{\"i\":\"n9\",\"f\":\"text\",\"v\":\"x\\ud800\",\"s\":["
                    + System.currentTimeMillis() + ",0,\"" + bram.replica("tab1") + "\"]}]}");
            assertEquals("b-2", b.nextError("invalid_op").path("batch").asText());
            // (Bram's own refused batch names noteA in its error: he wrote that id himself here.)
            List<JsonNode> leaked = b.all().stream().filter(fr -> !fr.path("t").asText().equals("error"))
                    .filter(fr -> fr.toString().contains("noteA") || fr.toString().contains(secret)).toList();
            assertEquals(List.of(), leaked, "nothing of Anna's private note reached Bram through the relay");
            b.send(bo.note("b-3", "noteB", "Bereiken: pauzes", "achieve-short"));
            b.next(fr -> fr.path("t").asText().equals("ack") && fr.path("batch").asText().equals("b-3"));
        }
    }

    @Test
    @DisplayName("LI-1, LI-4, LI-13 hold for a session relayed by a node that does not own the board: too_large with its batch id past the item cap,"
            + " 1009 for a frame over 1 MiB, 1008 for a ping flood; the user on the owner keeps getting acks and nothing is lost")
    void boundsHoldForARelayedSession() {
        JsonNode w = new Api(cluster.node(0).base()).createWorkshop("Grenzen over knopen", "three-b");
        String board = w.path("boards").get(0).path("id").asText();
        String token = w.path("tokens").path("participant").asText();
        String owner = new Api(cluster.node(0).base()).get("/api/boards/" + board, token).body().path("owner").asText();
        NodeProcess ownerNode = cluster.byId(owner);
        NodeProcess relay = cluster.nodes().stream().filter(n -> n != ownerNode).findFirst().orElseThrow();
        assertNotEquals(owner, ClusterNodes.nodeId(relay), "the relayed sessions' node must not own the board");
        List<String> acked = new ArrayList<>();
        try (WsClient user = WsClient.connect(ownerNode.base()); WsClient relayed = WsClient.connect(relay.base())) {
            user.join(token, board, "replicaOWNUSER", "Uma");
            relayed.join(token, board, "replicaRELAY1", "Ruben");
            OpsBuilder userOps = new OpsBuilder("replicaOWNUSER");
            OpsBuilder relayedOps = new OpsBuilder("replicaRELAY1");

            relayed.send(notes(relayedOps, "r-eight", "relayed", 8));
            assertEquals("ack", reply(relayed, "r-eight").path("t").asText());
            for (int i = 0; i < 8; i++) acked.add("relayed" + i);
            userWrites(user, userOps, "user-1", acked);
            // LI-13 on the owner, answered through the relay: 9 items + 12 would pass the cap of 20.
            relayed.send(notes(relayedOps, "r-twelve", "refused", 12));
            JsonNode refused = reply(relayed, "r-twelve");
            assertEquals("error too_large", refused.path("t").asText() + " " + refused.path("code").asText(), refused.toString());
            assertTrue(refused.path("message").asText().contains("at most " + MAX_ITEMS + " items; this batch would make 21"), refused.toString());
            userWrites(user, userOps, "user-2", acked);
            // LI-1: the relaying node's WebSocket layer cuts the frame; the board is not touched.
            relayed.send("{\"t\":\"presence\",\"x\":\"" + "a".repeat(1_200_000) + "\"}");
            assertEquals(1009, relayed.awaitClose());
            user.next(f -> f.path("t").asText().equals("left") && f.path("replica").asText().equals("replicaRELAY1"));
            userWrites(user, userOps, "user-3", acked);

            // LI-4: a ping flood on a second relayed session, while the user on the owner writes on.
            try (WsClient flooder = WsClient.connect(relay.base())) {
                flooder.join(token, board, "replicaRELAY2", "Flo");
                java.util.concurrent.CompletableFuture<Integer> flood = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    int sent = 0;
                    // Bounded: far past the 20 x burst (4,000) dropped frames that end a connection.
                    while (sent < 20_000 && !flooder.isClosed() && flooder.ping()) sent++;
                    return sent;
                });
                int during = 0;
                while (!flood.isDone()) userWrites(user, userOps, "user-flood-" + during++, acked);
                int sent = flood.join();
                // The pings a fast client buffers before the close reaches it can be all 20,000; what
                // counts is that the node closes the flood (awaitClose fails after 20 s otherwise).
                assertEquals(1008, flooder.awaitClose(), "the flood is cut off with 1008 (" + sent + " pings written)");
                userWrites(user, userOps, "user-4", acked);
            }
            // A new relayed session on the same node is welcomed with everything acked, and writes.
            try (WsClient again = WsClient.connect(relay.base())) {
                JsonNode welcome = again.join(token, board, "replicaRELAY3", "Rita");
                for (String item : acked) assertTrue(welcome.path("snapshot").has(item), item + " in the welcome: " + welcome);
                again.send(new OpsBuilder("replicaRELAY3").note("r-after", "relayedAfter", "nog steeds", "keep"));
                assertEquals("ack", reply(again, "r-after").path("t").asText());
                acked.add("relayedAfter");
            }
        }
        assertEquals(owner, ClusterNodes.nodeId(ownerNode), "ownership did not move");
        assertEquals(owner, new Api(relay.base()).get("/api/boards/" + board, token).body().path("owner").asText());
        for (NodeProcess n : cluster.nodes()) {
            JsonNode items = new Api(n.base()).get("/api/boards/" + board, token).body().path("items");
            List<String> ids = new ArrayList<>();
            items.fieldNames().forEachRemaining(ids::add);
            assertEquals(acked.stream().sorted().toList(), ids.stream().sorted().toList(), "every acked note, nothing refused, on " + n.base());
            assertEquals("user-4", items.path("userNote").path("text").path("v").asText(), "the user's last acked edit on " + n.base());
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode notes(OpsBuilder ops, String batch, String prefix, int count) {
        com.fasterxml.jackson.databind.node.ObjectNode b = OpsBuilder.batch(batch);
        for (int i = 0; i < count; i++) {
            ops.note("x", prefix + i, prefix + " " + i, "keep").get("ops").forEach(((com.fasterxml.jackson.databind.node.ArrayNode) b.get("ops"))::add);
        }
        return b;
    }

    private static JsonNode reply(WsClient c, String batch) {
        return c.next(f -> f.path("batch").asText().equals(batch) && (f.path("t").asText().equals("ack") || f.path("t").asText().equals("error")));
    }

    /** The user on the owner edits one note of its own (no new item past the first): acked, never refused. */
    private static void userWrites(WsClient user, OpsBuilder ops, String batch, List<String> acked) {
        if (!acked.contains("userNote")) {
            user.send(ops.note(batch, "userNote", batch, "keep"));
            acked.add("userNote");
        } else {
            user.send(OpsBuilder.batch(batch, ops.op("userNote", "text", batch)));
        }
        assertEquals("ack", reply(user, batch).path("t").asText(), "the owner's user, batch " + batch);
    }
}
