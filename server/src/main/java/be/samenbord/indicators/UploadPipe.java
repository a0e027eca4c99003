package be.samenbord.indicators;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of an upload on their way from the HTTP request (an event loop writes chunks as they
 * arrive) to the importer (a worker reads them as a stream), with back-pressure: past
 * {@link #HIGH} queued bytes the writer is told to pause the request, and is resumed once the
 * reader has brought it under {@link #LOW}. So an upload of any size holds at most a few MiB here,
 * and the importer reads as fast as it parses.
 */
public final class UploadPipe extends InputStream {

    static final long HIGH = 4L << 20;
    static final long LOW = 1L << 20;
    private static final byte[] END = new byte[0];
    private static final long STALL_MINUTES = 5;

    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean paused = new AtomicBoolean();
    private volatile boolean readerGone;
    private volatile String aborted;
    private volatile Runnable onDrained = () -> {
    };
    private byte[] current;
    private int pos;

    // ---- the writer (the HTTP request) ---------------------------------------------------------

    /** Queues a chunk; false means: pause the request until the drain callback runs. */
    public boolean write(byte[] chunk) {
        if (readerGone || chunk.length == 0) return true;
        chunks.add(chunk);
        if (queued.addAndGet(chunk.length) < HIGH) return true;
        paused.set(true);
        // Pause, unless the reader drained meanwhile, before it could see the flag: then this
        // writer takes the flag back itself and goes on (else nobody would resume it).
        return queued.get() <= LOW && paused.compareAndSet(true, false);
    }

    public void whenDrained(Runnable r) {
        this.onDrained = r;
    }

    public void end() {
        chunks.add(END);
    }

    /** The upload broke off (client gone, too large): the reader fails, nothing is stored. */
    public void abort(String why) {
        aborted = why;
        chunks.add(END);
    }

    // ---- the reader (the importer) -------------------------------------------------------------

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (current == null || pos == current.length) {
            if (current == END) return finished();
            byte[] next;
            try {
                next = chunks.poll(STALL_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("the import was stopped");
            }
            if (next == null) throw new IOException("the upload stalled for " + STALL_MINUTES + " minutes");
            current = next;
            pos = 0;
            if (next == END) return finished();
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        drained(n);
        return n;
    }

    private int finished() throws IOException {
        if (aborted != null) throw new IOException(aborted);
        return -1;
    }

    private void drained(int n) {
        if (queued.addAndGet(-n) <= LOW && paused.compareAndSet(true, false)) onDrained.run();
    }

    /** The reader is done (finished or failed): later chunks are dropped, a paused writer resumes. */
    @Override
    public void close() {
        readerGone = true;
        chunks.clear();
        queued.set(0);
        if (paused.compareAndSet(true, false)) onDrained.run();
    }
}
