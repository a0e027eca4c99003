package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.workshop.Workshop;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Where a node keeps what it acknowledged (DESIGN "Durability"). Every future completes only once
 * the data is durable (synced to disk or committed), and futures of one store complete in the
 * order their calls were made. Implementations pass {@code StoreContract} tests.
 */
public interface Store extends BatchLog, AutoCloseable {

    /** Reads back everything stored; called once, before any write. */
    Recovery recover() throws IOException;

    /** Appends an accepted batch of a board (rule DU-1). */
    @Override
    CompletableFuture<Void> append(String boardId, AcceptedBatch batch);

    /** Stores a workshop (insert or replace by id). */
    CompletableFuture<Void> saveWorkshop(Workshop workshop);

    /** Stores a new workshop. A store shared by nodes also indexes its boards (rule CU-9). */
    default CompletableFuture<Void> createWorkshop(Workshop workshop) {
        return saveWorkshop(workshop);
    }

    /**
     * Adds boards to a stored workshop and completes with the workshop as stored now: a merge (set
     * union of board refs) with whatever other nodes added meanwhile, never an overwrite (rule
     * CU-9). {@code known} is the workshop as the caller knows it. A store with one writer (the
     * embedded journal) just stores {@code known} plus {@code added}.
     */
    default CompletableFuture<Workshop> addBoards(Workshop known, java.util.List<Workshop.BoardRef> added) {
        Workshop merged = Workshop.union(known, new Workshop(known.id(), known.title(), known.createdAt(), known.tokenHashes(), added));
        return saveWorkshop(merged).thenApply(v -> merged);
    }

    /** Completes once everything appended before this call is durable. */
    CompletableFuture<Void> flushed();

    /**
     * Compacts: stores a snapshot taken by {@code capture} and drops the journal it covers. The
     * capture runs after the store has marked the point from which journal must be kept, so every
     * record before that point is inside the snapshot.
     */
    CompletableFuture<Void> snapshot(Supplier<CompletableFuture<SnapshotContent>> capture);

    /** Bytes of journal written since the last snapshot (drives periodic snapshots). */
    long journalBytesSinceSnapshot();

    @Override
    void close() throws IOException;
}
