package be.samenbord.sync;

/** A refusal sent to the client as an {@code error} frame (rule ER-1); never a server fault. */
public final class WireError extends RuntimeException {

    public static final String BAD_MESSAGE = "bad_message";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String TOO_LARGE = "too_large";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String INVALID_OP = "invalid_op";
    public static final String UNKNOWN_BOARD = "unknown_board";
    public static final String CLOCK_SKEW = "clock_skew";
    /** Extension (rule ER-3): the node cannot store right now; resend later. */
    public static final String UNAVAILABLE = "unavailable";
    /** Extension (rule LI-11): this link or address has its maximum of connections on the board. */
    public static final String TOO_MANY_CONNECTIONS = "too_many_connections";
    /** Extension (rule GC-1): the batch has an op older than what the board has pruned; drop it and resync. */
    public static final String STALE = "stale";

    private final String code;

    public WireError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
