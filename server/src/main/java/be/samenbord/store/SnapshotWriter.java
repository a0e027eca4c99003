package be.samenbord.store;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes snapshot files on their own thread, {@code samenbord-snapshot}, one at a time, so the
 * journal writer never waits for a large file.
 */
final class SnapshotWriter {

    private static final Logger LOG = Logger.getLogger(SnapshotWriter.class.getName());

    private final DataDir dir;
    private final int kept;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "samenbord-snapshot");
        t.setDaemon(true);
        return t;
    });
    // Newest snapshot on disk; only the snapshot thread changes it after recovery.
    private volatile long newest;

    /** @param kept snapshot generations to keep, each with the journal segments after it (rule DU-6) */
    SnapshotWriter(DataDir dir, int kept) {
        this.dir = dir;
        this.kept = kept;
    }

    void recovered(long newestOnDisk) {
        newest = newestOnDisk;
    }

    /**
     * Once {@code captured} completes, writes it as snapshot {@code number} and deletes what the
     * oldest kept generation no longer needs; completes {@code done} when that is durable.
     */
    void writeWhenCaptured(long number, CompletableFuture<SnapshotContent> captured, CompletableFuture<Void> done) {
        captured.whenComplete((content, err) -> {
            if (err != null) {
                LOG.log(Level.WARNING, "snapshot capture failed", err);
                done.completeExceptionally(err);
                return;
            }
            try {
                thread.execute(() -> write(number, content, done));
            } catch (RejectedExecutionException e) {
                done.completeExceptionally(new IllegalStateException("store closed before the snapshot was written", e));
            }
        });
    }

    private void write(long number, SnapshotContent content, CompletableFuture<Void> done) {
        try {
            // Overlapping snapshots may finish out of order; an older one has nothing to add.
            if (number > newest) {
                SnapshotFile.write(dir, number, content);
                newest = number;
                SnapshotFile.deleteCovered(dir, oldestKept(number));
            }
            done.complete(null);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "snapshot " + number + " failed; the journal still holds everything", e);
            done.completeExceptionally(e);
        }
    }

    /**
     * The oldest of the {@code kept} newest snapshots: segments from its number on stay, so if
     * every newer snapshot turns out unreadable, it plus those segments still hold everything.
     */
    private long oldestKept(long newestNumber) throws IOException {
        long oldest = newestNumber;
        int n = 0;
        for (long number : dir.snapshots().descendingKeySet()) {
            if (number > newestNumber) continue;
            if (n++ == kept) break;
            oldest = number;
        }
        return oldest;
    }

    /** Lets a running write finish; captures completing later fail their snapshot. */
    void close() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
            LOG.warning("a snapshot was still being written at close; its .tmp file is ignored at next start");
        }
    }
}
