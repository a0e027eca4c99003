package be.samenbord.facilitation;

import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Register;
import be.samenbord.workshop.ControlRefused;
import be.samenbord.workshop.Role;
import be.samenbord.workshop.Seats;

import java.util.List;

/**
 * The rules a client's batch must keep on its board, checked against the board's state before the
 * batch is applied: the lock (FA-5), dot budgets (FA-7), and who may touch what (ID-5, ID-6).
 * Pure.
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
        Visibility visibility = Visibility.of(items);
        boolean votes = false;
        for (Op op : ops) {
            checkOwnership(items, visibility, replica, op);
            if (!op.field().startsWith("vote:")) continue;
            if (control.voteClosed()) throw new ControlRefused(ControlRefused.FORBIDDEN, "the vote is closed");
            if (!control.voteOpen()) continue; // a board without a facilitated vote keeps rule IT-3
            if (!op.field().equals("vote:" + replica)) throw new ControlRefused(ControlRefused.INVALID_OP, "vote only with your own dots");
            String on = Themes.voteOn(items);
            if (!votable(items, ops, op.item(), control.voteZone(), on)) {
                throw new ControlRefused(ControlRefused.INVALID_OP, "dots go on " + on
                        + (control.voteZone() == null ? "" : " in zone " + control.voteZone()));
            }
            votes = true;
        }
        if (votes && dotsAfter(items, replica, ops) > control.voteDots()) {
            throw new ControlRefused(ControlRefused.INVALID_OP, "you have " + control.voteDots() + " dots in this vote");
        }
    }

    /**
     * ID-5: nobody writes into a note they cannot see (someone else's private note: its id could
     * only have leaked). ID-6: a note's {@code kind} and {@code author} stay its creator's, the
     * person whose replica stamped its kind; rewriting them would take the note over (and, during
     * private writing, hide it from everyone else).
     */
    private static void checkOwnership(Items items, Visibility visibility, String replica, Op op) {
        if (visibility != null && visibility.hidesItem(replica, op.item(), items)) {
            throw new ControlRefused(ControlRefused.FORBIDDEN, "there is no note " + op.item() + " that you can see");
        }
        if (!op.field().equals("kind") && !op.field().equals("author")) return;
        Register kind = items.get(op.item(), "kind");
        if (kind != null && !Seats.samePerson(kind.stamp().replica(), replica)) {
            throw new ControlRefused(ControlRefused.FORBIDDEN, "only the person who made " + op.item() + " may change its " + op.field());
        }
    }

    /**
     * The writer's dots over the whole board once the batch is merged (FA-7, ID-3): every tab of
     * the person counts, and an op whose stamp loses to the register it targets counts as the
     * register's value, not its own, since that is what the board keeps.
     */
    private static long dotsAfter(Items items, String replica, List<Op> ops) {
        String person = Seats.personOf(replica);
        Items mine = new Items();
        for (String id : items.itemIds()) {
            items.item(id).forEach((field, r) -> {
                if (field.startsWith("vote:") && Seats.personOf(field.substring(5)).equals(person)) {
                    mine.apply(new Op(id, field, r.json(), r.stamp()));
                }
            });
        }
        for (Op op : ops) {
            if (op.field().startsWith("vote:")) mine.apply(op);
        }
        long[] sum = {0};
        mine.forEachOp(op -> sum[0] += count(op.json()));
        return sum[0];
    }

    private static long count(String json) {
        try {
            return Long.parseLong(json);
        } catch (NumberFormatException e) {
            // Rule IT-3 lets only integers 0..99 through the validator; anything else counts as none.
            return 0;
        }
    }

    /**
     * A note, or a theme in a vote on themes (FA-26), not deleted, in the vote's zone when it has
     * one, as the state or this batch makes it.
     */
    private static boolean votable(Items items, List<Op> ops, String item, String zone, String on) {
        if (BoardControl.reserved(item)) return false;
        if (!Themes.takesDots(value(items, ops, item, "kind"), on)) return false;
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
