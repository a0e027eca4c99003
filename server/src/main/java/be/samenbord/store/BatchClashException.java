package be.samenbord.store;

import java.io.IOException;

/**
 * A batch whose (board, seq) the store already holds with different content (rule DU-8): it was
 * not stored. Two writers handed out the same seq; this never heals by retrying, so it is not a
 * {@link StoreUnavailableException}.
 */
public final class BatchClashException extends IOException {

    public BatchClashException(String message) {
        super(message);
    }
}
