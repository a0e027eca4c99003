package be.samenbord.cluster;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.store.Recovery;
import be.samenbord.store.SharedStore;
import be.samenbord.store.SnapshotContent;
import be.samenbord.workshop.Workshop;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A shared store for {@link BoardTails} tests: appends are counted and either never complete or complete at once. */
final class StubStore implements SharedStore {
    final AtomicInteger appends = new AtomicInteger();
    private final boolean completes;

    /** {@code completes}: false = writes never complete, so the tails are never trimmed. */
    StubStore(boolean completes) {
        this.completes = completes;
    }

    @Override
    public CompletableFuture<Void> append(String boardId, AcceptedBatch batch) {
        appends.incrementAndGet();
        return completes ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<BoardLoad> loadBoard(String boardId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<List<Workshop>> loadWorkshops() {
        throw new UnsupportedOperationException();
    }

    @Override
    public be.samenbord.store.StoreStatus status() {
        return be.samenbord.store.StoreStatus.healthy(0);
    }

    @Override
    public CompletableFuture<java.util.Optional<Workshop>> loadWorkshop(String workshopId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<java.util.Optional<Workshop>> loadWorkshopOfBoard(String boardId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Recovery recover() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> saveWorkshop(Workshop workshop) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> flushed() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> snapshot(java.util.function.Function<java.util.Set<String>, CompletableFuture<SnapshotContent>> capture) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long journalBytesSinceSnapshot() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
