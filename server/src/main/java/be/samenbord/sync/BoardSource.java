package be.samenbord.sync;

import be.samenbord.board.BoardState;

import java.util.concurrent.CompletableFuture;

/** Loads a board's state when this node becomes its owner (cluster: shared store + tail). */
public interface BoardSource {

    CompletableFuture<BoardState> load(String boardId, String template);
}
