package be.samenbord.cluster;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A board's tail and the entry processors that change it, without Hazelcast. */
class TailTest {

    private static Map.Entry<String, Tail> entry(Tail tail) {
        return new SimpleEntry<>("board", tail);
    }

    /** A tail at {@code base} with batches {@code base+1..last} appended, record text "r<seq>". */
    private static Tail tail(long base, long last) {
        Tail t = new Tail(base, List.of());
        for (long s = base + 1; s <= last; s++) t = t.append(s, "r" + s);
        return t;
    }

    @Test
    @DisplayName("seqAt numbers pending records so the last one is lastSeq")
    void seqAtCountsBackFromLastSeq() {
        Tail t = new Tail(12, List.of("r10", "r11", "r12"));
        assertEquals(10, t.seqAt(0));
        assertEquals(11, t.seqAt(1));
        assertEquals(12, t.seqAt(2));
    }

    @Test
    @DisplayName("append adds the record at the end and moves lastSeq; the old tail is unchanged")
    void appendMovesLastSeq() {
        Tail before = new Tail(5, List.of());
        Tail after = before.append(6, "r6").append(7, "r7");
        assertEquals(new Tail(7, List.of("r6", "r7")), after);
        assertEquals(new Tail(5, List.of()), before);
        assertThrows(UnsupportedOperationException.class, () -> after.pending().add("x"), "pending is immutable");
    }

    @Test
    @DisplayName("trim drops pending records up to a seq and keeps the later ones and lastSeq")
    void trimKeepsLaterOnes() {
        Tail t = tail(0, 5);
        assertEquals(new Tail(5, List.of("r3", "r4", "r5")), t.trim(2));
        assertEquals(new Tail(5, List.of()), t.trim(5));
        assertEquals(new Tail(5, List.of()), t.trim(99));
        Tail later = t.trim(2);
        assertEquals(3, later.seqAt(0), "seqs survive a trim");
    }

    @Test
    @DisplayName("trim below the first pending seq returns the same instance")
    void trimNoOpIsSameInstance() {
        Tail t = tail(10, 13);
        assertSame(t, t.trim(10));
        assertSame(t, t.trim(0));
        Tail empty = new Tail(7, List.of());
        assertSame(empty, empty.trim(7));
    }

    @Test
    @DisplayName("Init creates the tail at the base seq only when there is none")
    void initCreatesOnlyWhenAbsent() {
        var absent = entry(null);
        Tail created = new TailProcessors.Init(42).process(absent);
        assertEquals(new Tail(42, List.of()), created);
        assertEquals(created, absent.getValue());

        Tail existing = tail(3, 6);
        var present = entry(existing);
        Tail returned = new TailProcessors.Init(0).process(present);
        assertSame(existing, returned, "Init returns the tail there is");
        assertSame(existing, present.getValue(), "and leaves it alone");
    }

    @Test
    @DisplayName("Append takes only lastSeq + 1 (the fence)")
    void appendAcceptsOnlyTheNextSeq() {
        var e = entry(tail(0, 2));
        assertTrue(new TailProcessors.Append(3, "r3").process(e));
        assertEquals(tail(0, 3), e.getValue());
    }

    @Test
    @DisplayName("Append also drops the pending batches up to trimUpTo (what the store has)")
    void appendTrims() {
        var e = entry(tail(0, 4));
        assertTrue(new TailProcessors.Append(5, List.of("r5"), 3).process(e));
        assertEquals(new Tail(5, List.of("r4", "r5")), e.getValue());
        Tail kept = e.getValue();
        assertFalse(new TailProcessors.Append(5, List.of("again"), 5).process(e), "the fence comes first: nothing is trimmed");
        assertSame(kept, e.getValue());
    }

    @Test
    @DisplayName("Append takes several consecutive batches at once, behind the same fence")
    void appendGroup() {
        var e = entry(tail(0, 2));
        assertTrue(new TailProcessors.Append(3, List.of("r3", "r4", "r5"), 0).process(e));
        assertEquals(tail(0, 5), e.getValue());
        assertFalse(new TailProcessors.Append(5, List.of("x5", "x6"), 0).process(e), "seq 5 was given out already");
        assertEquals(tail(0, 5), e.getValue());
    }

    @Test
    @DisplayName("Append refuses a repeated seq, a gap, and a board without a tail, and changes nothing")
    void appendRefusesRepeatGapAndAbsent() {
        Tail t = tail(0, 3);
        var e = entry(t);
        assertFalse(new TailProcessors.Append(3, "again").process(e), "seq 3 was given out already");
        assertSame(t, e.getValue());
        assertFalse(new TailProcessors.Append(2, "older").process(e), "an older seq");
        assertSame(t, e.getValue());
        assertFalse(new TailProcessors.Append(5, "gap").process(e), "seq 4 is missing");
        assertSame(t, e.getValue());

        var absent = entry(null);
        assertFalse(new TailProcessors.Append(1, "r1").process(absent), "no tail: nobody initialised the board");
        assertNull(absent.getValue());
    }

    @Test
    @DisplayName("Trim drops pending batches up to the given seq; no tail stays no tail")
    void trimProcessor() {
        var e = entry(tail(0, 4));
        assertNull(new TailProcessors.Trim(2).process(e));
        assertEquals(new Tail(4, List.of("r3", "r4")), e.getValue());

        Tail rest = e.getValue();
        new TailProcessors.Trim(1).process(e);
        assertSame(rest, e.getValue(), "nothing to drop: the value is not replaced");

        var absent = entry(null);
        new TailProcessors.Trim(5).process(absent);
        assertNull(absent.getValue());
    }
}
