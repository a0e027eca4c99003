package be.samenbord.cluster;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.ClusterNodes;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.Postgres;
import be.samenbord.testkit.ResilientClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Finding 2 of issue 13 in a cluster: acks kept coming from the Hazelcast tails while PostgreSQL
 * was down, the unpersisted backlog grew without bound, /health said UP and batches that failed
 * to persist were never written again. Now the backlog is bounded (SAMENBORD_CLUSTER_BACKLOG,
 * rule CU-11), the owner's /health shows the outage, and everything is written once PostgreSQL is
 * back (rules DU-5, CU-4).
 */
class ClusterPostgresOutageIT {

    private static final int BOUND = 150;
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    @DisplayName("CU-11, DU-5, RE-1: PostgreSQL stopped 10 s under load on a 3-node cluster: the backlog stops at its bound, the outage shows, everything acknowledged reaches PostgreSQL after it")
    void postgresStoppedUnderLoadOnAClusterLosesNothing() {
        try (Postgres pg = Postgres.start()) {
            String board;
            String token;
            List<ResilientClient> writers = new ArrayList<>();
            try (ClusterNodes c = new ClusterNodes(3, pg.url(), Map.of("SAMENBORD_CLUSTER_BACKLOG", String.valueOf(BOUND))).startAll(3)) {
                JsonNode w = new Api(c.node(0).base()).createWorkshop("Storing in de cluster", "windroos");
                board = w.path("boards").get(0).path("id").asText();
                token = w.path("tokens").path("participant").asText();
                String owner = new Api(c.node(1).base()).get("/api/boards/" + board, token).body().path("owner").asText();
                Api ownerApi = new Api(c.byId(owner).base());
                List<OpsBuilder> ops = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    writers.add(new ResilientClient(c.bases(), i, token, board, "replicaCL0" + i).start());
                    ops.add(new OpsBuilder("replicaCL0" + i));
                }
                int[] sent = {0};
                Runnable round = () -> {
                    for (int i = 0; i < writers.size(); i++) {
                        writers.get(i).send(ops.get(i).note("b-" + sent[0], "n" + i + "-" + sent[0], "notitie " + sent[0], "south"));
                    }
                    sent[0]++;
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                };
                for (int r = 0; r < 50; r++) round.run();
                Poll.until("acks before the outage", Duration.ofSeconds(30), () -> writers.stream().allMatch(x -> x.unackedCount() == 0));

                pg.pause();
                long start = System.nanoTime();
                long maxBacklog = 0;
                boolean sawFailing = false;
                while (System.nanoTime() - start < OUTAGE.toNanos()) {
                    round.run();
                    if (sent[0] % 10 == 0) {
                        JsonNode h = ownerApi.get("/health", null).body();
                        maxBacklog = Math.max(maxBacklog, h.path("store").path("backlog").asLong());
                        sawFailing |= "failing".equals(h.path("store").path("state").asText());
                    }
                }
                assertTrue(sawFailing, "the owner's /health showed the outage");
                assertTrue(maxBacklog >= BOUND, "the backlog reached its bound: " + maxBacklog);
                // At most the appends already in flight pass the bound (one group of 64 per board).
                assertTrue(maxBacklog <= BOUND + 64, "the backlog stopped at its bound: " + maxBacklog);
                assertTrue(writers.stream().anyMatch(x -> x.refusals().containsKey("unavailable")), "writers were refused past the bound");

                pg.resume();
                for (int r = 0; r < 50; r++) round.run();
                Poll.until("every batch acknowledged", Duration.ofSeconds(90), () -> writers.stream().allMatch(x -> x.unackedCount() == 0));
                Poll.until("every node healthy with an empty backlog", Duration.ofSeconds(60), () -> c.nodes().stream().allMatch(n -> {
                    Api.Reply h = new Api(n.base()).get("/health", null);
                    return h.status() == 200 && h.body().path("store").path("backlog").asLong() == 0;
                }));
                writers.forEach(x -> assertEquals(List.of(), x.problems()));
                System.out.printf("ClusterPostgresOutageIT: %d rounds of 3 batches, backlog peaked at %d (bound %d), %d refusals, all acknowledged%n",
                        sent[0], maxBacklog, BOUND, writers.stream().mapToInt(x -> x.refusals().getOrDefault("unavailable", 0)).sum());
                // SIGKILL every member: what the tails held is gone, so only PostgreSQL can have it now.
            }
            Map<String, String> single = Map.of("SAMENBORD_STORE", pg.url(), "SAMENBORD_DEMO", "false");
            try (NodeProcess again = NodeProcess.start(dataDir, single)) {
                JsonNode items = new Api(again.base()).get("/api/boards/" + board, token).body().path("items");
                int checked = 0;
                for (int i = 0; i < writers.size(); i++) {
                    for (String batch : writers.get(i).acks().keySet()) {
                        String note = "n" + i + "-" + batch.substring(2);
                        assertEquals("notitie " + batch.substring(2), items.path(note).path("text").path("v").asText(),
                                "acknowledged " + note + " lost");
                        checked++;
                    }
                }
                System.out.printf("ClusterPostgresOutageIT: all %d acknowledged batches are in PostgreSQL%n", checked);
            } finally {
                writers.forEach(ResilientClient::close);
            }
        }
    }
}
