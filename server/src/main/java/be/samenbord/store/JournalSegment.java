package be.samenbord.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** The segment being appended to. Used by the journal's writer thread only. */
final class JournalSegment implements Closeable {

    /** Bytes checked by {@link #restoreAndProbe}: room for a few groups of records. */
    static final int PROBE_BYTES = 64 * 1024;

    private final long number;
    private final FileChannel channel;
    private final DataDir dir;
    /** End of the last synced write: everything before it is durable and whole. */
    private long syncedEnd;
    private long end;

    private JournalSegment(DataDir dir, long number, FileChannel channel, long end) {
        this.dir = dir;
        this.number = number;
        this.channel = channel;
        this.syncedEnd = end;
        this.end = end;
    }

    /**
     * Creates a fresh segment. The header and the directory entry are synced before any record
     * goes in, so a synced record can never sit in a file that recovery does not find.
     */
    static JournalSegment create(DataDir dir, long number) throws IOException {
        FileChannel ch = FileChannel.open(dir.segment(number), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            ByteBuffer magic = ByteBuffer.wrap(RecordFramer.MAGIC);
            while (magic.hasRemaining()) ch.write(magic);
            ch.force(true);
            dir.sync();
        } catch (IOException e) {
            try {
                ch.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return new JournalSegment(dir, number, ch, RecordFramer.MAGIC.length);
    }

    long number() {
        return number;
    }

    /** Where the next record goes: the byte after the last one written. */
    long end() {
        return end;
    }

    /** Writes the frames (one gathering write where the OS allows); returns the bytes written. */
    long write(List<ByteBuffer> frames) throws IOException {
        ByteBuffer[] bufs = frames.toArray(ByteBuffer[]::new);
        long total = 0;
        for (ByteBuffer b : bufs) total += b.remaining();
        dir.checkRoom(total);
        long written = 0;
        while (written < total) written += channel.write(bufs);
        end += total;
        return total;
    }

    /** Data only: the size change needed to read the data back is part of fdatasync too. */
    void force() throws IOException {
        channel.force(false);
        syncedEnd = end;
    }

    /**
     * After a failed write or sync: cuts the file back to the end of the last synced write (a
     * failed group may have left a partial record, or whole records that were never acknowledged
     * and whose seqs will be handed out again), then checks the disk takes {@link #PROBE_BYTES}
     * again by writing, syncing and cutting a block of zeros. Throws while the disk still fails.
     */
    void restoreAndProbe() throws IOException {
        channel.truncate(syncedEnd);
        channel.position(syncedEnd);
        channel.force(true);
        end = syncedEnd;
        try {
            dir.checkRoom(PROBE_BYTES);
            ByteBuffer zeros = ByteBuffer.allocate(PROBE_BYTES);
            while (zeros.hasRemaining()) channel.write(zeros);
            channel.force(false);
        } finally {
            channel.truncate(syncedEnd);
            channel.position(syncedEnd);
            channel.force(true);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
