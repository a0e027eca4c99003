package be.samenbord.indicators;

/**
 * A request the indicator rules refuse (IND-4, IND-8): an HTTP status, a stable error code and a
 * sentence that never holds a value.
 */
public final class IndicatorRefused extends RuntimeException {

    private final int status;
    private final String code;

    public IndicatorRefused(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static IndicatorRefused notFound(String what) {
        return new IndicatorRefused(404, "not_found", what);
    }

    static IndicatorRefused forbidden(String why) {
        return new IndicatorRefused(403, "forbidden", why);
    }

    /** The refusal inside {@code t} (a completion wrapper), or null. */
    public static IndicatorRefused in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) if (c instanceof IndicatorRefused r) return r;
        return null;
    }
}
