package be.samenbord.sync;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.Items;

/**
 * Who hears about a board's accepted batches besides its peers (search indexes them, rule SE-5).
 * Called on the board's owner, on the board's own context, right after a batch is applied, so the
 * items are exactly the state after that batch: read what is needed now and never keep them. What
 * it returns runs once that batch is durable, in seq order; a batch taken back (rule DU-5) or a hub
 * that stops never runs it, so nothing that was not acknowledged reaches a listener.
 */
public interface BatchListener {

    /** @return what to run once {@code batch} is durable, or null for nothing */
    Runnable applied(String board, String template, AcceptedBatch batch, Items items);

    BatchListener NONE = (board, template, batch, items) -> null;
}
