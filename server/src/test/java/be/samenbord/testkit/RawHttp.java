package be.samenbord.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A plain TCP socket to a node on 127.0.0.1, for what no well-behaved client does: half a request,
 * nothing at all, a WebSocket handshake offering extensions, hand-made (e.g. compressed) frames.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Random maskRandom = new Random(7);

    public RawHttp(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(20_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RawHttp write(String text) {
        return write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The handshake's answer head (status line and headers), after a WebSocket upgrade request. */
    public String upgrade(String extensions) {
        write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n");
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) throw new IOException("closed during the handshake: " + head);
                head.write(b);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One client frame (masked, as RFC 6455 requires): {@code firstByte} holds FIN, RSV and the opcode. */
    public RawHttp frame(int firstByte, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write(firstByte);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xff);
        } else {
            f.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) f.write((int) ((long) payload.length >>> shift) & 0xff);
        }
        byte[] mask = new byte[4];
        maskRandom.nextBytes(mask);
        f.writeBytes(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        f.writeBytes(masked);
        return write(f.toByteArray());
    }

    /**
     * Reads until the server closes the connection; returns the milliseconds that took, or -1 if
     * it was still open after {@code timeoutMs}. What arrived is kept in {@link #received()}.
     */
    public long awaitClosedMs(long timeoutMs) {
        long t0 = System.nanoTime();
        byte[] buf = new byte[8192];
        try {
            socket.setSoTimeout((int) Math.max(1, timeoutMs));
            while (true) {
                int n = in.read(buf);
                if (n < 0) return (System.nanoTime() - t0) / 1_000_000;
                received.write(buf, 0, n);
                if ((System.nanoTime() - t0) / 1_000_000 > timeoutMs) return -1;
            }
        } catch (SocketTimeoutException e) {
            return -1;
        } catch (IOException e) {
            // A reset is a close too.
            return (System.nanoTime() - t0) / 1_000_000;
        }
    }

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    public byte[] received() {
        return received.toByteArray();
    }

    /** The close code of the first close frame among the received bytes (server frames are unmasked), or -1. */
    public int closeCode() {
        byte[] b = received();
        int i = 0;
        while (i + 2 <= b.length) {
            int opcode = b[i] & 0x0f;
            int len = b[i + 1] & 0x7f;
            int at = i + 2;
            if (len == 126) {
                len = ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
                at += 2;
            } else if (len == 127) {
                long l = 0;
                for (int k = 0; k < 8; k++) l = (l << 8) | (b[at + k] & 0xff);
                len = (int) l;
                at += 8;
            }
            if (opcode == 8) return len >= 2 && at + 2 <= b.length ? ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff) : -1;
            i = at + len;
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
