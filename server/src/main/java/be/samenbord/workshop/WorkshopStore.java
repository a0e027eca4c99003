package be.samenbord.workshop;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What workshops need of a store: keeping a new workshop and adding boards to one. The store
 * package implements it (its {@code Store} extends this), so workshop code never imports the store
 * and the two packages do not depend on each other both ways.
 */
public interface WorkshopStore {

    /** Stores a new workshop. A store shared by nodes also indexes its boards (rule CU-9). */
    CompletableFuture<Void> createWorkshop(Workshop workshop);

    /**
     * Adds boards to a stored workshop and completes with the workshop as stored now: a merge (set
     * union of board refs) with whatever other nodes added meanwhile, never an overwrite (rule
     * CU-9). {@code known} is the workshop as the caller knows it.
     */
    CompletableFuture<Workshop> addBoards(Workshop known, List<Workshop.BoardRef> added);
}
