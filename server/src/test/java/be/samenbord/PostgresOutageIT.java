package be.samenbord;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.NodeProcess;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.Postgres;
import be.samenbord.testkit.ResilientClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
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
 * Finding 2 of issue 13: a node on PostgreSQL held one connection with no reconnect, so one blip
 * failed every later write until a restart, while /health said UP. Now PostgreSQL stopped for
 * 10 s under load: /health shows the outage, writers get {@code unavailable} and resend, acks
 * resume by themselves, and no acknowledged batch is lost (rules DU-5, ER-3, RE-1).
 */
class PostgresOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final int WRITERS = 3;

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("DU-5, RE-1, ER-3: PostgreSQL stopped for 10 s under load on one node: /health 503, acks resume by themselves, nothing acknowledged is lost")
    void postgresStoppedUnderLoadLosesNothingAndHeals() {
        try (Postgres pg = Postgres.start()) {
            Map<String, String> env = Map.of("SAMENBORD_STORE", pg.url(), "SAMENBORD_DEMO", "false",
                    "SAMENBORD_RATE_LIMIT", "100000", "SAMENBORD_RATE_BURST", "100000");
            String board;
            String token;
            List<ResilientClient> writers = new ArrayList<>();
            try (NodeProcess node = NodeProcess.start(dataDir, env)) {
                Api api = new Api(node.base());
                JsonNode w = api.createWorkshop("Storing", "windroos");
                board = w.path("boards").get(0).path("id").asText();
                token = w.path("tokens").path("participant").asText();
                List<OpsBuilder> ops = new ArrayList<>();
                for (int i = 0; i < WRITERS; i++) {
                    writers.add(new ResilientClient(List.of(node.base()), 0, token, board, "replicaPG0" + i).start());
                    ops.add(new OpsBuilder("replicaPG0" + i));
                }
                int[] sent = {0};
                Runnable round = () -> {
                    for (int i = 0; i < WRITERS; i++) {
                        writers.get(i).send(ops.get(i).note("b-" + sent[0], "n" + i + "-" + sent[0], "notitie " + sent[0], "south"));
                    }
                    sent[0]++;
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // ~150 batches/s: load, not a flood
                };
                for (int r = 0; r < 100; r++) round.run();
                Poll.until("acks before the outage", Duration.ofSeconds(30), () -> writers.stream().allMatch(c -> c.unackedCount() == 0));

                pg.pause();
                long outageStart = System.nanoTime();
                boolean sawDegraded = false;
                while (System.nanoTime() - outageStart < OUTAGE.toNanos()) {
                    round.run();
                    if (!sawDegraded && sent[0] % 10 == 0) {
                        Api.Reply h = api.get("/health", null);
                        sawDegraded = h.status() == 503 && "failing".equals(h.body().path("store").path("state").asText());
                    }
                }
                assertTrue(sawDegraded, "/health showed the outage");
                assertTrue(writers.stream().anyMatch(c -> c.refusals().containsKey("unavailable")), "writers were refused with unavailable");
                assertTrue(writers.stream().allMatch(c -> c.unackedCount() > 0), "nothing is acknowledged while PostgreSQL is down");
                pg.resume();
                for (int r = 0; r < 50; r++) round.run();
                Poll.until("/health is 200 again", Duration.ofSeconds(30), () -> api.get("/health", null).status() == 200);
                Poll.until("every batch acknowledged in the end", Duration.ofSeconds(60),
                        () -> writers.stream().allMatch(c -> c.unackedCount() == 0));
                for (ResilientClient c : writers) {
                    assertEquals(List.of(), c.problems());
                    assertEquals(1, c.connects(), "no writer was disconnected");
                }
                System.out.printf("PostgresOutageIT: %d rounds of %d batches, %d refusals during a %d s outage, all acknowledged after it%n",
                        sent[0], WRITERS, writers.stream().mapToInt(c -> c.refusals().getOrDefault("unavailable", 0)).sum(), OUTAGE.toSeconds());
                node.kill();
            }
            try (NodeProcess again = NodeProcess.start(dataDir.resolve("unused"), env)) {
                JsonNode items = new Api(again.base()).get("/api/boards/" + board, token).body().path("items");
                int checked = 0;
                for (int i = 0; i < WRITERS; i++) {
                    for (String batch : writers.get(i).acks().keySet()) {
                        String note = "n" + i + "-" + batch.substring(2);
                        assertEquals("notitie " + batch.substring(2), items.path(note).path("text").path("v").asText(),
                                "acknowledged " + note + " lost");
                        checked++;
                    }
                }
                System.out.printf("PostgresOutageIT: all %d acknowledged batches are in PostgreSQL after a SIGKILL%n", checked);
                writers.forEach(ResilientClient::close);
            }
        }
    }
}
