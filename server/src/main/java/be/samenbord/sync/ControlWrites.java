package be.samenbord.sync;

import be.samenbord.board.HybridLogicalClock;
import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.facilitation.ControlContext;
import be.samenbord.facilitation.ControlStamps;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Turns a facilitation action's writes into ops of the node's replica (rule FA-1), stamped by
 * {@link ControlStamps} with this board's node clock.
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
        return ControlStamps.stamp(clock, items, writes);
    }

    /** Unique per board: the seq it will get, and the time, in case a lost batch is retried. */
    String batchId(long seqBefore) {
        return "ctl-" + (seqBefore + 1) + "-" + wallClock.getAsLong();
    }
}
