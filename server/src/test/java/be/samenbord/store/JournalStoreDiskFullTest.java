package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.SmallDisk;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static be.samenbord.store.StoreFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Finding 1 of issue 13 (disk full): the journal's writer thread died on the first failed write
 * and the store stayed failed until a restart. Now it fails loudly, refuses at once while failing,
 * keeps every board gap-free, and heals by itself when space is freed (rule DU-5).
 */
class JournalStoreDiskFullTest {

    private static final long DISK = 2L << 20;

    private static JournalStore open(SmallDisk disk) {
        long limit = disk.mounted() ? 0 : DISK;
        return new JournalStore(disk.dir(), new JournalStore.Options(2, false, System::currentTimeMillis, 20, 200, limit));
    }

    @Test
    @DisplayName("DU-5: disk full fails appends with StoreUnavailableException, the store heals when space is freed, nothing acknowledged is lost")
    void diskFullFailsLoudlyAndHealsWithoutRestart() throws IOException {
        List<AcceptedBatch> acked = new ArrayList<>();
        try (SmallDisk disk = SmallDisk.create(DISK)) {
            try (JournalStore store = open(disk)) {
                store.recover();
                for (long s = 1; s <= 20; s++) {
                    await(store.append("board-a", batch(s)));
                    acked.add(batch(s));
                }
                assertTrue(store.status().healthy());

                disk.fill();
                // The segment's last page may still take a few records; the first one past it fails.
                long f = 21;
                Throwable failed = null;
                for (; f <= 200 && failed == null; f++) {
                    try {
                        store.append("board-a", batch(f)).get(30, java.util.concurrent.TimeUnit.SECONDS);
                        acked.add(batch(f));
                    } catch (Exception e) {
                        failed = e.getCause();
                    }
                }
                long firstFailed = f - 1;
                assertNotNull(failed, "a full disk failed no append");
                assertInstanceOf(StoreUnavailableException.class, failed, failed::toString);
                StoreStatus status = store.status();
                assertEquals(StoreStatus.State.FAILING, status.state());
                assertTrue(status.reason() != null && !status.reason().isBlank(), status::toString);
                assertTrue(status.since() > 0);
                // While failing: refused at once, including workshops and another board.
                assertInstanceOf(StoreUnavailableException.class, awaitFailure(store.append("board-b", batch(1))));
                assertInstanceOf(StoreUnavailableException.class, awaitFailure(store.saveWorkshop(workshop("w", "W", "board-a"))));

                disk.free();
                Poll.until("the store heals", Duration.ofSeconds(10), () -> store.status().healthy());
                // board-a failed at seq F: a later seq must not land before F does (no gap) ...
                assertInstanceOf(StoreUnavailableException.class, awaitFailure(store.append("board-a", batch(firstFailed + 1))));
                // ... and F itself (the board handing it out again after its rollback) is stored.
                await(store.append("board-a", batch(firstFailed, "again")));
                acked.add(batch(firstFailed, "again"));
                await(store.append("board-a", batch(firstFailed + 1)));
                acked.add(batch(firstFailed + 1));
                await(store.append("board-b", batch(1)));
            }
            try (JournalStore reopened = open(disk)) {
                StoreReads r = StoreReads.recover(reopened, "board-a", "board-b");
                assertEquals(acked, r.batches().get("board-a"), "exactly the acknowledged batches, no failed one");
                assertEquals(List.of(batch(1)), r.batches().get("board-b"));
                assertEquals(List.of(), r.warnings(), "the failed writes left no partial record behind");
            }
        }
    }

    @Test
    @DisplayName("DU-5: everything queued behind a failed write fails with it; nothing later in the queue lands")
    void queuedAppendsFailWithTheFailedGroup() throws IOException {
        try (SmallDisk disk = SmallDisk.create(DISK)) {
            List<AcceptedBatch> acked = new ArrayList<>();
            try (JournalStore store = open(disk)) {
                store.recover();
                await(store.append("board-a", batch(1)));
                acked.add(batch(1));
                disk.fill();
                List<CompletableFuture<Void>> burst = new ArrayList<>();
                for (long s = 2; s <= 200; s++) burst.add(store.append("board-a", batch(s)));
                int firstFailed = -1;
                for (int i = 0; i < burst.size(); i++) {
                    try {
                        burst.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
                        assertEquals(-1, firstFailed, "seq " + (i + 2) + " stored after an earlier seq failed");
                        acked.add(batch(i + 2));
                    } catch (Exception e) {
                        if (firstFailed < 0) firstFailed = i;
                        assertTrue(StoreUnavailableException.in(e), e::toString);
                    }
                }
                assertTrue(firstFailed >= 0, "the full disk failed nothing");
                disk.free();
                Poll.until("the store heals", Duration.ofSeconds(10), () -> store.status().healthy());
            }
            try (JournalStore reopened = open(disk)) {
                assertEquals(acked, StoreReads.recover(reopened, "board-a").batches().get("board-a"));
            }
        }
    }
}
