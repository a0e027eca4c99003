package be.samenbord.indicators;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The upload's path from the HTTP request to the importer (IND-4): bounded, in order, whole or failed. */
class UploadPipeTest {

    @Test
    @DisplayName("IND-4 regression (ImportBench: a year's upload queued 77 MB): past 4 MiB queued the writer is told to pause")
    void writerIsToldToPausePastHighWater() {
        UploadPipe pipe = new UploadPipe();
        byte[] chunk = new byte[9000];
        int written = 0;
        while (pipe.write(chunk)) {
            written += chunk.length;
            assertTrue(written < 5 << 20, "still told to write after " + written + " bytes with nobody reading");
        }
        assertTrue(written >= (4 << 20) - chunk.length, "paused early, after " + written);
    }

    @Test
    @DisplayName("IND-4: a writer that pauses when told and resumes when drained never queues much more than 4 MiB")
    void boundedWhileTheReaderIsSlower() throws Exception {
        UploadPipe pipe = new UploadPipe();
        Semaphore drained = new Semaphore(0);
        pipe.whenDrained(drained::release);
        AtomicLong inQueue = new AtomicLong();
        long total = 60L << 20;
        CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> {
            long max = 0;
            byte[] chunk = new byte[9000];
            for (long sent = 0; sent < total; sent += chunk.length) {
                max = Math.max(max, inQueue.addAndGet(chunk.length));
                if (!pipe.write(chunk)) {
                    try {
                        if (!drained.tryAcquire(30, TimeUnit.SECONDS)) throw new AssertionError("never resumed");
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            }
            pipe.end();
            return max;
        });
        long read = 0;
        byte[] buf = new byte[4096];
        try (InputStream in = pipe) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                read += n;
                inQueue.addAndGet(-n);
            }
        }
        long max = writer.get(60, TimeUnit.SECONDS);
        assertTrue(read >= total, "read " + read);
        assertTrue(max < (4 << 20) + 2 * 9000, "at most about 4 MiB queued, was " + max);
    }

    @Test
    @DisplayName("IND-7: an upload that breaks off fails the reader; nothing looks like a complete file")
    void abortFailsTheReader() throws IOException {
        UploadPipe pipe = new UploadPipe();
        pipe.write(new byte[]{'[', '{'});
        pipe.abort("the upload broke off");
        byte[] buf = new byte[10];
        assertEquals(2, pipe.read(buf));
        IOException e = assertThrows(IOException.class, () -> pipe.read(buf));
        assertEquals("the upload broke off", e.getMessage());
        pipe.close();
        assertTrue(pipe.write(new byte[5]), "after the reader is gone, writes are dropped, never paused");
    }
}
