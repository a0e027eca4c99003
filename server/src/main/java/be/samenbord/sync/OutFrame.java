package be.samenbord.sync;

import java.nio.charset.StandardCharsets;

/**
 * A frame that goes to many sockets (a fan-out, a presence broadcast): its text, and its UTF-8
 * bytes, encoded once on first use and shared by every socket it is written to, instead of once
 * per receiver (issue 18: per-receiver encoding was a cost per delivered frame).
 */
final class OutFrame {

    private final String text;
    private volatile byte[] utf8;

    private OutFrame(String text) {
        this.text = text;
    }

    static OutFrame of(String text) {
        return new OutFrame(text);
    }

    String text() {
        return text;
    }

    /** The bytes on the wire; never changed after encoding, so every writer may share them. */
    byte[] utf8() {
        byte[] b = utf8;
        if (b == null) utf8 = b = text.getBytes(StandardCharsets.UTF_8);
        return b;
    }
}
