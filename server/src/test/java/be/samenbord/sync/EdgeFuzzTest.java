package be.samenbord.sync;

import be.samenbord.testkit.CountingClient;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.Seat;
import be.samenbord.testkit.Seeds;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded fuzz of the WebSocket edge (issue "Trust at the edge"; DESIGN invariant 3): hostile
 * clients with a participant and a facilitator link send random and mutated frames of every type,
 * random Unicode with lone surrogates, random stamps and replica ids, and hellos that try other
 * people's replica ids, while a real user writes on the same board and an observer watches.
 * Checked: no crash (nothing logged as SEVERE or with a stack trace), no board taken down (no 1013,
 * no {@code unavailable}), the user's every batch acked and fanned out, no impostor welcomed, every
 * frame the server sent of the protocol's shape, the board's content valid.
 *
 * <p>{@code mvn verify} runs the fixed seeds below. Fresh seeds: {@code -Dfuzz.seeds=random} or
 * {@code -Dseeds=random} (three, printed) or a list {@code -Dfuzz.seeds=7,8}; more frames per seed:
 * {@code -Dfuzz.frames=N}. A
 * seed that ever fails goes into {@link #PINNED} and stays.
 */
class EdgeFuzzTest {

    static final long[] FIXED = {1, 2, 3, 20261207};
    /** Seeds that once failed, with what they found. None yet. */
    static final long[] PINNED = {};

    static TestNode node;
    static final List<String> crashes = Collections.synchronizedList(new ArrayList<>());
    static final Handler CRASHES = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.SEVERE.intValue() || r.getThrown() != null) {
                crashes.add(r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    static LongStream seeds() {
        return Seeds.of("EdgeFuzzTest", "fuzz.seeds", FIXED, PINNED, 3);
    }

    static int frames() {
        return Integer.getInteger("fuzz.frames", 1500);
    }

    @BeforeAll
    static void start() {
        node = TestNode.start("SAMENBORD_RATE_LIMIT", "1000000", "SAMENBORD_RATE_BURST", "1000000",
                "SAMENBORD_HELLO_RATE_PER_ADDRESS", "1000000", "SAMENBORD_HELLO_BURST_PER_ADDRESS", "1000000");
        Logger.getLogger("").addHandler(CRASHES);
    }

    @AfterAll
    static void stop() {
        Logger.getLogger("").removeHandler(CRASHES);
        node.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @DisplayName("ER-2, OP-3, ID-2, IN-1: hostile frames crash nothing, take no board down and never delay a user's acks")
    void hostileFramesHurtNobody(long seed) {
        int total = frames();
        System.out.println("EdgeFuzzTest seed " + seed + ", " + total + " frames");
        Random random = new Random(seed);
        crashes.clear();
        TestNode.Board board = node.board("three-b");
        Seat anna = Seat.random(random);
        List<String> known = List.of(anna.replica("tab1"), "observer01", "fuzzfacil1", "samenbord-node");
        List<CountingClient> fuzzers = new ArrayList<>();
        AtomicInteger impostors = new AtomicInteger();
        List<Long> ackNanos = new ArrayList<>();
        try (CountingClient user = CountingClient.connect(node.base); CountingClient watcher = CountingClient.connect(node.base)) {
            user.send(anna.hello(board.token("participant"), board.id(), anna.replica("tab1"), "Anna").toString());
            assertEquals("welcome", user.helloAnswer().path("t").asText());
            watcher.send(WsClient.hello(board.token("observer"), board.id(), "observer01", "Olav").toString());
            assertEquals("welcome", watcher.helloAnswer().path("t").asText());
            String[] tokens = {board.token("participant"), board.token("facilitator")};
            String[] replicas = {Seat.random(random).replica("fuzz"), "fuzzfacil1"};
            Seat fuzzSeat = Seat.random(random);
            FuzzFrames[] gens = new FuzzFrames[2];
            for (int k = 0; k < 2; k++) {
                gens[k] = new FuzzFrames(random, k == 0 ? fuzzSeat.replica("fuzz") : replicas[k], board.id(), tokens[k], known);
                fuzzers.add(null);
            }
            OpsBuilder good = new OpsBuilder(anna.replica("tab1"));
            List<Integer> closes = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                int k = i % 2;
                CountingClient f = fuzzers.get(k);
                if (f == null || f.isClosed()) {
                    if (f != null) closes.add(f.closeCode());
                    f = CountingClient.connect(node.base);
                    String rep = k == 0 ? fuzzSeat.replica("fuzz") : replicas[k];
                    f.send((k == 0 ? fuzzSeat.hello(tokens[k], board.id(), rep, "Fuzz") : WsClient.hello(tokens[k], board.id(), rep, "Fuzz")).toString());
                    assertEquals("welcome", f.helloAnswer().path("t").asText());
                    fuzzers.set(k, f);
                }
                f.send(gens[k].next());
                if (i % 97 == 0) tryImpostor(gens[k].hello(), anna, impostors);
                if (i % 50 == 0) {
                    String id = "good-" + i;
                    long t0 = System.nanoTime();
                    // The user works on five notes: a long run must not meet the board's caps (LI-13) by the user's own notes.
                    String item = "g" + (i / 50 % 5);
                    user.send((i < 250 ? good.note(id, item, "Goed idee " + i, "keep")
                            : OpsBuilder.batch(id, good.op(item, "text", "Goed idee " + i))).toString());
                    long seq = user.awaitAck(id, Duration.ofSeconds(10));
                    assertTrue(seq > 0, "the user's batch " + id + " was not acked: " + user.refusal(id) + ", closed " + user.closeCode());
                    ackNanos.add(System.nanoTime() - t0);
                    assertTrue(Poll.within(Duration.ofSeconds(10), () -> watcher.maxOpsSeq() >= seq), "the observer got seq " + seq);
                }
            }
            for (CountingClient f : fuzzers) if (f.isClosed()) closes.add(f.closeCode());
            assertTrue(closes.stream().noneMatch(c -> c != null && (c == 1011 || c == 1013)), "a board was taken down: closes " + closes);
            assertTrue(!user.isClosed() && !watcher.isClosed(), "the user and the observer stay connected");
            assertEquals(0, impostors.get(), "no hello with someone else's replica was welcomed");
            for (CountingClient c : List.of(user, watcher, fuzzers.get(0), fuzzers.get(1))) {
                assertEquals(List.of(), c.violations(), "frames of the protocol's shape only");
            }
            assertEquals(List.of(), List.copyOf(crashes), "nothing crashed");
            JsonNode view = node.api.get("/api/boards/" + board.id(), board.token("observer")).body();
            assertTrue(view.path("seq").asLong() > 0);
            view.path("items").fields().forEachRemaining(e -> {
                JsonNode text = e.getValue().path("text").path("v");
                assertTrue(text.isMissingNode() || (text.isTextual() && text.asText().codePointCount(0, text.asText().length()) <= 4000),
                        "text over the limit got through: " + e.getKey());
                assertTrue(be.samenbord.board.codec.Unicode.wellFormed(e.getValue()), "ill-formed text got through: " + e.getKey());
            });
            Collections.sort(ackNanos);
            System.out.printf("EdgeFuzzTest seed %d: %d frames, fuzzer closes %s, user acks %d (p50 %.1f ms, max %.1f ms), "
                            + "impostors welcomed 0, crashes 0, server frames to fuzzers %d errors / %d acks%n", seed, total, closes,
                    ackNanos.size(), ackNanos.get(ackNanos.size() / 2) / 1e6, ackNanos.get(ackNanos.size() - 1) / 1e6,
                    fuzzers.get(0).count("error") + fuzzers.get(1).count("error"), fuzzers.get(0).count("ack") + fuzzers.get(1).count("ack"));
        } finally {
            fuzzers.forEach(f -> {
                if (f != null) f.close();
            });
        }
    }

    /** A hello that names Anna's replica without Anna's seat must never be welcomed (ID-2). */
    private static void tryImpostor(String hello, Seat anna, AtomicInteger impostors) {
        JsonNode parsed;
        try {
            parsed = WsClient.JSON.readTree(hello);
        } catch (Exception e) {
            parsed = null;
        }
        try (CountingClient c = CountingClient.connect(node.base)) {
            c.send(hello);
            JsonNode answer = c.helloAnswer();
            boolean welcomed = answer != null && answer.path("t").asText().equals("welcome");
            if (!welcomed) return;
            if (parsed == null || !parsed.isObject()) {
                impostors.incrementAndGet(); // no hello that fails to parse may be welcomed
                return;
            }
            String replica = parsed.path("replica").asText();
            boolean annas = replica.equals(anna.replica("tab1")) && !anna.secret().equals(parsed.path("seat").asText(null));
            if (annas || replica.equals("samenbord-node")) impostors.incrementAndGet();
        }
    }
}
