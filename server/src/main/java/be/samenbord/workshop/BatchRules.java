package be.samenbord.workshop;

import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Register;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The facilitation rules a client's batch must keep on its board (FA-5 lock, FA-7 dot voting),
 * checked against the board's state before the batch is applied. Pure.
 */
public final class BatchRules {

    private BatchRules() {
    }

    /** Throws {@link ControlRefused} when the batch may not be applied; the batch is then refused whole. */
    public static void check(Items items, Role role, String replica, List<Op> ops) {
        BoardControl control = BoardControl.read(items);
        if (control.locked() && role != Role.FACILITATOR) {
            throw new ControlRefused(ControlRefused.FORBIDDEN, "the facilitator locked this board");
        }
        String own = "vote:" + replica;
        Map<String, Long> votes = null;
        for (Op op : ops) {
            if (!op.field().startsWith("vote:")) continue;
            if (control.voteClosed()) throw new ControlRefused(ControlRefused.FORBIDDEN, "the vote is closed");
            if (!control.voteOpen()) continue; // a board without a facilitated vote keeps rule IT-3
            if (!op.field().equals(own)) throw new ControlRefused(ControlRefused.INVALID_OP, "vote only with your own dots");
            if (!votable(items, ops, op.item(), control.voteZone())) {
                throw new ControlRefused(ControlRefused.INVALID_OP, control.voteZone() == null
                        ? "dots go on notes" : "dots go on notes in zone " + control.voteZone());
            }
            if (votes == null) votes = ownVotes(items, own);
            votes.put(op.item(), count(op.json()));
        }
        if (votes != null) {
            long sum = votes.values().stream().mapToLong(Long::longValue).sum();
            if (sum > control.voteDots()) {
                throw new ControlRefused(ControlRefused.INVALID_OP, "you have " + control.voteDots() + " dots in this vote");
            }
        }
    }

    private static Map<String, Long> ownVotes(Items items, String field) {
        Map<String, Long> out = new HashMap<>();
        for (String id : items.itemIds()) {
            Register r = items.get(id, field);
            if (r != null) out.put(id, count(r.json()));
        }
        return out;
    }

    private static long count(String json) {
        try {
            return Long.parseLong(json);
        } catch (NumberFormatException e) {
            // Rule IT-3 lets only integers 0..99 through the validator; anything else counts as none.
            return 0;
        }
    }

    /** A note (not deleted, in the vote's zone when it has one), as the state or this batch makes it. */
    private static boolean votable(Items items, List<Op> ops, String item, String zone) {
        if (BoardControl.reserved(item)) return false;
        String kind = value(items, ops, item, "kind");
        if (kind == null || "\"control\"".equals(kind)) return false;
        if ("true".equals(value(items, ops, item, "deleted"))) return false;
        return zone == null || ("\"" + zone + "\"").equals(value(items, ops, item, "zone"));
    }

    private static String value(Items items, List<Op> ops, String item, String field) {
        for (int i = ops.size() - 1; i >= 0; i--) {
            Op op = ops.get(i);
            if (op.item().equals(item) && op.field().equals(field)) return op.json();
        }
        Register r = items.get(item, field);
        return r == null ? null : r.json();
    }
}
