package be.samenbord.store;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Which boards a snapshot of the embedded store writes, and what it may delete afterwards (rules
 * DU-2, DU-6). The rule that keeps every generation whole: <em>a journal record is deleted only
 * when every kept snapshot file of its board holds it</em>, i.e. the oldest of the board's
 * {@code kept} newest files has its seq. So any kept file plus the records after it rebuilds the
 * board, and a damaged newest file falls back to an older one losing nothing.
 *
 * <p>A snapshot at mark {@code n} wants a board when it has a record after its newest file in a
 * segment below {@code n} (it changed since its last snapshot), or a record after its oldest kept
 * file in a segment the snapshot would otherwise free (below the oldest kept mark): writing it
 * again lets those go. So a board that did not change is never written, and one that changed is
 * written at most {@code kept} times. A board not written (not wanted, or its capture failed)
 * keeps its records: they only pin their segments.
 *
 * <p>Loads hold the read side of {@link #lock}; deleting files holds the write side, so a load
 * never finds the file or segment it chose gone.
 */
final class JournalCompaction {

    private final DataDir dir;
    private final int kept;
    private final BoardFiles files;
    private final JournalIndex index;
    /** Snapshot marks on disk, oldest first. Guarded by this. */
    private final TreeSet<Long> marks;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    JournalCompaction(DataDir dir, int kept, BoardFiles files, JournalIndex index, TreeSet<Long> marks) {
        this.dir = dir;
        this.kept = kept;
        this.files = files;
        this.index = index;
        this.marks = new TreeSet<>(marks);
    }

    ReadWriteLock lock() {
        return lock;
    }

    BoardFiles files() {
        return files;
    }

    JournalIndex index() {
        return index;
    }

    /** The boards a snapshot at mark {@code n} writes (every record before {@code n} is indexed). */
    Set<String> wanted(long n) {
        long freedBelow = oldestKeptMark(n);
        Set<String> out = new HashSet<>();
        for (String board : index.boards()) {
            long newest = files.newestSeq(board);
            long oldestKept = files.oldestKeptSeq(board, kept);
            if (index.hasAfter(board, newest, n) || index.hasAfter(board, oldestKept, freedBelow)) out.add(board);
        }
        return out;
    }

    /**
     * After snapshot {@code n} (its board files and mark) is durable: deletes board files beyond
     * the {@code kept} newest of each board, marks older than the oldest kept one, and the journal
     * segments below both that mark and the first record some board's oldest kept file lacks.
     * Returns the first segment kept.
     */
    long compact(long n) throws IOException {
        lock.writeLock().lock();
        try {
            long oldestMark;
            synchronized (this) {
                marks.add(n);
                oldestMark = oldestKeptMark(n);
                marks.headSet(oldestMark, false).clear();
            }
            files.trim(kept);
            long keepFrom = oldestMark;
            for (String board : index.boards()) {
                keepFrom = Math.min(keepFrom, index.firstSegmentAfter(board, files.oldestKeptSeq(board, kept)));
            }
            files.syncDirectory();
            SnapshotFile.deleteCovered(dir, oldestMark, keepFrom);
            index.dropBelow(keepFrom);
            return keepFrom;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The oldest of the {@code kept} newest marks, counting {@code n} as made. */
    private synchronized long oldestKeptMark(long n) {
        TreeSet<Long> all = new TreeSet<>(marks);
        all.add(n);
        long oldest = n;
        int count = 0;
        for (long m : all.descendingSet()) {
            if (m > n) continue;
            if (count++ == kept) break;
            oldest = m;
        }
        return oldest;
    }

    synchronized long newestMark() {
        return marks.isEmpty() ? 0 : marks.last();
    }
}
