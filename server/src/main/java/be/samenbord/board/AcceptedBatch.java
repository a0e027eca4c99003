package be.samenbord.board;

import java.util.List;

/** A batch the board accepted: its sequence number, origin and the ops that won (rule SQ-1). */
public record AcceptedBatch(long seq, String replica, String batch, List<Op> ops) {

    public AcceptedBatch {
        ops = List.copyOf(ops);
    }
}
