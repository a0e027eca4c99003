package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;

import java.util.concurrent.CompletableFuture;

/**
 * Where a board's owner makes an accepted batch durable before acknowledging it (rule DU-1): the
 * node's {@link Store} on a single node, Hazelcast's backed-up tail in a cluster.
 */
public interface BatchLog {

    /** Completes once the batch is durable; futures complete in call order per board. */
    CompletableFuture<Void> append(String boardId, AcceptedBatch batch);
}
