package be.samenbord.sync;

import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded fuzz of the wire (DESIGN invariant 3): one client sends random, mostly broken frames
 * shaped like real ones while another edits the same board. The fuzzer only ever gets error
 * frames, acks or its own kind of answers, never a crash or a close; the bystander's edits are
 * all acknowledged and fanned out; the board holds nothing the fuzzer sent invalidly.
 * Bounded: 400 frames per seed. A seed that once failed is added to the list and stays.
 */
class ProtocolFuzzTest {

    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start("SAMENBORD_RATE_LIMIT", "100000", "SAMENBORD_RATE_BURST", "100000");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static final long[] PINNED = {};

    /** Fixed seeds, or fresh ones with {@code -Dseeds=random} (testkit Seeds); a failing one goes into PINNED. */
    static java.util.stream.LongStream seeds() {
        return be.samenbord.testkit.Seeds.of("ProtocolFuzzTest", null, new long[]{1, 2, 3, 4, 5, 20261122}, PINNED, 6);
    }

    @ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.MethodSource("seeds")
    @DisplayName("ER-2, OP-3: random broken frames hurt nobody")
    void randomFramesHurtNobody(long seed) {
        Random random = new Random(seed);
        TestNode.Board board = node.board("windroos");
        try (WsClient fuzzer = node.connect(); WsClient bystander = node.connect()) {
            fuzzer.join(board.token("participant"), board.id(), "replicaFUZZ", "Fuzz");
            bystander.join(board.token("participant"), board.id(), "replicaBYST", "Bystander");
            OpsBuilder good = new OpsBuilder("replicaBYST");
            for (int i = 0; i < 400; i++) {
                fuzzer.send(randomFrame(random, i));
                if (i % 40 == 0) {
                    String id = "good-" + i;
                    bystander.send(good.note(id, "g" + i, "goed " + i, "south"));
                    bystander.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals(id));
                }
            }
            // A last good batch from the fuzzer itself: its connection still works.
            fuzzer.send(new OpsBuilder("replicaFUZZ").note("fuzz-last", "fz", "nog altijd verbonden", "east"));
            fuzzer.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("fuzz-last"));
            assertFalse(fuzzer.isClosed(), "the fuzzer's connection was closed");
            List<JsonNode> got = fuzzer.all();
            for (JsonNode f : got) {
                String t = f.path("t").asText();
                assertTrue(List.of("welcome", "error", "ack", "ops", "presence", "left").contains(t), "unexpected frame " + f);
            }
            JsonNode items = node.api.get("/api/boards/" + board.id(), board.token("observer")).body().path("items");
            for (int i = 0; i < 400; i += 40) assertEquals("goed " + i, items.path("g" + i).path("text").path("v").asText());
            items.fields().forEachRemaining(e -> {
                JsonNode zone = e.getValue().path("zone").path("v");
                assertTrue(zone.isMissingNode() || zone.isNull() || List.of("north", "east", "south", "west").contains(zone.asText()),
                        "an invalid zone got through: " + e);
                JsonNode text = e.getValue().path("text").path("v");
                assertTrue(text.isMissingNode() || (text.isTextual() && text.asText().length() <= 4000), "bad text got through");
            });
        }
    }

    /** A frame shaped like a real one, with random damage: wrong types, missing parts, odd values. */
    static JsonNode randomFrame(Random r, int i) {
        ObjectNode f = F.objectNode();
        String[] types = {"ops", "ops", "ops", "presence", "hello", "nonsense", ""};
        f.put("t", types[r.nextInt(types.length)]);
        if (r.nextInt(10) == 0) f.set("t", F.numberNode(7));
        f.put("batch", r.nextInt(8) == 0 ? "" : "fz-" + i);
        ArrayNode ops = f.putArray("ops");
        int n = r.nextInt(4);
        for (int k = 0; k < n; k++) ops.add(randomOp(r));
        if (r.nextInt(10) == 0) f.set("ops", F.textNode("not a list"));
        if (r.nextInt(6) == 0) f.set("cursor", r.nextBoolean() ? F.arrayNode().add(r.nextDouble()).add("y") : F.numberNode(1));
        if (r.nextInt(6) == 0) f.set("selection", F.arrayNode().add(r.nextInt()).add("ok-id"));
        return f;
    }

    static JsonNode randomOp(Random r) {
        String[] items = {"n1", "n2", "", "x".repeat(80), "ok:1"};
        String[] fields = {"text", "zone", "x", "deleted", "kind", "z", "color", "vote:replicaFUZZ", "vote:replicaBYST", "Bad", "layer"};
        JsonNode[] values = {F.textNode("tekst"), F.textNode("atlantis"), F.textNode("south"), F.numberNode(1e300), F.numberNode(-5),
                F.booleanNode(true), F.nullNode(), F.textNode("é".repeat(4001)), F.arrayNode().add(1), F.objectNode().put("a", 1),
                F.textNode("a0"), F.textNode("b0"), F.numberNode(3)};
        ObjectNode op = F.objectNode();
        op.put("i", items[r.nextInt(items.length)]);
        op.put("f", fields[r.nextInt(fields.length)]);
        if (r.nextInt(12) != 0) op.set("v", values[r.nextInt(values.length)]);
        ArrayNode s = op.putArray("s");
        long now = System.currentTimeMillis();
        switch (r.nextInt(8)) {
            case 0 -> s.add(now + 3_600_000).add(0).add("replicaFUZZ");
            case 1 -> s.add(-1).add(0).add("replicaFUZZ");
            case 2 -> s.add(now).add(0).add("replicaBYST");
            case 3 -> s.add("now").add(0).add("replicaFUZZ");
            case 4 -> s.add(now);
            default -> s.add(now).add(r.nextInt(1000)).add("replicaFUZZ");
        }
        return op;
    }
}
