package be.samenbord.store;

import be.samenbord.board.BoardSnapshot;
import be.samenbord.workshop.Workshop;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Reads a data directory back at start (rule DU-2) without reading any board: the workshops of the
 * newest readable snapshot mark plus the workshop records after it, the list of per-board
 * snapshot files (names only, {@link BoardFiles}) and an index of every batch record in the
 * journal ({@link JournalIndex}: board, place and seq, read from the record headers). A board is
 * read when it is first used ({@link JournalStore#loadBoard}).
 *
 * <p>Damage never throws good data away (rules DU-3, DU-6, DU-7): a damaged stretch in the middle
 * of a segment is skipped up to the next record that checks out, after the original file was
 * copied aside; an unreadable newest mark falls back to the previous one plus the segments after
 * it. Data that cannot be read at all (no readable mark while marks exist, a workshop record
 * lost) stops the start, unless the operator chose {@code SAMENBORD_RECOVERY=salvage}. Nothing is
 * changed on disk before that decision, so a refused start leaves the directory as it found it.
 * A mark of the first format (every board inside) has its boards written to board files once.
 */
final class JournalRecovery {

    private static final Logger LOG = Logger.getLogger(JournalRecovery.class.getName());
    static final String SALVAGE_HINT = "; to start anyway with what can be read, set SAMENBORD_RECOVERY=salvage"
            + " (unreadable files are kept aside as *.corrupt-<n>)";

    /**
     * What was read: the recovery, the first number that no file uses yet, the newest readable
     * mark (0 = none), the marks on disk, the board files and the index of the journal.
     */
    record Result(Recovery recovery, long nextNumber, long snapshotNumber, TreeSet<Long> marks, BoardFiles files,
                  JournalIndex index) {
    }

    /** The data directory holds data this node cannot read, and the operator did not ask to salvage. */
    static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    private interface Change {
        void apply() throws IOException;
    }

    /** A batch record found by the scan, before it goes into the index. */
    private record Found(String board, long segment, long offset, long seq) {
    }

    private final DataDir dir;
    private final boolean salvage;
    private final List<String> warnings = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    /** Disk changes, made only once the start is decided (nothing is touched when it is refused). */
    private final List<Change> changes = new ArrayList<>();
    private final Map<String, Workshop> workshops = new LinkedHashMap<>();
    private final List<Found> found = new ArrayList<>();
    /** Segments rewritten without damage: their offsets moved, so they are indexed again after the rewrite. */
    private final List<Long> rewritten = new ArrayList<>();
    private boolean sawData;

    private JournalRecovery(DataDir dir, boolean salvage) {
        this.dir = dir;
        this.salvage = salvage;
    }

    static Result recover(DataDir dir, boolean salvage) throws IOException {
        Files.createDirectories(dir.path());
        return new JournalRecovery(dir, salvage).run();
    }

    private Result run() throws IOException {
        NavigableMap<Long, Path> segments = dir.segments();
        NavigableMap<Long, Path> snapshotFiles = dir.snapshots();
        NavigableMap<Long, Path> tmps = dir.snapshotTmps();
        long highest = Math.max(last(segments), Math.max(last(snapshotFiles), last(tmps)));
        boolean quarantinedBefore = dir.hasQuarantined();
        BoardFiles.Listing listing = BoardFiles.list(dir);
        BoardFiles files = listing.files();
        TreeSet<Long> marks = new TreeSet<>(snapshotFiles.keySet());

        SnapshotFile.Loaded snapshot = newestReadable(snapshotFiles, marks);
        long from = 0;
        if (snapshot != null) {
            from = snapshot.number();
            snapshot.workshops().forEach(w -> workshops.put(w.id(), w));
            if (snapshot.v1()) migrate(snapshot, files);
        }
        // Every segment: the index needs all of them (a board's records may be older than the
        // newest mark when its newest file is older); workshop records only count after the mark.
        long lastSegment = last(segments);
        for (Map.Entry<Long, Path> e : segments.entrySet()) {
            readSegment(e.getValue(), e.getKey(), e.getKey() == lastSegment, e.getKey() >= from);
        }
        // Only a directory with no data at all is a first start (rule FS-1); a segment a start
        // opened but never wrote to is no data.
        boolean fresh = snapshotFiles.isEmpty() && files.isEmpty() && !quarantinedBefore && !sawData;

        if (!refusals.isEmpty() && !salvage) {
            throw new RefusedException("cannot start on " + dir.path().toAbsolutePath().normalize() + ": "
                    + String.join("; ", refusals) + SALVAGE_HINT);
        }
        refusals.forEach(r -> warn("SAMENBORD_RECOVERY=salvage: starting without " + r));
        for (Path tmp : tmps.values()) {
            // A crash during a snapshot: the journal it would have replaced is still all there.
            changes.add(() -> Files.delete(tmp));
            LOG.info(() -> "ignoring " + tmp.getFileName() + ", left by an interrupted snapshot");
        }
        for (Path tmp : listing.leftovers()) changes.add(() -> Files.deleteIfExists(tmp));
        for (Change c : changes) c.apply();
        dir.sync();
        files.syncDirectory();

        JournalIndex index = new JournalIndex();
        for (Found f : found) index.add(f.board(), f.segment(), f.offset(), f.seq());
        for (long number : rewritten) reindex(index, number, segments.get(number));
        reportGaps(index, files);
        Recovery recovery = new Recovery(new ArrayList<>(workshops.values()), warnings, fresh);
        return new Result(recovery, highest + 1, from, marks, files, index);
    }

    /**
     * The newest snapshot mark that reads back. Newer unreadable ones are moved aside, since the
     * older generation plus the segments after it (kept for that, rule DU-6) hold everything.
     */
    private SnapshotFile.Loaded newestReadable(NavigableMap<Long, Path> snapshotFiles, TreeSet<Long> marks) throws IOException {
        List<String> unreadable = new ArrayList<>();
        for (Map.Entry<Long, Path> e : snapshotFiles.descendingMap().entrySet()) {
            Path file = e.getValue();
            try {
                SnapshotFile.Loaded loaded = SnapshotFile.read(e.getKey(), file);
                if (!unreadable.isEmpty()) {
                    warn("fell back to " + file.getFileName() + " and the journal after it, as " + String.join(", ", unreadable)
                            + (unreadable.size() == 1 ? " is" : " are") + " unreadable (moved aside)");
                }
                return loaded;
            } catch (JsonProcessingException | JournalRecords.MalformedException bad) {
                unreadable.add(file.getFileName() + " (" + JournalRecords.describe(bad) + ")");
                marks.remove(e.getKey());
                changes.add(() -> {
                    Path aside = dir.moveAside(file);
                    LOG.warning(file.getFileName() + " is unreadable; moved to " + aside.getFileName());
                });
            }
        }
        if (!unreadable.isEmpty()) {
            refusals.add("no snapshot is readable (" + String.join(", ", unreadable) + "), so the workshops they hold"
                    + " would be missing");
        }
        return null;
    }

    /**
     * A mark of the first format holds every board: write each to its own file (gen = the mark's
     * number, as it covers the segments below it), then rewrite the mark in the current format, so
     * later starts read no board. A crash in between repeats it.
     */
    private void migrate(SnapshotFile.Loaded v1, BoardFiles files) {
        changes.add(() -> {
            for (BoardSnapshot b : v1.boards()) {
                if (files.newestSeq(b.id()) < b.seq()) files.write(v1.number(), b);
            }
            files.syncDirectory();
            SnapshotFile.write(dir, v1.number(), new SnapshotContent(v1.workshops(), List.of()));
            LOG.info("moved the " + v1.boards().size() + " boards of snapshot " + v1.number() + " into board files");
        });
    }

    private void readSegment(Path file, long number, boolean last, boolean afterMark) throws IOException {
        RecordFramer.Scan<JournalRecords.Peeked> scan = RecordFramer.scan(file, JournalRecords::peek);
        sawData |= scan.size() > RecordFramer.MAGIC.length;
        for (int i = 0; i < scan.records().size(); i++) {
            switch (scan.records().get(i)) {
                case JournalRecords.WorkshopPeek w -> {
                    if (afterMark) workshops.put(w.workshop().id(), w.workshop());
                }
                case JournalRecords.BatchRef b -> found.add(new Found(b.board(), number, scan.offsets().get(i), b.seq()));
            }
        }
        // A rewrite without the damage also leaves out a bad tail; the copy kept aside has it all.
        if (!scan.damage().isEmpty()) quarantine(file, number, scan, afterMark);
        else if (scan.tailProblem() != null) cutTail(file, scan, last, afterMark);
        if (scan.records().isEmpty() && scan.damage().isEmpty()) {
            // Holds nothing (e.g. opened by a start that then wrote nothing): tidy it away.
            changes.add(() -> Files.deleteIfExists(file));
        }
    }

    /**
     * Damage in the middle: keep the original as it is ({@code .corrupt-<n>}), then rewrite the
     * segment with every record that checks out, and say exactly what was skipped. Damage that
     * may have held a workshop record refuses a strict start, unless the snapshot mark after it
     * holds every workshop anyway.
     */
    private void quarantine(Path file, long number, RecordFramer.Scan<JournalRecords.Peeked> scan, boolean afterMark) {
        String name = file.getFileName().toString();
        long bytes = 0;
        List<String> ranges = new ArrayList<>();
        for (RecordFramer.Damage d : scan.damage()) {
            bytes += d.length();
            ranges.add("bytes " + d.from() + "-" + (d.to() - 1) + " (" + d.length() + " bytes: " + d.problem() + ")");
            if (d.mayHoldWorkshop() && afterMark) {
                refusals.add(name + " " + ranges.getLast() + " may hold a workshop record");
            }
        }
        if (scan.tailProblem() != null) {
            bytes += scan.size() - scan.goodEnd();
            ranges.add("bytes " + scan.goodEnd() + "-" + (scan.size() - 1) + " at the end (" + scan.tailProblem() + ")");
            if (scan.tailMayHoldWorkshop() && afterMark) refusals.add(name + " " + ranges.getLast() + " may hold a workshop record");
        }
        long skipped = bytes;
        rewritten.add(number);
        changes.add(() -> {
            Path copy = dir.copyAside(file);
            SegmentRewrite.withoutDamage(dir, file, scan.damage(), scan.goodEnd());
            warn(name + ": skipped " + scan.damage().size() + " damaged stretch(es), " + skipped + " bytes in all: "
                    + String.join(", ", ranges) + "; recovered the " + scan.recordsAfterDamage() + " intact records after the"
                    + " first of them (" + scan.records().size() + " in the file); the original file is kept as "
                    + copy.getFileName() + "; an acknowledged edit inside the skipped bytes is missing");
        });
    }

    /**
     * Nothing that checks out after {@code goodEnd}. In the last segment that is the normal
     * aftermath of a crash mid-write (never acknowledged) and is cut; in an older, finished
     * segment the bytes are copied aside first.
     */
    private void cutTail(Path file, RecordFramer.Scan<JournalRecords.Peeked> scan, boolean last, boolean afterMark) {
        String name = file.getFileName().toString();
        long dropped = scan.size() - scan.goodEnd();
        // A torn tail of the live segment was never acknowledged, whatever it held.
        if (!last && afterMark && scan.tailMayHoldWorkshop()) refusals.add(name + " bytes " + scan.goodEnd() + "-" + (scan.size() - 1)
                + " (" + scan.tailProblem() + ") may hold a workshop record");
        if (last) {
            changes.add(() -> {
                SegmentRewrite.cut(file, scan.goodEnd());
                warn(name + ": " + scan.tailProblem() + "; cut off the last " + dropped + " bytes (a write interrupted by a"
                        + " crash: no record there checks out, so none was acknowledged), kept " + scan.records().size()
                        + " records");
            });
        } else {
            changes.add(() -> {
                Path aside = dir.copyAside(file);
                SegmentRewrite.cut(file, scan.goodEnd());
                warn(name + ": " + scan.tailProblem() + "; kept " + scan.records().size() + " records, cut the remaining "
                        + dropped + " bytes (the whole file is kept as " + aside.getFileName() + ")");
            });
        }
    }

    /** A segment rewritten without its damage: its records moved, so read their places again. */
    private static void reindex(JournalIndex index, long number, Path file) throws IOException {
        index.forgetSegment(number);
        RecordFramer.Scan<JournalRecords.Peeked> scan = RecordFramer.scan(file, JournalRecords::peek);
        for (int i = 0; i < scan.records().size(); i++) {
            if (scan.records().get(i) instanceof JournalRecords.BatchRef b) index.add(b.board(), number, scan.offsets().get(i), b.seq());
        }
    }

    /** Seqs a board misses after its newest snapshot file: batches inside skipped bytes. */
    private void reportGaps(JournalIndex index, BoardFiles files) {
        for (String board : new TreeSet<>(index.boards())) {
            long expect = Math.max(0, files.newestSeq(board)) + 1;
            List<String> missing = new ArrayList<>();
            for (JournalIndex.Ref r : index.after(board, expect - 1)) {
                if (r.seq() > expect) missing.add(expect == r.seq() - 1 ? Long.toString(expect) : expect + "-" + (r.seq() - 1));
                expect = Math.max(expect, r.seq() + 1);
            }
            if (!missing.isEmpty()) warn("board " + board + " misses seq " + String.join(", ", missing) + " (unreadable)");
        }
    }

    private void warn(String message) {
        LOG.warning(message);
        warnings.add(message);
    }

    private static long last(NavigableMap<Long, Path> files) {
        return files.isEmpty() ? 0 : files.lastKey();
    }
}
