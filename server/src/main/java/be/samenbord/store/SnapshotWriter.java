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
 * Writes snapshots on their own thread, {@code samenbord-snapshot}, one at a time, so the journal
 * writer never waits for large files: first the board files of the boards captured, then the mark
 * with the workshops, then {@link JournalCompaction#compact} deletes what every kept generation
 * has (rule DU-6).
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
    private volatile JournalCompaction compaction;

    /** @param kept snapshot generations to keep, each with the journal segments after it (rule DU-6) */
    SnapshotWriter(DataDir dir, int kept) {
        this.dir = dir;
        this.kept = kept;
    }

    void recovered(long newestOnDisk, JournalCompaction compaction) {
        newest = newestOnDisk;
        this.compaction = compaction;
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
                BoardFiles files = compaction.files();
                long bytes = 0;
                for (var board : content.boards()) {
                    files.write(number, board);
                    bytes += java.nio.file.Files.size(files.path(board.id(), number, board.seq()));
                }
                files.syncDirectory();
                SnapshotFile.write(dir, number, content);
                newest = number;
                long keptFrom = compaction.compact(number);
                long written = bytes;
                LOG.fine(() -> "snapshot " + number + ": " + content.boards().size() + " board files (" + written
                        + " bytes), journal kept from segment " + keptFrom);
            }
            done.complete(null);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "snapshot " + number + " failed; the journal still holds everything", e);
            done.completeExceptionally(e);
        }
    }

    /** Lets a running write finish; captures completing later fail their snapshot. */
    void close() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
            LOG.warning("a snapshot was still being written at close; its .tmp file is ignored at next start");
        }
    }
}
