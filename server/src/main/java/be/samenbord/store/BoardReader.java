package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Loads one board of the embedded store (rule DU-2): its newest readable snapshot file, then its
 * own batch records after that seq, found through the {@link JournalIndex}; nothing of other
 * boards is read. An unreadable newest file falls back to the board's previous file plus the
 * records after it, which the store keeps for that (rule DU-6), and is moved aside. When no file
 * of the board reads, a strict store refuses the load (naming the files and the setting) rather
 * than serve the board partly (rule DU-7); a salvaging one starts it from its records. Runs on
 * its own threads, {@code samenbord-load}; two loads of one board at once share one read.
 */
final class BoardReader {

    private static final Logger LOG = Logger.getLogger(BoardReader.class.getName());

    private final JournalCompaction compaction;
    private final DataDir dir;
    private final boolean salvage;
    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "samenbord-load");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, CompletableFuture<Store.BoardLoad>> running = new ConcurrentHashMap<>();

    /** A board none of whose snapshot files reads, in a strict store. */
    static final class UnreadableBoardException extends IOException {
        UnreadableBoardException(String message) {
            super(message);
        }
    }

    BoardReader(JournalCompaction compaction, DataDir dir, boolean salvage) {
        this.compaction = compaction;
        this.dir = dir;
        this.salvage = salvage;
    }

    CompletableFuture<Store.BoardLoad> load(String board) {
        CompletableFuture<Store.BoardLoad> mine = new CompletableFuture<>();
        CompletableFuture<Store.BoardLoad> other = running.putIfAbsent(board, mine);
        if (other != null) return other;
        try {
            threads.execute(() -> {
                Store.BoardLoad load = null;
                Throwable failed = null;
                try {
                    load = read(board);
                } catch (IOException | RuntimeException | Error e) {
                    failed = e; // handed to the caller through the future
                }
                // Gone from the map before anyone hears the result: a load asked for after it reads again.
                running.remove(board, mine);
                if (failed != null) mine.completeExceptionally(failed);
                else mine.complete(load);
            });
        } catch (RejectedExecutionException e) {
            running.remove(board, mine);
            mine.completeExceptionally(new IllegalStateException("journal store is closed", e));
        }
        return mine;
    }

    private Store.BoardLoad read(String board) throws IOException {
        compaction.lock().readLock().lock();
        try {
            List<String> warnings = new ArrayList<>();
            BoardSnapshot snapshot = newestReadable(board, warnings);
            List<AcceptedBatch> batches = records(board, snapshot == null ? 0 : snapshot.seq(), warnings);
            return new Store.BoardLoad(snapshot, batches, warnings);
        } finally {
            compaction.lock().readLock().unlock();
        }
    }

    private BoardSnapshot newestReadable(String board, List<String> warnings) throws IOException {
        BoardFiles files = compaction.files();
        List<BoardFiles.Ref> refs = files.of(board);
        List<String> unreadable = new ArrayList<>();
        List<BoardFiles.Ref> bad = new ArrayList<>();
        BoardSnapshot found = null;
        for (BoardFiles.Ref ref : refs) {
            try {
                found = files.read(board, ref);
                break;
            } catch (JournalRecords.MalformedException | NoSuchFileException e) {
                unreadable.add(files.path(board, ref.gen(), ref.seq()).getFileName() + " ("
                        + (e instanceof NoSuchFileException ? "missing" : e.getMessage()) + ")");
                bad.add(ref);
            }
        }
        if (unreadable.isEmpty()) return found;
        if (found == null && !salvage) {
            throw new UnreadableBoardException("board " + board + " cannot be read: no snapshot file of it is readable ("
                    + String.join(", ", unreadable) + ") in " + dir.path().toAbsolutePath().normalize() + JournalRecovery.SALVAGE_HINT);
        }
        List<String> aside = new ArrayList<>();
        for (BoardFiles.Ref ref : bad) {
            Path moved = files.moveAside(board, ref);
            if (moved != null) aside.add(moved.getFileName().toString());
        }
        warn(warnings, found != null
                ? "board " + board + ": fell back to its snapshot at seq " + found.seq() + " and the journal after it, as "
                + String.join(", ", unreadable) + " did not read (kept aside as " + String.join(", ", aside) + ")"
                : "SAMENBORD_RECOVERY=salvage: board " + board + " starts from its journal alone, without " + String.join(", ", unreadable));
        return found;
    }

    /** The board's batch records after {@code seq}, in seq order, each checked (length, checksum, JSON, board, seq). */
    private List<AcceptedBatch> records(String board, long seq, List<String> warnings) throws IOException {
        List<AcceptedBatch> out = new ArrayList<>();
        Map<Long, FileChannel> open = new HashMap<>();
        Map<Long, RecordFramer.ReadAhead> buffers = new HashMap<>();
        try {
            long expect = seq + 1;
            for (JournalIndex.Ref ref : compaction.index().after(board, seq)) {
                FileChannel ch = open.get(ref.segment());
                if (ch == null) {
                    ch = FileChannel.open(dir.segment(ref.segment()), StandardOpenOption.READ);
                    open.put(ref.segment(), ch);
                }
                AcceptedBatch batch;
                try {
                    byte[] payload = RecordFramer.readAt(ch, ref.offset(), buffers.computeIfAbsent(ref.segment(), k -> new RecordFramer.ReadAhead()));
                    if (!(JournalRecords.decode(payload) instanceof JournalRecords.BatchRecord b) || !b.board().equals(board)
                            || b.batch().seq() != ref.seq()) {
                        throw new JournalRecords.MalformedException("not the batch " + ref.seq() + " of board " + board);
                    }
                    batch = b.batch();
                } catch (JournalRecords.MalformedException e) {
                    String what = "board " + board + ": the record of seq " + ref.seq() + " in " + dir.segment(ref.segment()).getFileName()
                            + " at byte " + ref.offset() + " does not read back (" + e.getMessage() + ")";
                    if (!salvage) throw new UnreadableBoardException(what + JournalRecovery.SALVAGE_HINT);
                    warn(warnings, "SAMENBORD_RECOVERY=salvage: " + what + "; the board goes on without it");
                    continue;
                }
                if (batch.seq() > expect) {
                    warn(warnings, "board " + board + " misses seq " + (expect == batch.seq() - 1 ? Long.toString(expect)
                            : expect + "-" + (batch.seq() - 1)) + " (unreadable)");
                }
                expect = batch.seq() + 1;
                out.add(batch);
            }
        } finally {
            for (FileChannel ch : open.values()) ch.close();
        }
        return out;
    }

    private static void warn(List<String> warnings, String message) {
        LOG.warning(message);
        warnings.add(message);
    }

    void close() throws InterruptedException {
        threads.shutdown();
        if (!threads.awaitTermination(30, TimeUnit.SECONDS)) LOG.warning("a board was still being loaded at close");
    }
}
