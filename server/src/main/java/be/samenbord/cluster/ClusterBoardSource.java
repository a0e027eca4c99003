package be.samenbord.cluster;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardState;
import be.samenbord.store.Records;
import be.samenbord.store.SharedStore;
import be.samenbord.sync.BoardSource;

import java.util.concurrent.CompletableFuture;

/**
 * Loads a board on its new owner: the tail first, then the shared store, then the tail's batches
 * after the store's seq. In that order the two always meet: a batch leaves the tail only after
 * the store committed it, so whatever the tail no longer holds, the later store read has.
 */
final class ClusterBoardSource implements BoardSource {

    private final BoardTails tails;
    private final SharedStore store;
    private final java.util.function.BooleanSupplier quorum;

    ClusterBoardSource(BoardTails tails, SharedStore store, java.util.function.BooleanSupplier quorum) {
        this.tails = tails;
        this.store = store;
        this.quorum = quorum;
    }

    /** This side of a split cluster has too few members to serve boards (rule CU-8). */
    static final class NoQuorum extends IllegalStateException {
        NoQuorum(String boardId) {
            super("board " + boardId + ": this node is on a side of the cluster without a quorum; it serves no board until the cluster is whole");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // expected while split: the message says it all
        }
    }

    @Override
    public CompletableFuture<BoardState> load(String boardId, String template) {
        // The tails map would refuse too (split-brain protection); asking first keeps it quiet and cheap.
        if (!quorum.getAsBoolean()) return CompletableFuture.failedFuture(new NoQuorum(boardId));
        return tails.read(boardId).thenCompose(before -> store.loadBoard(boardId).thenCompose(stored -> {
            BoardState state = BoardSource.state(boardId, template, stored);
            CompletableFuture<Tail> tail = before != null ? CompletableFuture.completedFuture(before) : tails.init(boardId, state.seq());
            return tail.thenApply(t -> catchUp(boardId, state, t));
        }));
    }

    private BoardState catchUp(String boardId, BoardState state, Tail tail) {
        for (int i = 0; i < tail.pending().size(); i++) {
            if (tail.seqAt(i) <= state.seq()) continue;
            AcceptedBatch batch = Records.readBatch(tail.pending().get(i));
            state.replay(batch);
            // Its first owner may have died before writing it out.
            tails.persist(boardId, batch);
        }
        if (state.seq() != tail.lastSeq()) {
            throw new IllegalStateException("board " + boardId + ": the store ends at seq " + state.seq()
                    + " but the cluster's tail at " + tail.lastSeq());
        }
        return state;
    }
}
