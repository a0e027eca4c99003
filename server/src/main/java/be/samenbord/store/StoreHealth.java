package be.samenbord.store;

import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The healthy/failing state of one store, readable from any thread. Each change is logged once:
 * the first failure as SEVERE with its cause, the recovery as INFO with how long it took.
 */
final class StoreHealth {

    private static final Logger LOG = Logger.getLogger(StoreHealth.class.getName());

    private final String what;
    private final LongSupplier clock;
    private volatile StoreStatus status = StoreStatus.healthy(0);

    StoreHealth(String what, LongSupplier clock) {
        this.what = what;
        this.clock = clock;
    }

    StoreStatus status() {
        return status;
    }

    boolean failing() {
        return !status.healthy();
    }

    /** Enters the failing state (a no-op when already failing); returns the exception to fail writes with. */
    synchronized StoreUnavailableException fail(Throwable cause) {
        String reason = describe(cause);
        if (status.healthy()) {
            status = new StoreStatus(StoreStatus.State.FAILING, reason, clock.getAsLong(), 0);
            LOG.log(Level.SEVERE, what + " cannot write (" + reason + "); every write fails at once until it works again,"
                    + " which is retried in the background", cause);
        }
        return unavailable(cause);
    }

    /** The exception writes fail with while failing. */
    StoreUnavailableException unavailable(Throwable cause) {
        StoreStatus s = status;
        return new StoreUnavailableException(what + " cannot write right now (" + (s.reason() != null ? s.reason()
                : describe(cause)) + "); resend later", cause);
    }

    synchronized void healed() {
        StoreStatus s = status;
        if (s.healthy()) return;
        status = StoreStatus.healthy(0);
        LOG.info(what + " writes again after " + Math.max(0, clock.getAsLong() - s.since()) + " ms (it failed with: "
                + s.reason() + ")");
    }

    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) root = root.getCause();
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m != null ? ": " + m : "");
    }
}
