package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
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
import java.util.logging.Logger;

/**
 * Reads a data directory back (rule DU-2): the newest readable snapshot generation, then every
 * segment from its number on. Damage never throws good data away (rules DU-3, DU-6, DU-7):
 * a damaged stretch in the middle of a segment is skipped up to the next record that checks out,
 * after the original file was copied aside; an unreadable newest snapshot falls back to the
 * previous generation plus the segments after it. Data that cannot be read at all (no readable
 * snapshot while snapshot files exist, a workshop record lost) stops the start, unless the
 * operator chose {@code SAMENBORD_RECOVERY=salvage}. Nothing is changed on disk before that
 * decision, so a refused start leaves the directory as it found it.
 */
final class JournalRecovery {

    private static final Logger LOG = Logger.getLogger(JournalRecovery.class.getName());
    static final String SALVAGE_HINT = "; to start anyway with what can be read, set SAMENBORD_RECOVERY=salvage"
            + " (unreadable files are kept aside as *.corrupt-<n>)";

    /** What was read, plus the first number that no file uses yet. */
    record Result(Recovery recovery, long nextNumber, long snapshotNumber) {
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

    private final DataDir dir;
    private final boolean salvage;
    private final List<String> warnings = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    /** Disk changes, made only once the start is decided (nothing is touched when it is refused). */
    private final List<Change> changes = new ArrayList<>();
    private final Map<String, Workshop> workshops = new LinkedHashMap<>();
    private final Map<String, BoardSnapshot> snapshots = new LinkedHashMap<>();
    private final Map<String, List<AcceptedBatch>> batches = new LinkedHashMap<>();
    private boolean sawData;
    private boolean damaged;

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

        SnapshotFile.Loaded snapshot = newestReadable(snapshotFiles);
        long from = 0;
        if (snapshot != null) {
            from = snapshot.number();
            snapshot.workshops().forEach(w -> workshops.put(w.id(), w));
            snapshots.putAll(SnapshotFile.byId(snapshot.boards()));
        }
        NavigableMap<Long, Path> toRead = segments.tailMap(from, true);
        long lastSegment = last(toRead);
        for (Map.Entry<Long, Path> e : toRead.entrySet()) {
            readSegment(e.getValue(), e.getKey() == lastSegment);
        }
        // Only a directory with no data at all is a first start (rule FS-1); a segment a start
        // opened but never wrote to is no data.
        boolean fresh = snapshotFiles.isEmpty() && !quarantinedBefore && !sawData;

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
        for (Change c : changes) c.apply();
        dir.sync();
        reportGaps();
        Recovery recovery = new Recovery(new ArrayList<>(workshops.values()), snapshots, batches, warnings, fresh);
        return new Result(recovery, highest + 1, from);
    }

    /**
     * The newest snapshot that reads back. Newer unreadable ones are moved aside, since the older
     * generation plus the segments after it (kept for that, rule DU-6) hold everything.
     */
    private SnapshotFile.Loaded newestReadable(NavigableMap<Long, Path> files) throws IOException {
        List<String> unreadable = new ArrayList<>();
        for (Map.Entry<Long, Path> e : files.descendingMap().entrySet()) {
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
                damaged = true;
                changes.add(() -> {
                    Path aside = dir.moveAside(file);
                    LOG.warning(file.getFileName() + " is unreadable; moved to " + aside.getFileName());
                });
            }
        }
        if (!unreadable.isEmpty()) {
            refusals.add("no snapshot is readable (" + String.join(", ", unreadable) + "), so the boards and workshops"
                    + " they hold would be missing");
        }
        return null;
    }

    private void readSegment(Path file, boolean last) throws IOException {
        RecordFramer.Scan<JournalRecords.Record> scan = RecordFramer.scan(file, JournalRecords::decode);
        sawData |= scan.size() > RecordFramer.MAGIC.length;
        damaged |= !scan.clean();
        for (JournalRecords.Record r : scan.records()) {
            switch (r) {
                case JournalRecords.WorkshopRecord w -> workshops.put(w.workshop().id(), w.workshop());
                case JournalRecords.BatchRecord b -> addBatch(b.board(), b.batch());
            }
        }
        // A rewrite without the damage also leaves out a bad tail; the copy kept aside has it all.
        if (!scan.damage().isEmpty()) quarantine(file, scan);
        else if (scan.tailProblem() != null) cutTail(file, scan, last);
        if (scan.records().isEmpty() && scan.damage().isEmpty()) {
            // Holds nothing (e.g. opened by a start that then wrote nothing): tidy it away.
            changes.add(() -> Files.deleteIfExists(file));
        }
    }

    /**
     * Damage in the middle: keep the original as it is ({@code .corrupt-<n>}), then rewrite the
     * segment with every record that checks out, and say exactly what was skipped.
     */
    private void quarantine(Path file, RecordFramer.Scan<JournalRecords.Record> scan) {
        String name = file.getFileName().toString();
        long bytes = 0;
        List<String> ranges = new ArrayList<>();
        for (RecordFramer.Damage d : scan.damage()) {
            bytes += d.length();
            ranges.add("bytes " + d.from() + "-" + (d.to() - 1) + " (" + d.length() + " bytes: " + d.problem() + ")");
            if (d.mayHoldWorkshop()) {
                refusals.add(name + " " + ranges.getLast() + " may hold a workshop record");
            }
        }
        if (scan.tailProblem() != null) {
            bytes += scan.size() - scan.goodEnd();
            ranges.add("bytes " + scan.goodEnd() + "-" + (scan.size() - 1) + " at the end (" + scan.tailProblem() + ")");
            if (scan.tailMayHoldWorkshop()) refusals.add(name + " " + ranges.getLast() + " may hold a workshop record");
        }
        long skipped = bytes;
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
    private void cutTail(Path file, RecordFramer.Scan<JournalRecords.Record> scan, boolean last) {
        String name = file.getFileName().toString();
        long dropped = scan.size() - scan.goodEnd();
        // A torn tail of the live segment was never acknowledged, whatever it held.
        if (!last && scan.tailMayHoldWorkshop()) refusals.add(name + " bytes " + scan.goodEnd() + "-" + (scan.size() - 1)
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

    private void addBatch(String board, AcceptedBatch batch) {
        BoardSnapshot snap = snapshots.get(board);
        if (snap != null && batch.seq() <= snap.seq()) return; // already inside the snapshot
        batches.computeIfAbsent(board, k -> new ArrayList<>()).add(batch);
    }

    /** Seqs a board misses after its snapshot: batches inside skipped bytes. */
    private void reportGaps() {
        batches.forEach((board, list) -> {
            BoardSnapshot snap = snapshots.get(board);
            long expect = (snap != null ? snap.seq() : 0) + 1;
            List<String> missing = new ArrayList<>();
            for (AcceptedBatch b : list) {
                if (b.seq() > expect) missing.add(expect == b.seq() - 1 ? Long.toString(expect) : expect + "-" + (b.seq() - 1));
                expect = Math.max(expect, b.seq() + 1);
            }
            if (!missing.isEmpty()) warn("board " + board + " misses seq " + String.join(", ", missing) + " (unreadable)");
        });
    }

    private void warn(String message) {
        LOG.warning(message);
        warnings.add(message);
    }

    private static long last(NavigableMap<Long, Path> files) {
        return files.isEmpty() ? 0 : files.lastKey();
    }
}
