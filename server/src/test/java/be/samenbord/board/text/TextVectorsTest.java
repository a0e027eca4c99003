package be.samenbord.board.text;

import be.samenbord.board.Stamp;
import be.samenbord.board.codec.OpCodec;
import be.samenbord.testkit.Seeds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared text vectors ({@code server/vectors/text/*.json}, read by the web client's tests too):
 * each holds ops that apply in the listed order, other delivery orders that must give the same
 * field, the merged text and canonical state, and hostile ops that must be refused changing nothing
 * (rules TX-1..TX-4). The scenarios are written here as people would type them;
 * {@code -Dvectors.write=true} writes the files again from them (then review the diff).
 */
class TextVectorsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DIR = Path.of("vectors", "text");

    /** One person's copy of the field and the ops they send. */
    static final class Person {
        final String replica;
        final TextField field = new TextField();
        final List<TextOp> sent = new ArrayList<>();
        final long[] clock;

        Person(String replica, long[] clock) {
            this.replica = replica;
            this.clock = clock;
        }

        Stamp stamp() {
            return new Stamp(clock[0]++, 0, replica);
        }

        Person type(int pos, String text) {
            int i = pos;
            for (int cp : text.codePoints().toArray()) send(field.insertAt(i++, Character.toString(cp), stamp()));
            return this;
        }

        Person typeBackwards(int pos, String text) {
            int[] cps = text.codePoints().toArray();
            for (int k = cps.length - 1; k >= 0; k--) send(field.insertAt(pos, Character.toString(cps[k]), stamp()));
            return this;
        }

        Person paste(int pos, String text) {
            send(field.insertAt(pos, text, stamp()));
            return this;
        }

        Person delete(int pos, int len) {
            send(field.deleteAt(pos, len, stamp()));
            return this;
        }

        void send(TextOp op) {
            field.apply(op);
            sent.add(op);
        }

        void receive(List<TextOp> ops) {
            ops.forEach(field::apply);
        }
    }

    record Scenario(String name, String description, List<TextOp> ops, List<TextOp> invalid) {
    }

    static List<Scenario> scenarios() {
        List<Scenario> out = new ArrayList<>();
        long[] clock = {1_800_000_000_000L};
        {
            Person ann = new Person("ann0001a", clock);
            Person bart = new Person("bart001b", clock);
            ann.type(0, "Idee: ");
            bart.receive(ann.sent);
            int base = ann.sent.size();
            ann.type(6, "buddy voor nieuwkomers");
            bart.type(6, "overuren beperken");
            List<TextOp> ops = new ArrayList<>(ann.sent);
            ops.addAll(bart.sent);
            out.add(new Scenario("concurrent-inserts-same-position",
                    "Ann and Bart type at the same place at once, one character at a time: both phrases kept whole, never interleaved ("
                            + base + " ops of shared text first)", ops, List.of()));
        }
        {
            Person ann = new Person("ann0001a", clock);
            Person bart = new Person("bart001b", clock);
            Person cas = new Person("cas0001c", clock);
            ann.paste(0, "Werkdruk: ");
            bart.receive(ann.sent);
            cas.receive(ann.sent);
            ann.type(10, "planning");
            bart.type(10, "pauzes");
            cas.typeBackwards(10, "team");
            List<TextOp> ops = new ArrayList<>(ann.sent);
            ops.addAll(bart.sent);
            ops.addAll(cas.sent);
            out.add(new Scenario("three-at-one-position", "Three people at one position, one of them typing backwards (caret kept in place)",
                    ops, List.of()));
        }
        {
            Person ann = new Person("ann0001a", clock);
            Person bart = new Person("bart001b", clock);
            ann.paste(0, "Samen aan zet voor gezond werk");
            bart.receive(ann.sent);
            ann.delete(0, 9);
            bart.delete(6, 8);
            List<TextOp> ops = new ArrayList<>(ann.sent);
            ops.addAll(bart.sent);
            out.add(new Scenario("overlapping-deletes", "Two deletes that overlap: the union is gone, nothing else", ops, List.of()));
        }
        {
            Person ann = new Person("ann0001a", clock);
            Person bart = new Person("bart001b", clock);
            ann.type(0, "de avonddienst alleen");
            bart.receive(ann.sent);
            ann.delete(3, 11);
            bart.type(5, "XYZ");
            List<TextOp> ops = new ArrayList<>(ann.sent);
            ops.addAll(bart.sent);
            out.add(new Scenario("insert-inside-deleted-word", "Bart types inside a word Ann deletes meanwhile: Bart's text survives", ops, List.of()));
        }
        {
            Person ann = new Person("ann0001a", clock);
            Person bart = new Person("bart001b", clock);
            ann.paste(0, "Actie 1: buddy. Actie 2: rooster.");
            bart.receive(ann.sent);
            StringBuilder offline = new StringBuilder();
            Random r = new Random(14);
            String[] words = ("we spreken af dat nieuwe collega's een vaste buddy krijgen en dat de planning twee weken vooraf "
                    + "vastligt zodat iedereen weet waar ze aan toe zijn").split(" ");
            while (offline.length() < 320) offline.append(' ').append(words[r.nextInt(words.length)]);
            ann.type(ann.field.length(), offline.toString());
            bart.delete(0, 9).type(0, "Eerst: ").type(5, "!");
            List<TextOp> ops = new ArrayList<>(ann.sent);
            ops.addAll(bart.sent);
            out.add(new Scenario("offline-run", "Ann types 320 characters offline while Bart edits the start online", ops, List.of()));
        }
        {
            Person ann = new Person("ann0001a", clock);
            ann.type(0, "Overuren 😀 ëé中");
            Stamp s = new Stamp(clock[0]++, 0, "eve0001e");
            List<TextOp> invalid = List.of(
                    new TextOp.Insert(new CharId("eve0001e", 0), "x", new CharId("nobody01", 3), true, s),
                    new TextOp.Insert(new CharId("ann0001a", 2), "Q", new CharId("ann0001a", 1), true, s),
                    new TextOp.Delete(List.of(new TextOp.Range(new CharId("ann0001a", 10), 40)), s),
                    new TextOp.Delete(List.of(new TextOp.Range(new CharId("ghost001", 0), 1)), s));
            out.add(new Scenario("hostile-ops", "Unknown parent, reused ids with other text, deletes past the end or of unknown characters: refused, nothing applied",
                    ann.sent, invalid));
        }
        return out;
    }

    static JsonNode encode(TextOp op) {
        String v = switch (op) {
            case TextOp.Insert i -> TextJson.insert(i);
            case TextOp.Delete d -> TextJson.delete(d);
            case TextOp.State st -> TextJson.state(st.field());
        };
        Stamp s = switch (op) {
            case TextOp.Insert i -> i.stamp();
            case TextOp.Delete d -> d.stamp();
            case TextOp.State st -> st.field().latest();
        };
        ObjectNode n = JSON.createObjectNode();
        try {
            n.set("v", JSON.readTree(v));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        n.putArray("s").add(s.ms()).add(s.counter()).add(s.replica());
        return n;
    }

    static TextOp decode(JsonNode n) {
        return TextJson.parse(n.get("v").toString(), OpCodec.readStamp(n.get("s")));
    }

    /** Another order of {@code ops} in which every op finds what it names. */
    static List<Integer> causalShuffle(List<TextOp> ops, Random r) {
        List<Integer> waiting = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) waiting.add(i);
        Collections.shuffle(waiting, r);
        List<Integer> order = new ArrayList<>();
        TextField f = new TextField();
        while (!waiting.isEmpty()) {
            for (int k = 0; k < waiting.size(); k++) {
                TextOp op = ops.get(waiting.get(k));
                try {
                    f.check(op);
                } catch (TextException notYet) {
                    continue;
                }
                f.apply(op);
                order.add(waiting.remove(k));
                break;
            }
        }
        return order;
    }

    /** Seeds of the delivery orders; fresh ones with -Dseeds=random or -Dvectors.seeds=random, a list with -Dvectors.seeds=1,2. */
    static final long[] ORDER_SEEDS = LongStream.rangeClosed(1, 40).toArray();
    /** Up to this many ops, a vector is delivered in every order there is. */
    static final int EVERY_ORDER_UP_TO = 6;

    /**
     * The orders a vector's ops are delivered in, as a receiver could get them: every permutation
     * of a short vector; else the reverse, and one seeded shuffle per seed with about a quarter of
     * the ops sent twice. None needs to be causal: {@link #deliver} holds back what cannot apply yet.
     */
    static List<List<Integer>> deliveryOrders(int n, String name) {
        List<List<Integer>> out = new ArrayList<>();
        List<Integer> identity = new ArrayList<>();
        for (int i = 0; i < n; i++) identity.add(i);
        if (n <= EVERY_ORDER_UP_TO) {
            permutations(identity, 0, out);
            for (List<Integer> p : List.copyOf(out)) { // and each again with its first op repeated at the end
                List<Integer> dup = new ArrayList<>(p);
                dup.add(p.get(0));
                out.add(dup);
            }
            return out;
        }
        out.add(identity.reversed());
        Seeds.of("TextVectorsTest " + name, "vectors.seeds", ORDER_SEEDS, new long[0], 20).forEach(seed -> {
            Random r = new Random(seed * 31 + name.hashCode());
            List<Integer> order = new ArrayList<>(identity);
            for (int i = 0; i < n; i++) if (r.nextInt(4) == 0) order.add(i);
            Collections.shuffle(order, r);
            out.add(order);
        });
        return out;
    }

    private static void permutations(List<Integer> xs, int k, List<List<Integer>> out) {
        if (k == xs.size()) {
            out.add(List.copyOf(xs));
            return;
        }
        for (int i = k; i < xs.size(); i++) {
            Collections.swap(xs, k, i);
            permutations(xs, k + 1, out);
            Collections.swap(xs, k, i);
        }
    }

    /** Whether every character {@code op} names is in {@code f} (its parent, or what it deletes). */
    static boolean ready(TextField f, TextOp op) {
        return switch (op) {
            case TextOp.Insert ins -> ins.parent() == null || f.contains(ins.parent());
            case TextOp.Delete del -> del.ranges().stream().allMatch(r -> java.util.stream.IntStream.range(0, r.len()).allMatch(i -> f.contains(r.first().plus(i))));
            case TextOp.State st -> true;
        };
    }

    /**
     * Delivers {@code ops} to a fresh field in {@code order}, as a replica that holds back an op
     * naming characters it does not have yet and applies it once it can. Every op must apply in the end.
     */
    static TextField deliver(List<TextOp> ops, List<Integer> order) {
        TextField f = new TextField();
        List<TextOp> held = new ArrayList<>();
        for (int i : order) {
            held.add(ops.get(i));
            for (boolean progress = true; progress; ) {
                progress = false;
                for (int k = 0; k < held.size() && !progress; k++) {
                    if (!ready(f, held.get(k))) continue;
                    f.apply(held.remove(k));
                    progress = true;
                }
            }
        }
        assertEquals(List.of(), held, "ops that never applied in order " + order);
        return f;
    }

    @Test
    @DisplayName("the vector files are the scenarios above (write them again with -Dvectors.write=true)")
    void filesMatchScenarios() throws IOException {
        boolean write = Boolean.getBoolean("vectors.write");
        Files.createDirectories(DIR);
        for (Scenario sc : scenarios()) {
            TextField f = new TextField();
            sc.ops().forEach(f::apply);
            ObjectNode v = JSON.createObjectNode().put("name", sc.name()).put("description", sc.description());
            ArrayNode ops = v.putArray("ops");
            sc.ops().forEach(op -> ops.add(encode(op)));
            ArrayNode orders = v.putArray("orders");
            Random r = new Random(sc.name().hashCode());
            for (int k = 0; k < 2; k++) {
                ArrayNode order = orders.addArray();
                causalShuffle(sc.ops(), r).forEach(order::add);
            }
            ObjectNode expected = v.putObject("expected");
            expected.put("text", f.text());
            expected.set("state", JSON.readTree(TextJson.state(f)));
            ArrayNode invalid = v.putArray("invalid");
            sc.invalid().forEach(op -> invalid.add(encode(op)));
            Path file = DIR.resolve(sc.name() + ".json");
            String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(v) + "\n";
            if (write) Files.writeString(file, text);
            assertTrue(Files.exists(file), "missing " + file + ": run once with -Dvectors.write=true");
            JsonNode onDisk = JSON.readTree(file.toFile());
            assertEquals(v.get("ops").toString(), onDisk.get("ops").toString(), sc.name() + ": ops changed");
            assertEquals(v.get("expected").toString(), onDisk.get("expected").toString(), sc.name() + ": expected result changed");
        }
    }

    @TestFactory
    @DisplayName("TX-1..TX-4: every vector file, every listed order, every order of a short one, seeded orders with duplicates of a long one")
    Stream<DynamicTest> vectors() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 6);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            JsonNode v = JSON.readTree(file.toFile());
            List<TextOp> ops = new ArrayList<>();
            v.get("ops").forEach(n -> ops.add(decode(n)));
            String text = v.get("expected").get("text").asText();
            String state = v.get("expected").get("state").toString();
            TextField f = new TextField();
            ops.forEach(f::apply);
            assertEquals(text, f.text());
            assertEquals(state, TextJson.state(f));
            for (JsonNode order : v.get("orders")) {
                TextField g = new TextField();
                order.forEach(i -> g.apply(ops.get(i.asInt())));
                ops.forEach(g::apply); // duplicates change nothing
                assertEquals(state, TextJson.state(g), file + " in order " + order);
            }
            for (List<Integer> order : deliveryOrders(ops.size(), file.getFileName().toString())) {
                TextField g = deliver(ops, order);
                assertEquals(state, TextJson.state(g), file + " delivered in order " + order);
                assertEquals(text, g.text());
            }
            for (JsonNode bad : v.get("invalid")) {
                TextOp op = decode(bad);
                assertThrows(TextException.class, () -> f.apply(op), bad.toString());
                assertEquals(state, TextJson.state(f), "a refused op changes nothing");
            }
        }));
    }
}
