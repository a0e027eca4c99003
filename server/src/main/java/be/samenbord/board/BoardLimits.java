package be.samenbord.board;

import java.util.List;

/**
 * Caps on one board (rule LI-13): its items (deleted ones too: they stay as tombstones) and its
 * approximate size as JSON, which every joiner receives in its welcome. One participant once grew
 * a board to 44 MB in 8 s. A batch that would pass a cap is refused whole; a batch that adds no
 * item and no bytes (edits that shrink, or writing {@code deleted}) always passes, so a full
 * board can still be tidied up.
 */
public record BoardLimits(int maxItems, long maxBytes) {

    public static final BoardLimits NONE = new BoardLimits(Integer.MAX_VALUE, Long.MAX_VALUE);

    /** Why {@code ops} may not be applied to {@code items}; null when they may. */
    public String refusal(Items items, List<Op> ops) {
        Items.Growth g = items.growth(withoutDeletes(items, ops));
        if (g.newItems() > 0 && items.size() + g.newItems() > maxItems) {
            return "a board holds at most " + maxItems + " items; this batch would make " + (items.size() + g.newItems());
        }
        if (g.bytes() > 0 && items.approximateBytes() + g.bytes() > maxBytes) {
            return "a board holds at most about " + maxBytes + " bytes; this batch would make about "
                    + (items.approximateBytes() + g.bytes());
        }
        return null;
    }

    /** Writing {@code deleted} on an item that exists costs a few bytes but is how a full board is emptied: it is free. */
    private static List<Op> withoutDeletes(Items items, List<Op> ops) {
        for (Op op : ops) {
            if (isDelete(items, op)) return ops.stream().filter(o -> !isDelete(items, o)).toList();
        }
        return ops;
    }

    private static boolean isDelete(Items items, Op op) {
        return op.field().equals("deleted") && items.contains(op.item());
    }
}
