package be.samenbord.board.text;

import be.samenbord.board.Stamp;
import be.samenbord.testkit.FreshSeeds;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of the text CRDT (rules TX-1..TX-4), with a fixed seed in {@code mvn verify} and fresh
 * ones with {@code -Dseeds=random}: any delivery order with duplicates converges; two runs typed at
 * one place at once never interleave; deleting what you see deletes exactly that. Each case is
 * driven by a {@link Random} from the generated seed, so a failing case replays from its numbers.
 */
@AddLifecycleHook(FreshSeeds.class)
class TextPropertiesTest {

    static final String SEED = "20261207";
    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz ëé😀中";

    /** A replica editing its own copy and logging what it sends. */
    static final class Editor {
        final String replica;
        final TextField field = new TextField();
        final List<TextOp> sent = new ArrayList<>();
        long ms = 1;

        Editor(String replica) {
            this.replica = replica;
        }

        Stamp stamp() {
            return new Stamp(ms++, 0, replica);
        }

        void edit(Random r) {
            int len = field.length();
            if (len > 0 && r.nextInt(4) == 0) {
                int at = r.nextInt(len);
                local(field.deleteAt(at, 1 + r.nextInt(Math.min(5, len - at)), stamp()));
            } else {
                int pos = r.nextInt(len + 1);
                // Typing one character at a time, as an editor sends it; sometimes a paste.
                if (r.nextInt(6) == 0) {
                    local(field.insertAt(pos, text(r, 1 + r.nextInt(30)), stamp()));
                } else {
                    for (int k = 0, n = 1 + r.nextInt(6); k < n; k++) local(field.insertAt(pos + k, text(r, 1), stamp()));
                }
            }
        }

        void local(TextOp op) {
            field.apply(op);
            sent.add(op);
        }
    }

    static String text(Random r, int n) {
        StringBuilder b = new StringBuilder();
        int[] cps = ALPHABET.codePoints().toArray();
        for (int i = 0; i < n; i++) b.appendCodePoint(cps[r.nextInt(cps.length)]);
        return b.toString();
    }

    /** Delivers {@code ops} to {@code field} in a random order that respects what each op names, with duplicates. */
    static void deliver(TextField field, List<TextOp> ops, Random r) {
        List<TextOp> waiting = new ArrayList<>(ops);
        for (TextOp op : ops) if (r.nextInt(5) == 0) waiting.add(op);
        Collections.shuffle(waiting, r);
        int stuck = 0;
        while (!waiting.isEmpty()) {
            TextOp op = waiting.remove(0);
            try {
                field.check(op);
                field.apply(op);
                stuck = 0;
            } catch (TextException notYet) {
                // Names a character not delivered yet: try again later, as a network would redeliver.
                waiting.add(op);
                if (++stuck > waiting.size() * 2) throw new AssertionError("ops that can never apply: " + waiting);
            }
        }
    }

    @Property(tries = 200, seed = SEED)
    void anyDeliveryOrderWithDuplicatesConverges(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int replicas) {
        Random r = new Random(seed);
        List<Editor> editors = new ArrayList<>();
        for (int i = 0; i < replicas; i++) editors.add(new Editor("replica" + i));
        List<TextOp> all = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            Editor e = editors.get(r.nextInt(replicas));
            int before = e.sent.size();
            e.edit(r);
            all.addAll(e.sent.subList(before, e.sent.size()));
            // Sometimes someone catches up on everything so far (so later edits build on others' text).
            if (r.nextInt(3) == 0) {
                Editor sync = editors.get(r.nextInt(replicas));
                deliver(sync.field, all, r);
            }
        }
        List<TextField> finals = new ArrayList<>();
        for (Editor e : editors) {
            deliver(e.field, all, r);
            finals.add(e.field);
        }
        TextField fresh = new TextField();
        deliver(fresh, all, r);
        for (TextField f : finals) {
            assertEquals(fresh.text(), f.text());
            assertEquals(fresh, f);
            assertEquals(TextJson.state(fresh), TextJson.state(f), "equal fields encode equally");
        }
        TextField decoded = ((TextOp.State) TextJson.parse(TextJson.state(fresh), fresh.latest())).field();
        assertEquals(fresh.text(), decoded.text(), "a state reads back");
        assertEquals(fresh, decoded);
    }

    @Property(tries = 200, seed = SEED)
    void concurrentRunsNeverInterleave(@ForAll long seed) {
        Random r = new Random(seed);
        Editor a = new Editor("annA0001");
        Editor b = new Editor("bartB001");
        for (int i = 0; i < 3; i++) a.edit(r);
        deliver(b.field, a.sent, r);
        int pos = r.nextInt(a.field.length() + 1);
        String wordA = "<" + text(r, 1 + r.nextInt(20)) + ">";
        String wordB = "{" + text(r, 1 + r.nextInt(20)) + "}";
        int sentA = a.sent.size();
        // Both type at the same place at once: forward, one character at a time (or backwards, sometimes).
        boolean backwards = r.nextBoolean();
        typeRun(a, pos, wordA, backwards);
        typeRun(b, pos, wordB, !backwards && r.nextBoolean());
        deliver(a.field, b.sent, r);
        deliver(b.field, a.sent.subList(sentA, a.sent.size()), r);
        assertEquals(a.field, b.field);
        String text = a.field.text();
        assertTrue(text.contains(wordA) && text.contains(wordB), "both runs whole, not interleaved: " + text);
    }

    private static void typeRun(Editor e, int pos, String word, boolean backwards) {
        int[] cps = word.codePoints().toArray();
        if (backwards) {
            for (int k = cps.length - 1; k >= 0; k--) e.local(e.field.insertAt(pos, Character.toString(cps[k]), e.stamp()));
        } else {
            for (int k = 0; k < cps.length; k++) e.local(e.field.insertAt(pos + k, Character.toString(cps[k]), e.stamp()));
        }
    }

    @Property(tries = 200, seed = SEED)
    void deletingWhatYouSeeDeletesExactlyThat(@ForAll long seed) {
        Random r = new Random(seed);
        Editor a = new Editor("annA0001");
        Editor b = new Editor("bartB001");
        for (int i = 0; i < 6; i++) a.edit(r);
        deliver(b.field, a.sent, r);
        if (a.field.length() == 0) return;
        String before = a.field.text();
        int[] cps = before.codePoints().toArray();
        int from = r.nextInt(cps.length);
        int len = 1 + r.nextInt(cps.length - from);
        int sentA = a.sent.size();
        a.local(a.field.deleteAt(from, len, a.stamp()));
        String seen = new String(cps, 0, from) + new String(cps, from + len, cps.length - from - len);
        assertEquals(seen, a.field.text(), "the deleted characters, and only they, are gone");
        // Meanwhile b typed somewhere: b's text survives the delete, the deleted text stays gone.
        int sentB = b.sent.size();
        String word = "[" + text(r, 3) + "]";
        typeRun(b, r.nextInt(b.field.length() + 1), word, false);
        deliver(a.field, b.sent.subList(sentB, b.sent.size()), r);
        deliver(b.field, a.sent.subList(sentA, a.sent.size()), r);
        assertEquals(a.field, b.field);
        assertTrue(a.field.text().contains(word), a.field.text());
        assertEquals(seen, a.field.text().replace(word, ""), "what a deleted is gone everywhere");
    }
}
