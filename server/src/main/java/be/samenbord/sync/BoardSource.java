package be.samenbord.sync;

import be.samenbord.board.BoardState;
import be.samenbord.store.Store;

import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Loads a board's state when this node starts serving it (rule ME-1): on first use after a start,
 * after an idle unload, or when a cluster node becomes its owner. A single node reads its own
 * store ({@link StoreBoardSource}); a cluster the shared store plus the tail.
 */
public interface BoardSource {

    CompletableFuture<BoardState> load(String boardId, String template);

    /** The state a store's load rebuilds: its snapshot (or an empty board), then the batches after it. */
    static BoardState state(String boardId, String template, Store.BoardLoad load) {
        Logger log = Logger.getLogger(BoardSource.class.getName());
        load.warnings().forEach(w -> log.warning("board " + boardId + ": " + w));
        BoardState state = load.snapshot() != null ? BoardState.restore(load.snapshot()) : new BoardState(boardId, template);
        load.batches().forEach(state::replay);
        return state;
    }
}
