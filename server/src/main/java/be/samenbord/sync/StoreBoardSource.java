package be.samenbord.sync;

import be.samenbord.board.BoardState;
import be.samenbord.store.Store;

import java.util.concurrent.CompletableFuture;

/** A single node's boards: each read from the node's own store when first used (rule ME-1). */
public final class StoreBoardSource implements BoardSource {

    private final Store store;

    public StoreBoardSource(Store store) {
        this.store = store;
    }

    @Override
    public CompletableFuture<BoardState> load(String boardId, String template) {
        return store.loadBoard(boardId).thenApply(load -> BoardSource.state(boardId, template, load));
    }
}
