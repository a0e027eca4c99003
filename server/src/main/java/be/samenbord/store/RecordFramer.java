package be.samenbord.store;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
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

    /**
     * What a segment holds: the records of its good prefix, where that prefix ends and, when the
     * file goes on past it, why the rest was rejected.
     */
    record Scan<R>(List<R> records, long goodEnd, long size, String problem) {
        boolean clean() {
            return problem == null;
        }
    }

    /** Reads a segment up to its first damaged record. Only real I/O errors throw. */
    static <R> Scan<R> scan(Path file, Decoder<R> decoder) throws IOException {
        List<R> records = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) return new Scan<>(records, 0, 0, null);
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(ch), 1 << 16));
            if (size < MAGIC.length || !Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
                return new Scan<>(records, 0, size, "missing or wrong segment header");
            }
            long pos = MAGIC.length;
            while (pos < size) {
                long left = size - pos;
                if (left < HEADER) {
                    return new Scan<>(records, pos, size, "torn record header at byte " + pos);
                }
                int length = in.readInt();
                int crc = in.readInt();
                if (length < 0 || length > MAX_PAYLOAD) {
                    return new Scan<>(records, pos, size, "impossible record length " + Integer.toUnsignedString(length)
                            + " at byte " + pos);
                }
                if (length > left - HEADER) {
                    return new Scan<>(records, pos, size, "record at byte " + pos + " needs " + length
                            + " bytes but the file ends after " + (left - HEADER));
                }
                byte[] payload = in.readNBytes(length);
                if (payload.length != length) {
                    throw new IOException(file + " shrank while being read");
                }
                if (crc(payload) != crc) {
                    return new Scan<>(records, pos, size, "checksum mismatch in record at byte " + pos);
                }
                try {
                    records.add(decoder.decode(payload));
                } catch (JournalRecords.MalformedException e) {
                    return new Scan<>(records, pos, size, "unreadable record at byte " + pos + ": " + e.getMessage());
                }
                pos += HEADER + length;
            }
            return new Scan<>(records, pos, size, null);
        }
    }
}
