package be.samenbord.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The framing of journal segments: a 4-byte magic {@code SBJ1}, then records of 4-byte big-endian
 * payload length, 4-byte CRC32C of the payload, payload. The checksum and the length bound let
 * recovery tell a torn or damaged tail from real records (rule DU-3).
 */
final class RecordFramer {

    static final byte[] MAGIC = "SBJ1".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = 8;
    static final int MAX_PAYLOAD = 16 << 20;

    private RecordFramer() {
    }

    /** Turns a payload into one ready-to-write frame. */
    static ByteBuffer frame(byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("record of " + payload.length + " bytes exceeds the "
                    + MAX_PAYLOAD + "-byte limit");
        }
        ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length);
        buf.putInt(payload.length).putInt(crc(payload)).put(payload).flip();
        return buf;
    }

    static int crc(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue();
    }

    /** Turns a payload into a record; a payload it cannot read counts as damage. */
    interface Decoder<R> {
        R decode(byte[] payload) throws JournalRecords.MalformedException;
    }

    /** Bytes recovery could not read in the middle of a segment, up to the next record that checks out. */
    record Damage(long from, long to, String problem, boolean mayHoldWorkshop) {
        long length() {
            return to - from;
        }
    }

    /**
     * What a segment holds: every record that checks out (length in bounds, CRC32C, readable
     * payload), the damaged stretches between them ({@code damage}, each ending where the next
     * good record starts), and where the good data ends: bytes after {@code goodEnd} hold no
     * record that checks out ({@code tailProblem} says why; null when the file ends cleanly).
     */
    record Scan<R>(List<R> records, List<Long> offsets, List<Damage> damage, long goodEnd, long size, String tailProblem,
                   boolean tailMayHoldWorkshop, int recordsAfterDamage) {
        boolean clean() {
            return tailProblem == null && damage.isEmpty();
        }
    }

    private static final byte[] WORKSHOP_MARK = "\"k\":\"w\"".getBytes(StandardCharsets.US_ASCII);

    /**
     * Reads a segment, resynchronising after damage: from a record that does not check out it
     * looks for the next byte offset where one does (rule DU-3), so one flipped byte costs one
     * record, not everything after it. Only real I/O errors throw.
     */
    static <R> Scan<R> scan(Path file, Decoder<R> decoder) throws IOException {
        List<R> records = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) return new Scan<>(records, offsets, damage, 0, 0, null, false, 0);
            if (size > Integer.MAX_VALUE) throw new IOException(file + " is larger than 2 GiB; recovery cannot read it");
            ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            int n = (int) size;
            int pos = MAGIC.length;
            String headerProblem = null;
            byte[] head = new byte[Math.min(MAGIC.length, n)];
            buf.get(0, head);
            if (!Arrays.equals(head, MAGIC)) headerProblem = "missing or wrong segment header";
            int firstDamageRecords = -1;
            if (headerProblem != null) {
                int next = findNext(buf, n, Math.min(MAGIC.length, n), decoder, records, offsets);
                if (next < 0) return new Scan<>(records, offsets, damage, 0, size, headerProblem, contains(buf, 0, n), 0);
                damage.add(new Damage(0, next, headerProblem, contains(buf, 0, next)));
                firstDamageRecords = 0;
                pos = next + frameLength(buf, next);
            }
            while (pos < n) {
                String problem = check(buf, n, pos);
                if (problem == null) {
                    try {
                        records.add(decode(buf, pos, decoder));
                        offsets.add((long) pos);
                        pos += frameLength(buf, pos);
                        continue;
                    } catch (JournalRecords.MalformedException e) {
                        problem = "unreadable record at byte " + pos + ": " + e.getMessage();
                    }
                }
                int next = findNext(buf, n, pos + 1, decoder, records, offsets);
                if (next < 0) {
                    return new Scan<>(records, offsets, damage, pos, size, problem, contains(buf, pos, n),
                            firstDamageRecords < 0 ? 0 : records.size() - firstDamageRecords);
                }
                damage.add(new Damage(pos, next, problem, contains(buf, pos, next)));
                if (firstDamageRecords < 0) firstDamageRecords = records.size() - 1;
                pos = next + frameLength(buf, next);
            }
            return new Scan<>(records, offsets, damage, pos, size, null, false,
                    firstDamageRecords < 0 ? 0 : records.size() - firstDamageRecords);
        }
    }

    /**
     * Reads the record framed at {@code offset} of {@code ch} (as {@link #scan} found it), checking
     * its length and checksum; {@code buffer} is a read-ahead window reused between calls.
     */
    static byte[] readAt(FileChannel ch, long offset, ReadAhead buffer) throws IOException, JournalRecords.MalformedException {
        ByteBuffer head = buffer.slice(ch, offset, HEADER);
        if (head == null) throw new JournalRecords.MalformedException("record at byte " + offset + " is cut off");
        int length = head.getInt(0);
        int crc = head.getInt(4);
        if (length < 0 || length > MAX_PAYLOAD) throw new JournalRecords.MalformedException("impossible record length at byte " + offset);
        ByteBuffer body = buffer.slice(ch, offset + HEADER, length);
        if (body == null) throw new JournalRecords.MalformedException("record at byte " + offset + " is cut off");
        byte[] payload = new byte[length];
        body.get(0, payload);
        if (crc(payload) != crc) throw new JournalRecords.MalformedException("checksum mismatch in record at byte " + offset);
        return payload;
    }

    /** A window of a file read ahead, so records that lie close together cost one read. */
    static final class ReadAhead {
        private static final int WINDOW = 256 * 1024;
        private ByteBuffer window = ByteBuffer.allocate(0);
        private long start = -1;

        /** {@code length} bytes at {@code offset}, or null when the file ends before. */
        ByteBuffer slice(FileChannel ch, long offset, int length) throws IOException {
            if (start < 0 || offset < start || offset + length > start + window.limit()) {
                int size = Math.max(WINDOW, length);
                if (window.capacity() < size) window = ByteBuffer.allocate(size);
                window.clear();
                while (window.hasRemaining()) {
                    if (ch.read(window, offset + window.position()) < 0) break;
                }
                window.flip();
                start = offset;
                if (window.limit() < length) return null;
            }
            return window.slice((int) (offset - start), length);
        }
    }

    /** Null when a whole frame with a matching checksum starts at {@code pos}, else why not. */
    private static String check(ByteBuffer buf, int n, int pos) {
        if (n - pos < HEADER) return "torn record header at byte " + pos;
        int length = buf.getInt(pos);
        if (length < 0 || length > MAX_PAYLOAD) {
            return "impossible record length " + Integer.toUnsignedString(length) + " at byte " + pos;
        }
        if (length > n - pos - HEADER) {
            return "record at byte " + pos + " needs " + length + " bytes but the file ends after " + (n - pos - HEADER);
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.slice(pos + HEADER, length));
        if ((int) crc.getValue() != buf.getInt(pos + 4)) return "checksum mismatch in record at byte " + pos;
        return null;
    }

    private static int frameLength(ByteBuffer buf, int pos) {
        return HEADER + buf.getInt(pos);
    }

    private static <R> R decode(ByteBuffer buf, int pos, Decoder<R> decoder) throws JournalRecords.MalformedException {
        byte[] payload = new byte[buf.getInt(pos)];
        buf.get(pos + HEADER, payload);
        return decoder.decode(payload);
    }

    /** The first offset from {@code from} where a good record starts (added to {@code records}), or -1. */
    private static <R> int findNext(ByteBuffer buf, int n, int from, Decoder<R> decoder, List<R> records, List<Long> offsets) {
        for (int q = from; q + HEADER <= n; q++) {
            // Cheap first: a JSON payload's length has a zero top byte, JSON text never does.
            int length = buf.getInt(q);
            if (length < 2 || length > MAX_PAYLOAD || length > n - q - HEADER) continue;
            if (check(buf, n, q) != null) continue;
            try {
                records.add(decode(buf, q, decoder));
                offsets.add((long) q);
                return q;
            } catch (JournalRecords.MalformedException e) {
                // a checksum match on garbage that is not a record: keep looking
            }
        }
        return -1;
    }

    /** Whether damaged bytes look like they held a workshop record. */
    private static boolean contains(ByteBuffer buf, int from, int to) {
        outer:
        for (int i = from; i + WORKSHOP_MARK.length <= to; i++) {
            for (int j = 0; j < WORKSHOP_MARK.length; j++) {
                if (buf.get(i + j) != WORKSHOP_MARK[j]) continue outer;
            }
            return true;
        }
        return false;
    }
}
