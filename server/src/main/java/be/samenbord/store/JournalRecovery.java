package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.workshop.Workshop;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.logging.Logger;

/**
 * Reads a data directory back (rule DU-2): the newest readable snapshot, then every segment from
 * its number on. Damage is cut away and reported, never fatal (rule DU-3).
 */
final class JournalRecovery {

    private static final Logger LOG = Logger.getLogger(JournalRecovery.class.getName());

    /** What was read, plus the first number that no file uses yet. */
    record Result(Recovery recovery, long nextNumber, long snapshotNumber) {
    }

    private final DataDir dir;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Workshop> workshops = new LinkedHashMap<>();
    private final Map<String, BoardSnapshot> snapshots = new LinkedHashMap<>();
    private final Map<String, List<AcceptedBatch>> batches = new LinkedHashMap<>();

    private JournalRecovery(DataDir dir) {
        this.dir = dir;
    }

    static Result recover(DataDir dir) throws IOException {
        Files.createDirectories(dir.path());
        return new JournalRecovery(dir).run();
    }

    private Result run() throws IOException {
        NavigableMap<Long, Path> segments = dir.segments();
        NavigableMap<Long, Path> snapshotFiles = dir.snapshots();
        NavigableMap<Long, Path> tmps = dir.snapshotTmps();
        long highest = Math.max(last(segments), Math.max(last(snapshotFiles), last(tmps)));

        for (Path tmp : tmps.values()) {
            // A crash during a snapshot: the journal it would have replaced is still all there.
            LOG.info(() -> "ignoring " + tmp.getFileName() + ", left by an interrupted snapshot");
            Files.delete(tmp);
        }
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
        Recovery recovery = new Recovery(new ArrayList<>(workshops.values()), snapshots, batches, warnings);
        return new Result(recovery, highest + 1, from);
    }

    private SnapshotFile.Loaded newestReadable(NavigableMap<Long, Path> files) throws IOException {
        for (Map.Entry<Long, Path> e : files.descendingMap().entrySet()) {
            Path file = e.getValue();
            try {
                return SnapshotFile.read(e.getKey(), file);
            } catch (JsonProcessingException | JournalRecords.MalformedException bad) {
                // Renamed aside so it stops shadowing older data at every start.
                Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                dir.sync();
                warn(file.getFileName() + " is unreadable (" + JournalRecords.describe(bad) + "); moved to "
                        + aside.getFileName() + " and fell back to older data, which may miss recent changes");
            }
        }
        return null;
    }

    private void readSegment(Path file, boolean last) throws IOException {
        RecordFramer.Scan<JournalRecords.Record> scan = RecordFramer.scan(file, JournalRecords::decode);
        for (JournalRecords.Record r : scan.records()) {
            switch (r) {
                case JournalRecords.WorkshopRecord w -> workshops.put(w.workshop().id(), w.workshop());
                case JournalRecords.BatchRecord b -> addBatch(b.board(), b.batch());
            }
        }
        String name = file.getFileName().toString();
        long dropped = scan.size() - scan.goodEnd();
        if (!scan.clean() && last) {
            // The normal aftermath of a crash mid-write: those records were never acknowledged.
            cut(file, scan.goodEnd());
            warn(name + ": " + scan.problem() + "; cut off the last " + dropped + " bytes (usually a write interrupted"
                    + " by a crash, never acknowledged), kept " + scan.records().size() + " records");
        } else if (!scan.clean()) {
            // A finished segment should be intact, so what follows may be acknowledged data: keep a copy.
            Path aside = file.resolveSibling(name + ".corrupt");
            copyTail(file, scan.goodEnd(), aside);
            cut(file, scan.goodEnd());
            warn(name + ": " + scan.problem() + "; kept " + scan.records().size() + " records, moved the remaining "
                    + dropped + " bytes to " + aside.getFileName() + "; edits stored there are missing");
        }
        if (scan.records().isEmpty()) {
            // Holds nothing (e.g. opened by a start that then wrote nothing): tidy it away.
            Files.delete(file);
            dir.sync();
        }
    }

    private void addBatch(String board, AcceptedBatch batch) {
        BoardSnapshot snap = snapshots.get(board);
        if (snap != null && batch.seq() <= snap.seq()) return; // already inside the snapshot
        batches.computeIfAbsent(board, k -> new ArrayList<>()).add(batch);
    }

    private static void cut(Path file, long at) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(at);
            ch.force(true);
        }
    }

    private void copyTail(Path file, long from, Path target) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            long pos = from;
            long end = in.size();
            while (pos < end) pos += in.transferTo(pos, end - pos, out);
            out.force(true);
        }
        dir.sync();
    }

    private void warn(String message) {
        LOG.warning(message);
        warnings.add(message);
    }

    private static long last(NavigableMap<Long, Path> files) {
        return files.isEmpty() ? 0 : files.lastKey();
    }
}
