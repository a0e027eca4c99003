package be.samenbord.sync;

import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Register;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What clients that do not merge text get instead of text ops (rule TX-6): each text field a batch
 * touched, once, as a plain register holding its merged text and latest stamp. Computed when the
 * batch is applied, so it shows that batch's text and nothing applied after it.
 */
final class TextFrames {

    private TextFrames() {
    }

    /** Whether {@code op} is a text op on {@code items} (text ops are objects on text fields). */
    static boolean isTextOp(Op op, Items items) {
        return !op.json().isEmpty() && op.json().charAt(0) == '{' && items.textOf(op.item(), op.field()) != null;
    }

    static boolean anyTextOp(List<Op> ops, Items items) {
        for (Op op : ops) if (isTextOp(op, items)) return true;
        return false;
    }

    /** The batch as a client without {@code caps:["text"]} sees it, or null when it holds no text op. */
    static List<Op> plain(List<Op> ops, Items items) {
        if (!anyTextOp(ops, items)) return null;
        List<Op> out = new ArrayList<>(ops.size());
        Set<String> done = new HashSet<>();
        for (Op op : ops) {
            if (!isTextOp(op, items)) {
                out.add(op);
            } else if (done.add(op.item() + '\u0000' + op.field())) {
                Register r = items.get(op.item(), op.field());
                out.add(new Op(op.item(), op.field(), r.json(), r.stamp()));
            }
        }
        return out;
    }
}
