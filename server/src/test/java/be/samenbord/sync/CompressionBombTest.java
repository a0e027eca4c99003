package be.samenbord.sync;

import be.samenbord.testkit.RawHttp;
import be.samenbord.testkit.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding "compression bomb" (issue 12 item 5), rule LI-1: permessage-deflate let a 300 KB
 * message inflate to 300 MB on the heap before the 1 MiB message limit applied, with no token.
 */
class CompressionBombTest {

    static final int INFLATED_MB = 300;
    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    @DisplayName("LI-1: a client offering permessage-deflate gets no extension; a compressed bomb is cut without being inflated")
    void compressionBomb() {
        byte[] bomb = deflatedMegabytes(INFLATED_MB);
        try (RawHttp raw = new RawHttp(node.node.port())) {
            String head = raw.upgrade("permessage-deflate; client_max_window_bits");
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            assertFalse(head.toLowerCase(Locale.ROOT).contains("deflate"), "the node agreed to compression: " + head);
            long allocatedBefore = allocatedBytes();
            // FIN + RSV1 ("compressed") + text: without the extension RSV1 is a protocol error.
            long closedAfter;
            try {
                raw.frame(0x80 | 0x40 | 0x1, bomb);
                closedAfter = raw.awaitClosedMs(10_000);
            } catch (java.io.UncheckedIOException e) {
                // The node read the header, refused it and closed while the rest was still being sent.
                closedAfter = 0;
            }
            long allocatedMb = (allocatedBytes() - allocatedBefore) >> 20;
            assertTrue(closedAfter >= 0, "the connection was not closed");
            assertTrue(allocatedMb < 100, "the node allocated " + allocatedMb + " MB for a " + bomb.length + "-byte message");
        }
        assertEquals(200, node.api.get("/health", null).status());
    }

    /** Heap bytes allocated so far by every live thread of this JVM (the node runs in it). */
    private static long allocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(n -> n > 0).sum();
    }

    /** {@code mb} megabytes of 'a', raw-deflated as permessage-deflate sends them (no trailing 00 00 ff ff). */
    static byte[] deflatedMegabytes(int mb) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'a');
        byte[] buf = new byte[64 * 1024];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < mb; i++) {
            deflater.setInput(chunk);
            while (!deflater.needsInput()) out.write(buf, 0, deflater.deflate(buf, 0, buf.length, Deflater.NO_FLUSH));
        }
        int n;
        while ((n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) out.write(buf, 0, n);
        deflater.end();
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }
}
