package be.samenbord.store;

import be.samenbord.board.BoardSnapshot;
import be.samenbord.workshop.Workshop;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot mark file: {@code {"format":"samenbord-snapshot/2","workshops":[...]}}, every workshop
 * as of the mark; the boards are in their own files ({@link BoardFiles}). Files of the first
 * format, {@code samenbord-snapshot/1}, also hold every board ({@code "boards":[...]}); recovery
 * still reads them and moves their boards into board files. Written to {@code .tmp}, synced,
 * renamed, directory synced (rule DU-4), so a crash leaves either the old complete set of files
 * or the new one, never a half snapshot under the real name.
 */
final class SnapshotFile {

    static final String FORMAT = "samenbord-snapshot/2";
    static final String FORMAT_V1 = "samenbord-snapshot/1";

    private SnapshotFile() {
    }

    /**
     * A snapshot read back; {@code number} is the first segment it does not cover. {@code boards}
     * only in a file of the first format.
     */
    record Loaded(long number, List<Workshop> workshops, List<BoardSnapshot> boards, boolean v1) {
    }

    static void write(DataDir dir, long number, SnapshotContent content) throws IOException {
        Path tmp = dir.snapshotTmp(number);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                // The channel must stay open after the generator is done, for the fsync below.
                try (JsonGenerator g = JournalRecords.JSON.createGenerator(out)
                        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                    writeContent(g, content);
                }
                out.flush();
                ch.force(true);
            }
            // Renaming deletes the journal it covers, so make sure it reads back first.
            try {
                read(number, tmp);
            } catch (JournalRecords.MalformedException e) {
                throw new IOException("snapshot " + number + " would not read back: " + e.getMessage(), e);
            }
            Files.move(tmp, dir.snapshot(number), StandardCopyOption.ATOMIC_MOVE);
            dir.sync();
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException deleting) {
                e.addSuppressed(deleting);
            }
            throw e;
        }
    }

    private static void writeContent(JsonGenerator g, SnapshotContent content) throws IOException {
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeArrayFieldStart("workshops");
        for (Workshop w : content.workshops()) JournalRecords.writeWorkshop(g, w);
        g.writeEndArray();
        g.writeEndObject();
    }

    static Loaded read(long number, Path file) throws IOException, JournalRecords.MalformedException {
        JsonNode n;
        try (InputStream in = Files.newInputStream(file)) {
            n = JournalRecords.MAPPER.readTree(in);
        }
        boolean v1 = n != null && n.isObject() && FORMAT_V1.equals(n.path("format").asText());
        if (n == null || !n.isObject() || !(v1 || FORMAT.equals(n.path("format").asText()))) {
            throw new JournalRecords.MalformedException("not a " + FORMAT + " file");
        }
        List<Workshop> workshops = new ArrayList<>();
        for (JsonNode w : JournalRecords.array(n, "workshops")) workshops.add(JournalRecords.readWorkshop(w));
        List<BoardSnapshot> boards = new ArrayList<>();
        if (v1) {
            for (JsonNode b : JournalRecords.array(n, "boards")) boards.add(JournalRecords.readBoard(b));
        }
        return new Loaded(number, workshops, boards, v1);
    }

    /**
     * Deletes snapshot marks (and leftover temporary files) below {@code marksBelow}, the oldest
     * generation kept, and journal segments below {@code segmentsBelow}. Tries every file; the
     * first failure is thrown with the others attached.
     */
    static void deleteCovered(DataDir dir, long marksBelow, long segmentsBelow) throws IOException {
        List<Path> doomed = new ArrayList<>();
        doomed.addAll(dir.segments().headMap(segmentsBelow, false).values());
        doomed.addAll(dir.snapshots().headMap(marksBelow, false).values());
        doomed.addAll(dir.snapshotTmps().headMap(marksBelow, false).values());
        IOException failed = null;
        for (Path p : doomed) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                if (failed == null) failed = e;
                else failed.addSuppressed(e);
            }
        }
        if (failed != null) throw failed;
        if (!doomed.isEmpty()) dir.sync();
    }
}
