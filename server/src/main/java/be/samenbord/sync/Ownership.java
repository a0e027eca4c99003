package be.samenbord.sync;

import java.util.function.Consumer;

/**
 * Which node owns which board (DESIGN "Sync model"): in a cluster, the Hazelcast partition owner
 * of the board id. Implemented by the cluster package; a single node owns everything.
 */
public interface Ownership {

    /** This node's id on the event bus. */
    String localNode();

    /** The owner's node id, or null while the cluster has none (a partition is moving). */
    String ownerOf(String boardId);

    default boolean isLocal(String boardId) {
        return localNode().equals(ownerOf(boardId));
    }

    /** Where clients reach node {@code node} itself (its node URL, rule RT-1); empty when unknown. */
    default java.util.Optional<String> urlOf(String node) {
        return java.util.Optional.empty();
    }

    /** Called (on any thread) after members or partitions changed: owners may be different now. */
    void onChange(Runnable listener);

    /** Called with a node's id when it left the cluster (stopped or died). */
    void onNodeLeft(Consumer<String> listener);
}
