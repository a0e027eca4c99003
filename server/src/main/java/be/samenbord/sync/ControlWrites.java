package be.samenbord.sync;

import be.samenbord.board.HybridLogicalClock;
import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Register;
import be.samenbord.facilitation.ControlContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Turns a facilitation action's writes into ops of the node's replica (rule FA-1), stamped past
 * every register they replace, so the action wins its fields even over a client clock running ahead.
 */
final class ControlWrites {

    static final String NODE_REPLICA = "samenbord-node";

    private final HybridLogicalClock clock;
    private final LongSupplier wallClock;

    ControlWrites(LongSupplier wallClock) {
        this.wallClock = wallClock;
        this.clock = new HybridLogicalClock(NODE_REPLICA, wallClock);
    }

    List<Op> stamp(Items items, List<ControlContext.Write> writes) {
        for (ControlContext.Write w : writes) {
            Register current = items.get(w.item(), w.field());
            if (current != null) clock.observe(current.stamp());
        }
        List<Op> ops = new ArrayList<>(writes.size());
        for (ControlContext.Write w : writes) ops.add(new Op(w.item(), w.field(), w.value().toString(), clock.next()));
        return ops;
    }

    /** Unique per board: the seq it will get, and the time, in case a lost batch is retried. */
    String batchId(long seqBefore) {
        return "ctl-" + (seqBefore + 1) + "-" + wallClock.getAsLong();
    }
}
