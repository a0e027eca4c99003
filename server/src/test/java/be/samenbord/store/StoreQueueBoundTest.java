package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.testkit.Postgres;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static be.samenbord.store.StoreFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Rule DU-9: the stores' write queues are bounded. While the store is slow (the journal's writer
 * held up, PostgreSQL waiting on a lock), writes queue up to {@code SAMENBORD_STORE_QUEUE_BYTES}
 * and then are refused at once as unavailable, instead of the queue growing with the load; the
 * store stays healthy, a refused board's later seqs wait for the refused one (no gaps), and what
 * was queued is written once the store catches up.
 */
class StoreQueueBoundTest {

    private static final long BOUND = 8 * 1024;

    @TempDir
    Path dir;

    private static Vertx vertx;
    private static Postgres pg;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        try {
            vertx.close().await();
        } finally {
            if (pg != null) pg.close();
        }
    }

    /**
     * Appends board-a's seqs from 1 until one is refused at once; returns the futures of those
     * queued (the last one is the refusal).
     */
    private static List<CompletableFuture<Void>> appendUntilRefused(Store store) {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (long s = 1; s <= 10_000; s++) {
            CompletableFuture<Void> f = store.append("board-a", batch(s));
            futures.add(f);
            if (f.isCompletedExceptionally()) return futures;
        }
        throw new AssertionError("10,000 appends queued behind a stalled store: the queue is not bounded");
    }

    /** Checks the refusal and the queue's state; returns the refused seq. */
    private static long checkRefused(Store store, List<CompletableFuture<Void>> futures) {
        Throwable refused = awaitFailure(futures.getLast());
        assertInstanceOf(StoreUnavailableException.class, refused, refused::toString);
        assertTrue(refused.getMessage().contains("SAMENBORD_STORE_QUEUE_BYTES"), refused.getMessage());
        long queued = futures.size() - 1;
        assertTrue(queued >= 10 && queued < 200, "queued " + queued + " of ~150-byte records under an 8 KiB bound");
        for (int i = 0; i < futures.size() - 1; i++) assertFalse(futures.get(i).isDone(), "still waiting: seq " + (i + 1));
        assertTrue(store.status().healthy(), "a full queue is back pressure, not a failing store");
        assertTrue(store.status().backlog() > 0, store.status()::toString);
        long refusedSeq = futures.size();
        // No gap: a later seq of the board waits for the refused one.
        assertInstanceOf(StoreUnavailableException.class, awaitFailure(store.append("board-a", batch(refusedSeq + 1))));
        return refusedSeq;
    }

    private static void resendAndCheck(Store store, List<CompletableFuture<Void>> futures, long refusedSeq) {
        for (int i = 0; i < futures.size() - 1; i++) await(futures.get(i));
        await(store.append("board-a", batch(refusedSeq)));
        await(store.append("board-a", batch(refusedSeq + 1)));
    }

    @Test
    @DisplayName("DU-9: the journal's queue is bounded: past SAMENBORD_STORE_QUEUE_BYTES writes are refused as unavailable, not held")
    void journalQueueBounded() throws Exception {
        JournalStore.Options options = new JournalStore.Options(2, false, System::currentTimeMillis, 100, 5_000, 0, BOUND);
        long refusedSeq;
        try (JournalStore store = new JournalStore(dir, options)) {
            store.recover();
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch held = new CountDownLatch(1);
            // A capture runs on the writer thread: holding it there stalls the writer like a slow disk.
            CompletableFuture<Void> snapshot = store.snapshot(wanted -> {
                held.countDown();
                try {
                    assertTrue(release.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return CompletableFuture.completedFuture(new SnapshotContent(List.of(), List.of()));
            });
            assertTrue(held.await(10, TimeUnit.SECONDS));
            List<CompletableFuture<Void>> futures = appendUntilRefused(store);
            refusedSeq = checkRefused(store, futures);
            release.countDown();
            await(snapshot);
            resendAndCheck(store, futures, refusedSeq);
        }
        try (JournalStore again = new JournalStore(dir)) {
            List<AcceptedBatch> back = StoreReads.recover(again, "board-a").batches().get("board-a");
            assertEquals(batches(1, refusedSeq + 1), back, "every batch once, in order, none lost to the refusal");
        }
    }

    @Test
    @DisplayName("DU-9: PostgreSQL's queue is bounded: while a lock holds the writes, past the bound they are refused as unavailable")
    void postgresQueueBounded() throws Exception {
        pg = Postgres.start();
        String url = pg.url();
        try (PgStore first = new PgStore(vertx, url)) {
            first.recover(); // creates the tables
        }
        long refusedSeq;
        try (PgStore store = new PgStore(vertx, url, false, System::currentTimeMillis, 50, 500, BOUND)) {
            store.recover();
            PgConnection locker = PgConnection.connect(vertx, url).await();
            try {
                // Another session holds the table: the store's insert waits, and its queue fills.
                locker.query("BEGIN").execute().await();
                locker.query("LOCK TABLE batches IN ACCESS EXCLUSIVE MODE").execute().await();
                List<CompletableFuture<Void>> futures = appendUntilRefused(store);
                refusedSeq = checkRefused(store, futures);
                locker.query("COMMIT").execute().await();
                resendAndCheck(store, futures, refusedSeq);
            } finally {
                locker.close().await();
            }
        }
        try (PgStore again = new PgStore(vertx, url)) {
            assertEquals(batches(1, refusedSeq + 1), StoreReads.recover(again, "board-a").batches().get("board-a"));
        }
    }

    @Test
    @DisplayName("DU-9: under the bound nothing is refused, however many writes come while the store keeps up")
    void underTheBoundNothingRefused() throws IOException {
        JournalStore.Options options = new JournalStore.Options(2, false, System::currentTimeMillis, 100, 5_000, 0, BOUND);
        try (JournalStore store = new JournalStore(dir, options)) {
            store.recover();
            for (long s = 1; s <= 500; s++) await(store.append("board-a", batch(s)));
            assertTrue(store.status().healthy());
        }
    }
}
