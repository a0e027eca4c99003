package be.samenbord.sync;

/**
 * The edge's check of SQ-2 on a relayed session (rule CU-12): the owner's frames cross the event
 * bus, and during a partition one batch of them can be lost while the next arrives. A client that
 * then got the next {@code ack} or {@code ops} would take its seq as "seen" and reconnect past the
 * lost one, missing it for good. So the edge follows the seqs of {@code welcome}, {@code ops} and
 * {@code ack} frames and refuses a frame more than one past the last; the connection is then
 * closed for retry and the client resumes from the seq it has everything up to. Not thread-safe:
 * one connection's frames arrive on one event loop.
 */
final class RelayedSeqs {

    /** No welcome seen yet: the first seq frame of a session is its welcome. */
    private long last = -1;

    /**
     * Whether {@code frame} may go to the client: true for frames without a seq, a welcome, and a
     * seq at most one past the last; false for a gap (the frame must not be sent).
     */
    boolean admit(String frame) {
        long seq = seqOf(frame);
        if (seq < 0) return true;
        if (frame.startsWith("{\"t\":\"welcome\"") || last < 0) {
            last = seq;
            return true;
        }
        if (seq > last + 1) return false;
        last = Math.max(last, seq);
        return true;
    }

    /** The last seq admitted (-1 before the welcome). */
    long last() {
        return last;
    }

    /**
     * The seq of a {@code welcome}, {@code ops} or {@code ack} frame as {@link Frames} writes them,
     * or -1 for any other frame ({@code done} names a seq but is not part of the stream, SQ-2). The
     * fields before {@code seq} in these frames are ids and role names, which never hold
     * {@code "seq":}, so the first occurrence is the frame's own.
     */
    static long seqOf(String frame) {
        if (!(frame.startsWith("{\"t\":\"ops\"") || frame.startsWith("{\"t\":\"ack\"") || frame.startsWith("{\"t\":\"welcome\""))) {
            return -1;
        }
        int at = frame.indexOf("\"seq\":");
        if (at < 0) return -1;
        long seq = 0;
        int digits = 0;
        for (int i = at + 6; i < frame.length() && digits < 18; i++, digits++) {
            char c = frame.charAt(i);
            if (c < '0' || c > '9') break;
            seq = seq * 10 + (c - '0');
        }
        return digits == 0 ? -1 : seq;
    }
}
