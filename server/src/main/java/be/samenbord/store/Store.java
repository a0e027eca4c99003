package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.workshop.Workshop;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where a node keeps what it acknowledged (DESIGN "Durability"). Every future completes only once
 * the data is durable (synced to disk or committed), and futures of one store complete in the
 * order their calls were made. Implementations pass {@code StoreContract} tests.
 *
 * <p>A start reads only the workshops ({@link #recover}); each board is read on its first use
 * ({@link #loadBoard}), and a snapshot writes only the boards the store asks for.
 */
public interface Store extends BatchLog, be.samenbord.workshop.WorkshopStore, AutoCloseable {

    /** Reads back the workshops; called once, before any write. Reads no board. */
    Recovery recover() throws IOException;

    /** A board's newest readable snapshot (null if none) and the batches stored after it, in seq order. */
    record BoardLoad(BoardSnapshot snapshot, List<AcceptedBatch> batches, List<String> warnings) {
        public BoardLoad {
            batches = List.copyOf(batches);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Reads one board (rule DU-2): its snapshot and the batches after it, and nothing of other
     * boards. A board the store holds nothing of loads empty. Runs off the caller's thread.
     */
    CompletableFuture<BoardLoad> loadBoard(String boardId);

    /** Appends an accepted batch of a board (rule DU-1). */
    @Override
    CompletableFuture<Void> append(String boardId, AcceptedBatch batch);

    /** Stores a workshop (insert or replace by id). */
    CompletableFuture<Void> saveWorkshop(Workshop workshop);

    /** Stores a new workshop. A store shared by nodes also indexes its boards (rule CU-9). */
    @Override
    default CompletableFuture<Void> createWorkshop(Workshop workshop) {
        return saveWorkshop(workshop);
    }

    /**
     * Adds boards to a stored workshop and completes with the workshop as stored now: a merge (set
     * union of board refs) with whatever other nodes added meanwhile, never an overwrite (rule
     * CU-9). {@code known} is the workshop as the caller knows it. A store with one writer (the
     * embedded journal) just stores {@code known} plus {@code added}.
     */
    @Override
    default CompletableFuture<Workshop> addBoards(Workshop known, java.util.List<Workshop.BoardRef> added) {
        Workshop merged = Workshop.union(known, new Workshop(known.id(), known.title(), known.createdAt(), known.tokenHashes(), added, known.lang()));
        return saveWorkshop(merged).thenApply(v -> merged);
    }

    /**
     * The seq of the newest batch stored for {@code boardId}, known without reading the board (0 for
     * a board with none), or empty when this store cannot tell cheaply. Search uses it at start to
     * read only boards its index is behind on (SE-8), so a start loads no board that is up to date
     * (ME-1). Ask only while the board is not being written.
     */
    default java.util.OptionalLong storedSeq(String boardId) {
        return java.util.OptionalLong.empty();
    }

    /** Completes once everything appended before this call is durable. */
    CompletableFuture<Void> flushed();

    /**
     * Compacts: stores a snapshot and drops the journal it covers. The store marks the point from
     * which journal must be kept, then calls {@code capture} with the boards it wants written
     * (those changed since their last snapshot, and for the embedded store those whose older
     * snapshot generations still need it, rule DU-6); the content holds every workshop and those
     * boards (more are written too). Every record before the mark of a board it holds is inside.
     */
    CompletableFuture<Void> snapshot(Function<Set<String>, CompletableFuture<SnapshotContent>> capture);

    /** As {@link #snapshot(Function)}, for a capture that does not look at which boards are wanted. */
    default CompletableFuture<Void> snapshot(Supplier<CompletableFuture<SnapshotContent>> capture) {
        return snapshot(wanted -> capture.get());
    }

    /** Whether writes are made durable now, and the writes queued (rules RE-1, OB-1, DU-5). */
    StoreStatus status();

    /** Bytes of journal written since the last snapshot (drives periodic snapshots). */
    long journalBytesSinceSnapshot();

    @Override
    void close() throws IOException;
}
