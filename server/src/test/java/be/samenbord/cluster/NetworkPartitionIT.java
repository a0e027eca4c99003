package be.samenbord.cluster;

import be.samenbord.board.BoardState;
import be.samenbord.board.Register;
import be.samenbord.store.PgStore;
import be.samenbord.store.SharedStore;
import be.samenbord.testkit.Api;
import be.samenbord.testkit.ClusterNodes;
import be.samenbord.testkit.MemberSwitch;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.Postgres;
import be.samenbord.testkit.ResilientClient;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, finding 5: nothing stopped both halves of a split cluster from acknowledging batches of
 * one board, and PostgreSQL then kept whichever {@code (board, seq)} came first. Three member
 * processes whose member-to-member traffic runs through a {@link MemberSwitch}; node 3 is cut off
 * from nodes 1 and 2 while clients stream to all three boards' worth of nodes.
 *
 * <p>What the cut covers: Hazelcast's member connections, both ways (membership, partitions, the
 * tails and their backups). Not the clustered event bus, which has no fixed port to proxy; it only
 * carries sessions to a board's owner, and once each side has dropped the other's members neither
 * side sends anything over it to the other. So the checks hold with it cut too: the minority
 * refuses because its tails map refuses (CU-8), not because a message could not get through.
 */
class NetworkPartitionIT {

    private static final int BOARDS = 3;
    private static final long T0 = System.nanoTime();

    /** Progress with the time since the test class loaded: a slow stage shows where the time went. */
    private static void stage(String what) {
        System.out.printf("NetworkPartitionIT +%.1fs: %s%n", (System.nanoTime() - T0) / 1e9, what);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    @DisplayName("CU-8 (finding 5): a member cut off from the other two acknowledges nothing and refuses hellos (unavailable, 1013)"
            + " while the two carry on; after the cut heals every acknowledged batch is there once, in PostgreSQL too, and replicas are equal")
    void minorityNeverAcknowledges() throws Exception {
        try (Postgres pg = Postgres.start(); MemberSwitch sw = new MemberSwitch(3)) {
            String db = pg.createDatabase("partition");
            try (ClusterNodes c = new ClusterNodes(3, db, Map.of("SAMENBORD_CLUSTER_MEMBERS", sw.members()), sw::env);
                 Streamers s = new Streamers()) {
                for (int i = 0; i < 3; i++) {
                    c.startNext();
                    sw.connect(i);
                }
                for (NodeProcess n : c.nodes()) {
                    Poll.until("3 members on " + n.base(), Duration.ofSeconds(60), () -> ClusterNodes.memberCount(n) == 3);
                }
                String[] templates = new String[BOARDS];
                java.util.Arrays.fill(templates, "windroos");
                JsonNode w = new Api(c.node(0).base()).createWorkshop("Gesplitst", templates);
                String token = w.path("tokens").path("participant").asText();
                List<String> boards = new ArrayList<>();
                w.path("boards").forEach(b -> boards.add(b.path("id").asText()));
                // One client per board and node it starts on: each also fails over to the others.
                for (int b = 0; b < BOARDS; b++) {
                    for (int n = 0; n < 3; n++) s.add(c.bases(), n, token, boards.get(b), "p" + b + n, 1_200, 4, 100);
                }
                stage("cluster up, clients streaming");
                Poll.until("100 acks before the cut", Duration.ofSeconds(60), () -> s.totalAcks() >= 100);
                stage("cutting node 3 off");

                NodeProcess minority = c.node(2);
                String cutOff = minority.base();
                sw.split(2);
                long cutAt = System.nanoTime();
                Poll.until("node 3 alone, nodes 1 and 2 together", Duration.ofSeconds(40), () -> ClusterNodes.memberCount(minority) == 1
                        && ClusterNodes.memberCount(c.node(0)) == 2 && ClusterNodes.memberCount(c.node(1)) == 2);
                long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt);
                stage("split seen");
                int acksViaMinority = sum(s, cl -> cl.acksVia(cutOff));
                int welcomesViaMinority = sum(s, cl -> cl.welcomesVia(cutOff));
                int acksAtSplit = s.totalAcks();

                // A new session on the minority: refused with unavailable and closed with 1013, for every board.
                for (String board : boards) {
                    try (WsClient probe = WsClient.connect(cutOff)) {
                        probe.send(WsClient.hello(token, board, "probe-" + board.substring(0, 8), "Probe"));
                        JsonNode reply = probe.next(f -> f.path("t").asText().equals("welcome") || f.path("t").asText().equals("error"));
                        assertEquals("error unavailable", reply.path("t").asText() + " " + reply.path("code").asText(),
                                "hello on the minority for board " + board + " (a welcome has seq " + reply.path("seq").asText() + ")");
                        assertEquals(1013, probe.awaitClose(), "the minority closes with 1013 (try again later)");
                    }
                }
                // The majority carries on meanwhile, and the clients that were on node 3 moved there.
                Poll.until("150 more acks on the majority side", Duration.ofSeconds(60), () -> s.totalAcks() >= acksAtSplit + 150);
                assertEquals(acksViaMinority, sum(s, cl -> cl.acksVia(cutOff)), "the minority acknowledged a batch after it was cut off");
                assertEquals(welcomesViaMinority, sum(s, cl -> cl.welcomesVia(cutOff)), "the minority welcomed a session after it was cut off");
                int acksInSplit = s.totalAcks() - acksAtSplit;

                stage("healing");
                sw.heal();
                long healAt = System.nanoTime();
                for (NodeProcess n : c.nodes()) {
                    Poll.until("3 members again on " + n.base(), Duration.ofSeconds(60), () -> ClusterNodes.memberCount(n) == 3);
                }
                long mergedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healAt);
                stage("merged");
                Poll.until("acks after the merge", Duration.ofSeconds(60), () -> s.totalAcks() >= acksAtSplit + acksInSplit + 60);
                s.stopSending();
                s.awaitAllAcked(Duration.ofSeconds(90));
                stage("every batch acknowledged; checking");

                int total = 0;
                try {
                    for (String base : c.bases()) {
                        stage("verifying on " + base);
                        total = s.verify(base);
                    }
                } catch (AssertionError e) {
                    dumpLogs(c);
                    dumpHistory(db, boards);
                    throw e;
                }
                for (String board : boards) {
                    JsonNode view = served(c.node(0).base(), board, token);
                    for (String base : c.bases()) {
                        JsonNode other = served(base, board, token);
                        assertEquals(view.path("seq").asLong(), other.path("seq").asLong(), "seq of " + board + " on " + base);
                        assertEquals(ResilientClient.canonical(view.path("items")), ResilientClient.canonical(other.path("items")),
                                "board " + board + " on " + base);
                    }
                    assertStoredInPostgres(db, pg, board, view);
                }
                System.out.printf("NetworkPartitionIT: %d acknowledged batches on %d boards (%d while node 3 was cut off, none by it;"
                                + " split seen in %d ms, merged %d ms after healing; %d member connections refused), all present once on"
                                + " every node and in PostgreSQL, %d reconnects, replicas equal%n",
                        total, BOARDS, acksInSplit, detectedMs, mergedMs, sw.refused(), s.reconnects());
                assertEquals(0, sw.unknownSources(), "every member connection came from its member's outbound ports");
            }
        }
    }

    /** The node logs, for a failure to be explained: server/target/partition-logs/node-<i>.log. */
    private static void dumpLogs(ClusterNodes c) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "partition-logs");
            java.nio.file.Files.createDirectories(dir);
            for (int i = 0; i < c.nodes().size(); i++) java.nio.file.Files.writeString(dir.resolve("node-" + i + ".log"), c.node(i).log());
            stage("node logs in " + dir.toAbsolutePath());
        } catch (java.io.IOException e) {
            System.err.println("could not save the node logs: " + e);
        }
    }

    /** Each board's batches as PostgreSQL holds them: seq, replica, batch id. */
    private static void dumpHistory(String db, List<String> boards) {
        Vertx vertx = Vertx.vertx();
        try {
            io.vertx.pgclient.PgConnection c = io.vertx.pgclient.PgConnection.connect(vertx, db).await();
            for (String board : boards) {
                StringBuilder out = new StringBuilder("NetworkPartitionIT: PostgreSQL's batches of " + board + ":");
                c.preparedQuery("SELECT seq, batch FROM batches WHERE board = $1 ORDER BY seq").execute(io.vertx.sqlclient.Tuple.of(board))
                        .await().forEach(r -> out.append(' ').append(r.getLong(0)).append('=').append(r.getString(1)));
                System.out.println(out);
            }
            c.close().await();
        } catch (RuntimeException e) {
            System.err.println("could not read the batches: " + e);
        } finally {
            vertx.close().await();
        }
    }

    /** The REST view of a board once the node serves it (right after a merge a board may have no owner for a moment). */
    private static JsonNode served(String base, String board, String token) {
        Api.Reply[] reply = new Api.Reply[1];
        Poll.until("board " + board + " served by " + base, Duration.ofSeconds(30), () -> {
            reply[0] = new Api(base).get("/api/boards/" + board, token);
            return reply[0].status() == 200;
        });
        return reply[0].body();
    }

    private static int sum(Streamers s, java.util.function.ToIntFunction<ResilientClient> f) {
        return s.streams().stream().mapToInt(st -> f.applyAsInt(st.client())).sum();
    }

    /** The board as PostgreSQL holds it (what a restarted cluster would load) equals the view: nothing twice, nothing lost. */
    private static void assertStoredInPostgres(String db, Postgres pg, String board, JsonNode view) throws Exception {
        Vertx vertx = Vertx.vertx();
        try (PgStore store = new PgStore(vertx, db)) {
            store.recover();
            Poll.until("PostgreSQL has board " + board + " up to seq " + view.path("seq").asLong(), Duration.ofSeconds(30),
                    () -> load(store, board).seq() >= view.path("seq").asLong());
            BoardState stored = load(store, board);
            assertEquals(view.path("seq").asLong(), stored.seq(), "PostgreSQL's seq of " + board);
            assertEquals(ResilientClient.canonical(view.path("items")), canonical(stored), "board " + board + " in PostgreSQL");
        } finally {
            vertx.close().await();
        }
    }

    private static BoardState load(PgStore store, String board) {
        try {
            SharedStore.BoardLoad l = store.loadBoard(board).get(30, TimeUnit.SECONDS);
            assertTrue(l.warnings().isEmpty(), "PostgreSQL holds board " + board + " whole: " + l.warnings());
            BoardState state = l.snapshot() != null ? BoardState.restore(l.snapshot()) : new BoardState(board, "windroos");
            l.batches().forEach(state::replay);
            return state;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> canonical(BoardState state) {
        Map<String, String> out = new TreeMap<>();
        for (String id : state.items().itemIds()) {
            for (Map.Entry<String, Register> f : state.items().item(id).entrySet()) {
                Register r = f.getValue();
                out.put(id + "/" + f.getKey(), r.json() + " @ " + r.stamp().ms() + "," + r.stamp().counter() + "," + r.stamp().replica());
            }
        }
        return out;
    }
}
