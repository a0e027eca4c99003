package be.samenbord.search;

import java.util.List;

/**
 * What one durable batch changed for search (rule SE-5): the derived documents of the items it
 * touched, or of every item when {@code whole} (the board's control changed, or a board is read
 * whole after a restart). An update with no items still carries its seq, so a node can tell that
 * it missed one (rule SE-8).
 *
 * @param voteOpen whether a dot vote is open on the board now: then only one's own dots count (SE-7)
 */
public record BoardUpdate(String board, long seq, boolean whole, boolean voteOpen, List<ItemDoc> items) {

    public BoardUpdate {
        items = List.copyOf(items);
    }
}
