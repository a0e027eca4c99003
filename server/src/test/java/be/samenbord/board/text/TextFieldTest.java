package be.samenbord.board.text;

import be.samenbord.board.Stamp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text CRDT on hand-made cases (rules TX-1..TX-4); the shared vectors and properties are elsewhere. */
class TextFieldTest {

    private long clock = 1_000;

    private Stamp stamp(String replica) {
        return new Stamp(clock++, 0, replica);
    }

    /** Types {@code text} one character at a time at {@code pos}, as an editor would. */
    private void type(TextField f, int pos, String text, String replica, List<TextOp> log) {
        int i = pos;
        for (int cp : text.codePoints().toArray()) {
            TextOp op = f.insertAt(i++, Character.toString(cp), stamp(replica));
            f.apply(op);
            log.add(op);
        }
    }

    @Test
    @DisplayName("TX-2: typing one character at a time stays one run, and reads back")
    void typingIsOneRun() {
        TextField f = new TextField();
        type(f, 0, "Overuren", "ann00001", new java.util.ArrayList<>());
        assertEquals("Overuren", f.text());
        assertEquals(1, f.runs(), "consecutive typing is stored as one run");
        assertEquals(8, f.length());
    }

    @Test
    @DisplayName("TX-2: two people typing at the same place at once: both words kept, not interleaved")
    void concurrentTypingDoesNotInterleave() {
        TextField base = new TextField();
        List<TextOp> seed = new java.util.ArrayList<>();
        type(base, 0, "Idee: ", "ann00001", seed);
        TextField a = new TextField();
        TextField b = new TextField();
        seed.forEach(a::apply);
        seed.forEach(b::apply);
        List<TextOp> fromA = new java.util.ArrayList<>();
        List<TextOp> fromB = new java.util.ArrayList<>();
        type(a, 6, "buddy voor nieuwkomers", "ann00001", fromA);
        type(b, 6, "Overuren beperken", "bart0001", fromB);
        fromB.forEach(a::apply);
        fromA.forEach(b::apply);
        assertEquals(a.text(), b.text());
        assertEquals(a, b);
        assertTrue(a.text().equals("Idee: buddy voor nieuwkomersOveruren beperken")
                || a.text().equals("Idee: Overuren beperkenbuddy voor nieuwkomers"), a.text());
    }

    @Test
    @DisplayName("TX-2: typing into the middle of someone's word, and a delete of what one sees")
    void middleInsertAndDelete() {
        TextField f = new TextField();
        List<TextOp> log = new java.util.ArrayList<>();
        type(f, 0, "Overuren", "ann00001", log);
        type(f, 4, "-", "bart0001", log);
        assertEquals("Over-uren", f.text());
        f.apply(f.deleteAt(0, 5, stamp("bart0001")));
        assertEquals("uren", f.text());
        TextField replay = new TextField();
        log.forEach(replay::apply);
        replay.apply(new TextOp.State(f));
        assertEquals("uren", replay.text());
        assertEquals(f, replay);
    }

    @Test
    @DisplayName("TX-4: an insert under an unknown character, or reusing ids with other text, changes nothing")
    void hostileOpsAreRefused() {
        TextField f = new TextField();
        type(f, 0, "abc", "ann00001", new java.util.ArrayList<>());
        assertThrows(TextException.class, () -> f.apply(new TextOp.Insert(new CharId("eve00001", 0), "x", new CharId("nobody01", 7), true, stamp("eve00001"))));
        assertThrows(TextException.class, () -> f.apply(new TextOp.Insert(new CharId("ann00001", 1), "Z", new CharId("ann00001", 0), true, stamp("ann00001"))));
        assertThrows(TextException.class, () -> f.apply(new TextOp.Delete(List.of(new TextOp.Range(new CharId("ann00001", 2), 5)), stamp("eve00001"))));
        assertEquals("abc", f.text());
        assertFalse(f.apply(new TextOp.Insert(new CharId("ann00001", 0), "ab", null, true, stamp("ann00001"))), "a repeated insert is a no-op");
    }
}
