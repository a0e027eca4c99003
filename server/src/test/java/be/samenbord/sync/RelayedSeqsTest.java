package be.samenbord.sync;

import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding of the CI rehearsal (NetworkPartitionIT, "replica of p02 differs from the board"): during a
 * partition a relayed session got {@code ops} 70, then the {@code ack} of 72; the {@code ops} of 71
 * was lost on the event bus. The client took 72 as seen, reconnected with {@code since: 72} and never
 * got note n-p00-25. The edge now refuses the frame past the gap (rule CU-12, SQ-2).
 */
class RelayedSeqsTest {

    private static final List<Op> ONE_OP = List.of(new Op("n1", "text", "\"a\"", new Stamp(1, 0, "replica1")));

    @Test
    @DisplayName("CU-12: after ops 70, an ack of 72 (ops 71 lost between nodes) is refused; 71 then 72 pass")
    void ackPastALostOpsFrameIsRefused() {
        RelayedSeqs seqs = new RelayedSeqs();
        assertTrue(seqs.admit(Frames.welcome("b1", "participant", 69, new Items(), List.of(), List.of(), 0)));
        assertTrue(seqs.admit(Frames.ops(70, ONE_OP)));
        assertFalse(seqs.admit(Frames.ack("p02-20", 72)), "ack 72 right after ops 70");
        assertEquals(70, seqs.last());
        assertTrue(seqs.admit(Frames.ops(71, ONE_OP)));
        assertTrue(seqs.admit(Frames.ack("p02-20", 72)));
        assertEquals(72, seqs.last());
    }

    @Test
    @DisplayName("SQ-2: frames without a seq pass, done's seq is not part of the stream, duplicates pass, a new welcome resets")
    void otherFrames() {
        RelayedSeqs seqs = new RelayedSeqs();
        assertTrue(seqs.admit(Frames.welcome("b1", "participant", 5, new Items(), null, List.of(), 0)));
        assertTrue(seqs.admit(Frames.done("r1", 40)));
        assertTrue(seqs.admit("{\"t\":\"presence\",\"replica\":\"x\"}"));
        assertTrue(seqs.admit(Frames.ops(5, ONE_OP)), "a duplicate");
        assertFalse(seqs.admit(Frames.ops(7, ONE_OP)));
        assertTrue(seqs.admit(Frames.welcome("b1", "participant", 30, new Items(), List.of(), List.of(), 0)));
        assertTrue(seqs.admit(Frames.ops(31, ONE_OP)));
        assertEquals(-1, RelayedSeqs.seqOf(Frames.done("r1", 40)));
        assertEquals(123456789012L, RelayedSeqs.seqOf(Frames.ops(123456789012L, ONE_OP)));
    }
}
