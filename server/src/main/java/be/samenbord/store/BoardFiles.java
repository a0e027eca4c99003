package be.samenbord.store;

import be.samenbord.board.BoardSnapshot;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-board snapshot files of the embedded store: {@code boards/<name>.<gen>.<seq>.snap}, one board
 * at {@code seq}, written at snapshot mark {@code gen}: it holds every record of its board in the
 * journal segments below {@code gen}. {@code name} is the board id with every character outside
 * {@code [A-Za-z0-9_-]} as {@code %XX} (UTF-8), or {@code ~<sha-256>} for a long id. A file is the
 * magic {@code SBS1} and one frame (length, CRC32C, the board's JSON), written to {@code .tmp},
 * synced and renamed (rule DU-4), so a file under its real name is whole and any flipped byte in it
 * fails its checksum.
 *
 * <p>The catalog, which files exist with which gen and seq, comes from the names alone: a start
 * lists the directory and opens no board file. Thread-safe.
 */
final class BoardFiles {

    static final byte[] MAGIC = "SBS1".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern NAME = Pattern.compile("(.+)\\.(\\d{20})\\.(\\d{1,19})\\.snap");
    private static final int MAX_NAME = 150;

    /** One file of a board: the mark it was written at and the board's seq in it. */
    record Ref(long gen, long seq) {
    }

    private final DataDir dir;
    /** Encoded name → gen, seq, gen, seq ... sorted by gen, oldest first. */
    private final Map<String, long[]> files = new HashMap<>();

    private BoardFiles(DataDir dir) {
        this.dir = dir;
    }

    /** What a directory listing found: the catalog, and leftovers of interrupted writes. */
    record Listing(BoardFiles files, List<Path> leftovers) {
    }

    /** Lists {@code boards/} (names only). Leftover {@code .tmp} files are returned for the caller to delete. */
    static Listing list(DataDir dir) throws IOException {
        BoardFiles out = new BoardFiles(dir);
        List<Path> leftovers = new ArrayList<>();
        if (!Files.isDirectory(dir.boards())) return new Listing(out, leftovers);
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir.boards())) {
            for (Path p : all) {
                String n = p.getFileName().toString();
                Matcher m = NAME.matcher(n);
                if (m.matches()) out.add(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
                else if (n.endsWith(".snap.tmp")) leftovers.add(p);
            }
        }
        return new Listing(out, leftovers);
    }

    /** The files of {@code board}, newest first. */
    synchronized List<Ref> of(String board) {
        long[] f = files.get(name(board));
        List<Ref> out = new ArrayList<>();
        if (f == null) return out;
        for (int i = f.length - 2; i >= 0; i -= 2) out.add(new Ref(f[i], f[i + 1]));
        return out;
    }

    /** Seq of the newest file of {@code board}, or -1 when it has none. */
    synchronized long newestSeq(String board) {
        long[] f = files.get(name(board));
        return f == null ? -1 : f[f.length - 1];
    }

    /** Seq of the oldest of the {@code kept} newest files of {@code board}, or -1 when it has none. */
    synchronized long oldestKeptSeq(String board, int kept) {
        long[] f = files.get(name(board));
        if (f == null) return -1;
        int count = f.length / 2;
        return f[2 * Math.max(0, count - kept) + 1];
    }

    synchronized boolean isEmpty() {
        return files.isEmpty();
    }

    synchronized int boards() {
        return files.size();
    }

    /**
     * Writes {@code snap} as the file of gen {@code gen}: temporary file, synced, read back, renamed.
     * The directory itself is synced by {@link #syncDirectory}, once for a group of files.
     */
    void write(long gen, BoardSnapshot snap) throws IOException {
        Files.createDirectories(dir.boards());
        byte[] payload = encode(snap);
        ByteBuffer frame = RecordFramer.frame(payload);
        Path target = path(snap.id(), gen, snap.seq());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            dir.checkRoom(MAGIC.length + frame.remaining());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ByteBuffer all = ByteBuffer.allocate(MAGIC.length + frame.remaining()).put(MAGIC).put(frame).flip();
                while (all.hasRemaining()) ch.write(all);
                ch.force(true);
            }
            // A file that would not read back must not replace journal records.
            BoardSnapshot back = read(tmp, snap.id(), snap.seq());
            if (back.ops().size() != snap.ops().size()) throw new IOException("board file of " + snap.id() + " does not read back whole");
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException deleting) {
                e.addSuppressed(deleting);
            }
            throw e;
        }
        synchronized (this) {
            add(name(snap.id()), gen, snap.seq());
        }
    }

    /** Makes created, renamed and deleted board files durable. */
    void syncDirectory() throws IOException {
        if (!Files.isDirectory(dir.boards())) return;
        try (FileChannel ch = FileChannel.open(dir.boards(), StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Reads one file of {@code board}; any damage (magic, length, checksum, JSON, id or seq) is a {@link JournalRecords.MalformedException}. */
    BoardSnapshot read(String board, Ref ref) throws IOException, JournalRecords.MalformedException {
        return readChecked(path(board, ref.gen(), ref.seq()), board, ref.seq());
    }

    private static BoardSnapshot read(Path file, String board, long seq) throws IOException {
        try {
            return readChecked(file, board, seq);
        } catch (JournalRecords.MalformedException e) {
            throw new IOException(file.getFileName() + " would not read back: " + e.getMessage(), e);
        }
    }

    static BoardSnapshot readChecked(Path file, String board, long seq) throws IOException, JournalRecords.MalformedException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length + RecordFramer.HEADER || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new JournalRecords.MalformedException("not a board snapshot file");
        }
        ByteBuffer b = ByteBuffer.wrap(all);
        int length = b.getInt(MAGIC.length);
        if (length < 0 || length != all.length - MAGIC.length - RecordFramer.HEADER) {
            throw new JournalRecords.MalformedException("length " + Integer.toUnsignedString(length) + " does not match the file");
        }
        byte[] payload = Arrays.copyOfRange(all, MAGIC.length + RecordFramer.HEADER, all.length);
        if (RecordFramer.crc(payload) != b.getInt(MAGIC.length + 4)) throw new JournalRecords.MalformedException("checksum mismatch");
        BoardSnapshot snap;
        try {
            snap = JournalRecords.readBoard(JournalRecords.MAPPER.readTree(payload));
        } catch (IOException e) {
            throw new JournalRecords.MalformedException("not JSON (" + JournalRecords.describe(e) + ")");
        }
        if (!snap.id().equals(board) || snap.seq() != seq) {
            throw new JournalRecords.MalformedException("holds board " + snap.id() + " at seq " + snap.seq());
        }
        return snap;
    }

    /** Moves an unreadable file aside ({@code .corrupt-<n>}) and forgets it; returns the new name, or null if it was gone. */
    Path moveAside(String board, Ref ref) throws IOException {
        Path file = path(board, ref.gen(), ref.seq());
        Path aside;
        try {
            aside = dir.moveAside(file);
        } catch (NoSuchFileException gone) {
            aside = null;
        }
        synchronized (this) {
            remove(name(board), ref.gen());
        }
        return aside;
    }

    /**
     * Deletes every file of every board but its {@code kept} newest (rule DU-6) and returns how
     * many went. Tries every file; the first failure is thrown with the others attached.
     */
    int trim(int kept) throws IOException {
        List<Path> doomed = new ArrayList<>();
        synchronized (this) {
            for (var e : files.entrySet()) {
                long[] f = e.getValue();
                int extra = f.length / 2 - kept;
                if (extra <= 0) continue;
                for (int i = 0; i < extra; i++) doomed.add(dir.boards().resolve(fileName(e.getKey(), f[2 * i], f[2 * i + 1])));
                e.setValue(Arrays.copyOfRange(f, 2 * extra, f.length));
            }
        }
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
        return doomed.size();
    }

    Path path(String board, long gen, long seq) {
        return dir.boards().resolve(fileName(name(board), gen, seq));
    }

    private static String fileName(String name, long gen, long seq) {
        return name + "." + String.format("%020d", gen) + "." + seq + ".snap";
    }

    private void add(String name, long gen, long seq) {
        long[] f = files.get(name);
        if (f == null) {
            files.put(name, new long[] {gen, seq});
            return;
        }
        int at = 0;
        while (at < f.length && f[at] < gen) at += 2;
        if (at < f.length && f[at] == gen) {
            f[at + 1] = seq;
            return;
        }
        long[] out = new long[f.length + 2];
        System.arraycopy(f, 0, out, 0, at);
        out[at] = gen;
        out[at + 1] = seq;
        System.arraycopy(f, at, out, at + 2, f.length - at);
        files.put(name, out);
    }

    private void remove(String name, long gen) {
        long[] f = files.get(name);
        if (f == null) return;
        for (int i = 0; i < f.length; i += 2) {
            if (f[i] != gen) continue;
            if (f.length == 2) {
                files.remove(name);
                return;
            }
            long[] out = new long[f.length - 2];
            System.arraycopy(f, 0, out, 0, i);
            System.arraycopy(f, i + 2, out, i, f.length - i - 2);
            files.put(name, out);
            return;
        }
    }

    /** The board id as a file-name part: safe characters kept, others %XX; a long id hashed. */
    static String name(String board) {
        StringBuilder b = new StringBuilder(board.length() + 8);
        for (byte x : board.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') b.append(c);
            else b.append('%').append(HexFormat.of().withUpperCase().toHexDigits(x));
        }
        if (b.length() <= MAX_NAME) return b.toString();
        try {
            return "~" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(board.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] encode(BoardSnapshot snap) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 96 * snap.ops().size());
        try (JsonGenerator g = JournalRecords.JSON.createGenerator(out)) {
            JournalRecords.writeBoard(g, snap);
        }
        return out.toByteArray();
    }
}
