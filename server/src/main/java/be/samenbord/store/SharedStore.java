package be.samenbord.store;

import be.samenbord.workshop.Workshop;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A store every node of a cluster reads and writes (PostgreSQL): besides the {@link Store} calls,
 * a node re-reads workshops another node created. Reads are queued behind this node's earlier
 * writes, so a node reads what it wrote.
 */
public interface SharedStore extends Store {

    CompletableFuture<List<Workshop>> loadWorkshops();

    /** One workshop with every board added to it (CU-9), or empty. */
    CompletableFuture<java.util.Optional<Workshop>> loadWorkshop(String workshopId);

    /** The workshop a board belongs to, with every board added to it (CU-9), or empty. */
    CompletableFuture<java.util.Optional<Workshop>> loadWorkshopOfBoard(String boardId);
}
