package be.samenbord.sync;

/** What the sync layer reports for operations (rule OB-1); implemented outside, e.g. for /metrics. */
public interface SyncMetrics {

    SyncMetrics NONE = (ops, nanos) -> {
    };

    /** A client batch of {@code ops} ops was acknowledged {@code nanos} after the board received it. */
    void acked(int ops, long nanos);

    /** A hello was answered with a redirect to the board's owner (rule RT-1). */
    default void redirected() {
    }
}
