package be.samenbord.cluster;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.ClusterNodes;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.Postgres;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rule ME-1 in a cluster: the owner unloads an idle board like a single node does (its state is in
 * the tail and PostgreSQL), loads it again on the next use from any node, and a SIGKILL of the
 * owner right after the unload loses nothing: the next owner loads it from PostgreSQL and the tail.
 */
class ClusterIdleUnloadIT {

    private static int loaded(NodeProcess n) {
        return new Api(n.base()).get("/health", null).body().path("boards").asInt();
    }

    @Test
    @DisplayName("ME-1, CU-4, CU-5, OP-4: a cluster's owner unloads an idle board and loads it again; killed right after an unload, nothing is lost")
    void unloadAndReloadInACluster() {
        try (Postgres pg = Postgres.start();
             ClusterNodes cluster = new ClusterNodes(2, pg.createDatabase("cluster_unload"),
                     // Two members, one killed: the survivor may serve alone only with a quorum of one (CU-8).
                     Map.of("SAMENBORD_BOARD_IDLE_MS", "300", "SAMENBORD_CLUSTER_QUORUM", "1")).startAll(2)) {
            for (NodeProcess n : cluster.nodes()) {
                Poll.until("2 members", Duration.ofSeconds(30), () -> ClusterNodes.memberCount(n) == 2);
            }
            Api api = new Api(cluster.node(0).base());
            JsonNode w = api.createWorkshop("Lossen in een cluster", "three-b");
            String board = w.path("boards").get(0).path("id").asText();
            String token = w.path("tokens").path("participant").asText();
            OpsBuilder ops = new OpsBuilder("replicaCLUS");
            ObjectNode first = ops.note("c-0", "n-0", "notitie 0", "keep");
            try (WsClient c = WsClient.connect(cluster.node(1).base())) {
                c.join(token, board, "replicaCLUS", "Cluster");
                c.send(first);
                c.next("ack");
                for (int i = 1; i < 20; i++) {
                    c.send(ops.note("c-" + i, "n-" + i, "notitie " + i, "keep"));
                    c.next("ack");
                }
            }
            String ownerId = api.get("/api/boards/" + board, token).body().path("owner").asText();
            NodeProcess owner = cluster.byId(ownerId);
            Poll.until("the owner unloads the board", Duration.ofSeconds(10), () -> loaded(owner) == 0);
            JsonNode before = new Api(cluster.node(1).base()).get("/api/boards/" + board, token).body();
            assertEquals(20, before.path("seq").asLong(), "loaded again for a read on the other node");
            assertEquals(20, before.path("items").size());
            Poll.until("unloaded again", Duration.ofSeconds(10), () -> loaded(owner) == 0);
            owner.kill();

            NodeProcess survivor = cluster.nodes().stream().filter(n -> n != owner).findFirst().orElseThrow();
            Poll.until("one member left", Duration.ofSeconds(30), () -> ClusterNodes.memberCount(survivor) == 1);
            Api other = new Api(survivor.base());
            Poll.until("the survivor serves the board", Duration.ofSeconds(30),
                    () -> other.get("/api/boards/" + board, token).status() == 200);
            JsonNode after = other.get("/api/boards/" + board, token).body();
            assertEquals(before.path("items"), after.path("items"));
            assertEquals(20, after.path("seq").asLong());
            try (WsClient c = WsClient.connect(survivor.base())) {
                c.join(token, board, "replicaCLUS", "Cluster");
                c.send(first);
                assertEquals(1, c.next("ack").path("seq").asLong(), "a resend is a duplicate on the new owner too");
            }
        }
    }
}
