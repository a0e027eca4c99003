package be.samenbord.workshop;

/**
 * A facilitation action or a batch refused by the board's facilitation rules. {@code code} is a
 * wire error code (PROTOCOL ER-2): {@code forbidden}, {@code bad_message}, {@code invalid_op}, {@code too_large}.
 */
public final class ControlRefused extends RuntimeException {

    public static final String FORBIDDEN = "forbidden";
    public static final String BAD_MESSAGE = "bad_message";
    public static final String INVALID_OP = "invalid_op";
    /** A cap of the node reached (rules LI-10, LI-13), e.g. the boards of a workshop. */
    public static final String TOO_LARGE = "too_large";

    private final String code;

    public ControlRefused(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The refusal a failed future carries, under any CompletionException wrappers; null if none. */
    public static ControlRefused in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ControlRefused r) return r;
        }
        return null;
    }

    public String code() {
        return code;
    }

    public static ControlRefused bad(String message) {
        return new ControlRefused(BAD_MESSAGE, message);
    }
}
