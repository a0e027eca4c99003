package be.samenbord.facilitation;

import be.samenbord.board.HybridLogicalClock;
import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Register;
import be.samenbord.board.Stamp;

import java.util.ArrayList;
import java.util.List;

/**
 * How the node stamps a facilitation action's writes (FA-4, FA-6): each one by the node's own
 * clock, or just past the register it replaces when that one is ahead, so the action wins its
 * fields even over a client clock running ahead. The clock never observes those registers: one
 * client's fast clock (a dot reset by voteStart) would otherwise carry every later node stamp
 * ahead of the server, the start of private writing too, and a client running behind (ST-3
 * follows a stamp at most 5 s ahead) would then stamp its private notes before that start, where
 * everyone sees them. Pure apart from the node's clock, which the caller keeps per board.
 */
public final class ControlStamps {

    private ControlStamps() {
    }

    public static List<Op> stamp(HybridLogicalClock clock, Items items, List<ControlContext.Write> writes) {
        List<Op> ops = new ArrayList<>(writes.size());
        for (ControlContext.Write w : writes) {
            Stamp stamp = clock.next();
            Register current = items.get(w.item(), w.field());
            if (current != null && !stamp.isAfter(current.stamp())) stamp = new Stamp(current.stamp().ms() + 1, 0, stamp.replica());
            ops.add(new Op(w.item(), w.field(), w.value().toString(), stamp));
        }
        return ops;
    }
}
