package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardState;
import be.samenbord.workshop.Workshop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static be.samenbord.store.StoreFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What every {@link Store} must do, whatever keeps the data. A subclass supplies {@link #open};
 * each call must give a fresh store instance over the same data as earlier calls with that dir.
 */
public abstract class StoreContract {

    @TempDir
    protected Path dir;

    private final List<Store> opened = new ArrayList<>();

    /** A new, not yet recovered store over the data kept for {@code dir}. */
    protected abstract Store open(Path dir) throws IOException;

    private Store reopen() throws IOException {
        Store s = open(dir);
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeAll() throws IOException {
        for (Store s : opened) s.close();
    }

    @Test
    @DisplayName("DU-1, DU-2: appended batches come back after reopen, in order per board")
    void appendThenReopen() throws IOException {
        Store store = reopen();
        StoreReads empty = StoreReads.recover(store, "board-a", "board-b");
        assertEquals(List.of(), empty.workshops());
        assertEquals(Map.of(), empty.batches());
        assertTrue(empty.fresh());
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (long s = 1; s <= 5; s++) {
            acks.add(store.append("board-a", batch(s)));
            if (s <= 3) acks.add(store.append("board-b", batch(s, "b" + s)));
        }
        awaitAll(acks);
        store.close();

        StoreReads r = StoreReads.recover(reopen(), "board-a", "board-b");
        assertEquals(batches(1, 5), r.batches().get("board-a"));
        assertEquals(List.of(batch(1, "b1"), batch(2, "b2"), batch(3, "b3")), r.batches().get("board-b"));
        assertEquals(Map.of(), r.snapshots());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    @DisplayName("workshops are saved and replaced by id, first-seen order kept")
    void workshopsSavedAndReplaced() throws IOException {
        Store store = reopen();
        store.recover();
        Workshop first = workshop("ws-1", "Werkgroep welzijn", "board-1");
        Workshop second = workshop("ws-2", "Training");
        Workshop firstRenamed = workshop("ws-1", "Werkgroep welzijn 2025", "board-1", "board-2");
        store.saveWorkshop(first);
        store.saveWorkshop(second);
        await(store.saveWorkshop(firstRenamed));
        store.close();

        assertEquals(List.of(firstRenamed, second), reopen().recover().workshops());
    }

    @Test
    @DisplayName("DU-1: flushed() completes only after every earlier append completed")
    void flushedAfterEarlierAppends() throws IOException {
        Store store = reopen();
        store.recover();
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (long s = 1; s <= 200; s++) acks.add(store.append("board-a", batch(s)));
        await(store.flushed());
        for (CompletableFuture<Void> ack : acks) {
            assertTrue(ack.isDone() && !ack.isCompletedExceptionally());
        }
    }

    @Test
    @DisplayName("DU-1: futures complete in call order when 4 threads append concurrently")
    void futuresCompleteInCallOrder() throws Exception {
        Store store = reopen();
        store.recover();
        int threads = 4;
        int perThread = 500;
        AtomicReferenceArray<CompletableFuture<Void>> calls = new AtomicReferenceArray<>(threads * perThread);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        Object callOrder = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String board = "board-" + t;
                workers.add(pool.submit(() -> {
                    for (long s = 1; s <= perThread; s++) {
                        // The lock fixes one global call order to check completions against.
                        synchronized (callOrder) {
                            int i = next.getAndIncrement();
                            CompletableFuture<Void> f = store.append(board, batch(s));
                            calls.set(i, f);
                            // In-order completion holds if each call's predecessor is done when it is.
                            f.whenComplete((ok, err) -> {
                                if (i > 0 && !calls.get(i - 1).isDone()) outOfOrder.incrementAndGet();
                            });
                        }
                    }
                }));
            }
            for (Future<?> w : workers) w.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < calls.length(); i++) all.add(calls.get(i));
        awaitAll(all);
        assertEquals(0, outOfOrder.get());
        store.close();

        StoreReads r = StoreReads.recover(reopen(), "board-0", "board-1", "board-2", "board-3");
        for (int t = 0; t < threads; t++) assertEquals(batches(1, perThread), r.batches().get("board-" + t));
    }

    @Test
    @DisplayName("DU-2: after a snapshot, recovery gives the snapshot plus only the later batches")
    void snapshotThenMoreAppends() throws IOException {
        Store store = reopen();
        store.recover();
        BoardState board = new BoardState("board-a", "health-matrix");
        Workshop ws = workshop("ws-1", "Werkgroep", "board-a");
        store.saveWorkshop(ws);
        for (int i = 1; i <= 3; i++) {
            store.append("board-a", submit(board, "early-" + i, op("n" + i, "text", "\"v" + i + "\"", 10 + i)));
        }
        await(store.snapshot(() -> CompletableFuture.completedFuture(
                new SnapshotContent(List.of(ws), List.of(board.snapshot())))));
        var frozen = board.snapshot();
        List<AcceptedBatch> later = new ArrayList<>();
        for (int i = 4; i <= 6; i++) {
            AcceptedBatch b = submit(board, "late-" + i, op("n" + i, "text", "\"v" + i + "\"", 10 + i));
            later.add(b);
            store.append("board-a", b);
        }
        await(store.flushed());
        store.close();

        StoreReads r = StoreReads.recover(reopen(), "board-a");
        assertEquals(List.of(ws), r.workshops());
        assertEquals(Map.of("board-a", frozen), r.snapshots());
        assertEquals(Map.of("board-a", later), r.batches());
    }

    @Test
    @DisplayName("DU-2: reopening twice gives the same recovery")
    void reopenTwiceSameRecovery() throws IOException {
        Store store = reopen();
        store.recover();
        BoardState board = new BoardState("board-a", "windroos");
        store.saveWorkshop(workshop("ws-1", "Werkgroep", "board-a"));
        store.append("board-a", submit(board, "x1", op("n1", "text", "\"een\"", 1)));
        await(store.snapshot(() -> CompletableFuture.completedFuture(
                new SnapshotContent(List.of(workshop("ws-1", "Werkgroep", "board-a")), List.of(board.snapshot())))));
        store.append("board-a", submit(board, "x2", op("n2", "text", "\"twee\"", 2)));
        store.append("board-b", batch(1));
        await(store.saveWorkshop(workshop("ws-2", "Tweede")));
        store.close();

        Store first = reopen();
        StoreReads r1 = StoreReads.recover(first, "board-a", "board-b");
        first.close();
        StoreReads r2 = StoreReads.recover(reopen(), "board-a", "board-b");
        assertEquals(r1, r2);
        assertEquals(2, r1.workshops().size());
        assertEquals(1, r1.batches().get("board-a").size());
    }

    @Test
    @DisplayName("writes after close fail with IllegalStateException")
    void appendAfterCloseFails() throws IOException {
        Store store = reopen();
        store.recover();
        await(store.append("board-a", batch(1)));
        store.close();
        assertInstanceOf(IllegalStateException.class, awaitFailure(store.append("board-a", batch(2))));
        assertInstanceOf(IllegalStateException.class, awaitFailure(store.flushed()));
    }
}
