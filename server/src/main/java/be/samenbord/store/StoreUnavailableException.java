package be.samenbord.store;

import java.io.IOException;

/**
 * A write the store refused or could not make durable because the store cannot write right now
 * (disk full, database down, too much unpersisted backlog): nothing of it is stored, and a later
 * resend may succeed (rule ER-3, DU-5). Anything else a store fails with is not expected to heal.
 */
public final class StoreUnavailableException extends IOException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when {@code t} or one of its causes is a {@code StoreUnavailableException}. */
    public static boolean in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StoreUnavailableException) return true;
            if (c.getCause() == c) break;
        }
        return false;
    }
}
