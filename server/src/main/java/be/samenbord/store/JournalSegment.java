package be.samenbord.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** The segment being appended to. Used by the journal's writer thread only. */
final class JournalSegment implements Closeable {

    private final long number;
    private final FileChannel channel;

    private JournalSegment(long number, FileChannel channel) {
        this.number = number;
        this.channel = channel;
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
        return new JournalSegment(number, ch);
    }

    long number() {
        return number;
    }

    /** Writes the frames (one gathering write where the OS allows); returns the bytes written. */
    long write(List<ByteBuffer> frames) throws IOException {
        ByteBuffer[] bufs = frames.toArray(ByteBuffer[]::new);
        long total = 0;
        for (ByteBuffer b : bufs) total += b.remaining();
        long written = 0;
        while (written < total) written += channel.write(bufs);
        return total;
    }

    /** Data only: the size change needed to read the data back is part of fdatasync too. */
    void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
